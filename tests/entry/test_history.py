"""Every change is kept in the history, shown to staff only."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from indicators.models import YearResult
from tests.accounts import indicator_post, indicator_url, login

pytestmark = pytest.mark.django_db


def test_every_change_is_kept_in_the_history(client, editor, reviewer, louez_solidaire):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="74"),
    )
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="76", result_revision="1"),
    )
    result = YearResult.objects.get(indicator=louez_solidaire, year=2023)
    records = list(result.history.order_by("history_date"))
    assert [(r.value, r.history_user) for r in records] == [(D(74), editor), (D(76), editor)]


def test_measure_page_lists_the_history_for_staff_only(client, editor, louez_solidaire):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="74"),
    )
    html = client.get(reverse("indicators:measure", args=[1])).content.decode()
    assert "Historique des modifications" in html
    assert "agent" in html
    client.logout()
    html = client.get(reverse("indicators:measure", args=[1])).content.decode()
    assert "Historique des modifications" not in html
