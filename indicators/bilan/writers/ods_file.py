"""ODS: the bilan, the indicators and the commitments (if any) as sheets of an OpenDocument
spreadsheet."""

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy

from core.formatting import format_number, format_ratio
from indicators.bilan.glossary import workbook_sheets
from indicators.bilan.shaping import Bilan
from indicators.bilan.sheets import Sheet
from indicators.bilan.writers.base import ExportFormat


def write_ods(bilan: Bilan) -> bytes:
    """Two or three sheets; each paragraph of a cell is its own paragraph, for LibreOffice."""
    return ods_workbook(workbook_sheets(bilan), title=bilan.title)


def ods_workbook(sheets, *, title: str) -> bytes:
    """Any sheets as an OpenDocument spreadsheet, laid out as the bilan's."""
    from odf.opendocument import OpenDocumentSpreadsheet

    document = OpenDocumentSpreadsheet()
    _add_percentage_style(document)
    styles = _CellStyles(
        text=_add_cell_style(document, "texte"),
        bold=_add_cell_style(document, "gras", bold=True),
        ratio=_add_cell_style(document, "avancement", data_style="pourcentage"),
    )
    for sheet_index, sheet in enumerate(sheets):
        document.spreadsheet.addElement(_table(document, sheet, sheet_index, styles))
    _set_properties(document, title)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set_properties(document, title: str) -> None:
    """Title and language in the document's metadata: what a screen reader announces."""
    from odf import dc

    document.meta.addElement(dc.Title(text=title))
    document.meta.addElement(dc.Language(text="fr-FR"))


# ---------------------------------------------------------------------------
# Styles: named once in the document, then given to the cells and columns.


@dataclass(frozen=True)
class _CellStyles:
    """The document's cell styles: the text of rows, bold (headers, axes), progress ratios."""

    text: Any
    bold: Any
    ratio: Any


def _add_percentage_style(document) -> None:
    """The "pourcentage" number style of the progress ratios: "97 %"."""
    from odf import number as odf_number

    percent = odf_number.PercentageStyle(name="pourcentage")
    percent.addElement(odf_number.Number(decimalplaces="0", minintegerdigits="1"))
    percent.addElement(odf_number.Text(text="\u00a0%"))
    document.styles.addElement(percent)


def _add_cell_style(document, name: str, *, bold: bool = False, data_style: str | None = None):
    """A cell style, text wrapped and set at the top of the cell."""
    from odf.style import Style, TableCellProperties, TextProperties

    extra = {"datastylename": data_style} if data_style else {}
    style = Style(name=name, family="table-cell", **extra)
    style.addElement(TableCellProperties(wrapoption="wrap", verticalalign="top"))
    if bold:
        style.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(style)
    return style


def _add_columns(document, table, sheet: Sheet, sheet_index: int) -> None:
    """The sheet's columns, each with a style giving its width."""
    from odf.style import Style, TableColumnProperties
    from odf.table import TableColumn

    for column_index, width in enumerate(sheet.widths):
        column_style = Style(name=f"colonne-{sheet_index}-{column_index}", family="table-column")
        column_style.addElement(TableColumnProperties(columnwidth=f"{width}cm"))
        document.automaticstyles.addElement(column_style)
        table.addElement(TableColumn(stylename=column_style))


# ---------------------------------------------------------------------------
# Tables, rows and cells.


def _table(document, sheet: Sheet, sheet_index: int, styles: _CellStyles):
    """One sheet: its columns, its header row in bold, then its rows (axis rows in bold)."""
    from odf.table import Table, TableHeaderRows

    table = Table(name=sheet.title)
    _add_columns(document, table, sheet, sheet_index)
    # Declared as the table's header rows: repeated on each printed page and read as
    # the column headers by assistive technologies.
    header_rows = TableHeaderRows()
    header_rows.addElement(_row(sheet.headers, styles.bold, styles, ratio_columns=frozenset()))
    table.addElement(header_rows)
    for row_index, values in enumerate(sheet.rows):
        style = styles.bold if row_index in sheet.heading_rows else styles.text
        table.addElement(_row(values, style, styles, ratio_columns=sheet.ratio_columns))
    return table


def _row(values, style, styles: _CellStyles, *, ratio_columns: frozenset[int]):
    from odf.table import TableRow

    row = TableRow()
    for column_index, value in enumerate(values):
        row.addElement(_cell(value, style, styles, is_ratio=column_index in ratio_columns))
    return row


def _cell(value, style, styles: _CellStyles, *, is_ratio: bool):
    """An empty cell, a number, or a text whose paragraphs stay paragraphs."""
    from odf.table import TableCell
    from odf.text import P

    if value is None or value == "":
        return TableCell(stylename=style)
    if _is_number(value):
        return _number_cell(value, style, styles, is_ratio=is_ratio)
    cell = TableCell(valuetype="string", stylename=style)
    for paragraph in _paragraphs(str(value)):
        cell.addElement(P(text=paragraph))
    return cell


def _number_cell(value, style, styles: _CellStyles, *, is_ratio: bool):
    """The number for calculations, and its French text ("365 000", "97 %") to show."""
    from odf.table import TableCell
    from odf.text import P

    if is_ratio:
        cell = TableCell(valuetype="percentage", value=str(value), stylename=styles.ratio)
        cell.addElement(P(text=format_ratio(value)))
    else:
        cell = TableCell(valuetype="float", value=str(value), stylename=style)
        cell.addElement(P(text=format_number(value)))
    return cell


def _is_number(value) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _paragraphs(value: str) -> list[str]:
    """The paragraphs of a plain-text cell (``markup_to_plain_text`` joins them by a blank line)."""
    return [p for p in value.split("\n\n") if p] or [""]


FORMAT = ExportFormat(
    "ods",
    gettext_lazy("Classeur OpenDocument (ODS)"),
    "application/vnd.oasis.opendocument.spreadsheet",
    write_ods,
)
