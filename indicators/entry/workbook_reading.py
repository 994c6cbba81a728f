"""Reading a filled collection workbook back: the file checked as a whole, then each row's
cells by their column's header, and each cell read the way a person types it in a French
spreadsheet.

The first half of the import (#14): what comes out is rows of raw cells keyed by the
columns of ``indicators.entry.collection`` and French messages naming sheet, row and
column; validating the rows with the entry forms, the preview and the writing of drafts
build on it.

Refused as a whole, with a French reason: a file over ``MAX_UPLOAD_BYTES``, a file that is
neither an XLSX or ODS workbook nor a CSV whatever its name says, a zip that would unpack
to more than ``MAX_UNZIPPED_BYTES`` or unpacks a part more than ``MAX_ZIP_RATIO`` times
its packed size (a zip bomb), a sheet without its identifier column.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from core.numbers import NumberError, parse_number

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ZIP_RATIO = 100
# The column of the indicators' sheet that says which year a row is about.
YEAR_COLUMN = "annee"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# What a person may type around a number: units and spaces of every kind.
NUMBER_DECORATIONS = ("€", "%", "\u00a0", "\u202f")
FRENCH_DATE = re.compile(r"(?P<day>[0-9]{1,2})/(?P<month>[0-9]{1,2})/(?P<year>[0-9]{4})")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class WorkbookRefused(Exception):
    """The file as a whole cannot be read; the message says why, in French."""


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    row: int  # the spreadsheet's own row number (1 is the header)
    column: str  # the column's header
    message: str

    def __str__(self) -> str:
        return _("Feuille %(sheet)s, ligne %(row)s, colonne %(column)s : %(message)s") % {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ReadRow:
    sheet: str
    number: int
    cells: dict  # column key → raw value (str, number, date, datetime or None)
    problems: list = field(default_factory=list)


def normalised_header(text) -> str:
    """A header as compared: spaces of every kind made one, case ignored."""
    return " ".join(
        str(text or "").replace("\u00a0", " ").replace("\u202f", " ").split()
    ).casefold()


# --- The file ---------------------------------------------------------------------------


def read_workbook(
    content: bytes, sheets: dict, year: int | None = None
) -> dict[str, list[ReadRow]]:
    """The rows of each expected sheet (``sheets``: title → its ``Column``s), by the
    columns found by their headers, in any order; a CSV is the first sheet's.

    With ``year``, a workbook whose « Année » column names another year is refused: its
    columns (« Résultat 2022 ») would not be those of the year asked."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise WorkbookRefused(
            _("Ce fichier dépasse %(size)s Mo : envoyez le classeur de collecte, sans plus.")
            % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    if zipfile.is_zipfile(io.BytesIO(content)):
        archive = zipfile.ZipFile(io.BytesIO(content))
        _refuse_zip_bomb(archive)
        names = set(archive.namelist())
        if "xl/workbook.xml" in names:
            tables = _xlsx_tables(content)
        elif "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
            tables = _ods_tables(content)
        else:
            raise WorkbookRefused(_not_a_workbook())
    else:
        first = next(iter(sheets))
        tables = {first: _csv_table(content)}
    read = {title: _rows(title, columns, tables.get(title)) for title, columns in sheets.items()}
    if year is not None:
        _refuse_another_year(read, year)
    return read


def _refuse_another_year(read: dict[str, list[ReadRow]], year: int) -> None:
    for rows in read.values():
        for row in rows:
            found = cell_text(row.cells.get(YEAR_COLUMN))
            if found and found != str(year):
                raise WorkbookRefused(
                    _(
                        "Ce classeur est celui de %(found)s (feuille %(sheet)s, ligne %(row)s), "
                        "pas de %(year)s : téléchargez le classeur de %(year)s depuis la page "
                        "de saisie."
                    )
                    % {"found": found, "sheet": row.sheet, "row": row.number, "year": year}
                )


def _not_a_workbook() -> str:
    return _(
        "Ce fichier n'est ni un classeur XLSX ou ODS ni un CSV, quel que soit son nom : "
        "envoyez le classeur de collecte téléchargé depuis la page de saisie."
    )


def _refuse_zip_bomb(archive: zipfile.ZipFile) -> None:
    total = 0
    for info in archive.infolist():
        total += info.file_size
        packed = max(info.compress_size, 1)
        if total > MAX_UNZIPPED_BYTES or info.file_size / packed > MAX_ZIP_RATIO:
            raise WorkbookRefused(
                _("Ce fichier se décompresse en bien plus que son poids : il n'est pas lu.")
            )


def _xlsx_tables(content: bytes) -> dict[str, list[list]]:
    """Each sheet's cells; a formula whose value the file does not hold becomes a
    ``MissingFormulaValue``, to be named in the row's problems."""
    from openpyxl import load_workbook

    try:
        values = load_workbook(io.BytesIO(content), data_only=True, read_only=True)
        formulas = load_workbook(io.BytesIO(content), data_only=False, read_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise WorkbookRefused(_not_a_workbook()) from error
    tables = {}
    for sheet in values.worksheets:
        formula_rows = formulas[sheet.title].iter_rows(values_only=True)
        table = []
        for row, written in zip(sheet.iter_rows(values_only=True), formula_rows, strict=False):
            table.append(
                [
                    MISSING_FORMULA_VALUE
                    if value is None and isinstance(typed, str) and typed.startswith("=")
                    else value
                    for value, typed in zip(row, written, strict=False)
                ]
            )
        tables[sheet.title] = table
    return tables


class _MissingFormulaValue:
    def __repr__(self) -> str:
        return "MISSING_FORMULA_VALUE"


MISSING_FORMULA_VALUE = _MissingFormulaValue()


def _ods_tables(content: bytes) -> dict[str, list[list]]:
    from odf.opendocument import load
    from odf.table import Table, TableRow
    from odf.teletype import extractText
    from odf.text import P

    try:
        document = load(io.BytesIO(content))
    except Exception as error:  # odfpy raises many kinds on a damaged file
        raise WorkbookRefused(_not_a_workbook()) from error
    tables = {}
    for table in document.spreadsheet.getElementsByType(Table):
        rows = []
        for row in table.getElementsByType(TableRow):
            repeat = min(int(row.getAttribute("numberrowsrepeated") or 1), 1000)
            cells = []
            for cell in row.childNodes:
                if cell.qname[1] not in ("table-cell", "covered-table-cell"):
                    continue
                times = min(int(cell.getAttribute("numbercolumnsrepeated") or 1), 100)
                cells.extend([_ods_value(cell, P, extractText)] * times)
            rows.extend([cells] * repeat)
        tables[table.getAttribute("name")] = rows
    return tables


def _ods_value(cell, paragraph, extract):
    kind = cell.getAttribute("valuetype")
    if kind in ("float", "percentage", "currency"):
        return Decimal(cell.getAttribute("value"))
    if kind == "date":
        return date.fromisoformat(cell.getAttribute("datevalue")[:10])
    if cell.getAttribute("formula") and not kind:
        return MISSING_FORMULA_VALUE
    text = "\n".join(extract(p) for p in cell.getElementsByType(paragraph))
    return text or None


def _csv_table(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise WorkbookRefused(_not_a_workbook()) from error
    header = text.split("\n", 1)[0]
    # A CSV has columns: a header without a separator is some other text renamed.
    if "\x00" in text or not (";" in header or "," in header):
        raise WorkbookRefused(_not_a_workbook())
    delimiter = ";" if ";" in header else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


# --- The rows ---------------------------------------------------------------------------


def _rows(title: str, columns, table) -> list[ReadRow]:
    """The table's rows keyed by column, empty rows left out; [] for a missing sheet."""
    if not table:
        return []
    header, *body = table
    # A column is found by its French header, or by its name in the published schema
    # (a CSV written by a program: « resultat », « valeur_au »).
    by_header = {normalised_header(column.key): column for column in columns}
    by_header |= {normalised_header(column.header): column for column in columns}
    positions = {}
    for index, text in enumerate(header):
        column = by_header.get(normalised_header(text))
        if column is not None and column.key not in positions:
            positions[column.key] = (index, column)
    identifier = columns[0]
    if identifier.key not in positions:
        raise WorkbookRefused(
            _(
                "La feuille %(sheet)s n'a pas de colonne « %(column)s » : le classeur n'est "
                "pas un classeur de collecte, ou sa ligne d'en-tête a été changée."
            )
            % {"sheet": title, "column": identifier.header}
        )
    rows = []
    for number, values in enumerate(body, start=2):
        cells = {
            key: values[index] if index < len(values) else None
            for key, (index, _column) in positions.items()
        }
        if all(_is_empty(value) for value in cells.values()):
            continue
        row = ReadRow(title, number, cells)
        for key, (_index, column) in positions.items():
            if cells[key] is MISSING_FORMULA_VALUE:
                row.problems.append(
                    CellProblem(
                        title,
                        number,
                        column.header,
                        _(
                            "une formule dont le fichier ne garde pas la valeur : ouvrez le "
                            "classeur dans un tableur et enregistrez-le avant de l'envoyer."
                        ),
                    )
                )
                cells[key] = None
        rows.append(row)
    return rows


def _is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- Cells ------------------------------------------------------------------------------


def cell_text(value) -> str:
    """A text cell, spaces around it removed (a number or a date as written)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def cell_number(value) -> Decimal | None:
    """A number cell, or a number typed as text the French way: « 1 910,5 »,
    « 365 000 € », « 97 % ». ``NumberError`` (French) for anything else."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise NumberError(_("« %(text)s » n'est pas un nombre.") % {"text": value})
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value)
    for decoration in NUMBER_DECORATIONS:
        text = text.replace(decoration, " ")
    text = text.strip()
    if not text:
        return None
    try:
        return parse_number(text, language="fr")
    except NumberError as error:
        raise NumberError(
            _("« %(text)s » n'est pas un nombre.") % {"text": str(value).strip()}
        ) from error


def cell_date(value) -> date | None:
    """A date cell, or a date typed « 31/12/2023 » (or « 2023-12-31 »)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    french = FRENCH_DATE.fullmatch(text)
    try:
        if french:
            return date(int(french["year"]), int(french["month"]), int(french["day"]))
        if ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(_("« %(text)s » n'est pas une date : écrivez-la 31/12/2023.") % {"text": text})


def cell_choice(value, choices) -> str:
    """The stored value of a drop-down cell (``choices``: (value, words) pairs), read by its
    words, case and spaces ignored; '' when empty."""
    text = normalised_header(value)
    if not text:
        return ""
    for stored, words in choices:
        if normalised_header(words) == text:
            return stored
    raise ValueError(
        _("« %(text)s » n'est pas un choix de la liste (%(choices)s).")
        % {"text": cell_text(value), "choices": ", ".join(str(w) for _v, w in choices)}
    )
