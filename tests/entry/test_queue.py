"""The review queue: what it refuses, all-or-nothing batches, returning with a note."""

import pytest
from django.urls import reverse

from indicators.models import YearResult, YearTarget
from tests.accounts import indicator_post, indicator_url, login
from tests.entry.actions import review, submit

pytestmark = pytest.mark.django_db


def test_publishing_a_draft_that_was_never_validated_is_refused(
    client, editor, reviewer, louez_solidaire
):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="76"),
    )
    result = YearResult.objects.get(indicator=louez_solidaire, year=2023)
    login(client, reviewer)
    response = review(client, "publier", f"resultat:{result.pk}")
    assert response.status_code == 400
    assert "Rien n'a été modifié." in response.content.decode()
    result.refresh_from_db()
    assert result.status == "draft"


def test_batch_review_is_all_or_nothing(client, editor, reviewer, louez_solidaire):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="76"),
    )
    client.post(
        indicator_url(louez_solidaire, 2024, 2023),
        indicator_post(louez_solidaire, 2024, target_value="80"),
    )
    result = YearResult.objects.get(indicator=louez_solidaire, year=2023)
    target = YearTarget.objects.get(indicator=louez_solidaire, year=2024)
    submit(client, result, "resultat")  # the target stays a draft
    login(client, reviewer)
    review(client, "valider", f"resultat:{result.pk}", f"objectif:{target.pk}")
    result.refresh_from_db()
    assert result.status == "submitted"


def test_returning_needs_a_note_and_shows_it_to_the_editor(
    client, editor, reviewer, louez_solidaire
):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="76"),
    )
    result = YearResult.objects.get(indicator=louez_solidaire, year=2023)
    submit(client, result, "resultat")
    login(client, reviewer)
    review(client, "renvoyer", f"resultat:{result.pk}")
    result.refresh_from_db()
    assert result.status == "submitted"
    review(client, "renvoyer", f"resultat:{result.pk}", note="Source à préciser")
    result.refresh_from_db()
    assert (result.status, result.review_note) == ("returned", "Source à préciser")
    login(client, editor)
    html = client.get(reverse("entry:measure", args=[1]), {"annee": "2023"}).content.decode()
    assert "Motif du renvoi\xa0: Source à préciser" in html
