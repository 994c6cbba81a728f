"""CSV: the bilan table only, as a CSV file has one sheet."""

import csv
import io

from django.utils.translation import gettext_lazy

from core.spreadsheet_safety import inert_cell
from indicators.bilan.shaping import Bilan
from indicators.bilan.sheets import bilan_sheet
from indicators.bilan.writers.base import ExportFormat


def csv_cell(value):
    """Nothing for no value; a text a spreadsheet would run as a formula made inert.

    The bilan CSV is public once an edition is frozen: anyone may open it in a
    spreadsheet (CSV injection, OWASP).
    """
    if value is None:
        return ""
    return inert_cell(value) if isinstance(value, str) else value


def write_csv(bilan: Bilan) -> str:
    """The bilan table only (CSV has one sheet), UTF-8 text, comma-separated, RFC 4180 quoting."""
    sheet = bilan_sheet(bilan)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(sheet.headers)
    writer.writerows([csv_cell(value) for value in row] for row in sheet.rows)
    return out.getvalue()


FORMAT = ExportFormat(
    "csv",
    gettext_lazy("CSV (tableau du bilan seul)"),
    "text/csv; charset=utf-8",
    write_csv,
    is_text=True,
    with_indicators=False,
)
