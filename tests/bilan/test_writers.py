"""Round trips: every export is written for the seed year, read back with an
independent reader, and compared cell by cell with what the database holds.
"""

import csv
import json
import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.conf import settings

from core.workflow import EntryStatus
from indicators.bilan.shaping import load_bilan
from indicators.bilan.sheets import bilan_sheet
from indicators.bilan.writers.docx_file import write_docx
from indicators.models import Indicator
from measures.markup import markup_paragraphs, markup_to_plain_text
from measures.models import BilanEntry, ReportRow
from tests.bilan.helpers import (
    AXIS_HEADINGS,
    HEADERS,
    NBSP,
    expected_table,
    export_file,
    normalised,
    seed_report_cells,
    text,
)

pytestmark = pytest.mark.django_db


def test_csv_holds_the_bilan_table_cell_by_cell(seed_plan, tmp_path):
    with export_file(tmp_path, "csv").open(encoding="utf-8", newline="") as file:
        assert list(csv.reader(file)) == expected_table()


def test_csv_makes_texts_that_start_like_a_formula_inert(seed_plan, tmp_path):
    """The bilan CSV is public once frozen: a text must never run as a spreadsheet formula."""
    entry = BilanEntry.objects.get(report_row__measure__number=1, reporting_year__year=2022)
    entry.bilan_text = '=HYPERLINK("http://example.org/?"&A1;"voir")'
    entry.action_plan_text = "@SUM(1+1)*cmd|' /C calc'!A0"
    entry.save()
    with export_file(tmp_path, "csv").open(encoding="utf-8", newline="") as file:
        cells = [cell for row in csv.reader(file) for cell in row]
    assert "'" + entry.bilan_text in cells
    assert "'" + entry.action_plan_text in cells
    assert not [cell for cell in cells if cell.startswith(("=", "@", "+"))]
    assert "1" in cells  # a measure number stays a number


def test_xlsx_holds_the_bilan_table_cell_by_cell(seed_plan, tmp_path):
    from openpyxl import load_workbook

    workbook = load_workbook(export_file(tmp_path, "xlsx"))
    sheet = workbook["Bilan 2022 & perspectives 2023"]
    cells = [[text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert cells == expected_table()


def test_xlsx_writes_measure_numbers_as_numbers_and_no_markup(seed_plan, tmp_path):
    from openpyxl import load_workbook

    workbook = load_workbook(export_file(tmp_path, "xlsx"))
    values = [v for ws in workbook for row in ws.iter_rows(values_only=True) for v in row]
    assert all("**" not in v for v in values if isinstance(v, str))
    numbers = [row[2] for row in workbook.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert [n for n in numbers if n is not None] == [*range(1, 13)]


def expected_indicators(year: int = 2022) -> list[list]:
    """Each indicator's published target and result of N and target of N+1, as numbers."""
    rows = []
    for indicator in Indicator.objects.for_dashboard():
        targets = {t.year: t.value for t in indicator.year_targets.all()}
        results = {r.year: r.value for r in indicator.year_results.all()}
        rows.append(
            [
                indicator.report_row.reference,
                indicator.label,
                indicator.unit,
                targets.get(year),
                results.get(year),
                targets.get(year + 1),
            ]
        )
    return rows


def test_xlsx_indicators_sheet_holds_targets_and_results_as_numbers(seed_plan, tmp_path):
    from openpyxl import load_workbook

    sheet = load_workbook(export_file(tmp_path, "xlsx"))["Indicateurs"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [
        "#",
        "Indicateur",
        "Unité",
        "Objectif 2022",
        "Résultat 2022",
        "Objectif 2023",
        "Avancement 2022",
        "Statut 2022",
        "Valeur de référence",
        "Année de référence",
        "Évolution depuis l'année de référence (%)",
        "Cible du plan 2021-2026",
        "Précisions",
        "Sources",
    ]
    read = [
        [text(r[0]), r[1], r[2], *(None if v is None else D(str(v)) for v in r[3:6])]
        for r in rows[1:]
    ]
    assert read == expected_indicators()
    louez = next(r for r in rows if r[1] == "Logements Louez solidaire captés dans l'année")
    assert (louez[4], louez[5], louez[7]) == (73, 75, "sans objectif")


def read_ods(path: Path) -> dict[str, list[list[str]]]:
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow
    from odf.teletype import extractText
    from odf.text import P

    sheets = {}
    for table in load(str(path)).spreadsheet.getElementsByType(Table):
        rows = []
        for row in table.getElementsByType(TableRow):
            cells = []
            for cell in row.getElementsByType(TableCell):
                if cell.getAttribute("valuetype") in {"float", "percentage"}:
                    cells.append(cell.getAttribute("value"))
                else:
                    cells.append("\n\n".join(extractText(p) for p in cell.getElementsByType(P)))
            rows.append(cells)
        sheets[table.getAttribute("name")] = rows
    return sheets


def test_spreadsheets_keep_formula_like_texts_as_plain_strings(seed_plan, tmp_path):
    """XLSX and ODS cells are typed: a text starting with « = » stays that text, as typed."""
    import openpyxl
    from odf.opendocument import load
    from odf.table import TableCell
    from odf.teletype import extractText

    entry = BilanEntry.objects.get(report_row__measure__number=1, reporting_year__year=2022)
    entry.bilan_text = "=1+1"
    entry.action_plan_text = "@SUM(A1:A2)"
    entry.save()

    sheet = openpyxl.load_workbook(export_file(tmp_path, "xlsx")).worksheets[0]
    cells = {cell.value: cell.data_type for row in sheet.iter_rows() for cell in row}
    assert (cells["=1+1"], cells["@SUM(A1:A2)"]) == ("s", "s")

    ods_cells = load(str(export_file(tmp_path, "ods"))).spreadsheet.getElementsByType(TableCell)
    typed = {extractText(cell): cell.getAttribute("valuetype") for cell in ods_cells}
    assert (typed["=1+1"], typed["@SUM(A1:A2)"]) == ("string", "string")
    assert not [cell for cell in ods_cells if cell.getAttribute("formula")]


def test_ods_holds_the_bilan_table_cell_by_cell(seed_plan, tmp_path):
    sheets = read_ods(export_file(tmp_path, "ods"))
    assert sheets["Bilan 2022 & perspectives 2023"] == expected_table()


def test_ods_indicators_sheet_holds_targets_and_results_as_numbers(seed_plan, tmp_path):
    rows = read_ods(export_file(tmp_path, "ods"))["Indicateurs"]
    read = [[r[0], r[1], r[2], *(D(v) if v else None for v in r[3:6])] for r in rows[1:]]
    assert read == expected_indicators()


def test_json_holds_the_bilan_rows_and_the_indicators(seed_plan, tmp_path):
    document = json.loads(export_file(tmp_path, "json").read_text(encoding="utf-8"))
    assert (document["titre"], document["annee"], document["annee_plan_action"]) == (
        "Bilan 2022 & perspectives 2023",
        2022,
        2023,
    )
    published = {e.report_row_id: e for e in BilanEntry.objects.published()}
    rows = ReportRow.objects.in_report_order().select_related("ambition")
    assert [
        (r["reference"], r["ambition"], r["bilan"], r["plan_action"]) for r in document["bilan"]
    ] == [
        (
            row.reference,
            markup_to_plain_text(row.ambition.text),
            markup_to_plain_text(published[row.pk].bilan_text),
            markup_to_plain_text(published[row.pk].action_plan_text),
        )
        for row in rows
    ]
    assert [
        [
            i["reference"],
            i["indicateur"],
            i["unite"],
            *(
                None if i[key] is None else D(str(i[key]))
                for key in (
                    "objectif_annee",
                    "resultat_annee",
                    "objectif_annee_suivante",
                )
            ),
        ]
        for i in document["indicateurs"]
    ] == expected_indicators()


def docx_table_cells(table) -> list[list[str]]:
    """The table's cells row by row, as written: a merged cell's text on its first cell only."""
    from docx.table import _Cell

    rows = []
    for tr in table._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            paragraphs = [p.text for p in _Cell(tc, table).paragraphs if p.text]
            cells += ["\n\n".join(paragraphs)] + [""] * (tc.grid_span - 1)
        rows.append([normalised_paragraphs(cell) for cell in cells])
    return rows


def normalised_paragraphs(value: str) -> str:
    return "\n\n".join(normalised(p) for p in value.split("\n\n"))


def test_docx_holds_the_bilan_table_cell_by_cell(seed_plan, tmp_path):
    from docx import Document

    table = Document(str(export_file(tmp_path, "docx"))).tables[0]
    expected = [[normalised_paragraphs(cell) for cell in row] for row in expected_table()]
    assert docx_table_cells(table) == expected


def test_docx_is_a4_landscape_with_the_header_row_repeated(seed_plan, tmp_path):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn

    document = Document(str(export_file(tmp_path, "docx")))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    for table in document.tables:
        header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert header is not None
        assert header.get(qn("w:val")) == "true"
    assert [c.text for c in document.tables[0].rows[0].cells] == HEADERS


def test_docx_merges_axis_rows_across_and_shared_ambitions_down(seed_plan, tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    table = Document(str(export_file(tmp_path, "docx"))).tables[0]
    spans = [
        tc.tcPr.find(qn("w:gridSpan")).get(qn("w:val"))
        for tr in table._tbl.tr_lst
        for tc in tr.tc_lst
        if tc.tcPr is not None and tc.tcPr.find(qn("w:gridSpan")) is not None
    ]
    assert spans == ["4"] * 5
    # The ambition column: merged down over 7-8 and 9a-9c, i.e. 3 continued cells.
    continued = [
        tr.tc_lst[0]
        for tr in table._tbl.tr_lst
        if tr.tc_lst[0].tcPr is not None
        and tr.tc_lst[0].tcPr.find(qn("w:vMerge")) is not None
        and tr.tc_lst[0].tcPr.find(qn("w:vMerge")).get(qn("w:val")) in (None, "continue")
    ]
    assert len(continued) == 3


def test_docx_bold_runs_are_the_report_bold_passages(seed_plan, tmp_path):
    from docx import Document

    table = Document(str(export_file(tmp_path, "docx"))).tables[0]
    # Measure 2 (Un chez-soi d'abord): the report's bilan cell and the exported one.
    report_bilan = seed_report_cells("signé une convention avec 5 bailleurs sociaux")[1]
    row = next(r for r in table.rows if "signé une convention" in r.cells[1].text)
    bold = [run.text for p in row.cells[1].paragraphs for run in p.runs if run.bold]
    assert bold == re.findall(r"<b>(.*?)</b>", report_bilan)
    assert bold == ["signé une convention avec 5 bailleurs sociaux", "16 logements ont été captés"]


def test_docx_indicators_table_writes_figures_the_french_way(seed_plan, tmp_path):
    from docx import Document

    table = Document(str(export_file(tmp_path, "docx"))).tables[1]
    rows = {row.cells[1].text: [c.text for c in row.cells] for row in table.rows}
    # #, indicateur, référence, cible du plan, objectif 2022, résultat 2022, objectif 2023…
    assert (
        rows["Financement de la Ville de Paris pour Louez solidaire"][5] == f"365{NBSP}000{NBSP}€"
    )
    assert (
        rows["Pensions de Famille agréées dans l'année"][6]
        == f"au moins 3{NBSP}Pensions de Famille"
    )


def test_pdf_holds_every_paragraph_of_the_bilan(seed_plan, tmp_path):
    from pypdf import PdfReader

    reader = PdfReader(str(export_file(tmp_path, "pdf")))
    content = normalised(" ".join(page.extract_text() for page in reader.pages))
    assert "Bilan 2022 & perspectives 2023" in content
    for heading in AXIS_HEADINGS:
        assert normalised(heading) in content
    expected = []
    for entry in BilanEntry.objects.published().select_related("report_row__ambition"):
        for markup in (entry.report_row.ambition.text, entry.bilan_text, entry.action_plan_text):
            expected += [markup_to_plain_text(p) for p in markup_paragraphs(markup)]
    missing = [p for p in expected if normalised(" ".join(p.split()[:5])) not in content]
    assert missing == []


def test_pdf_is_a4_landscape(seed_plan, tmp_path):
    from pypdf import PdfReader

    page = PdfReader(str(export_file(tmp_path, "pdf"))).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (297, 210)


def test_pdf_fetches_nothing_outside_the_static_folder():
    from indicators.bilan.writers import pdf_file

    fetcher = pdf_file.local_only_fetcher()
    for url in ("https://example.org/logo.png", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="URL refusée"):
            fetcher.fetch(url)
    css = settings.BASE_DIR / "static" / "css" / "ldaplan.css"
    response = fetcher.fetch(css.as_uri())
    try:
        assert response.read().startswith(b"/*")
    finally:
        response.close()


def test_exports_never_show_a_draft_correction(seed_plan, tmp_path):
    published = BilanEntry.objects.published().get(report_row__pk=1)
    BilanEntry.objects.create(
        reporting_year=published.reporting_year,
        report_row=published.report_row,
        bilan_text="Correction soumise, pas encore publiée",
        action_plan_text="Correction",
        status=EntryStatus.SUBMITTED,
    )
    with export_file(tmp_path, "csv").open(encoding="utf-8", newline="") as file:
        exported = list(csv.reader(file))
    assert exported == expected_table()
    assert "La captation de 73 nouveaux logements" in exported[2][1]
    document = json.loads(export_file(tmp_path, "json").read_text(encoding="utf-8"))
    assert "Correction soumise" not in json.dumps(document)


def test_spreadsheet_cells_hold_no_markup_characters(seed_plan):
    sheet = bilan_sheet(load_bilan(2022))
    assert all("**" not in str(value) for row in sheet.rows for value in row)


def test_docx_writer_reads_nothing_from_the_database(seed_plan, django_assert_num_queries):
    bilan = load_bilan(2022, with_indicators=True)
    with django_assert_num_queries(0):
        write_docx(bilan)
