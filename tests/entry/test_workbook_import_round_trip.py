"""A workbook's whole way (#14): downloaded, filled, imported, submitted, validated,
published, downloaded again; in every format; and every import kept for the
administrators. Every value typed below is made up (fictif)."""

import io

import pytest
from django.urls import reverse

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import WorkbookImport, YearResult
from tests.accounts import login, make_user
from tests.entry.actions import review
from tests.entry.workbooks import confirm, download, plain, preview_of, send, set_cell

pytestmark = pytest.mark.django_db


def test_administrators_find_every_import_and_download_the_file_as_sent(
    client, editor, louez_solidaire
):
    login(client, editor)
    book = download(client)
    set_cell(book, "Indicateurs", louez_solidaire.pk, "Résultat 2022", 74)  # fictif
    _page, workbook_import = preview_of(client, send(client, book, name="mesure-1 (fictif).xlsx"))
    confirm(client, workbook_import)
    admin = make_user("admin-imports", roles.ADMINISTRATORS)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    login(client, admin)
    listing = client.get(reverse("admin:indicators_workbookimport_changelist"))
    assert "mesure-1 (fictif).xlsx" in plain(listing.content.decode())
    sent = client.get(reverse("admin:indicators_workbookimport_file", args=[workbook_import.pk]))
    assert sent.status_code == 200
    assert sent.content == bytes(WorkbookImport.objects.get().content)
    assert sent.content[:2] == b"PK"  # the workbook itself, as sent
    # Nothing here is changed nor deleted: the log stays what happened.
    change = reverse("admin:indicators_workbookimport_delete", args=[workbook_import.pk])
    assert client.post(change, {"post": "yes"}).status_code == 403
    assert WorkbookImport.objects.count() == 1


def test_the_entry_pages_offer_the_import(client, editor):
    login(client, editor)
    page = plain(client.get(reverse("entry:measure", args=[1]) + "?annee=2022").content.decode())
    assert "Importer le classeur rempli" in page
    assert reverse("entry:measure_import", args=[1]) + "?annee=2022" in page
    admin = make_user("admin-home", roles.ADMINISTRATORS)
    login(client, admin)
    home = plain(client.get(reverse("entry:home") + "?annee=2022").content.decode())
    assert reverse("entry:plan_import") + "?annee=2022" in home


def test_round_trip_download_fill_import_validate_publish_download_again(
    client, editor, reviewer, louez_solidaire
):
    login(client, editor)
    book = download(client)
    set_cell(book, "Indicateurs", louez_solidaire.pk, "Résultat 2022", "74")  # fictif
    set_cell(book, "Indicateurs", louez_solidaire.pk, "Source (document)", "Tableau fictif")
    _page, workbook_import = preview_of(client, send(client, book))
    confirm(client, workbook_import)
    submitted = client.post(reverse("entry:submit_all", args=[1]) + "?annee=2022")
    assert submitted.status_code == 302
    draft = YearResult.objects.get(indicator=louez_solidaire, status=EntryStatus.SUBMITTED)
    login(client, reviewer)
    assert review(client, "valider", f"resultat:{draft.pk}").status_code == 302
    assert review(client, "publier", f"resultat:{draft.pk}").status_code == 302

    login(client, editor)
    again = download(client)["Indicateurs"]
    headers = [cell.value for cell in again[1]]
    row = next(
        r for r in again.iter_rows(min_row=2, values_only=True) if r[0] == louez_solidaire.pk
    )
    cells = dict(zip(headers, row, strict=True))
    assert (cells["Résultat 2022 publié"], cells["Résultat 2022"]) == (74, 74)
    assert cells["Source (document)"] == "Tableau fictif"
    assert cells["Version du résultat"] is None  # published: nothing open any more
    # And that workbook, sent back as it is, changes nothing.
    page, _import = preview_of(client, send(client, download(client)))
    assert "il n'y a rien à importer" in plain(page.content.decode())


def test_an_ods_workbook_and_a_csv_of_the_values_sheet_are_imported_too(
    client, editor, louez_solidaire
):
    login(client, editor)
    url = reverse("entry:measure_workbook", args=[1, "ods"]) + "?annee=2022"
    ods = client.get(url).content
    # The downloaded ODS, sent back unchanged: read, found equal to what is stored.
    upload = io.BytesIO(ods)
    upload.name = "collecte.ods"
    page, _import = preview_of(
        client,
        client.post(
            reverse("entry:measure_import", args=[1]) + "?annee=2022", {"workbook": upload}
        ),
    )
    text = plain(page.content.decode())
    assert "il n'y a rien à importer" in text

    # A CSV of the values sheet, as a spreadsheet saves it (« ; », French decimal comma).
    csv_text = (
        "Identifiant;Année;Résultat 2022;Commentaire\n"
        f"{louez_solidaire.pk};2022;74;Chiffre fictif (CSV)\n"
    )
    upload = io.BytesIO(csv_text.encode("utf-8-sig"))
    upload.name = "indicateurs.csv"
    _page, workbook_import = preview_of(
        client,
        client.post(
            reverse("entry:measure_import", args=[1]) + "?annee=2022", {"workbook": upload}
        ),
    )
    assert confirm(client, workbook_import).status_code == 302
    draft = YearResult.objects.get(indicator=louez_solidaire, status=EntryStatus.DRAFT)
    assert (draft.value, draft.comment) == (74, "Chiffre fictif (CSV)")
