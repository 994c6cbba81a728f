"""Saving drafts of indicators, milestones and bilan texts; no lost update."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from indicators import roles
from indicators.models import Milestone, MilestoneYearStatus, YearResult
from measures.models import BilanEntry, ReportingYear, ReportRow
from tests.accounts import indicator_post, indicator_url, login, make_user
from tests.entry.actions import text_post

pytestmark = pytest.mark.django_db


def test_valid_result_is_saved_as_a_draft_and_hidden_from_the_public(
    client, editor, louez_solidaire
):
    login(client, editor)
    response = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(
            louez_solidaire, 2023, result_value="1 076", result_source="DLH", target_value="75"
        ),
    )
    assert response.status_code == 302
    result = YearResult.objects.get(indicator=louez_solidaire, year=2023)
    assert (result.value, result.status, result.entered_by) == (D(1076), "draft", editor)
    client.logout()
    html = client.get(reverse("indicators:axis", args=[1]), {"annee": "2023"}).content.decode()
    assert "1\u00a0076" not in html


# --- No lost update ---------------------------------------------------------------------------


def test_second_save_from_a_stale_page_is_refused_with_the_other_value(
    client, editor, louez_solidaire
):
    second = make_user("agent-bis", roles.EDITORS, measures=[1])
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="74"),
    )
    # The second editor loaded the page before that save: no open entry, no revision.
    login(client, second)
    response = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="80"),
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert (
        "Quelqu&#x27;un d&#x27;autre (agent) a enregistré entre-temps\xa0: 74\u00a0logements"
        in html
    )
    assert 'value="80"' in html  # what they typed is still there
    assert YearResult.objects.get(year=2023, indicator=louez_solidaire).value == D(74)


def test_save_with_an_old_revision_is_refused(client, editor, louez_solidaire):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="74"),
    )
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="76", result_revision="1"),
    )
    assert YearResult.objects.get(year=2023, indicator=louez_solidaire).revision == 2
    response = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="99", result_revision="1"),
    )
    assert response.status_code == 409
    assert YearResult.objects.get(year=2023, indicator=louez_solidaire).value == D(76)


# --- Milestones and texts ---------------------------------------------------------------------


def test_milestone_status_is_entered_as_a_draft(client, editor, seed_plan):
    milestone = Milestone.objects.filter(report_row__measure__number=2).first()
    login(client, editor)
    url = reverse("entry:milestone_year", args=[milestone.pk, 2023])
    prefix = f"jalon-{milestone.pk}-2023-"
    response = client.post(url, {prefix + "progress": "in_progress", prefix + "note": "2 signées"})
    assert response.status_code == 302
    draft = MilestoneYearStatus.objects.get(milestone=milestone, year=2023, status="draft")
    assert draft.progress == "in_progress"


def test_unknown_milestone_status_is_refused(client, editor, seed_plan):
    milestone = Milestone.objects.filter(report_row__measure__number=2).first()
    login(client, editor)
    url = reverse("entry:milestone_year", args=[milestone.pk, 2023])
    response = client.post(url, {f"jalon-{milestone.pk}-2023-progress": "peut-etre"})
    assert response.status_code == 400
    assert not MilestoneYearStatus.objects.filter(milestone=milestone, status="draft").exists()


def test_bilan_text_preview_renders_without_saving(client, editor, seed_plan):
    row = ReportRow.objects.get(measure__number=1)
    login(client, editor)
    url = reverse("entry:bilan_text", args=[row.pk, 2022])
    response = client.post(
        url,
        {
            **text_post(row, 2022, bilan_text="**73** logements", action_plan_text=""),
            "preview": "1",
        },
    )
    assert response.status_code == 200
    assert "<strong>73</strong> logements" in response.content.decode()
    assert not BilanEntry.objects.filter(status="draft").exists()


def test_bilan_text_with_html_is_refused(client, editor, seed_plan):
    row = ReportRow.objects.get(measure__number=1)
    login(client, editor)
    url = reverse("entry:bilan_text", args=[row.pk, 2022])
    response = client.post(url, text_post(row, 2022, bilan_text="<script>alert(1)</script>"))
    assert response.status_code == 400
    assert "Le HTML n&#x27;est pas accepté" in response.content.decode()
    assert "<script>alert(1)" not in response.content.decode()
    assert not BilanEntry.objects.filter(status="draft").exists()


def test_bilan_text_for_a_year_not_opened_is_refused(client, editor, seed_plan):
    row = ReportRow.objects.get(measure__number=1)
    login(client, editor)
    url = reverse("entry:bilan_text", args=[row.pk, 2024])
    response = client.post(url, text_post(row, 2024, bilan_text="Fait"))
    assert response.status_code == 404
    assert not ReportingYear.objects.filter(year=2024).exists()


def test_bilan_text_saved_as_draft(client, editor, seed_plan):
    row = ReportRow.objects.get(measure__number=1)
    login(client, editor)
    url = reverse("entry:bilan_text", args=[row.pk, 2022])
    response = client.post(url, text_post(row, 2022, bilan_text="Nouveau **bilan**"))
    assert response.status_code == 302
    draft = BilanEntry.objects.get(report_row=row, status="draft")
    assert draft.bilan_text == "Nouveau **bilan**"
