"""What the entry page shows, and how many queries it takes."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.accounts import PASSWORD, login
from tests.helpers import grow_plan

pytestmark = pytest.mark.django_db


def test_entry_page_highlights_what_is_missing(client, editor, louez_solidaire):
    login(client, editor)
    html = client.get(reverse("entry:measure", args=[1]), {"annee": "2023"}).content.decode()
    assert "Saisie 2023" in html
    assert "à remplir" in html
    assert re.search(r"\d+ éléments restent à remplir", html)


def test_entry_page_query_count_does_not_grow(client, seed_plan, django_assert_num_queries):
    admin = get_user_model().objects.create_superuser("chef-saisie", password=PASSWORD)
    login(client, admin)
    url = reverse("entry:measure", args=[1])
    client.get(url, {"annee": "2022"})
    # Session and user, rows with their plan, indicators (3), milestones (2), texts and
    # commitments with their reporting year, every internal thread of the page (1), the
    # plan's axes for the navigation, the funding sources and their amounts of the year
    # (2: measure 1 has two sources), every pièce justificative of the page's entries (1):
    # 14; a year not yet opened asks for it: 15.
    with django_assert_num_queries(14):
        client.get(url, {"annee": "2022"})
    with django_assert_num_queries(15):
        client.get(url, {"annee": "2023"})
    grow_plan(extra_measures=3, years=range(2021, 2027))
    with django_assert_num_queries(14):
        client.get(url, {"annee": "2022"})
