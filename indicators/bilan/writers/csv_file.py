"""CSV: the bilan table only, as a CSV file has one sheet."""

import csv
import io

from django.utils.translation import gettext_lazy

from indicators.bilan.shaping import Bilan
from indicators.bilan.sheets import bilan_sheet
from indicators.bilan.writers.base import ExportFormat


def write_csv(bilan: Bilan) -> str:
    """The bilan table only (CSV has one sheet), UTF-8 text, comma-separated, RFC 4180 quoting."""
    sheet = bilan_sheet(bilan)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(sheet.headers)
    writer.writerows(["" if v is None else v for v in row] for row in sheet.rows)
    return out.getvalue()


FORMAT = ExportFormat(
    "csv",
    gettext_lazy("CSV (tableau du bilan seul)"),
    "text/csv; charset=utf-8",
    write_csv,
    is_text=True,
    with_indicators=False,
)
