"""The exports of the annual bilan: its sheets, its writers and the formats they make.

Every export holds the bilan table; all but CSV (a single sheet) also hold
the "Indicateurs" part: each indicator's target and result for N and N+1 and
its progress for N.
"""

import csv
import io
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import format_number, format_ratio
from indicators.bilan.blocks import Block, markup_blocks
from indicators.bilan.errors import EmptyBilan, UnknownFormat
from indicators.bilan.shaping import Bilan, load_bilan
from indicators.bilan.sheets import bilan_sheet, indicator_document_rows, indicator_sheet
from indicators.bilan.tables import bilan_table
from measures.markup import markup_to_plain_text


def _is_number(value) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _paragraphs(value: str) -> list[str]:
    """The paragraphs of a plain-text cell (``markup_to_plain_text`` joins them by a blank line)."""
    return [p for p in value.split("\n\n") if p] or [""]


def write_csv(bilan: Bilan) -> str:
    """The bilan table only (CSV has one sheet), UTF-8 text, comma-separated, RFC 4180 quoting."""
    sheet = bilan_sheet(bilan)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(sheet.headers)
    writer.writerows(["" if v is None else v for v in row] for row in sheet.rows)
    return out.getvalue()


def _json_number(value):
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def write_json(bilan: Bilan) -> str:
    """An object with the "bilan" rows (plain text and markup) and the "indicateurs"."""
    document = {
        "titre": bilan.title,
        "plan": bilan.plan_title,
        "annee": bilan.year,
        "annee_plan_action": bilan.action_plan_year,
        "bilan": [
            {
                "axe": row.axis_number,
                "titre_axe": row.axis_title,
                "reference": row.reference,
                "numero": row.measure_number,
                "lettre": row.letter,
                "ambition": markup_to_plain_text(row.ambition_text),
                "bilan": markup_to_plain_text(row.bilan_text),
                "plan_action": markup_to_plain_text(row.action_plan_text),
                "ambition_markdown": row.ambition_text,
                "bilan_markdown": row.bilan_text,
                "plan_action_markdown": row.action_plan_text,
            }
            for row in bilan.rows
        ],
        "indicateurs": [
            {
                "reference": row.reference,
                "indicateur": row.label,
                "unite": row.unit,
                "objectif_annee": _json_number(row.target),
                "resultat_annee": _json_number(row.result),
                "objectif_annee_suivante": _json_number(row.next_target),
                "resultat_annee_suivante": _json_number(row.next_result),
                "avancement": _json_number(row.ratio),
                "statut": row.status,
                "libelle_statut": row.status_label,
            }
            for row in bilan.indicators
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# Column widths are counted in characters of the default font (Calibri 11):
# about 5 to the centimetre, and 15 points to a line.
XLSX_CHARACTERS_PER_CM = 5
XLSX_LINE_HEIGHT_PT = 15


def _wrapped_lines(value, width: float) -> int:
    """About how many lines a cell's text takes in a column ``width`` characters wide.

    >>> _wrapped_lines("un deux trois", width=10), _wrapped_lines("a\\n\\nb", width=10)
    (2, 3)
    """
    if not isinstance(value, str):
        return 1
    return sum(max(1, math.ceil(len(line) / max(width - 2, 1))) for line in value.split("\n"))


def write_xlsx(bilan: Bilan) -> bytes:
    """Two sheets, text wrapped, header row frozen and repeated on each printed page."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE3EE")
    top_wrapped = Alignment(wrap_text=True, vertical="top")
    for sheet in (bilan_sheet(bilan), indicator_sheet(bilan)):
        # Excel forbids []:*?/\ in sheet names and cuts them at 31 characters.
        ws = workbook.create_sheet(sheet.title.translate(str.maketrans("[]:*?/\\", "()-----"))[:31])
        ws.append(list(sheet.headers))
        for values in sheet.rows:
            ws.append([None if v == "" else v for v in values])
        for row_index, row in enumerate(ws.iter_rows(), start=-1):
            for column_index, cell in enumerate(row):
                cell.alignment = top_wrapped
                # A text starting with "=" is text, never a formula.
                if cell.data_type == "f":
                    cell.data_type = "s"
                if column_index in sheet.ratio_columns and row_index >= 0:
                    cell.number_format = "0%"
                if row_index == -1:
                    cell.font = bold
                    cell.fill = header_fill
                elif row_index in sheet.heading_rows:
                    cell.font = bold
        widths = [width * XLSX_CHARACTERS_PER_CM for width in sheet.widths]
        for column_index, width in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + column_index)].width = width
        # Spreadsheet programs do not grow a row to fit wrapped text on opening.
        for row in ws.iter_rows():
            lines = max(
                _wrapped_lines(cell.value, width) for cell, width in zip(row, widths, strict=True)
            )
            ws.row_dimensions[row[0].row].height = lines * XLSX_LINE_HEIGHT_PT
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    workbook.properties.title = bilan.title
    workbook.properties.language = "fr-FR"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write_ods(bilan: Bilan) -> bytes:
    """Two sheets; each paragraph of a cell is its own paragraph, so LibreOffice shows them."""
    from odf import number as odf_number
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import (
        Style,
        TableCellProperties,
        TableColumnProperties,
        TextProperties,
    )
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    percent = odf_number.PercentageStyle(name="pourcentage")
    percent.addElement(odf_number.Number(decimalplaces="0", minintegerdigits="1"))
    percent.addElement(odf_number.Text(text="\u00a0%"))
    document.styles.addElement(percent)

    def cell_style(name: str, *, bold: bool = False, data_style: str | None = None) -> Style:
        extra = {"datastylename": data_style} if data_style else {}
        style = Style(name=name, family="table-cell", **extra)
        style.addElement(TableCellProperties(wrapoption="wrap", verticalalign="top"))
        if bold:
            style.addElement(TextProperties(fontweight="bold"))
        document.automaticstyles.addElement(style)
        return style

    text_style = cell_style("texte")
    bold_style = cell_style("gras", bold=True)
    ratio_style = cell_style("avancement", data_style="pourcentage")

    def make_cell(value, style, is_ratio: bool) -> TableCell:
        if value is None or value == "":
            return TableCell(stylename=style)
        if _is_number(value):
            if is_ratio:
                cell = TableCell(valuetype="percentage", value=str(value), stylename=ratio_style)
                cell.addElement(P(text=format_ratio(value)))
            else:
                cell = TableCell(valuetype="float", value=str(value), stylename=style)
                cell.addElement(P(text=format_number(value)))
            return cell
        cell = TableCell(valuetype="string", stylename=style)
        for paragraph in _paragraphs(str(value)):
            cell.addElement(P(text=paragraph))
        return cell

    for sheet_index, sheet in enumerate((bilan_sheet(bilan), indicator_sheet(bilan))):
        table = Table(name=sheet.title)
        for column_index, width in enumerate(sheet.widths):
            column_style = Style(
                name=f"colonne-{sheet_index}-{column_index}", family="table-column"
            )
            column_style.addElement(TableColumnProperties(columnwidth=f"{width}cm"))
            document.automaticstyles.addElement(column_style)
            table.addElement(TableColumn(stylename=column_style))
        header = TableRow()
        for value in sheet.headers:
            header.addElement(make_cell(value, bold_style, is_ratio=False))
        table.addElement(header)
        for row_index, values in enumerate(sheet.rows):
            style = bold_style if row_index in sheet.heading_rows else text_style
            row = TableRow()
            for column_index, value in enumerate(values):
                row.addElement(make_cell(value, style, column_index in sheet.ratio_columns))
            table.addElement(row)
        document.spreadsheet.addElement(table)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# A4 landscape with 15 mm margins leaves 267 mm: the report's proportions.
DOCX_BILAN_WIDTHS_MM = (72, 90, 15, 90)
DOCX_INDICATOR_WIDTHS_MM = (12, 75, 30, 25, 25, 25, 25, 22, 28)


def write_docx(bilan: Bilan) -> bytes:
    """A4 landscape; the four columns; axis rows merged across; bold kept; header repeated."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    normal = document.styles["Normal"]
    # Arial where Word is, Liberation Sans (same metrics) where LibreOffice is.
    normal.font.name = "Arial"
    normal.font.size = Pt(9)
    run_properties = normal.element.get_or_add_rPr()
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    language.set(qn("w:val"), "fr-FR")
    document.core_properties.title = bilan.title
    document.core_properties.language = "fr-FR"
    document.core_properties.author = bilan.plan_title

    def shade(cell, colour: str):
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), colour)
        cell._tc.get_or_add_tcPr().append(shading)

    def repeat_as_header(row):
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(header)

    def write_blocks(cell, blocks: list[Block]):
        paragraph = cell.paragraphs[0]
        for index, block in enumerate(blocks):
            if index:
                paragraph = cell.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(3)
            if block.marker:
                paragraph.add_run(f"{block.marker} ")
            for run in block.runs:
                written = paragraph.add_run(run.text)
                written.bold = run.bold or None
                written.italic = run.italic or None

    def write_plain(cell, text: str, *, bold: bool = False):
        run = cell.paragraphs[0].add_run(text)
        run.bold = bold or None

    def new_table(headers, widths_mm):
        table = document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)
        for cell, header, width in zip(table.rows[0].cells, headers, widths_mm, strict=True):
            write_plain(cell, header, bold=True)
            shade(cell, "DDE3EE")
            cell.width = Mm(width)
        repeat_as_header(table.rows[0])
        return table

    def add_row(table, widths_mm):
        row = table.add_row()
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
        return row

    document.add_heading(bilan.title, level=0)
    document.add_paragraph(bilan.plan_title)
    for block in markup_blocks(bilan.introduction):
        paragraph = document.add_paragraph()
        for run in block.runs:
            paragraph.add_run(run.text).bold = run.bold or None

    table = new_table(
        (bilan.ambition_header, bilan.bilan_header, "#", bilan.action_plan_header),
        DOCX_BILAN_WIDTHS_MM,
    )
    for axis in bilan.axes:
        heading = add_row(table, DOCX_BILAN_WIDTHS_MM)
        merged = heading.cells[0].merge(heading.cells[3])
        write_plain(merged, axis.heading, bold=True)
        shade(merged, "F1F3F7")
        written = [(row, add_row(table, DOCX_BILAN_WIDTHS_MM)) for row in axis.rows]
        for index, (row, docx_row) in enumerate(written):
            cells = docx_row.cells
            write_blocks(cells[1], markup_blocks(row.bilan_text))
            write_blocks(cells[3], markup_blocks(row.action_plan_text))
            # Merged down over the rows the ambition (or the measure number) covers.
            if row.ambition_rowspan:
                last = written[index + row.ambition_rowspan - 1][1].cells[0]
                target = cells[0].merge(last) if row.ambition_rowspan > 1 else cells[0]
                write_blocks(target, markup_blocks(row.ambition_text))
            if row.number_rowspan:
                last = written[index + row.number_rowspan - 1][1].cells[2]
                target = cells[2].merge(last) if row.number_rowspan > 1 else cells[2]
                write_plain(target, row.number_label, bold=True)

    if bilan.indicators:
        document.add_page_break()
        document.add_heading(_("Indicateurs"), level=1)
        headers, rows = indicator_document_rows(bilan)
        table = new_table(headers, DOCX_INDICATOR_WIDTHS_MM)
        for values in rows:
            cells = add_row(table, DOCX_INDICATOR_WIDTHS_MM).cells
            for cell, value in zip(cells, values, strict=True):
                write_plain(cell, value)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# WeasyPrint may read the project's own static files, and nothing else.
PRINT_BASE_DIR = Path(settings.BASE_DIR) / "static"


def _local_only_fetcher():
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        """Refuses every URL but data: and files under the project's static folder."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if path.is_relative_to(PRINT_BASE_DIR.resolve()):
                    return super().fetch(url, headers)
            raise ValueError(f"URL refusée : {url}")

    return LocalOnlyFetcher(allowed_protocols=("data", "file"))


def print_context(bilan: Bilan) -> dict:
    headers, rows = indicator_document_rows(bilan)
    return {
        "bilan": bilan,
        "table": bilan_table(bilan),
        "indicator_headers": headers,
        "indicator_rows": rows,
    }


def write_pdf(bilan: Bilan) -> bytes:
    """The print template rendered by WeasyPrint: A4 landscape, system fonts, no fetch."""
    import weasyprint

    html = render_to_string("indicators/bilan_print.html", print_context(bilan))
    document = weasyprint.HTML(
        string=html, base_url=PRINT_BASE_DIR.as_uri() + "/", url_fetcher=_local_only_fetcher()
    )
    return document.write_pdf()


# ---------------------------------------------------------------------------
# The formats, for the export view and the command.


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: Promise
    content_type: str
    writer: Callable[[Bilan], str | bytes] = field(repr=False)
    is_text: bool = False
    with_indicators: bool = True


EXPORT_FORMATS = {
    export.name: export
    for export in (
        ExportFormat(
            "csv",
            gettext_lazy("CSV (tableau du bilan seul)"),
            "text/csv; charset=utf-8",
            write_csv,
            is_text=True,
            with_indicators=False,
        ),
        ExportFormat(
            "xlsx",
            gettext_lazy("Classeur Excel (XLSX)"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            write_xlsx,
        ),
        ExportFormat(
            "ods",
            gettext_lazy("Classeur OpenDocument (ODS)"),
            "application/vnd.oasis.opendocument.spreadsheet",
            write_ods,
        ),
        ExportFormat(
            "json",
            gettext_lazy("Données JSON"),
            "application/json; charset=utf-8",
            write_json,
            is_text=True,
        ),
        ExportFormat(
            "docx",
            gettext_lazy("Document Word (DOCX)"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            write_docx,
        ),
        ExportFormat("pdf", gettext_lazy("Document PDF"), "application/pdf", write_pdf),
    )
}


def export_format(name: str) -> ExportFormat:
    """The format called ``name``, or ``UnknownFormat``."""
    try:
        return EXPORT_FORMATS[name]
    except KeyError:
        raise UnknownFormat(
            _("Format d'export inconnu : « %(name)s ». Formats possibles : %(names)s.")
            % {"name": name[:20], "names": ", ".join(EXPORT_FORMATS)}
        ) from None


@dataclass(frozen=True)
class ExportedBilan:
    filename: str
    content_type: str
    content: bytes
    is_text: bool


def export_bilan(year: int, format_name: str) -> ExportedBilan:
    """The bilan of ``year`` written in ``format_name``; ``BilanError`` with a French reason.

    The files reproduce the City's French report: they are written in French
    (headers, figures, statuses) whatever the language of the page they come from.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _export_bilan(year, format_name)


def _export_bilan(year: int, format_name: str) -> ExportedBilan:
    export = export_format(format_name)
    bilan = load_bilan(year, with_indicators=export.with_indicators)
    if not bilan.has_published_text:
        raise EmptyBilan(
            _("Le bilan %(year)s n'a encore aucun texte publié : il n'y a rien à exporter.")
            % {"year": bilan.year}
        )
    content = export.writer(bilan)
    return ExportedBilan(
        filename=f"{bilan.file_stem}.{export.name}",
        content_type=export.content_type,
        content=content.encode() if isinstance(content, str) else content,
        is_text=export.is_text,
    )
