"""What importing one row of a collection workbook would do, before anything is written.

A row gives one or two *parts*: an entry (a result, a next year's target, a milestone's
status, a row's texts, a commitment's mark) with the values read from the row, checked by
the very form of the entry page. Each part is then one of:

- refused: the form (or the reading of a cell) refuses it, with the cell named;
- unchanged: what the row says is what the entry page shows now (whatever revision the
  file carries, so that importing the same file twice changes nothing the second time);
- a conflict: the row changes the entry, and the entry was changed in the application
  since the workbook was downloaded (its revision is not the one in the file);
- a change: old → new for each field, and the write to do once the user confirms.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.entries import PlannedSave
from core.workflow import EDITABLE_STATUSES
from indicators.entry.workbook_reading import CellProblem

CHANGED = "changed"
UNCHANGED = "unchanged"
CONFLICT = "conflict"
REFUSED = "refused"
STATE_LABELS = {
    CHANGED: gettext_lazy("à importer"),
    UNCHANGED: gettext_lazy("inchangé"),
    CONFLICT: gettext_lazy("conflit"),
    REFUSED: gettext_lazy("refusé"),
}
# The history keeps a reason of at most 100 characters.
HISTORY_REASON_LENGTH = 100


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Shown:
    """A field of the entry as the preview names and writes it."""

    name: str  # the entry's field
    label: str
    text: Callable = str  # value → what the preview shows


@dataclass
class Part:
    """One entry a row would write: how to read it and what is there now."""

    model: type
    key: dict
    form: object  # a bound form of the entry page
    values: Callable  # cleaned data → the entry's fields to save
    shown: tuple  # of ``Shown``
    current_open: object = None
    current_published: object = None
    # The revision of the open entry when the workbook was downloaded (None: none was open).
    file_revision: int | None = None
    # Against a published entry, the fields a reader sees (None: all of them).
    published_fields: tuple | None = None
    columns: dict = field(default_factory=dict)  # form field → column header


@dataclass
class ImportLine:
    sheet: str
    number: int
    subject: str
    state: str = UNCHANGED
    changes: list = field(default_factory=list)
    messages: list = field(default_factory=list)
    writes: list[PlannedSave] = field(default_factory=list)

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    def refuse(self, column: str, message: str) -> None:
        self.messages.append(str(CellProblem(self.sheet, self.number, column, message)))
        self.state = REFUSED


def shown_text(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = " ".join(str(value).split())
    return text if len(text) <= 120 else text[:119] + "…"


def _same(stored, new) -> bool:
    if isinstance(stored, str) or isinstance(new, str):
        return (stored or "").replace("\r\n", "\n").strip() == (new or "").replace(
            "\r\n", "\n"
        ).strip()
    return stored == new


def add_part(line: ImportLine, part: Part, *, user, file_name: str) -> None:
    """Check ``part`` with its form and add what it would do to ``line``."""
    if not part.form.is_valid():
        for name, errors in part.form.errors.items():
            column = part.columns.get(name) or part.columns.get("__all__", "—")
            for message in errors:
                line.refuse(column, message)
        return
    values = part.values(part.form.cleaned_data)
    current = part.current_open or part.current_published
    compared = values
    if part.current_open is None and current is not None and part.published_fields is not None:
        compared = {name: values[name] for name in part.published_fields if name in values}
    differing = [
        shown
        for shown in part.shown
        if shown.name in values
        and not _same(getattr(current, shown.name, None) if current else None, values[shown.name])
    ]
    # Only what a reader sees of a published value makes a change; once there is one,
    # everything written is shown (a changed target's reason and its précision too).
    if not any(shown.name in compared for shown in differing):
        return
    changes = [
        Change(
            shown.label,
            shown.text(getattr(current, shown.name, None)),
            shown.text(values[shown.name]),
        )
        for shown in differing
    ]
    line.changes.extend(changes)
    if part.current_open is not None and part.current_open.status not in EDITABLE_STATUSES:
        line.refuse(
            changes[0].field,
            _(
                "cette saisie est « %(status)s » : elle ne peut plus être modifiée, ni par "
                "la page de saisie ni par un classeur. Demandez à un validateur de vous la "
                "renvoyer."
            )
            % {"status": part.current_open.get_status_display()},
        )
        return
    open_revision = part.current_open.revision if part.current_open else None
    if open_revision != part.file_revision:
        line.messages.append(_conflict_message(line, part))
        if line.state != REFUSED:
            line.state = CONFLICT
        return
    if line.state == UNCHANGED:
        line.state = CHANGED
    reason = (_("importé depuis %(file)s") % {"file": file_name})[:HISTORY_REASON_LENGTH]

    line.writes.append(PlannedSave(part.model, part.key, values, part.file_revision, reason))


def _conflict_message(line: ImportLine, part: Part) -> str:
    now = part.current_open or part.current_published
    who = now.entered_by.get_username() if now and now.entered_by else _("un autre agent")
    return _(
        "Feuille %(sheet)s, ligne %(row)s : modifié dans l'application depuis le "
        "téléchargement du classeur (par %(who)s, état : %(status)s). Téléchargez le "
        "classeur à nouveau, ou corrigez cette valeur dans la page de saisie."
    ) % {
        "sheet": line.sheet,
        "row": line.number,
        "who": who,
        "status": now.get_status_display() if now else "—",
    }
