"""The completeness board as a CSV (UTF-8 with a byte order mark) or an XLSX workbook.

French headers; text cells made inert for spreadsheets (``core.spreadsheet_safety``);
figures stay numbers. The last line is the total.
"""

import csv
import io

from django.utils.translation import gettext as _

from core.spreadsheet_safety import inert_cell
from core.spreadsheets import declare_table

BOM = "\ufeff"
FIGURES = ("expected", "entered", "submitted", "returned", "validated", "published")


def headers() -> list[str]:
    return [
        _("Axe"),
        _("Mesure"),
        _("Intitulé"),
        _("Agents"),
        _("Attendu"),
        _("Saisi"),
        _("Soumis"),
        _("Renvoyé"),
        _("Validé"),
        _("Publié"),
        _("Saisi (%)"),
        _("Validé (%)"),
        _("À remplir"),
        _("Saisie en retard"),
    ]


def _line(axis, number, title, agents, tally, late: bool) -> list:
    return [
        axis,
        number,
        inert_cell(title),
        inert_cell(agents),
        *(getattr(tally, name) for name in FIGURES),
        tally.entered_percent,
        tally.reviewed_percent,
        tally.missing_count,
        _("oui") if late and tally.missing_count else _("non"),
    ]


def export_lines(rows: list[dict], total) -> list[list]:
    """The table's rows (as shown, filtered and sorted) and a total line."""
    lines = [
        _line(
            row["axis"],
            row["page"].measure_number or "",
            row["page"].title,
            row["agents"],
            row["page"].tally,
            row["late"],
        )
        for row in rows
    ]
    lines.append(_line("", "", _("Total"), "", total, any(row["late"] for row in rows)))
    return lines


def write_csv(lines: list[list]) -> bytes:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers())
    writer.writerows([["" if cell is None else cell for cell in line] for line in lines])
    return buffer.getvalue().encode("utf-8")


def write_xlsx(lines: list[list], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Avancement")[:31]
    sheet.append(headers())
    for line in lines:
        sheet.append([None if cell == "" else cell for cell in line])
    declare_table(sheet)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["C"].width = 50
    sheet.column_dimensions["D"].width = 30
    workbook.properties.title = title
    workbook.properties.language = "fr-FR"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
