"""The open data and the values sheet of the collection workbook share one schema (#14).

The sheet's columns that say what an open-data column says are that column (same name,
type and meaning, published in both Table Schemas); the workbook's headers are the
schema's titles; a CSV written with the schema's names imports; and what the sheet shows
of a published result is what the open-data file says of it. Values typed below are made
up (fictif).
"""

import csv
import io
import json
import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from core.workflow import EntryStatus
from indicators.models import YearResult, YearTarget
from indicators.schema import VALUES_SHEET_COLUMNS
from tests.accounts import login
from tests.entry.workbooks import confirm, download, plain, preview_of, send, set_cell

pytestmark = pytest.mark.django_db

SHARED = ["indicateur_id", "mesure", "indicateur", "unite", "annee"]
SHARED += ["valeur_au", "source", "commentaire"]


def schema_fields(client, name) -> dict:
    response = client.get(reverse(f"opendata:{name}"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return {field["name"]: field for field in json.loads(response.content)["fields"]}


def test_the_sheet_s_columns_of_the_open_data_are_published_as_the_same_fields(client, seed_plan):
    open_data = schema_fields(client, "schema_json")
    sheet = schema_fields(client, "values_sheet_schema_json")
    assert [name for name in sheet if name in open_data] == SHARED
    for name in SHARED:
        assert sheet[name].pop("title")
        assert sheet[name] == open_data[name]
    own = [field for name, field in sheet.items() if name not in open_data]
    assert [field["name"] for field in own] == [
        "resultat_publie",
        "objectif_annee",
        "resultat",
        "libelle_borne",
        "objectif_suivant",
        "libelle_comparateur_suivant",
        "motif_changement",
        "precision_motif",
        "version_resultat",
        "version_objectif",
    ]
    assert all(field["title"] and field["description"] for field in own)
    assert sheet["resultat"]["title"] == "Résultat N"
    assert sheet["objectif_suivant"]["title"] == "Objectif N+1"


def test_the_workbook_s_headers_are_the_schema_s_titles_of_its_year(client, editor):
    login(client, editor)
    book = download(client, year=2022)
    readme = " ".join(str(cell.value) for row in book["Lisez-moi"].iter_rows() for cell in row)
    assert "/donnees/schema-feuille-indicateurs.json" in readme
    sheet = book["Indicateurs"]
    headers = [cell.value for cell in sheet[1]]
    assert headers == [column.sheet_header(2022) for column in VALUES_SHEET_COLUMNS]
    assert headers[5:8] == ["Résultat 2022 publié", "Objectif 2022", "Résultat 2022"]
    assert "Objectif 2023" in headers


def test_the_page_documents_the_sheet_and_links_its_schema(client, seed_plan):
    html = client.get(reverse("opendata:index")).content.decode()
    assert reverse("opendata:values_sheet_schema_json") in html
    start = html.index('id="colonnes-feuille"')
    documented = [
        name
        for name in (column.name for column in VALUES_SHEET_COLUMNS)
        if f"<code>{name}</code>" in html[start:]
    ]
    assert documented == [column.name for column in VALUES_SHEET_COLUMNS]


def test_a_csv_written_with_the_schema_s_names_is_imported(client, editor, louez_solidaire):
    """A program writes the names, not the French titles; any column order."""
    login(client, editor)
    text = (
        "resultat,commentaire,annee,indicateur_id,valeur_au\n"
        f"74,Chiffre fictif (programme),2022,{louez_solidaire.pk},2022-12-31\n"
    )
    upload = io.BytesIO(text.encode("utf-8"))
    upload.name = "valeurs.csv"
    url = reverse("entry:measure_import", args=[1]) + "?annee=2022"
    _page, workbook_import = preview_of(client, client.post(url, {"workbook": upload}))
    assert confirm(client, workbook_import).status_code == 302
    draft = YearResult.objects.get(indicator=louez_solidaire, status=EntryStatus.DRAFT)
    assert (draft.value, draft.comment, draft.as_of) == (
        74,
        "Chiffre fictif (programme)",
        date(2022, 12, 31),
    )


def _same_text(value) -> str:
    """A sheet cell and an open-data cell in one comparable form."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(Decimal(str(value)).normalize())
    if value not in (None, ""):
        try:
            return str(Decimal(str(value)).normalize())
        except ArithmeticError:
            return str(value)
    return ""


def test_the_sheet_shows_a_published_result_as_the_open_data_file_says_it(
    client, editor, louez_solidaire
):
    login(client, editor)
    sheet = download(client, year=2022)["Indicateurs"]
    names = [column.name for column in VALUES_SHEET_COLUMNS]
    rows = [dict(zip(names, (c.value for c in row), strict=True)) for row in sheet.iter_rows(2)]
    response = client.get(reverse("opendata:values_csv"))
    published = {
        (row["indicateur_id"], row["annee"]): row
        for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
        if row["type_valeur"] == "resultat"
    }
    compared = 0
    for row in rows:
        if row["resultat_publie"] is None:
            continue
        open_row = published[(str(row["indicateur_id"]), str(row["annee"]))]
        for name in SHARED:
            assert _same_text(row[name]) == _same_text(open_row[name]), (name, row, open_row)
        assert _same_text(row["resultat_publie"]) == _same_text(open_row["valeur"])
        assert _same_text(row["resultat"]) == _same_text(open_row["valeur"])
        compared += 1
    # Measure 1's published results of 2022 in the report (Louez solidaire and its funds).
    assert compared >= 3
    assert str(louez_solidaire.pk) in {str(row["indicateur_id"]) for row in rows}


def test_another_reason_is_explained_in_its_own_column(client, editor, louez_solidaire):
    """« autre motif » asks for a précision, as in the form: the sheet has its column."""
    login(client, editor)
    book = download(client)
    set_cell(book, "Indicateurs", louez_solidaire.pk, "Objectif 2023", 80)
    set_cell(
        book, "Indicateurs", louez_solidaire.pk, "Motif du changement d'objectif", "autre motif"
    )
    page, _import = preview_of(client, send(client, book))
    assert "colonne Précision sur le motif : Précisez le motif « autre »." in plain(
        page.content.decode()
    )
    precision = "Convention fictive signée en cours d'année"
    set_cell(book, "Indicateurs", louez_solidaire.pk, "Précision sur le motif", precision)
    page, workbook_import = preview_of(client, send(client, book))
    # The preview shows the reason and its précision beside the new target.
    shown = re.sub(r"<[^>]+>", "", plain(page.content.decode()))
    assert "Motif du changement d'objectif : — → autre motif" in shown
    assert f"Précision sur le motif : — → {precision}" in shown
    assert confirm(client, workbook_import).status_code == 302
    target = YearTarget.objects.get(indicator=louez_solidaire, year=2023, status=EntryStatus.DRAFT)
    assert (target.value, target.change_reason, target.change_comment) == (80, "other", precision)
    # Downloaded again, the cells hold the draft's reason and précision.
    book = download(client)
    sheet = book["Indicateurs"]
    headers = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == louez_solidaire.pk)
    assert row[headers.index("Précision sur le motif")].value == precision
    assert row[headers.index("Motif du changement d'objectif")].value == "autre motif"
