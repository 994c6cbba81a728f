"""XLSX: the bilan, the indicators and the commitments (if any) as sheets of an Excel workbook."""

import io
import math

from django.utils.translation import gettext_lazy

from core.spreadsheets import declare_table
from indicators.bilan.glossary import workbook_sheets
from indicators.bilan.shaping import Bilan
from indicators.bilan.sheets import Sheet
from indicators.bilan.writers.base import ExportFormat

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
    """Two or three sheets, text wrapped, header row frozen and repeated on each printed page."""
    return xlsx_workbook(workbook_sheets(bilan), title=bilan.title)


def xlsx_workbook(sheets, *, title: str) -> bytes:
    """Any sheets as an Excel workbook, laid out as the bilan's (the final bilan's too)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for index, sheet in enumerate(sheets, start=1):
        ws = _add_worksheet(workbook, sheet)
        declare_table(ws, index)
        _style_cells(ws, sheet)
        _size_columns_and_rows(ws, sheet)
        _set_up_printing(ws)
    workbook.properties.title = title
    workbook.properties.language = "fr-FR"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _add_worksheet(workbook, sheet: Sheet):
    """A worksheet holding the sheet's header row and rows, empty texts left empty."""
    # Excel forbids []:*?/\ in sheet names and cuts them at 31 characters.
    ws = workbook.create_sheet(sheet.title.translate(str.maketrans("[]:*?/\\", "()-----"))[:31])
    ws.append(list(sheet.headers))
    for values in sheet.rows:
        ws.append([None if v == "" else v for v in values])
    return ws


def _style_cells(ws, sheet: Sheet) -> None:
    """Text wrapped at the top; header row bold and shaded, axis rows bold; ratios in %."""
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE3EE")
    top_wrapped = Alignment(wrap_text=True, vertical="top")
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


def _size_columns_and_rows(ws, sheet: Sheet) -> None:
    """Columns as wide as the sheet says, rows as tall as their longest wrapped text."""
    widths = [width * XLSX_CHARACTERS_PER_CM for width in sheet.widths]
    for column_index, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + column_index)].width = width
    # Spreadsheet programs do not grow a row to fit wrapped text on opening.
    for row in ws.iter_rows():
        lines = max(
            _wrapped_lines(cell.value, width) for cell, width in zip(row, widths, strict=True)
        )
        ws.row_dimensions[row[0].row].height = lines * XLSX_LINE_HEIGHT_PT


def _set_up_printing(ws) -> None:
    """Header row frozen and repeated on each page; A4 landscape, as wide as the page."""
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


FORMAT = ExportFormat(
    "xlsx",
    gettext_lazy("Classeur Excel (XLSX)"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    write_xlsx,
)
