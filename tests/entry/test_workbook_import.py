"""Importing a filled collection workbook (#14): sent from the entry page, read back with
the entry forms' rules, previewed row by row (old → new, unchanged, refused with sheet, row
and column, conflicts), then written as drafts in one transaction once confirmed.

The seed holds the published 2022 bilan; every value typed in the workbooks below is made
up (fictif).
"""

import io
import re

import pytest
from django.urls import reverse

from core import entries
from core.entries import EntryConflict, save_entry
from core.workflow import EntryStatus
from indicators import roles
from indicators.models import (
    ImportState,
    Milestone,
    MilestoneYearStatus,
    YearResult,
    YearTarget,
)
from measures.models import BilanEntry
from tests.accounts import indicator_post, indicator_url, login, make_user
from tests.entry.workbooks import confirm, download, plain, preview_of, send, set_cell

pytestmark = pytest.mark.django_db


def test_a_changed_result_is_previewed_then_imported_as_a_draft_and_a_second_import_changes_nothing(
    client, editor, louez_solidaire
):
    login(client, editor)
    book = download(client)
    set_cell(book, "Indicateurs", louez_solidaire.pk, "Résultat 2022", "74")  # fictif
    set_cell(book, "Indicateurs", louez_solidaire.pk, "Commentaire", "Chiffre fictif (test)")
    page, workbook_import = preview_of(client, send(client, book))

    text = plain(page.content.decode())
    assert "1 ligne à importer" in text
    assert "<del>73 logements</del> → <ins>74 logements</ins>" in text
    assert "Rien n'est encore enregistré." in text
    # Nothing is written by the preview.
    assert not YearResult.objects.filter(indicator=louez_solidaire, status=EntryStatus.DRAFT)
    assert workbook_import.state == ImportState.PREVIEWED
    assert workbook_import.file_name == "collecte-2022-mesure-1.xlsx"
    assert len(workbook_import.sha256) == 64

    response = confirm(client, workbook_import)
    assert response.status_code == 302
    assert response["Location"] == reverse("entry:measure", args=[1]) + "?annee=2022"
    draft = YearResult.objects.get(indicator=louez_solidaire, year=2022, status=EntryStatus.DRAFT)
    assert (draft.value, draft.comment, draft.entered_by) == (74, "Chiffre fictif (test)", editor)
    # The published value stays what readers see until the draft is validated.
    assert (
        YearResult.objects.get(
            indicator=louez_solidaire, year=2022, status=EntryStatus.PUBLISHED
        ).value
        == 73
    )
    assert draft.history.latest().history_change_reason == (
        "importé depuis collecte-2022-mesure-1.xlsx"
    )
    workbook_import.refresh_from_db()
    assert (workbook_import.state, workbook_import.changed) == (ImportState.IMPORTED, 1)
    assert workbook_import.imported_at is not None

    # The same file again: its row equals what is stored now, whatever revision it carries.
    page, second = preview_of(client, send(client, book))
    text = plain(page.content.decode())
    assert re.search(r"\b0 lignes? à importer", text)
    assert "il n'y a rien à importer" in text
    assert confirm(client, second).status_code == 409
    assert YearResult.objects.filter(indicator=louez_solidaire, year=2022).count() == 2


def test_the_history_says_the_value_came_from_the_file(client, editor, louez_solidaire):
    login(client, editor)
    book = download(client)
    set_cell(book, "Indicateurs", louez_solidaire.pk, "Résultat 2022", 75)  # fictif
    _page, workbook_import = preview_of(client, send(client, book, name="mesure 1.xlsx"))
    confirm(client, workbook_import)
    page = client.get(reverse("indicators:measure", args=[1]))
    assert "importé depuis mesure 1.xlsx" in page.content.decode()


def test_a_cell_that_is_not_a_number_is_refused_with_its_sheet_row_and_column(
    client, editor, louez_solidaire
):
    login(client, editor)
    book = download(client)
    set_cell(book, "Indicateurs", louez_solidaire.pk, "Résultat 2022", "7O")
    page, workbook_import = preview_of(client, send(client, book))
    text = plain(page.content.decode())
    assert "Feuille Indicateurs, ligne " in text
    assert "colonne Résultat 2022 : « 7O » n'est pas un nombre." in text
    assert "Importer" not in text.split("Envoyer un autre classeur")[0].split("</table>")[-1]
    assert confirm(client, workbook_import).status_code == 409
    assert not YearResult.objects.filter(indicator=louez_solidaire, status=EntryStatus.DRAFT)


def test_the_forms_rules_apply_a_count_of_logements_is_whole(client, editor, louez_solidaire):
    login(client, editor)
    book = download(client)
    set_cell(book, "Indicateurs", louez_solidaire.pk, "Résultat 2022", "74,5")
    page, _import = preview_of(client, send(client, book))
    assert "colonne Résultat 2022 : Saisissez un nombre entier de logements." in plain(
        page.content.decode()
    )


def test_french_typing_is_read_spaces_euros_and_dates(client, editor, state_funding):
    login(client, editor)
    book = download(client)
    set_cell(book, "Indicateurs", state_funding.pk, "Résultat 2022", "366\u00a0000 €")  # fictif
    set_cell(book, "Indicateurs", state_funding.pk, "Valeur au", " 31/12/2022 ")
    _page, workbook_import = preview_of(client, send(client, book))
    confirm(client, workbook_import)
    draft = YearResult.objects.get(indicator=state_funding, year=2022, status=EntryStatus.DRAFT)
    assert (draft.value, draft.as_of.isoformat()) == (366000, "2022-12-31")


def test_a_changed_target_without_its_reason_is_refused_like_in_the_form(
    client, editor, louez_solidaire
):
    login(client, editor)
    book = download(client)
    set_cell(book, "Indicateurs", louez_solidaire.pk, "Objectif 2023", 80)  # fictif
    page, _import = preview_of(client, send(client, book))
    assert "colonne Motif du changement d'objectif : L'objectif publié était 75" in plain(
        page.content.decode()
    )
    set_cell(
        book,
        "Indicateurs",
        louez_solidaire.pk,
        "Motif du changement d'objectif",
        "réajustement budgétaire",
    )
    _page, workbook_import = preview_of(client, send(client, book))
    confirm(client, workbook_import)
    target = YearTarget.objects.get(indicator=louez_solidaire, year=2023, status=EntryStatus.DRAFT)
    assert (target.value, target.change_reason) == (80, "budget")


def test_rows_of_another_measure_and_unknown_identifiers_are_listed_not_dropped(
    client, editor, other_editor
):
    # Measure 5 is not the agent's: its row comes from a workbook someone else downloaded.
    login(client, other_editor)
    other_book = download(client, number=5)
    other_row = next(other_book["Indicateurs"].iter_rows(min_row=2, values_only=True))
    login(client, editor)
    book = download(client)
    ws = book["Indicateurs"]
    ws.append(list(other_row))
    ws.append([999999, "", "Inventé (fictif)"])
    page, workbook_import = preview_of(client, send(client, book))
    text = plain(page.content.decode())
    assert "cette ligne est de « Mesure 5 », que vous ne saisissez pas ici" in text
    assert "« 999999 » n'est l'identifiant d'aucune ligne de ce classeur dans le plan" in text
    assert "2 refusées ou en conflit" in text
    assert confirm(client, workbook_import).status_code == 409


def test_a_value_changed_in_the_application_since_the_download_is_a_conflict(
    client, editor, louez_solidaire
):
    login(client, editor)
    book = download(client)
    # Meanwhile the agent saves another value in the form (fictif).
    saved = client.post(
        indicator_url(louez_solidaire, 2022),
        indicator_post(louez_solidaire, 2022, result_value="76"),
    )
    assert saved.status_code == 302
    set_cell(book, "Indicateurs", louez_solidaire.pk, "Résultat 2022", 74)
    page, workbook_import = preview_of(client, send(client, book))
    text = plain(page.content.decode())
    assert "modifié dans l'application depuis le téléchargement du classeur (par agent" in text
    assert "conflit" in text
    assert confirm(client, workbook_import).status_code == 409
    assert YearResult.objects.get(indicator=louez_solidaire, status=EntryStatus.DRAFT).value == 76


def test_milestones_texts_and_commitments_are_imported_too(client, editor, commitment):
    row = commitment.report_row
    # Measure 1 has no milestone in the report: one made up for the test (fictif).
    milestone = Milestone.objects.create(
        report_row=row, title="Signer la convention (fictif)", planned_year=2022
    )
    login(client, editor)
    book = download(client)
    set_cell(book, "Jalons", milestone.pk, "Avancement 2022", "en cours")
    set_cell(book, "Textes", row.pk, "Plan d'action 2023", "Texte fictif du plan d'action.")
    set_cell(book, "Engagements", commitment.pk, "Réalisation", "réalisé")
    page, workbook_import = preview_of(client, send(client, book))
    assert "Avancement 2022 : — → en cours" in re.sub(r"<[^>]+>", "", plain(page.content.decode()))
    response = confirm(client, workbook_import)
    assert response.status_code == 302, plain(response.content.decode())[:2000]
    text = BilanEntry.objects.get(report_row=row, status=EntryStatus.DRAFT)
    assert text.action_plan_text == "Texte fictif du plan d'action."
    assert commitment.marks.get().outcome == "done"
    status = MilestoneYearStatus.objects.get(milestone=milestone, year=2022)
    assert (status.progress, status.status) == ("in_progress", EntryStatus.DRAFT)


def test_everything_or_nothing_a_refused_write_undoes_the_others(
    client, editor, louez_solidaire, state_funding, monkeypatch
):
    # A draft of the second indicator is open before the download: the file changes it
    # (one save of its own), while the first indicator's result is a first draft (saved
    # with every other first draft at once). The second save is refused, as it would be
    # if someone saved between the confirmation's checks and its writes.
    save_entry(
        YearResult,
        {"indicator": state_funding, "year": 2022},
        {"value": 365000},
        user=editor,
        expected_revision=None,
    )
    login(client, editor)
    book = download(client)
    set_cell(book, "Indicateurs", louez_solidaire.pk, "Résultat 2022", 74)  # fictif
    set_cell(book, "Indicateurs", state_funding.pk, "Résultat 2022", 366000)  # fictif
    _page, workbook_import = preview_of(client, send(client, book))

    def someone_saved_meanwhile(*args, **kwargs):
        raise EntryConflict(None)

    monkeypatch.setattr(entries, "save_entry", someone_saved_meanwhile)
    response = confirm(client, workbook_import)
    assert response.status_code == 409
    assert "Rien n'a été importé" in plain(response.content.decode())
    assert not YearResult.objects.filter(indicator=louez_solidaire, status=EntryStatus.DRAFT)
    assert not YearResult.history.filter(indicator=louez_solidaire, status=EntryStatus.DRAFT)
    assert YearResult.objects.get(indicator=state_funding, status=EntryStatus.DRAFT).value == 365000
    workbook_import.refresh_from_db()
    assert workbook_import.state == ImportState.PREVIEWED


def test_an_import_is_read_and_confirmed_by_its_sender_only(client, editor, louez_solidaire):
    login(client, editor)
    book = download(client)
    set_cell(book, "Indicateurs", louez_solidaire.pk, "Résultat 2022", 74)
    _page, workbook_import = preview_of(client, send(client, book))
    colleague = make_user("collegue", roles.EDITORS, measures=[1])
    login(client, colleague)
    assert client.get(reverse("entry:import_preview", args=[workbook_import.pk])).status_code == 404
    assert confirm(client, workbook_import).status_code == 404
    assert not YearResult.objects.filter(status=EntryStatus.DRAFT).exists()


def test_a_disguised_file_and_an_empty_form_are_refused_in_french(client, editor):
    login(client, editor)
    upload = io.BytesIO(b"%PDF-1.4 not a workbook")
    upload.name = "collecte.xlsx"
    url = reverse("entry:measure_import", args=[1]) + "?annee=2022"
    page, _import = preview_of(client, client.post(url, {"workbook": upload}))
    assert "n'est ni un classeur XLSX ou ODS ni un CSV" in plain(page.content.decode())
    refused = client.post(url, {})
    assert refused.status_code == 400
    assert "Choisissez le classeur rempli à envoyer." in plain(refused.content.decode())


def test_a_workbook_of_another_year_is_refused(client, editor):
    login(client, editor)
    book = download(client)
    _page, _import = preview_of(client, send(client, book))
    url = reverse("entry:measure_import", args=[1]) + "?annee=2023"
    content = io.BytesIO()
    book.save(content)
    upload = io.BytesIO(content.getvalue())
    upload.name = "collecte.xlsx"
    page, _import = preview_of(client, client.post(url, {"workbook": upload}))
    assert "Ce classeur est celui de 2022" in plain(page.content.decode())


def test_the_whole_plan_is_imported_by_an_administrator_only(client, editor, louez_solidaire):
    admin = make_user("admin-import", roles.ADMINISTRATORS)
    login(client, admin)
    response = client.get(reverse("entry:plan_workbook", args=["xlsx"]) + "?annee=2022")
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    set_cell(book, "Indicateurs", louez_solidaire.pk, "Résultat 2022", 74)  # fictif
    content = io.BytesIO()
    book.save(content)
    upload = io.BytesIO(content.getvalue())
    upload.name = "collecte-2022.xlsx"
    url = reverse("entry:plan_import") + "?annee=2022"
    _page, workbook_import = preview_of(client, client.post(url, {"workbook": upload}))
    assert confirm(client, workbook_import).status_code == 302
    assert YearResult.objects.get(indicator=louez_solidaire, status=EntryStatus.DRAFT).value == 74

    login(client, editor)
    upload.seek(0)
    assert client.post(url, {"workbook": upload}).status_code == 403


def test_a_submitted_value_is_not_changed_by_a_workbook(client, editor, louez_solidaire):
    login(client, editor)
    book = download(client)
    saved = client.post(
        indicator_url(louez_solidaire, 2022),
        indicator_post(louez_solidaire, 2022, result_value="76"),
    )
    assert saved.status_code == 302
    draft = YearResult.objects.get(indicator=louez_solidaire, status=EntryStatus.DRAFT)
    assert client.post(reverse("entry:submit_all", args=[1]) + "?annee=2022").status_code == 302
    # The workbook downloaded now carries the submitted value and its version.
    book = download(client)
    set_cell(book, "Indicateurs", louez_solidaire.pk, "Résultat 2022", 77)  # fictif
    page, workbook_import = preview_of(client, send(client, book))
    assert "cette saisie est « soumis à validation » : elle ne peut plus être modifiée" in plain(
        page.content.decode()
    )
    assert confirm(client, workbook_import).status_code == 409
    draft.refresh_from_db()
    assert (draft.value, draft.status) == (76, EntryStatus.SUBMITTED)
