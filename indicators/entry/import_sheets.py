"""Reading the rows of an imported sheet: which entry each row names, whether the user may
enter it, and its cells read the way a person types them (``workbook_reading``)."""

from django.utils.translation import gettext as _

from indicators.entry.import_lines import ImportLine, add_part
from indicators.entry.workbook_reading import cell_choice, cell_date, cell_number, cell_text
from indicators.models import Indicator, Milestone
from measures.models import Commitment, ReportRow

# What each sheet's identifier names, and the way from it to its row of the bilan.
IDENTIFIED = {
    "Indicator": (Indicator, "report_row"),
    "Milestone": (Milestone, "report_row"),
    "ReportRow": (ReportRow, None),
    "Commitment": (Commitment, "report_row"),
}
READERS = {"number": cell_number, "date": cell_date, "text": cell_text}


def _message(error) -> str:
    return error.messages[0] if hasattr(error, "messages") else str(error)


class SheetReader:
    def __init__(self, plan, year: int, rows, *, user, file_name: str):
        self.plan, self.year, self.rows = plan, year, list(rows)
        self.row_ids = [row.pk for row in self.rows]
        self.user, self.file_name = user, file_name

    def lines(self, read_rows, known: dict, id_key: str, kind: str):
        """(read row, its line, the object it names or None once refused), in file order."""
        identifiers = {}
        for row in read_rows:
            text = cell_text(row.cells.get(id_key))
            identifiers[row.number] = int(text) if text.isascii() and text.isdigit() else None
        elsewhere = self._elsewhere(kind, {i for i in identifiers.values() if i} - set(known))
        for row in read_rows:
            line = ImportLine(row.sheet, row.number, cell_text(row.cells.get(id_key)) or "—")
            for problem in row.problems:
                line.messages.append(str(problem))
                line.state = "refused"
            identifier = identifiers[row.number]
            if identifier in known:
                yield row, line, known[identifier]
                continue
            if identifier in elsewhere:
                line.subject = elsewhere[identifier][0]
                line.refuse(
                    _("Identifiant"),
                    _(
                        "cette ligne est de « %(where)s », que vous ne saisissez pas ici : elle "
                        "n'est pas importée. Importez-la depuis la page de saisie de sa mesure."
                    )
                    % {"where": elsewhere[identifier][1]},
                )
            else:
                line.refuse(
                    _("Identifiant"),
                    _(
                        "« %(text)s » n'est l'identifiant d'aucune ligne de ce classeur dans le "
                        "plan : ne changez pas la colonne Identifiant."
                    )
                    % {"text": line.subject},
                )
            yield row, line, None

    def _elsewhere(self, kind: str, identifiers: set) -> dict:
        """Of ``identifiers``, those of the plan the user may not enter here: pk →
        (what it is, where it belongs)."""
        if not identifiers:
            return {}
        model, to_row = IDENTIFIED[kind]
        prefix = f"{to_row}__" if to_row else ""
        found = (
            model.objects.filter(pk__in=identifiers, **{f"{prefix}ambition__axis__plan": self.plan})
            .exclude(**{f"{prefix}pk__in": self.row_ids})
            .select_related(*([f"{to_row}__measure"] if to_row else ["measure"]))
        )
        answer = {}
        for obj in found:
            row = getattr(obj, to_row) if to_row else obj
            where = (
                _("Mesure %(number)s") % {"number": row.measure.number}
                if row.measure_id
                else row.title
            )
            answer[obj.pk] = (str(obj), where)
        return answer

    def cells(self, line: ImportLine, row, headers: dict, wanted: dict) -> dict | None:
        """The form's fields read from the row's cells (``wanted``: form field → (column
        key, ``number``/``date``/``text`` or the column's choices)); only the columns the
        file has. None when a cell cannot be read: the line says which and why."""
        values = {}
        for name, (key, kind) in wanted.items():
            if key not in row.cells:
                continue
            read = READERS.get(kind) if isinstance(kind, str) else None
            try:
                values[name] = read(row.cells[key]) if read else cell_choice(row.cells[key], kind)
            except ValueError as error:
                line.refuse(headers[key], _message(error))
        return None if line.state == "refused" else values

    def revision(self, line: ImportLine, row, key: str) -> int | None:
        text = cell_text(row.cells.get(key))
        if not text:
            return None
        if text.isascii() and text.isdigit() and int(text) > 0:
            return int(text)
        line.refuse(
            key,
            _("« %(text)s » n'est pas une version : ne changez pas cette colonne masquée.")
            % {"text": text},
        )
        return None

    def add(self, line: ImportLine, part) -> None:
        add_part(line, part, user=self.user, file_name=self.file_name)
