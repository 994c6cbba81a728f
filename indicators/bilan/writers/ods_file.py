"""ODS: the bilan and the indicators as two sheets of an OpenDocument spreadsheet."""

import io
from decimal import Decimal

from django.utils.translation import gettext_lazy

from core.formatting import format_number, format_ratio
from indicators.bilan.shaping import Bilan
from indicators.bilan.sheets import bilan_sheet, indicator_sheet
from indicators.bilan.writers.base import ExportFormat


def _is_number(value) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _paragraphs(value: str) -> list[str]:
    """The paragraphs of a plain-text cell (``markup_to_plain_text`` joins them by a blank line)."""
    return [p for p in value.split("\n\n") if p] or [""]


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


FORMAT = ExportFormat(
    "ods",
    gettext_lazy("Classeur OpenDocument (ODS)"),
    "application/vnd.oasis.opendocument.spreadsheet",
    write_ods,
)
