"""Frozen editions of the bilan, the next year's cycle and its commitments."""

from io import BytesIO

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from docx import Document

from core.workflow import EntryStatus
from indicators import roles
from indicators.bilan.editions import open_reporting_year, publish_edition
from indicators.models import BilanEdition, BilanEditionFile, EditionError
from measures.models import (
    BilanEntry,
    Commitment,
    CommitmentMark,
    Plan,
    ReportingYear,
    ReportRow,
)
from tests.accounts import login, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(seed_plan):
    return make_user("chef", roles.ADMINISTRATORS)


def correct_published_text(row_number: int, text: str) -> None:
    """A published correction of a row's bilan text, as the workflow would leave it."""
    row = ReportRow.objects.get(measure__number=row_number, letter="")
    current = BilanEntry.objects.get(report_row=row, status=EntryStatus.PUBLISHED)
    current.status = EntryStatus.SUPERSEDED
    current.save()
    BilanEntry.objects.create(
        reporting_year=current.reporting_year,
        report_row=row,
        bilan_text=text,
        action_plan_text=current.action_plan_text,
        status=EntryStatus.PUBLISHED,
    )


def test_publishing_freezes_the_table_figures_and_every_file(seed_plan):
    edition = publish_edition(2022)
    assert edition.number == 1
    assert sorted(edition.files.values_list("format", flat=True)) == sorted(
        ["csv", "docx", "json", "ods", "pdf", "xlsx"]
    )
    assert edition.snapshot["annee"] == 2022
    assert "captation de 73 nouveaux logements" in edition.table_html
    assert ReportingYear.objects.get(year=2022).published_on is not None


def test_publishing_twice_without_change_is_refused(seed_plan):
    publish_edition(2022)
    with pytest.raises(EditionError, match="Rien n'a changé"):
        publish_edition(2022)
    assert BilanEdition.objects.count() == 1


def test_a_correction_makes_a_new_edition_and_keeps_the_old_one(seed_plan):
    first = publish_edition(2022)
    correct_published_text(1, "La **captation de 74 nouveaux logements** (corrigé)")
    second = publish_edition(2022, note="Chiffre Louez solidaire corrigé")
    assert (first.number, second.number) == (1, 2)
    old_docx = Document(BytesIO(bytes(first.files.get(format="docx").content)))
    new_docx = Document(BytesIO(bytes(second.files.get(format="docx").content)))
    old_text = "\n".join(
        cell.text for table in old_docx.tables for row in table.rows for cell in row.cells
    )
    new_text = "\n".join(
        cell.text for table in new_docx.tables for row in table.rows for cell in row.cells
    )
    assert "73 nouveaux logements" in old_text
    assert "74 nouveaux logements" in new_text


def test_editions_cannot_be_changed_or_deleted(seed_plan):
    edition = publish_edition(2022)
    edition.note = "réécrite"
    with pytest.raises(EditionError):
        edition.save()
    with pytest.raises(EditionError):
        edition.delete()
    stored = BilanEditionFile.objects.filter(edition=edition).first()
    with pytest.raises(EditionError):
        stored.save()


def test_page_and_exports_of_a_published_year_serve_the_edition(client, seed_plan, admin_user):
    publish_edition(2022)
    # A later published change does not alter what the edition shows until republished.
    correct_published_text(1, "Texte **modifié** après publication")
    html = client.get(reverse("indicators:bilan", args=[2022])).content.decode()
    assert "Édition n° 1 publiée le" in html
    assert "captation de 73 nouveaux logements" in html
    assert "modifié</strong> après publication" not in html
    login(client, admin_user)
    response = client.get(reverse("indicators:bilan_export", args=[2022, "json"]))
    assert "73 nouveaux logements" in response.content.decode()
    assert "modifié après publication" not in response.content.decode()


def test_earlier_editions_stay_downloadable_by_everyone(client, seed_plan):
    publish_edition(2022)
    correct_published_text(1, "Deuxième version")
    publish_edition(2022)
    for number in (1, 2):
        response = client.get(reverse("indicators:bilan_edition_file", args=[2022, number, "xlsx"]))
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith('bilan-2022-perspectives-2023.xlsx"')
    missing = client.get(reverse("indicators:bilan_edition_file", args=[2022, 3, "xlsx"]))
    assert missing.status_code == 404


def test_publish_view_needs_the_permission(client, seed_plan):
    url = reverse("indicators:bilan_publish", args=[2022])
    assert client.post(url).status_code == 302  # to the login page
    login(client, make_user("lecteur", roles.PARTNERS))
    assert client.post(url).status_code == 403
    assert not BilanEdition.objects.exists()


def test_admin_publishes_from_the_page_and_twice_is_refused_with_a_message(client, admin_user):
    login(client, admin_user)
    url = reverse("indicators:bilan_publish", args=[2022])
    client.post(url)
    response = client.post(url, follow=True)
    assert BilanEdition.objects.count() == 1
    assert "Rien n&#x27;a changé depuis l&#x27;édition n° 1" in response.content.decode()


def test_opening_the_next_year_turns_the_action_plan_into_commitments(seed_plan):
    plan = Plan.objects.get()
    opened = open_reporting_year(plan, 2023)
    assert opened.title == "Bilan 2023 & perspectives 2024"
    commitments = Commitment.objects.filter(reporting_year=opened)
    # One per paragraph of each row's plan d'action 2023 (rows 5 and 12 have several).
    expected = sum(
        len([p for p in entry.action_plan_text.split("\n\n") if p.strip()])
        for entry in BilanEntry.objects.published()
    )
    assert commitments.count() == expected
    first = commitments.get(report_row__measure__number=1)
    assert first.text.startswith("**Capter 75 logements Louez solidaire")
    assert not first.marks.exists()  # to be marked: no outcome until an agent enters one


def test_opening_a_year_twice_is_refused(seed_plan):
    plan = Plan.objects.get()
    open_reporting_year(plan, 2023)
    with pytest.raises(EditionError, match="déjà ouverte"):
        open_reporting_year(plan, 2023)
    assert ReportingYear.objects.filter(year=2023).count() == 1


def test_opening_a_year_outside_the_plan_is_refused(seed_plan):
    with pytest.raises(EditionError, match="hors de la période"):
        open_reporting_year(Plan.objects.get(), 2031)


def test_open_view_needs_the_permission_and_refuses_twice(client, seed_plan, admin_user):
    url = reverse("indicators:bilan_open", args=[2023])
    login(client, make_user("agent-x", roles.EDITORS, measures=[1]))
    assert client.post(url).status_code == 403
    login(client, admin_user)
    assert client.post(url).status_code == 302
    response = client.post(url, follow=True)
    assert "déjà ouverte" in response.content.decode()


def test_editor_marks_a_commitment_on_the_entry_page(client, seed_plan):
    open_reporting_year(Plan.objects.get(), 2023)
    editor = make_user("agent", roles.EDITORS, measures=[1])
    login(client, editor)
    page = client.get(reverse("entry:measure", args=[1]), {"annee": "2023"}).content.decode()
    commitment = Commitment.objects.get(report_row__measure__number=1)
    assert f'id="engagement-{commitment.pk}"' in page
    assert "Capter 75 logements Louez solidaire" in page
    prefix = f"engagement-{commitment.pk}-"
    url = reverse("entry:commitment", args=[commitment.pk])
    response = client.post(
        url, {prefix + "outcome": "partly_done", prefix + "comment": "70 sur 75"}, follow=True
    )
    assert response.redirect_chain[-1][0].endswith(f"#engagement-{commitment.pk}-message")
    mark = CommitmentMark.objects.get(commitment=commitment)
    assert (mark.outcome, mark.comment, mark.status, mark.revision, mark.entered_by) == (
        "partly_done",
        "70 sur 75",
        EntryStatus.DRAFT,
        1,
        editor,
    )
    # The mark's state and its « Soumettre », like every slot of the page.
    html = response.content.decode()
    assert reverse("entry:submit", args=["engagement", mark.pk]) in html
    assert 'Engagement : <span class="badge entry-draft">brouillon</span>' in html
    # Someone saved since this form was read (no revision): shown, not overwritten.
    stale = client.post(url, {prefix + "outcome": "done", prefix + "revision": ""})
    assert stale.status_code == 409
    assert "réalisé" in stale.content.decode()
    mark.refresh_from_db()
    assert (mark.outcome, mark.revision) == ("partly_done", 1)
    client.post(url, {prefix + "outcome": "done", prefix + "revision": "1"})
    mark.refresh_from_db()
    assert (mark.outcome, mark.comment, mark.revision) == ("done", "", 2)
    assert CommitmentMark.history.filter(id=mark.pk).count() == 2


def test_commitment_of_another_measure_is_refused(client, seed_plan):
    open_reporting_year(Plan.objects.get(), 2023)
    login(client, make_user("agent", roles.EDITORS, measures=[5]))
    commitment = Commitment.objects.get(report_row__measure__number=1)
    prefix = f"engagement-{commitment.pk}-"
    response = client.post(
        reverse("entry:commitment", args=[commitment.pk]),
        {prefix + "outcome": "done", prefix + "revision": "1"},
    )
    assert response.status_code == 403
    assert not CommitmentMark.objects.exists()


def test_roles_group_exists_for_administrators(seed_plan):
    assert (
        Group.objects.get(name=roles.ADMINISTRATORS)
        .permissions.filter(codename="manage_reporting_years")
        .exists()
    )


def test_an_edition_published_in_english_is_still_the_french_report(seed_plan):
    from django.utils import translation

    with translation.override("en"):
        edition = publish_edition(2022)
    assert "Ambition de la Ville 2021-2026" in edition.table_html
