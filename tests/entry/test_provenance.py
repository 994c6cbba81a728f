"""An agent enters a figure as the source states it: a bound (« plus de 20 »), a derived
target with its derivation, and where the figure comes from; the validator sees all of it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.workflow import EntryStatus
from indicators.models import Indicator, YearResult, YearTarget
from tests.accounts import indicator_post, indicator_url, login
from tests.entry.test_unchanged import as_shown, page_form, written_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def conventions(seed_plan):
    """Measure 2: its 2023 target (40) is derived from the report, not stated by it."""
    return Indicator.objects.get(label__startswith="Logements prévus par les conventions")


def test_a_result_is_entered_with_its_bound_and_provenance_and_the_queue_shows_them(
    client, editor, reviewer, louez_solidaire
):
    login(client, editor)
    response = client.post(
        indicator_url(louez_solidaire, 2022),
        indicator_post(
            louez_solidaire,
            2022,
            result_value="80",
            result_bound="more_than",
            result_source="Tableau de bord Louez solidaire (fictif)",
            result_source_location="Onglet « Captations », ligne 2022",
            result_producer="Direction du logement et de l'habitat",
        ),
    )
    assert response.status_code == 302
    draft = YearResult.objects.get(indicator=louez_solidaire, year=2022, status="draft")
    assert (draft.value, draft.bound) == (Decimal(80), "more_than")
    assert draft.producer == "Direction du logement et de l'habitat"
    assert draft.source_location == "Onglet « Captations », ligne 2022"

    draft.status = EntryStatus.SUBMITTED
    draft.save()
    login(client, reviewer)
    html = client.get(reverse("entry:review")).content.decode()
    assert "plus de 80\u00a0logements" in html
    assert "Direction du logement et de l&#x27;habitat" in html
    assert "Onglet « Captations », ligne 2022" in html


def test_the_form_shows_a_published_target_s_derivation_and_an_unchanged_save_writes_nothing(
    client, editor, conventions
):
    login(client, editor)
    anchor = f"indicateur-{conventions.pk}-2023"
    form = page_form(client, 2, 2022, anchor)
    published = YearTarget.objects.get(indicator=conventions, year=2023)
    assert published.derivation.startswith("33 logements prévus")
    assert form["target_derivation"].value() == published.derivation
    assert form["target_source"].value() == published.source
    before = written_rows()
    client.post(indicator_url(conventions, 2023), as_shown(form))
    assert written_rows() == before


def test_correcting_only_a_target_s_derivation_is_a_change_to_review(client, editor, conventions):
    login(client, editor)
    anchor = f"indicateur-{conventions.pk}-2023"
    data = as_shown(page_form(client, 2, 2022, anchor))
    data[f"ind-{conventions.pk}-2023-target_derivation"] = "33 conventionnés + 7 restants"
    response = client.post(indicator_url(conventions, 2023), data)
    assert response.status_code == 302
    draft = YearTarget.objects.get(indicator=conventions, year=2023, status="draft")
    assert (draft.value, draft.derivation) == (Decimal(40), "33 conventionnés + 7 restants")
    assert draft.change_reason == ""  # the figure itself did not change


def test_a_target_entered_as_stated_is_not_derived(client, editor, louez_solidaire):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, target_value="76", change_reason="correction"),
    )
    draft = YearTarget.objects.get(indicator=louez_solidaire, year=2023, status="draft")
    assert (draft.value, draft.derivation) == (Decimal(76), "")
