"""What every XLSX file of the site does to its sheets, whichever feature writes it."""


def declare_table(ws, index: int = 1) -> None:
    """The sheet's cells declared as a table whose first row holds the column headers:
    spreadsheet programs and screen readers then announce each cell with its header
    (RGAA 13.3). ``index`` keeps the table names of one workbook distinct."""
    from openpyxl.worksheet.table import Table, TableStyleInfo

    table = Table(displayName=f"Tableau{index}", ref=ws.dimensions)
    # No banding: the sheet keeps its own look (shaded header, bold axis rows).
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    ws.add_table(table)
