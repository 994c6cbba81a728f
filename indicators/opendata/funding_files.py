"""Open data: the published funding amounts and the partners, in the values' formats.

Each dataset is offered as the values are (``indicators.opendata.files``): a standard
CSV (comma, decimal point), a CSV for French spreadsheets (semicolon, decimal comma),
both UTF-8 with a byte order mark and their formula-like cells made inert; a JSON file
with its schema, numbers as JSON numbers; and its Table Schema. The rows are the plan's
of the address (``indicators.plans.current_plan``); the files are French.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise

from indicators.opendata import funding_schema as schema
from indicators.opendata.files import OpenDataFile, csv_text, json_number
from indicators.opendata.funding import funding_records, partner_records
from indicators.plans import current_plan
from indicators.schema import Column, table_schema
from measures.models import Plan

CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json"
# How a list of measure numbers is written in a CSV cell: « 1, 10, 11 ». A comma with
# no space after it would be read as a decimal comma by a French spreadsheet.
LIST_SEPARATOR = ", "


def csv_value(value):
    return LIST_SEPARATOR.join(str(item) for item in value) if isinstance(value, list) else value


def _json(document) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class Dataset:
    """One dataset of the open data and the files it is offered as."""

    stem: str  # the files' names: « ldaplan-<stem>.csv »
    key: str  # the rows' key in the JSON file
    columns: tuple[Column, ...]
    description: Promise
    records: Callable[[Plan | None], list[dict]]
    numbers: tuple[str, ...] = ()  # the columns written as numbers, with a decimal comma

    @property
    def fieldnames(self) -> list[str]:
        return [column.name for column in self.columns]

    def rows(self) -> list[dict]:
        return self.records(current_plan())

    def _csv(self, delimiter: str, decimal_columns: tuple[str, ...]) -> str:
        rows = [{key: csv_value(value) for key, value in row.items()} for row in self.rows()]
        return csv_text(rows, self.fieldnames, delimiter, decimal_columns)

    def csv(self) -> OpenDataFile:
        """The standard CSV: comma-separated, decimal point."""
        return OpenDataFile(f"ldaplan-{self.stem}.csv", CSV_TYPE, self._csv(",", ()))

    def french_csv(self) -> OpenDataFile:
        """The same rows for French spreadsheets: semicolon-separated, decimal comma."""
        content = self._csv(";", self.numbers)
        return OpenDataFile(f"ldaplan-{self.stem}-tableur-fr.csv", CSV_TYPE, content)

    def json(self) -> OpenDataFile:
        """The rows with their schema; numbers as JSON numbers, lists as JSON lists."""
        with translation.override("fr"):
            columns = [
                {"colonne": c.name, "type": c.type, "description": str(c.description)}
                for c in self.columns
            ]
        rows = [
            row | {name: json_number(row[name]) for name in self.numbers} for row in self.rows()
        ]
        document = {"schema": columns, self.key: rows}
        return OpenDataFile(f"ldaplan-{self.stem}.json", JSON_TYPE, _json(document))

    def schema(self) -> OpenDataFile:
        """The Table Schema of the files, in French."""
        with translation.override("fr"):
            document = table_schema(self.columns)
            document["description"] = str(self.description)
            content = _json(document)
        return OpenDataFile(f"ldaplan-{self.stem}-schema.json", JSON_TYPE, content)


FUNDING = Dataset(
    stem="financements",
    key="financements",
    columns=schema.FUNDING_COLUMNS,
    description=schema.FUNDING_DESCRIPTION,
    records=funding_records,
    numbers=schema.FUNDING_AMOUNTS,
)
PARTNERS = Dataset(
    stem="partenaires",
    key="partenaires",
    columns=schema.PARTNER_COLUMNS,
    description=schema.PARTNER_DESCRIPTION,
    records=partner_records,
)
