"""The collection workbook as an Excel (XLSX) or OpenDocument (ODS) file, made for people.

Reference columns are grey and locked (the sheet is protected without a password, so a
slip of the keyboard cannot change an identifier, yet nothing stops a deliberate user);
the cells to fill are white and unlocked; choices come as drop-down lists; numbers and
dates are real numbers and dates, shown the French way by the spreadsheet; the header row
is frozen; the « version » columns are hidden.
"""

import io
from datetime import date
from decimal import Decimal

from indicators.entry.collection import FILL, HIDDEN, REFERENCE, CollectionWorkbook

CHARACTERS_PER_CM = 5
GREY = "EEF0F3"
HEADER = "DDE3EE"
README_TITLE = "Lisez-moi"


def _cell_value(value):
    """A spreadsheet value: whole numbers as integers, empty texts as empty cells."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if value == "":
        return None
    return value


def _number_format(value) -> str:
    """The format of a reference figure: grouped by thousands (« 365 000 »), whole numbers
    without a decimal mark (« #,##0.## » would show « 365 000, »)."""
    if isinstance(value, int):
        return "#,##0"
    if isinstance(value, float):
        return "#,##0.0#"
    return "General"


# --- XLSX -------------------------------------------------------------------------------


def write_xlsx(workbook: CollectionWorkbook) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    readme = book.active
    readme.title = README_TITLE
    _xlsx_readme(readme, workbook.readme)
    for sheet in workbook.sheets:
        _xlsx_sheet(book.create_sheet(sheet.title), sheet)
    book.properties.title = workbook.title
    book.properties.language = "fr-FR"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_readme(ws, paragraphs) -> None:
    from openpyxl.styles import Alignment, Font

    ws.column_dimensions["A"].width = 110
    for index, paragraph in enumerate(paragraphs, start=1):
        cell = ws.cell(row=index, column=1, value=paragraph)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if index == 1:
            cell.font = Font(bold=True, size=14)
        ws.row_dimensions[index].height = 15 * (1 + len(paragraph) // 100)


def _xlsx_sheet(ws, sheet) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    grey = PatternFill("solid", fgColor=GREY)
    header_fill = PatternFill("solid", fgColor=HEADER)
    wrapped = Alignment(wrap_text=True, vertical="top")
    ws.append([column.header for column in sheet.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = wrapped
    for values in sheet.rows:
        ws.append([_cell_value(value) for value in values])
    last_row = max(ws.max_row, 2)
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width * CHARACTERS_PER_CM
        ws.column_dimensions[letter].hidden = column.role == HIDDEN
        for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.alignment = wrapped
            cell.protection = Protection(locked=column.role != FILL)
            if column.role == REFERENCE:
                cell.fill = grey
                cell.font = Font(color="404040")
            if column.date:
                cell.number_format = "DD/MM/YYYY"
            elif column.role == REFERENCE and isinstance(cell.value, int | float):
                cell.number_format = _number_format(cell.value)
            # A cell to fill keeps the spreadsheet's general format: whatever is typed
            # there (« 76,5 » where 76 was) shows as typed, never rounded by a format.
        if column.choices:
            validation = DataValidation(
                type="list",
                formula1='"{}"'.format(",".join(column.choices)),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=column.header,
                error="Choisissez une valeur de la liste.",
            )
            ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{last_row}")
    ws.freeze_panes = "A2"
    # Locked cells stay as they are; the cells to fill, formatting and sorting stay free.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.protection.sort = False


# --- ODS --------------------------------------------------------------------------------


def write_ods(workbook: CollectionWorkbook) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet

    document = OpenDocumentSpreadsheet()
    styles = _OdsStyles(document)
    document.spreadsheet.addElement(_ods_readme(workbook.readme, styles))
    validations = []
    for sheet in workbook.sheets:
        document.spreadsheet.addElement(_ods_table(sheet, styles, validations))
    if validations:
        from odf.table import ContentValidations

        holder = ContentValidations()
        for validation in validations:
            holder.addElement(validation)
        document.spreadsheet.insertBefore(holder, document.spreadsheet.firstChild)
    _ods_freeze_header_rows(document, [sheet.title for sheet in workbook.sheets])
    document.meta.addElement(_ods_title(workbook.title))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _ods_freeze_header_rows(document, table_names) -> None:
    """The first row of each table frozen, as LibreOffice records a « fixed row »: its
    view settings split each table below row 1 (a split the reader can still remove)."""
    from odf.config import (
        ConfigItem,
        ConfigItemMapEntry,
        ConfigItemMapIndexed,
        ConfigItemMapNamed,
        ConfigItemSet,
    )

    def item(name: str, kind: str, value) -> ConfigItem:
        return ConfigItem(name=name, type=kind, text=str(value))

    tables = ConfigItemMapNamed(name="Tables")
    for name in table_names:
        entry = ConfigItemMapEntry(name=name)
        for setting, kind, value in (
            ("HorizontalSplitMode", "short", 0),
            ("VerticalSplitMode", "short", 2),
            ("VerticalSplitPosition", "int", 1),
            ("ActiveSplitRange", "short", 2),
            ("PositionTop", "int", 0),
            ("PositionBottom", "int", 1),
        ):
            entry.addElement(item(setting, kind, value))
        tables.addElement(entry)
    view = ConfigItemMapEntry()
    view.addElement(item("ViewId", "string", "view1"))
    view.addElement(tables)
    views = ConfigItemMapIndexed(name="Views")
    views.addElement(view)
    settings = ConfigItemSet(name="ooo:view-settings")
    settings.addElement(views)
    document.settings.addElement(settings)


def _ods_title(title: str):
    from odf.dc import Title

    return Title(text=title)


class _OdsStyles:
    """The cell and column styles of the workbook, added once to the document."""

    def __init__(self, document):
        from odf.number import DateStyle as NumberDateStyle
        from odf.number import Day, Month, Text, Year
        from odf.style import Style, TableCellProperties, TextProperties

        def cell_style(name, *, background=None, bold=False, protect="protected", data=None):
            style = Style(name=name, family="table-cell")
            if data is not None:
                style.setAttribute("datastylename", data)
            properties = {"wrapoption": "wrap", "verticalalign": "top", "cellprotect": protect}
            if background:
                properties["backgroundcolor"] = f"#{background}"
            style.addElement(TableCellProperties(**properties))
            if bold:
                style.addElement(TextProperties(fontweight="bold"))
            document.automaticstyles.addElement(style)
            return style

        # Whole numbers grouped by thousands, as a French spreadsheet shows them: 365 000.
        from odf.number import Number, NumberStyle

        whole = NumberStyle(name="entier")
        whole.addElement(Number(decimalplaces="0", minintegerdigits="1", grouping="true"))
        document.automaticstyles.addElement(whole)
        french_date = NumberDateStyle(name="date-fr")
        for part in (Day(style="long"), Text(text="/"), Month(style="long"), Text(text="/")):
            french_date.addElement(part)
        french_date.addElement(Year(style="long"))
        document.automaticstyles.addElement(french_date)
        self.document = document
        self.header = cell_style("entete", background=HEADER, bold=True)
        self.reference = cell_style("reference", background=GREY)
        self.fill = cell_style("a-remplir", protect="none")
        self.fill_date = cell_style("date-a-remplir", protect="none", data="date-fr")
        self.reference_whole = cell_style("reference-entier", background=GREY, data="entier")
        self.columns = {}

    def column(self, width_cm: float, hidden: bool):
        from odf.style import Style, TableColumnProperties

        key = (width_cm, hidden)
        if key not in self.columns:
            style = Style(name=f"colonne-{len(self.columns)}", family="table-column")
            style.addElement(TableColumnProperties(columnwidth=f"{width_cm}cm"))
            self.document.automaticstyles.addElement(style)
            self.columns[key] = style
        return self.columns[key]


def _ods_cell(value, style, *, validation: str = ""):
    from odf.table import TableCell
    from odf.text import P

    value = _cell_value(value)
    attributes = {"stylename": style}
    if validation:
        attributes["contentvalidationname"] = validation
    if isinstance(value, bool) or value is None:
        return TableCell(**attributes)
    if isinstance(value, int | float):
        cell = TableCell(valuetype="float", value=value, **attributes)
        cell.addElement(P(text=str(value)))
        return cell
    if isinstance(value, date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat(), **attributes)
        cell.addElement(P(text=value.strftime("%d/%m/%Y")))
        return cell
    cell = TableCell(valuetype="string", **attributes)
    for paragraph in str(value).split("\n"):
        cell.addElement(P(text=paragraph))
    return cell


def _ods_readme(paragraphs, styles):
    from odf.table import Table, TableColumn, TableRow

    table = Table(name=README_TITLE)
    table.addElement(TableColumn(stylename=styles.column(22, False)))
    for paragraph in paragraphs:
        row = TableRow()
        row.addElement(_ods_cell(paragraph, styles.fill))
        table.addElement(row)
    return table


def _ods_validation(name: str, choices) -> object:
    from odf.table import ContentValidation, ErrorMessage
    from odf.text import P

    quoted = ";".join('"{}"'.format(choice.replace('"', '""')) for choice in choices)
    validation = ContentValidation(
        name=name,
        condition=f"of:cell-content-is-in-list({quoted})",
        allowemptycell="true",
        displaylist="unsorted",
    )
    message = ErrorMessage(display="true", messagetype="stop")
    message.addElement(P(text="Choisissez une valeur de la liste."))
    validation.addElement(message)
    return validation


def _ods_table(sheet, styles, validations: list):
    from odf.table import Table, TableColumn, TableRow

    table = Table(name=sheet.title, protected="true")
    names = {}
    for index, column in enumerate(sheet.columns):
        attributes = {"stylename": styles.column(column.width, column.role == HIDDEN)}
        if column.role == HIDDEN:
            attributes["visibility"] = "collapse"
        table.addElement(TableColumn(**attributes))
        if column.choices:
            names[index] = f"liste-{sheet.title}-{column.key}"
            validations.append(_ods_validation(names[index], column.choices))
    header = TableRow()
    for column in sheet.columns:
        header.addElement(_ods_cell(column.header, styles.header))
    table.addElement(header)
    for values in sheet.rows:
        row = TableRow()
        for index, (column, value) in enumerate(zip(sheet.columns, values, strict=True)):
            whole = isinstance(_cell_value(value), int) and not isinstance(value, bool)
            if column.role != FILL:
                style = styles.reference_whole if whole else styles.reference
            else:
                # As in the XLSX, a cell to fill has no number format that could round
                # what is typed there.
                style = styles.fill_date if column.date else styles.fill
            row.addElement(_ods_cell(value, style, validation=names.get(index, "")))
        table.addElement(row)
    return table
