"""Importing a filled collection workbook: each row read, checked by the entry page's forms,
compared with what is stored, then (once the user confirms) written as drafts in one
transaction — all of them, or none.

Only the rows the user may enter are imported; a row of another measure, or an identifier
the plan does not know, is listed as refused, never dropped in silence. The preview and the
confirmation compute the same lines from the same stored file (``WorkbookImport``), so what
is written is what was shown, checked again at the moment of writing.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.entries import EntryConflict, save_entries
from core.workflow import WorkflowError
from indicators.entry.collection import (
    commitment_columns,
    indicator_columns,
    milestone_columns,
    text_columns,
)
from indicators.entry.forms import MilestoneYearForm
from indicators.entry.import_indicators import choice_text, indicator_lines
from indicators.entry.import_lines import (
    CHANGED,
    CONFLICT,
    REFUSED,
    UNCHANGED,
    Part,
    Shown,
    shown_text,
)
from indicators.entry.import_sheets import SheetReader
from indicators.entry.page import bilan_entries, milestones_with_statuses
from indicators.entry.slots import split_entries
from indicators.entry.text_forms import BilanTextForm, CommitmentForm
from indicators.entry.workbook_reading import WorkbookRefused, cell_text, read_workbook
from indicators.models import (
    ImportState,
    MilestoneStatus,
    MilestoneYearStatus,
)
from measures.models import MARK_OUTCOMES, BilanEntry, CommitmentMark


@dataclass
class ImportPreview:
    lines: list
    refusal: str = ""  # the whole file refused: why

    def count(self, state: str) -> int:
        return sum(1 for line in self.lines if line.state == state)

    @property
    def changed(self) -> int:
        return self.count(CHANGED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    @property
    def problems(self) -> int:
        return self.count(REFUSED) + self.count(CONFLICT)

    @property
    def can_confirm(self) -> bool:
        return not self.refusal and self.changed > 0 and self.problems == 0

    @property
    def lines_to_show(self) -> list:
        """What needs reading first: refusals and conflicts, then changes."""
        order = {REFUSED: 0, CONFLICT: 1, CHANGED: 2}
        shown = [line for line in self.lines if line.state != UNCHANGED]
        return sorted(shown, key=lambda line: order[line.state])


def expected_sheets(plan, year: int) -> dict:
    """The sheets an import reads, by title, with their columns (French headers)."""
    with translation.override("fr"):
        return {
            _("Indicateurs"): indicator_columns(year, year + 1 in plan.years),
            _("Jalons"): milestone_columns(year),
            _("Textes"): text_columns(year, year == plan.end_year, plan),
            _("Engagements"): commitment_columns(year),
        }


def preview_import(workbook_import, rows, *, user) -> ImportPreview:
    """What importing the stored file would do for ``rows`` (those the user may enter)."""
    plan, year = workbook_import.plan, workbook_import.year
    sheets = expected_sheets(plan, year)
    with translation.override("fr"):
        try:
            read = read_workbook(bytes(workbook_import.content), sheets, year=year)
        except WorkbookRefused as refusal:
            return ImportPreview([], refusal=str(refusal))
        reader = SheetReader(plan, year, rows, user=user, file_name=workbook_import.file_name)
        titles = list(sheets)
        lines = [
            *indicator_lines(reader, read[titles[0]], sheets[titles[0]]),
            *_milestone_lines(reader, read[titles[1]], sheets[titles[1]]),
            *_text_lines(reader, read[titles[2]], sheets[titles[2]]),
            *_commitment_lines(reader, read[titles[3]], sheets[titles[3]]),
        ]
    if not lines:
        return ImportPreview(
            [],
            refusal=_(
                "Ce classeur n'a aucune ligne à importer : remplissez les cellules blanches "
                "du classeur de collecte, puis envoyez-le."
            ),
        )
    return ImportPreview(lines)


def confirm_import(workbook_import, rows, *, user) -> ImportPreview:
    """Write every change of the stored file as drafts, in one transaction, if the file
    still imports without a refusal or a conflict; the preview computed at that moment.

    A write refused at that moment (someone saved meanwhile) undoes every other one."""
    preview = None
    try:
        with transaction.atomic():
            # One confirmation at a time: a second click waits, then finds it imported.
            locked = type(workbook_import).objects.select_for_update().get(pk=workbook_import.pk)
            if locked.state == ImportState.IMPORTED:
                workbook_import.state = locked.state
                return ImportPreview([])
            preview = preview_import(workbook_import, rows, user=user)
            if not preview.can_confirm:
                return preview
            save_entries([save for line in preview.lines for save in line.writes], user=user)
            workbook_import.state = ImportState.IMPORTED
            workbook_import.imported_at = timezone.now()
            workbook_import.changed = preview.changed
            workbook_import.unchanged = preview.unchanged
            workbook_import.problems = preview.problems
            workbook_import.save()
    except (EntryConflict, ValidationError, WorkflowError, IntegrityError):
        workbook_import.state = ImportState.PREVIEWED
        return ImportPreview(
            preview.lines if preview else [],
            refusal=_(
                "Rien n'a été importé : une valeur a été enregistrée par quelqu'un d'autre "
                "pendant l'import. Relisez l'aperçu et confirmez à nouveau."
            ),
        )
    return preview


# --- Milestones, texts, commitments -----------------------------------------------------


def _current(entry, names) -> dict:
    """The fields the entry page shows now: a column missing from the file keeps them."""
    return {name: getattr(entry, name) for name in names} if entry is not None else {}


def _milestone_lines(reader, rows, columns):
    year = reader.year
    milestones = {m.pk: m for m in milestones_with_statuses(reader.row_ids, [year])}
    headers = {column.key: column.header for column in columns}
    lines = []
    for row, line, milestone in reader.lines(rows, milestones, "jalon", "Milestone"):
        if milestone is not None:
            line.subject = milestone.title
            cells = reader.cells(
                line,
                row,
                headers,
                {
                    "progress": ("avancement", MilestoneStatus.choices),
                    "note": ("note", "text"),
                },
            )
            if cells is not None and (cells.get("progress") or cells.get("note")):
                open_status, published = split_entries(
                    [s for s in milestone.statuses.all() if s.year == year]
                )
                data = _current(open_status or published, ("progress", "note")) | cells
                data["revision"] = reader.revision(line, row, "version")
                reader.add(
                    line,
                    Part(
                        MilestoneYearStatus,
                        {"milestone": milestone, "year": year},
                        MilestoneYearForm(data, milestone=milestone, year=year, prefix=None),
                        lambda d: {"progress": d["progress"], "note": d["note"]},
                        (
                            Shown(
                                "progress",
                                headers["avancement"],
                                choice_text(MilestoneStatus.choices),
                            ),
                            Shown("note", headers["note"], shown_text),
                        ),
                        open_status,
                        published,
                        data["revision"],
                        columns={"progress": headers["avancement"], "note": headers["note"]},
                    ),
                )
        lines.append(line)
    return lines


def _text_lines(reader, rows, columns):
    texts, _commitments, reporting_year = bilan_entries(reader.plan, reader.row_ids, reader.year)
    known = {row.pk: row for row in reader.rows}
    headers = {column.key: column.header for column in columns}
    fields = {"bilan_text": "bilan", "action_plan_text": "plan_action", "final_text": "bilan_final"}
    lines = []
    for row, line, report_row in reader.lines(rows, known, "ligne", "ReportRow"):
        if report_row is not None and reporting_year is None:
            if any(cell_text(row.cells.get(key)) for key in fields.values()):
                line.refuse(
                    headers["bilan"],
                    _(
                        "l'année de bilan %(year)s n'est pas ouverte : ses textes ne "
                        "s'importent pas encore."
                    )
                    % {"year": reader.year},
                )
        elif report_row is not None:
            line.subject = report_row.title
            wanted = {name: (key, "text") for name, key in fields.items() if key in headers}
            cells = reader.cells(line, row, headers, wanted)
            if cells is not None and any(cells.values()):
                open_text, published = split_entries(
                    [t for t in texts if t.report_row_id == report_row.pk]
                )
                data = _current(open_text or published, tuple(fields)) | cells
                data["revision"] = reader.revision(line, row, "version")
                form = BilanTextForm(
                    data,
                    report_row=report_row,
                    reporting_year=reporting_year,
                    plan=reader.plan,
                    prefix=None,
                )
                reader.add(
                    line,
                    Part(
                        BilanEntry,
                        {"report_row": report_row, "reporting_year": reporting_year},
                        form,
                        lambda d: {
                            name: d[name] for name in BilanTextForm.TEXT_FIELDS if name in d
                        },
                        tuple(
                            Shown(name, headers[key], shown_text)
                            for name, key in fields.items()
                            if key in headers
                        ),
                        open_text,
                        published,
                        data["revision"],
                        columns={name: headers[key] for name, (key, _kind) in wanted.items()}
                        | {"__all__": headers["bilan"]},
                    ),
                )
        lines.append(line)
    return lines


def _commitment_lines(reader, rows, columns):
    _texts, commitments, _reporting_year = bilan_entries(reader.plan, reader.row_ids, reader.year)
    headers = {column.key: column.header for column in columns}
    by_pk = {commitment.pk: commitment for commitment in commitments}
    lines = []
    for row, line, commitment in reader.lines(rows, by_pk, "engagement", "Commitment"):
        if commitment is not None:
            line.subject = _("Engagement %(position)s") % {"position": commitment.position}
            cells = reader.cells(
                line,
                row,
                headers,
                {
                    "outcome": ("realisation", MARK_OUTCOMES),
                    "comment": ("commentaire", "text"),
                },
            )
            if cells is not None and (cells.get("outcome") or cells.get("comment")):
                open_mark, published = split_entries(list(commitment.marks.all()))
                data = _current(open_mark or published, ("outcome", "comment")) | cells
                data["revision"] = reader.revision(line, row, "version")
                reader.add(
                    line,
                    Part(
                        CommitmentMark,
                        {"commitment": commitment},
                        CommitmentForm(data, commitment=commitment, prefix=None),
                        lambda d: {"outcome": d["outcome"], "comment": d["comment"]},
                        (
                            Shown("outcome", headers["realisation"], choice_text(MARK_OUTCOMES)),
                            Shown("comment", headers["commentaire"], shown_text),
                        ),
                        open_mark,
                        published,
                        data["revision"],
                        columns={
                            "outcome": headers["realisation"],
                            "comment": headers["commentaire"],
                        },
                    ),
                )
        lines.append(line)
    return lines
