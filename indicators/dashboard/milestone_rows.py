"""Rows for the dashboard's milestone lists: plain data shaped from prefetched milestones."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from indicators.dashboard.rows import newest_by_year
from indicators.models import Milestone, MilestoneStatus

# Milestone statuses are shown with a symbol and a word, never by colour alone.
MILESTONE_SYMBOLS = {
    MilestoneStatus.PLANNED.value: "○",
    MilestoneStatus.IN_PROGRESS.value: "◐",
    MilestoneStatus.DONE.value: "✓",
    MilestoneStatus.LATE.value: "⚠",
    MilestoneStatus.ABANDONED.value: "✕",
}


@dataclass(frozen=True)
class MilestoneRow:
    pk: int
    title: str
    row_reference: str
    axis_number: int
    planned_year: int
    due_date: date | None
    due_label: str
    status: str | None
    note: str

    @property
    def status_label(self) -> str:
        return MilestoneStatus(self.status).label if self.status else ""

    @property
    def status_symbol(self) -> str:
        return MILESTONE_SYMBOLS.get(self.status, "?")


def milestone_status_for_year(milestone: Milestone, year: int):
    """The status recorded for ``year``, else the latest one recorded before it."""
    known = newest_by_year(s for s in milestone.statuses.all() if s.year <= year)
    return known[max(known)] if known else None


def milestone_rows(milestones: Iterable[Milestone], selected_year: int) -> list[MilestoneRow]:
    rows = []
    for milestone in milestones:
        status = milestone_status_for_year(milestone, selected_year)
        if status is None and milestone.planned_year > selected_year:
            status_value = MilestoneStatus.PLANNED.value
        else:
            status_value = status.progress if status else None
        rows.append(
            MilestoneRow(
                pk=milestone.pk,
                title=milestone.title,
                row_reference=milestone.report_row.reference,
                axis_number=milestone.report_row.ambition.axis.number,
                planned_year=milestone.planned_year,
                due_date=milestone.due_date,
                due_label=milestone.due_label,
                status=status_value,
                note=status.note if status else "",
            )
        )
    return rows


def milestone_counts(rows: Iterable[MilestoneRow]) -> dict[str | None, int]:
    counts = Counter(row.status for row in rows)
    ordered = {status: counts.get(status, 0) for status in MilestoneStatus.values}
    if counts.get(None):
        ordered[None] = counts[None]
    return ordered
