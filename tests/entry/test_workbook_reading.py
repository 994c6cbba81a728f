"""Reading a filled collection workbook back (#14, first half): the file refused as a whole
when it is not what it says, rows found by their headers, cells read the way a person
types them in a French spreadsheet. The figures typed below are made up (fictif)."""

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from core.numbers import NumberError
from indicators.entry.collection import indicator_columns, milestone_columns
from indicators.entry.workbook_reading import (
    MAX_UPLOAD_BYTES,
    WorkbookRefused,
    cell_choice,
    cell_date,
    cell_number,
    read_workbook,
)
from indicators.models import Comparator
from tests.accounts import login


def plain(message) -> str:
    """A message with its French no-break spaces (before « : ») as plain spaces."""
    return str(message).replace("\xa0", " ")


SHEETS = {"Indicateurs": indicator_columns(2023, True), "Jalons": milestone_columns(2023)}


def xlsx(rows_by_sheet: dict) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in rows_by_sheet.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("1 910,5", Decimal("1910.5")),
        ("365\u00a0000 €", Decimal(365000)),
        ("97 %", Decimal(97)),
        (" 76 ", Decimal(76)),
        (76, Decimal(76)),
        (76.5, Decimal("76.5")),
        ("", None),
        (None, None),
    ],
)
def test_numbers_are_read_as_a_french_spreadsheet_writes_them(typed, read):
    assert cell_number(typed) == read


@pytest.mark.parametrize("typed", ["7O", "1e2", "١٢٣", "douze", True])
def test_anything_else_is_not_a_number_and_says_so(typed):
    with pytest.raises(NumberError) as refused:
        cell_number(typed)
    assert str(refused.value.messages[0]) == f"« {typed} » n'est pas un nombre."


def test_dates_are_date_cells_or_typed_the_french_way():
    # A spreadsheet's date cell comes as a naive datetime at midnight.
    assert cell_date(datetime(2023, 12, 31, 0, 0)) == date(2023, 12, 31)  # noqa: DTZ001
    assert cell_date("31/12/2023") == date(2023, 12, 31)
    assert cell_date("2023-12-31") == date(2023, 12, 31)
    assert cell_date(" ") is None
    with pytest.raises(ValueError, match="« 31/13/2023 » n'est pas une date"):
        cell_date("31/13/2023")


def test_choices_are_read_by_their_words():
    assert cell_choice("Au moins", Comparator.choices) == "at_least"
    assert cell_choice("au\u00a0moins ", Comparator.choices) == "at_least"
    assert cell_choice(None, Comparator.choices) == ""
    with pytest.raises(ValueError, match="« presque » n'est pas un choix de la liste"):
        cell_choice("presque", Comparator.choices)


def test_columns_are_found_by_their_headers_in_any_order_and_empty_rows_are_left_out():
    content = xlsx(
        {
            "Indicateurs": [
                ["Résultat 2023", "Commentaire", "identifiant", "Colonne ajoutée"],
                ["1\u00a0910,5", "fictif", 12, "ignorée"],
                [None, None, None, None],
                [80, None, 13, None],
                ["", "  ", None, None],
            ]
        }
    )
    rows = read_workbook(content, SHEETS)
    assert [(row.number, row.cells["indicateur_id"]) for row in rows["Indicateurs"]] == [
        (2, 12),
        (4, 13),
    ]
    assert rows["Indicateurs"][0].cells["resultat"] == "1\u00a0910,5"
    assert "colonne_ajoutee" not in rows["Indicateurs"][0].cells
    assert rows["Jalons"] == []  # a sheet left out of the file: nothing to read


def test_a_formula_without_its_value_is_named_where_it_is():
    # openpyxl writes formulas without their computed value, as a script would.
    content = xlsx({"Indicateurs": [["Identifiant", "Résultat 2023"], [12, "=40+36"]]})
    (row,) = read_workbook(content, SHEETS)["Indicateurs"]
    assert row.cells["resultat"] is None
    assert [plain(problem) for problem in row.problems] == [
        "Feuille Indicateurs, ligne 2, colonne Résultat 2023 : une formule dont le fichier "
        "ne garde pas la valeur : ouvrez le classeur dans un tableur et enregistrez-le "
        "avant de l'envoyer."
    ]


def test_a_csv_of_the_values_sheet_is_read_too():
    content = "\ufeffIdentifiant;Résultat 2023;Valeur au\r\n12;1 910,5;31/12/2023\r\n".encode()
    (row,) = read_workbook(content, SHEETS)["Indicateurs"]
    assert row.cells == {"indicateur_id": "12", "resultat": "1 910,5", "valeur_au": "31/12/2023"}


def test_a_sheet_without_its_identifier_column_is_refused():
    content = xlsx({"Indicateurs": [["Résultat 2023"], [76]]})
    with pytest.raises(WorkbookRefused, match="La feuille Indicateurs n'a pas de colonne"):
        read_workbook(content, SHEETS)


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7 un document renomme en .xlsx",
        b"\x00\x01\x02 binaire",
        "Identifiant;Résultat".encode("utf-16"),
    ],
    ids=["pdf", "binary", "utf-16"],
)
def test_a_file_that_is_not_a_workbook_is_refused_whatever_its_name(content):
    with pytest.raises(WorkbookRefused, match="ni un classeur XLSX ou ODS ni un CSV"):
        read_workbook(content, SHEETS)


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("document.txt", "rien")
    with pytest.raises(WorkbookRefused, match="ni un classeur XLSX ou ODS ni un CSV"):
        read_workbook(out.getvalue(), SHEETS)


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"\x00" * (20 * 1024 * 1024))
    assert len(out.getvalue()) < 100_000
    with pytest.raises(WorkbookRefused, match="se décompresse en bien plus que son poids"):
        read_workbook(out.getvalue(), SHEETS)


def test_a_file_too_large_is_refused():
    with pytest.raises(WorkbookRefused, match="Ce fichier dépasse 5 Mo"):
        read_workbook(b"x" * (MAX_UPLOAD_BYTES + 1), SHEETS)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_the_downloaded_workbook_reads_back_as_it_was_written(client, editor, fmt):
    """The round trip's first half: what the workbook holds is what is read back."""
    login(client, editor)
    url = reverse("entry:measure_workbook", args=[1, fmt]) + "?annee=2022"
    content = client.get(url).content
    sheets = {"Indicateurs": indicator_columns(2022, True), "Jalons": milestone_columns(2022)}
    rows = read_workbook(content, sheets)["Indicateurs"]
    louez = next(r for r in rows if r.cells["indicateur"].startswith("Logements Louez solidaire"))
    assert cell_number(louez.cells["resultat"]) == Decimal(73)
    assert cell_number(louez.cells["objectif_suivant"]) == Decimal(75)
    assert cell_choice(louez.cells["libelle_comparateur_suivant"], Comparator.choices) == "exactly"
    assert not louez.problems


def test_a_workbook_of_another_year_is_refused():
    content = xlsx({"Indicateurs": [["Identifiant", "Année", "Résultat 2022"], [12, 2022, 73]]})
    with pytest.raises(WorkbookRefused) as refused:
        read_workbook(content, SHEETS, year=2023)
    assert plain(refused.value) == (
        "Ce classeur est celui de 2022 (feuille Indicateurs, ligne 2), pas de 2023 : "
        "téléchargez le classeur de 2023 depuis la page de saisie."
    )
    assert read_workbook(content, SHEETS, year=2022)["Indicateurs"][0].cells["annee"] == 2022
