"""Open data: every published figure of every indicator, one row per year and kind of value.

The columns are those of ``indicators.schema``. Only published
values: what the public dashboard shows. Every indicator of the plan is in
the files: one with no figure yet has a single row, its value empty. Numbers
are written for machines (decimal point, no grouping), dates in ISO 8601;
texts without invisible characters (control characters, bidirectional
overrides), which older data may hold. The files are French, whatever the
language of the page they are downloaded from.

Two CSV files: the standard one (comma, decimal point) and one for French
spreadsheets (semicolon, decimal comma); both UTF-8 with a byte order mark,
which spreadsheets need to read UTF-8, and both with the cells a spreadsheet
would run as a formula made inert.
"""

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import translation

from core.spreadsheet_safety import inert_cell
from core.text_safety import printable_copy
from indicators.figures import indicator_figures, indicator_records
from indicators.models import Indicator
from indicators.plans import current_plan
from indicators.schema import (
    COLUMNS,
    FIELDNAMES,
    VALUES_SHEET_COLUMNS,
    VALUES_SHEET_DESCRIPTION,
    table_schema,
)

BOM = "\ufeff"


@dataclass(frozen=True)
class OpenDataFile:
    filename: str
    content_type: str
    content: str


def records(indicators: Iterable[Indicator]) -> list[dict]:
    """The open-data rows of indicators fetched with their values, in French."""
    with translation.override("fr"):
        return printable_copy(
            [
                row
                for indicator in indicators
                for row in indicator_records(indicator_figures(indicator))
            ]
        )


def published_values() -> list[dict]:
    """Every published figure of every indicator of the current plan, in report order."""
    plan = current_plan()
    if plan is None:
        return []
    return records(Indicator.objects.filter(report_row__ambition__axis__plan=plan).for_dashboard())


def csv_cell(value) -> str | int:
    """Nothing for no value; true/false; text cells a spreadsheet could run made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return inert_cell(value) if isinstance(value, str) else value


def csv_text(
    rows: list[dict], fieldnames: list[str], delimiter: str, decimal_columns: tuple[str, ...] = ()
) -> str:
    """The rows as a CSV file with its header, the ``decimal_columns`` with a decimal comma."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.DictWriter(
        buffer, fieldnames=fieldnames, delimiter=delimiter, lineterminator="\r\n"
    )
    writer.writeheader()
    for row in rows:
        cells = {key: csv_cell(value) for key, value in row.items()}
        for column in decimal_columns:
            cells[column] = cells[column].replace(".", ",")
        writer.writerow(cells)
    return buffer.getvalue()


def _csv(rows: list[dict], delimiter: str, decimal_comma: bool) -> str:
    return csv_text(rows, FIELDNAMES, delimiter, ("valeur",) if decimal_comma else ())


def values_csv() -> OpenDataFile:
    """The standard CSV: comma-separated, decimal point, UTF-8 with a byte order mark."""
    content = _csv(published_values(), delimiter=",", decimal_comma=False)
    return OpenDataFile("ldaplan-valeurs.csv", "text/csv; charset=utf-8", content)


def values_french_csv() -> OpenDataFile:
    """The same rows for French spreadsheets: semicolon-separated, decimal comma."""
    content = _csv(published_values(), delimiter=";", decimal_comma=True)
    return OpenDataFile("ldaplan-valeurs-tableur-fr.csv", "text/csv; charset=utf-8", content)


def json_number(value: str | None):
    """A machine number of the records as a JSON number: an int when whole."""
    if not value:
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def values_json() -> OpenDataFile:
    """The rows with their schema; numbers as JSON numbers, ``deduit`` a boolean."""
    with translation.override("fr"):
        schema = [
            {"colonne": c.name, "type": c.type, "description": str(c.description)} for c in COLUMNS
        ]
    rows = [row | {"valeur": json_number(row["valeur"])} for row in published_values()]
    document = {"schema": schema, "valeurs": rows}
    return OpenDataFile(
        "ldaplan-valeurs.json",
        "application/json",
        json.dumps(document, ensure_ascii=False, indent=2) + "\n",
    )


def schema_json() -> OpenDataFile:
    """The Table Schema of the files, in French."""
    with translation.override("fr"):
        content = json.dumps(table_schema(), ensure_ascii=False, indent=2) + "\n"
    return OpenDataFile("ldaplan-valeurs-schema.json", "application/json", content)


def values_sheet_schema_json() -> OpenDataFile:
    """The Table Schema of the « Indicateurs » sheet of the collection workbook, in French:
    the open-data columns it shares, by the same name, and its own."""
    with translation.override("fr"):
        schema = table_schema(VALUES_SHEET_COLUMNS)
        schema["description"] = str(VALUES_SHEET_DESCRIPTION)
        content = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return OpenDataFile("ldaplan-feuille-indicateurs-schema.json", "application/json", content)
