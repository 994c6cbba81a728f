"""Rows for the dashboard pages: plain data shaped from prefetched indicators.

The pages, the charts and the tables read these rows, never the ORM: the
database work happens once, in ``IndicatorQuerySet.for_dashboard()``, and the
progress is computed once, by ``indicators.progress``.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from core.workflow import EntryStatus
from indicators import progress
from indicators.access import STATUS_PRECEDENCE
from indicators.dashboard.provenance import NO_PROVENANCE, Provenance
from indicators.models import Indicator, ResultBound
from indicators.small_counts import configured_threshold

# Not a progress status: a figure that gives context (« −30 % depuis 2008 »),
# with no target to be measured against.
CONTEXT = "context"

STATUS_ORDER = (
    progress.MET,
    progress.ON_TRACK,
    progress.BEHIND,
    progress.NO_DATA,
    progress.NO_TARGET,
    CONTEXT,
    progress.IN_COLLECTION,
    progress.NOT_DUE,
)


@dataclass(frozen=True)
class YearPoint:
    """What is known of an indicator for one year."""

    year: int
    target: Decimal | None = None
    target_comparator: str = progress.EXACTLY
    result: Decimal | None = None
    # The first published target of the year, when a later one replaced it.
    original_target: Decimal | None = None
    as_of: date | None = None
    source: str = ""
    comment: str = ""
    # « plus de 20 »: the report gives a bound, not the figure (``ResultBound``).
    result_bound: str = ResultBound.EXACT.value
    # Blank when the source states the target; else how it is derived, in one line.
    target_derivation: str = ""
    target_comment: str = ""
    result_provenance: Provenance = NO_PROVENANCE
    target_provenance: Provenance = NO_PROVENANCE
    # K when the year's result is a small count kept from readers (``result`` is then
    # None): it reads « moins de K » and counts nowhere (``indicators.small_counts``).
    withheld_below: int | None = None


@dataclass(frozen=True)
class PeriodTargetRow:
    label: str
    start_year: int | None
    end_year: int
    value: Decimal
    comparator: str
    provenance: Provenance = NO_PROVENANCE


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator as the dashboard shows it, for one selected year."""

    pk: int
    label: str
    unit: str  # a core.formatting.Unit (knows its singular) when built from an indicator
    kind: str
    direction: str
    is_headline: bool
    axis_number: int
    measure_number: int | None
    row_reference: str
    row_title: str
    baseline: Decimal | None
    baseline_year: int | None
    plan_target: Decimal | None
    plan_target_comparator: str
    plan_start_year: int
    plan_end_year: int
    selected_year: int
    points: tuple[YearPoint, ...]
    period_targets: tuple[PeriodTargetRow, ...] = ()
    year: progress.Progress = field(default=progress.Progress(progress.NO_TARGET))
    plan: progress.Progress = field(default=progress.Progress(progress.NO_TARGET))
    # Where the selected year is in the yearly cycle (``progress.year_phase``).
    phase: str = progress.SETTLED
    # Change since ``baseline_year`` in %, cited without a date of measure (−30).
    reference_change: Decimal | None = None
    # Where the indicator's own figures (plan target, baseline, change) come from.
    provenance: Provenance = NO_PROVENANCE
    # The title of its measure (« Louez solidaire et sans risque »), empty without one.
    measure_title: str = ""
    # Its line of the bilan table (``ReportRow``): the final bilan groups by it.
    report_row_pk: int | None = None
    # Whether it has figures by arrondissement (its map page).
    by_arrondissement: bool = False

    @property
    def is_context(self) -> bool:
        """A change cited as context, with no target of any kind nor yearly value."""
        return (
            self.reference_change is not None
            and not self.points
            and self.plan_target is None
            and not self.period_targets
        )

    @property
    def holds_a_figure(self) -> bool:
        """Whether anything is known: a yearly value, a target, a baseline or a change."""
        return bool(
            self.points
            or self.period_targets
            or self.plan_target is not None
            or self.baseline is not None
            or self.reference_change is not None
        )

    @property
    def tells_plan_progress(self) -> bool:
        """Whether the row is told by its plan progress: a stock with a plan target and a value.

        Its sentence and its headline bullet then speak of the plan; so does its badge.
        """
        return (
            self.kind in (progress.CUMULATIVE, progress.LEVEL)
            and self.plan_target is not None
            and self.plan.value is not None
            and self.plan.target is not None
        )

    @property
    def shown_progress(self) -> progress.Progress:
        """The progress shown on badges: the one the row's sentence tells.

        A year still being collected or not yet due says so; a stock with a plan
        target speaks of the plan; otherwise the year's, or the plan's when the
        year has no target.
        """
        if self.year.status in (progress.IN_COLLECTION, progress.NOT_DUE):
            return self.year
        if self.tells_plan_progress:
            return self.plan
        if self.year.status == progress.NO_TARGET and self.plan.status != progress.NO_TARGET:
            return self.plan
        return self.year

    @property
    def status(self) -> str:
        if self.is_context:
            return CONTEXT
        return self.shown_progress.status

    @property
    def status_ratio(self) -> Decimal | None:
        return self.shown_progress.ratio

    @property
    def selected_point(self) -> YearPoint | None:
        return self.point(self.selected_year)

    @property
    def selected_result(self) -> Decimal | None:
        point = self.selected_point
        return point.result if point else None

    @property
    def selected_target(self) -> Decimal | None:
        point = self.selected_point
        return point.target if point else None

    # Sort keys for tables: a missing value sorts last, never compared with a number.
    @property
    def sort_reference(self) -> tuple:
        return (self.axis_number, self.measure_number or 0, self.row_reference, self.pk)

    @property
    def sort_result(self) -> tuple:
        return _missing_last(self.selected_result)

    @property
    def sort_target(self) -> tuple:
        return _missing_last(self.selected_target)

    @property
    def sort_plan_target(self) -> tuple:
        return _missing_last(self.plan_target)

    @property
    def sort_ratio(self) -> tuple:
        return _missing_last(self.status_ratio)

    @property
    def sort_status(self) -> int:
        return STATUS_ORDER.index(self.status)

    def point(self, year: int) -> YearPoint | None:
        return next((p for p in self.points if p.year == year), None)

    @property
    def next_target(self) -> YearPoint | None:
        """The first target set for a year after the selected one (the plan d'action's)."""
        return next(
            (p for p in self.points if p.year > self.selected_year and p.target is not None),
            None,
        )


def newest_by_year(entries) -> dict:
    """One entry per year: a validated correction over the published value it replaces."""
    by_year = {}
    for entry in sorted(entries, key=lambda e: STATUS_PRECEDENCE.get(e.status, -1)):
        by_year[entry.year] = entry
    return by_year


def _original_targets(targets) -> dict:
    """The first target published for each year (superseded or still current)."""
    published = [t for t in targets if t.status in (EntryStatus.PUBLISHED, EntryStatus.SUPERSEDED)]
    originals = {}
    for target in sorted(published, key=lambda t: t.pk, reverse=True):
        originals[target.year] = target
    return originals


def _changed_original(original, current) -> Decimal | None:
    if original is None or current is None or original.value == current.value:
        return None
    return original.value


def _missing_last(value: Decimal | None) -> tuple:
    return (value is None, value if value is not None else Decimal(0))


def _year_points(
    targets: dict, results: dict, originals: dict, withheld: frozenset = frozenset()
) -> tuple[YearPoint, ...]:
    """Every year with a target or a result (shown or withheld), in order."""
    points = []
    threshold = configured_threshold() if withheld else None
    for year in sorted(targets.keys() | results.keys() | withheld):
        target, result = targets.get(year), results.get(year)
        points.append(
            YearPoint(
                year=year,
                target=target.value if target else None,
                target_comparator=target.comparator if target else progress.EXACTLY,
                result=result.value if result else None,
                original_target=_changed_original(originals.get(year), target),
                as_of=result.as_of if result else None,
                source=result.source if result else "",
                comment=result.comment if result else "",
                result_bound=result.bound if result else ResultBound.EXACT.value,
                target_derivation=target.derivation if target else "",
                target_comment=target.comment if target else "",
                result_provenance=Provenance.of(result, result.as_of) if result else NO_PROVENANCE,
                target_provenance=Provenance.of(target) if target else NO_PROVENANCE,
                withheld_below=threshold if year in withheld else None,
            )
        )
    return tuple(points)


def _progress(
    indicator: Indicator, plan, targets: dict, results: dict, selected_year: int, phase: str
):
    """(progress of the selected year, progress over the plan) of one indicator."""
    selected_target = targets.get(selected_year)
    selected_result = results.get(selected_year)
    year_progress = progress.year_progress(
        selected_result.value if selected_result else None,
        selected_target.value if selected_target else None,
        year=selected_year,
        reporting_year=selected_year,
        direction=indicator.direction,
        comparator=selected_target.comparator if selected_target else progress.EXACTLY,
        baseline=indicator.baseline,
        phase=phase,
    )
    plan_progress = progress.plan_progress(
        indicator.kind,
        {year: r.value for year, r in results.items()},
        indicator.plan_target,
        start_year=plan.start_year,
        end_year=plan.end_year,
        reporting_year=selected_year,
        direction=indicator.direction,
        comparator=indicator.plan_target_comparator,
        baseline=indicator.baseline,
        phase=phase,
    )
    return year_progress, plan_progress


def indicator_row(
    indicator: Indicator, selected_year: int, phase: str = progress.SETTLED
) -> IndicatorRow:
    """Shape one indicator whose targets, results and row were fetched beforehand.

    ``phase``: where the selected year is in the yearly cycle; a year still to
    come has results to come, not missing ones.
    """
    plan = indicator.report_row.ambition.axis.plan
    all_targets = list(indicator.year_targets.all())
    targets = newest_by_year(t for t in all_targets if t.status != EntryStatus.SUPERSEDED)
    results = newest_by_year(indicator.year_results.all())
    # A withheld small count is not a result the page knows: no total, ratio or bar.
    withheld = frozenset(year for year, r in results.items() if getattr(r, "withheld", False))
    results = {year: r for year, r in results.items() if year not in withheld}
    year_progress, plan_progress = _progress(
        indicator, plan, targets, results, selected_year, phase
    )
    row = indicator.report_row
    return IndicatorRow(
        pk=indicator.pk,
        label=indicator.label,
        unit=indicator.unit_forms,
        kind=indicator.kind,
        direction=indicator.direction,
        is_headline=indicator.is_headline,
        axis_number=row.ambition.axis.number,
        measure_number=row.measure.number if row.measure_id else None,
        measure_title=row.measure.title if row.measure_id else "",
        row_reference=row.reference,
        row_title=row.title,
        report_row_pk=row.pk,
        by_arrondissement=indicator.by_arrondissement,
        baseline=indicator.baseline,
        baseline_year=indicator.baseline_year,
        plan_target=indicator.plan_target,
        plan_target_comparator=indicator.plan_target_comparator,
        plan_start_year=plan.start_year,
        plan_end_year=plan.end_year,
        selected_year=selected_year,
        points=_year_points(targets, results, _original_targets(all_targets), withheld),
        period_targets=tuple(
            PeriodTargetRow(
                p.label, p.start_year, p.end_year, p.value, p.comparator, Provenance.of(p)
            )
            for p in indicator.period_targets.all()
        ),
        year=year_progress,
        plan=plan_progress,
        phase=phase,
        reference_change=indicator.reference_change,
        provenance=Provenance.of(indicator),
    )


def indicator_rows(
    indicators: Iterable[Indicator], selected_year: int, phase: str = progress.SETTLED
) -> list[IndicatorRow]:
    return [indicator_row(indicator, selected_year, phase) for indicator in indicators]


def status_counts(rows: Iterable[IndicatorRow]) -> dict[str, int]:
    """How many indicators have each status, every status present (0 included)."""
    counts = Counter(row.status for row in rows)
    return {status: counts.get(status, 0) for status in STATUS_ORDER}
