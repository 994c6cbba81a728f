"""The annual bilan: the table shaped like the report, its page, its exports and its command.

Every export is written for the seed year, read back with an independent
reader, and compared cell by cell with what the database holds.
"""

import csv
import io
import json
import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from core.workflow import EntryStatus
from indicators.bilan.errors import BilanNotFound
from indicators.bilan.shaping import load_bilan
from indicators.bilan.sheets import bilan_sheet
from indicators.bilan.writers import EXPORT_FORMATS
from indicators.bilan.writers.docx_file import write_docx
from indicators.models import Indicator
from measures.markup import markup_paragraphs, markup_to_plain_text
from measures.models import Ambition, Axis, BilanEntry, ReportingYear, ReportRow
from tests.helpers import make_reporting_year

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
HEADERS = ["Ambition de la Ville 2021-2026", "Bilan 2022", "#", "Plan d'action 2023"]
NUMBER_COLUMN = ["1", "2", "3", "", "4", "5", "6", "7", "8", "9", "", "", "10", "11", "12"]
REFERENCES = ["1", "2", "3", "", "4", "5", "6", "7", "8", "9a", "9b", "9c", "10", "11", "12"]
AXIS_HEADINGS = [
    "1. Mobiliser l'offre de logement au profit des personnes prioritaires",
    "2. Prévenir des sorties d'institution et des expulsions locatives",
    "3. Aller vers les personnes sans-abris",
    "4. Accompagner les personnes sans domicile au logement",
    "5. Éclairer les politiques de lutte contre le sans-abrisme",
]
FILE_STEM = "bilan-2022-perspectives-2023"


# ---------------------------------------------------------------------------
# Helpers: what the database says the table is, computed without indicators.bilan.


def expected_table(year: int = 2022) -> list[list[str]]:
    """Header, then axis headings and rows as the report lays them out, in plain text."""
    texts = {
        entry.report_row_id: entry
        for entry in BilanEntry.objects.published().filter(reporting_year__year=year)
    }
    table = [HEADERS]
    axis, ambitions, measures = None, set(), set()
    rows = ReportRow.objects.in_report_order().select_related("ambition__axis", "measure")
    for row in rows:
        if row.ambition.axis != axis:
            axis = row.ambition.axis
            table.append([f"{axis.number}. {axis.title}", "", "", ""])
        entry = texts[row.pk]
        number = ""
        if row.measure_id and row.measure_id not in measures:
            number = str(row.measure.number)
        ambition = "" if row.ambition_id in ambitions else markup_to_plain_text(row.ambition.text)
        ambitions.add(row.ambition_id)
        measures.add(row.measure_id)
        table.append(
            [
                ambition,
                markup_to_plain_text(entry.bilan_text),
                number,
                markup_to_plain_text(entry.action_plan_text),
            ]
        )
    return table


def text(value) -> str:
    return "" if value is None else str(value)


def export_file(tmp_path: Path, fmt: str) -> Path:
    path = tmp_path / f"{FILE_STEM}.{fmt}"
    out = io.StringIO()
    call_command(
        "export_bilan", "--year", "2022", "--format", fmt, "--output", str(path), stdout=out
    )
    assert f"{path} écrit" in out.getvalue()
    return path


def exporter(username="exportateur"):
    user = get_user_model().objects.create_user(username=username, password="x" * 20)
    user.user_permissions.add(Permission.objects.get(codename="export_bilan"))
    return user


def seed_report_cells(containing: str) -> list[str]:
    """The tab-separated cells of the seed report's table line that contains ``containing``."""
    report = Path(settings.SEED_REPORT_PATH).read_text(encoding="utf-8")
    line = next(line for line in report.splitlines() if containing in line)
    return line.split("\t")


def normalised(value: str) -> str:
    return " ".join(value.replace(NBSP, " ").replace("\u202f", " ").split())


# ---------------------------------------------------------------------------
# The shaped rows.


def test_shaped_rows_follow_the_report_row_by_row(seed_plan):
    bilan = load_bilan(2022)
    assert [row.reference for row in bilan.rows] == REFERENCES


def test_axis_headings_are_the_report_group_rows(seed_plan):
    bilan = load_bilan(2022)
    assert [line.heading for line in bilan.lines if line.is_heading] == AXIS_HEADINGS
    assert len(bilan.lines) == 20


def test_number_column_prints_9_once_and_nothing_on_the_unnumbered_row(seed_plan):
    bilan = load_bilan(2022)
    assert [row.number_label for row in bilan.rows] == NUMBER_COLUMN
    rows = {row.reference: row for row in bilan.rows}
    assert [rows[r].number_rowspan for r in ("9a", "9b", "9c")] == [3, 0, 0]
    assert rows[""].measure_number is None


def test_measures_7_and_8_share_one_ambition_shown_once(seed_plan):
    rows = {row.reference: row for row in load_bilan(2022).rows}
    assert rows["7"].ambition_rowspan == 2
    assert rows["8"].ambition_rowspan == 0
    assert rows["7"].ambition_text == rows["8"].ambition_text


def test_sub_actions_9a_9b_9c_share_one_ambition_shown_once(seed_plan):
    rows = {row.reference: row for row in load_bilan(2022).rows}
    assert [rows[r].ambition_rowspan for r in ("9a", "9b", "9c")] == [3, 0, 0]
    assert all(rows[r].ambition_rowspan == 1 for r in REFERENCES if r[:1] not in {"7", "8", "9"})


def test_sub_action_texts_keep_their_letter_prefixes(seed_plan):
    rows = {row.reference: row for row in load_bilan(2022).rows}
    for letter in "abc":
        assert markup_to_plain_text(rows[f"9{letter}"].bilan_text).startswith(f"{letter}. ")
        assert markup_to_plain_text(rows[f"9{letter}"].action_plan_text).startswith(f"{letter}. ")


def test_bilan_texts_are_the_published_ones(seed_plan):
    published = {e.report_row_id: e.bilan_text for e in BilanEntry.objects.published()}
    assert {row.pk: row.bilan_text for row in load_bilan(2022).rows} == published


def add_axis_with_rows(plan, number=6, rows=3):
    axis = Axis.objects.create(plan=plan, number=number, title=f"Axe ajouté {number}")
    ambition = Ambition.objects.create(axis=axis, position=1, text="Une **ambition** de plus")
    year = ReportingYear.objects.get(plan=plan, year=2022)
    for position in range(1, rows + 1):
        row = ReportRow.objects.create(ambition=ambition, position=position, title="Ligne")
        BilanEntry.objects.create(
            reporting_year=year,
            report_row=row,
            bilan_text="Fait",
            action_plan_text="À faire",
            status=EntryStatus.PUBLISHED,
        )
        Indicator.objects.create(report_row=row, label="Compte", unit="ménages", kind="level")


def test_bilan_is_read_in_a_fixed_number_of_queries(seed_plan, django_assert_num_queries):
    with django_assert_num_queries(7):
        bilan = load_bilan(2022, with_indicators=True)
    add_axis_with_rows(ReportingYear.objects.get(year=2022).plan)
    with django_assert_num_queries(7):
        bigger = load_bilan(2022, with_indicators=True)
    assert len(bigger.rows) == len(bilan.rows) + 3
    assert len(bigger.indicators) == len(bilan.indicators) + 3


def test_unknown_year_is_refused_in_french(seed_plan):
    with pytest.raises(BilanNotFound, match="Aucun bilan n'est ouvert pour l'année 1999"):
        load_bilan(1999)


# ---------------------------------------------------------------------------
# The page.


def page(client, year=2022):
    response = client.get(reverse("indicators:bilan", args=[year]))
    assert response.status_code == 200
    return response.content.decode()


def test_page_shows_the_title_and_the_table_with_caption_and_scoped_headers(client, seed_plan):
    html = page(client)
    assert "<h1>Bilan 2022 &amp; perspectives 2023</h1>" in html
    assert "<caption>Bilan 2022 &amp; perspectives 2023 : ambitions" in html
    headers = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', html)
    assert headers == [h.replace("'", "&#x27;") for h in HEADERS]


def test_page_axis_rows_head_their_group_of_rows(client, seed_plan):
    html = page(client)
    headings = re.findall(r'<th scope="rowgroup" colspan="4"[^>]*>([^<]*)</th>', html)
    assert headings == [h.replace("'", "&#x27;") for h in AXIS_HEADINGS]
    assert html.count("<tbody>") == 5


def test_page_shows_shared_ambitions_once_with_rowspan(client, seed_plan):
    html = page(client)
    assert html.count('rowspan="2"') == 1  # measures 7 and 8
    assert html.count('rowspan="3"') == 2  # 9a-9c: the ambition and the "9"
    assert html.count("Développer un système de <strong>premier accueil") == 1


def test_page_keeps_paragraphs_and_bold(client, seed_plan):
    html = page(client)
    assert "La <strong>captation de 73 nouveaux logements</strong> Louez Solidaire" in html
    assert "<p><strong>Organiser la deuxième édition des Rencontres" in html


def test_page_never_shows_a_draft_correction(client, seed_plan):
    published = BilanEntry.objects.published().get(report_row__pk=1)
    BilanEntry.objects.create(
        reporting_year=published.reporting_year,
        report_row=published.report_row,
        bilan_text="Brouillon non validé",
        action_plan_text="Brouillon",
        status=EntryStatus.DRAFT,
    )
    html = page(client)
    assert "Brouillon non validé" not in html
    assert "captation de 73 nouveaux logements" in html


def test_unknown_year_gives_a_french_404(client, seed_plan):
    response = client.get(reverse("indicators:bilan", args=[1999]))
    assert response.status_code == 404
    assert "Aucun bilan n&#x27;est ouvert pour l&#x27;année 1999." in response.content.decode()


def test_year_without_published_text_says_so(client, seed_plan):
    plan = ReportingYear.objects.get(year=2022).plan
    make_reporting_year(plan, 2023)
    html = page(client, 2023)
    assert "<h1>Bilan 2023 &amp; perspectives 2024</h1>" in html
    assert "Le bilan 2023 n'a encore aucun texte publié" in html
    assert "<table" not in html


def test_page_links_the_other_reporting_years(client, seed_plan):
    make_reporting_year(ReportingYear.objects.get(year=2022).plan, 2023)
    assert 'href="/bilan/2023/"' in page(client)


def test_download_links_are_hidden_from_readers_without_the_permission(client, seed_plan):
    assert "/bilan/2022/export/" not in page(client)
    client.force_login(get_user_model().objects.create_user("lecteur", password="x" * 20))
    assert "/bilan/2022/export/" not in page(client)


def test_download_links_are_shown_to_exporters_for_every_format(client, seed_plan):
    client.force_login(exporter())
    html = page(client)
    for fmt in EXPORT_FORMATS:
        assert f'href="/bilan/2022/export/{fmt}/"' in html


def test_download_links_are_shown_to_superusers(client, seed_plan, admin_user):
    client.force_login(admin_user)
    assert 'href="/bilan/2022/export/pdf/"' in page(client)


def test_page_query_count_does_not_grow_with_the_plan(client, seed_plan, django_assert_num_queries):
    # 4 for the table and the other years, 1 for the published editions (none yet).
    with django_assert_num_queries(5):
        page(client)
    add_axis_with_rows(ReportingYear.objects.get(year=2022).plan)
    with django_assert_num_queries(5):
        page(client)


def test_published_page_query_count_is_fixed(client, seed_plan, django_assert_num_queries):
    from indicators.bilan.editions import publish_edition

    publish_edition(2022)
    # The editions and, in one more query, their files (without their content).
    with django_assert_num_queries(6):
        page(client)


# ---------------------------------------------------------------------------
# The export view: who may download, and what they get.


def export_url(fmt="csv", year=2022):
    return reverse("indicators:bilan_export", args=[year, fmt])


def test_export_sends_anonymous_visitors_to_the_login_page(client, seed_plan):
    response = client.get(export_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "next=/bilan/2022/export/csv/" in response["Location"]


def test_export_is_forbidden_to_users_without_the_permission(client, seed_plan):
    client.force_login(get_user_model().objects.create_user("lecteur", password="x" * 20))
    assert client.get(export_url()).status_code == 403


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_export_gives_exporters_the_file_with_its_type_and_name(client, seed_plan, fmt):
    client.force_login(exporter())
    response = client.get(export_url(fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == EXPORT_FORMATS[fmt].content_type
    assert response["Content-Disposition"] == f'attachment; filename="{FILE_STEM}.{fmt}"'
    assert len(response.content) > 1000


def test_export_of_an_unknown_format_gives_a_french_404(client, seed_plan):
    client.force_login(exporter())
    response = client.get(export_url("xls"))
    assert response.status_code == 404
    assert "Format d&#x27;export inconnu : « xls »" in response.content.decode()


def test_export_of_an_unknown_year_gives_a_french_404(client, seed_plan):
    client.force_login(exporter())
    response = client.get(export_url("csv", 1999))
    assert response.status_code == 404
    assert "Aucun bilan n&#x27;est ouvert pour l&#x27;année 1999." in response.content.decode()


def test_export_of_a_year_without_published_text_is_refused_with_a_message(client, seed_plan):
    make_reporting_year(ReportingYear.objects.get(year=2022).plan, 2023)
    client.force_login(exporter())
    response = client.get(export_url("xlsx", 2023))
    assert response.status_code == 409
    assert "Content-Disposition" not in response
    assert "il n&#x27;y a rien à exporter" in response.content.decode()


# ---------------------------------------------------------------------------
# Round trips: each format read back and compared with the database.


def test_csv_holds_the_bilan_table_cell_by_cell(seed_plan, tmp_path):
    with export_file(tmp_path, "csv").open(encoding="utf-8", newline="") as file:
        assert list(csv.reader(file)) == expected_table()


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
    """Each indicator's published target and result for N and N+1, as numbers."""
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
                results.get(year + 1),
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
        "Résultat 2023",
        "Avancement 2022",
        "Statut 2022",
    ]
    read = [
        [text(r[0]), r[1], r[2], *(None if v is None else D(str(v)) for v in r[3:7])]
        for r in rows[1:]
    ]
    assert read == expected_indicators()
    louez = next(r for r in rows if r[1] == "Logements Louez solidaire captés dans l'année")
    assert (louez[4], louez[5], louez[8]) == (73, 75, "sans objectif")


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


def test_ods_holds_the_bilan_table_cell_by_cell(seed_plan, tmp_path):
    sheets = read_ods(export_file(tmp_path, "ods"))
    assert sheets["Bilan 2022 & perspectives 2023"] == expected_table()


def test_ods_indicators_sheet_holds_targets_and_results_as_numbers(seed_plan, tmp_path):
    rows = read_ods(export_file(tmp_path, "ods"))["Indicateurs"]
    read = [[r[0], r[1], r[2], *(D(v) if v else None for v in r[3:7])] for r in rows[1:]]
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
                    "resultat_annee_suivante",
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
    assert rows["Financement de la Ville de Paris pour Louez solidaire"][4] == f"365{NBSP}000"
    assert rows["Pensions de Famille agréées dans l'année"][5] == "au moins 3"


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

    fetcher = pdf_file._local_only_fetcher()
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


# ---------------------------------------------------------------------------
# The command.


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_command_writes_the_file_in_each_format(seed_plan, tmp_path, fmt):
    path = export_file(tmp_path, fmt)
    assert path.stat().st_size > 1000
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_command_writes_text_formats_to_stdout_with_a_dash(seed_plan, fmt):
    out = io.StringIO()
    call_command("export_bilan", "--year", "2022", "--format", fmt, "--output", "-", stdout=out)
    if fmt == "csv":
        assert list(csv.reader(io.StringIO(out.getvalue()))) == expected_table()
    else:
        assert json.loads(out.getvalue())["titre"] == "Bilan 2022 & perspectives 2023"


def test_command_refuses_binary_formats_on_stdout(seed_plan):
    with pytest.raises(CommandError, match="binaire"):
        call_command("export_bilan", "--year", "2022", "--format", "xlsx", "--output", "-")


@pytest.mark.parametrize(
    ("year", "fmt", "message"),
    [
        ("1999", "csv", "Aucun bilan n'est ouvert pour l'année 1999"),
        ("2022", "xls", "Format d'export inconnu : « xls »"),
        ("2023", "pdf", "n'a encore aucun texte publié"),
    ],
)
def test_command_fails_in_french_and_writes_no_file(seed_plan, tmp_path, year, fmt, message):
    make_reporting_year(ReportingYear.objects.get(year=2022).plan, 2023)
    path = tmp_path / "bilan.out"
    with pytest.raises(CommandError, match=message):
        call_command("export_bilan", "--year", year, "--format", fmt, "--output", str(path))
    assert list(tmp_path.iterdir()) == []


def test_command_keeps_an_existing_file_when_the_export_fails(seed_plan, tmp_path):
    path = tmp_path / "bilan.csv"
    path.write_text("version précédente", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("export_bilan", "--year", "1999", "--format", "csv", "--output", str(path))
    assert path.read_text(encoding="utf-8") == "version précédente"


def test_bilan_link_leads_to_the_newest_reporting_year(client, seed_plan):
    response = client.get("/bilan/")
    assert response.status_code == 302
    assert response.url == "/bilan/2022/"


def test_bilan_link_without_any_reporting_year_is_a_french_404(client, db):
    response = client.get("/bilan/")
    assert response.status_code == 404
    assert "Aucune année de bilan" in response.content.decode()
