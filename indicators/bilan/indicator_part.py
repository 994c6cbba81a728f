"""The « Indicateurs » part of the bilan: every indicator, every figure the bilan may know.

Each indicator of the plan is a row, even one with no figure at all: the
target and result of N, the target of N+1 (the plan d'action's) and the
progress of N, with their comparators (« au moins 3 »), a result's bound
(« plus de 20 ») and a derived target's derivation; the indicator's baseline
(its year, or none when the source gives none), its change since the
reference year (« −30 % depuis 2008 »), its plan target and its targets over
other periods; and every figure with its provenance (``figures``), which the
exports list in « Chiffres et sources ».
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from core.formatting import Unit
from indicators import progress
from indicators.dashboard import rows as dashboard
from indicators.dashboard.sentences import STATUS_LABELS
from indicators.figures import (
    BASELINE,
    EXACTLY,
    LESS_THAN,
    PERIOD_TARGET,
    PLAN_TARGET,
    REFERENCE_CHANGE,
    RESULT,
    TARGET,
    Figure,
    IndicatorFigures,
    figure_note,
    indicator_figures,
)
from indicators.models import Indicator


@dataclass(frozen=True)
class BilanIndicatorRow:
    """One indicator in the "Indicateurs" part: target and result of N, target of N+1
    (the plan d'action's), and its progress for N. A result of N+1 is not the
    bilan N's to know. ``figures`` holds every figure it knows, provenance included."""

    pk: int
    reference: str
    label: str
    unit: str
    target: Decimal | None
    target_comparator: str
    result: Decimal | None
    next_target: Decimal | None
    next_target_comparator: str
    ratio: Decimal | None
    status: str
    year: int = 0
    unit_singular: str = ""
    figures: IndicatorFigures | None = None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def unit_forms(self) -> Unit:
        return Unit(self.unit, self.unit_singular)

    @property
    def all_figures(self) -> tuple[Figure, ...]:
        return self.figures.figures if self.figures else ()

    def figure(self, kind: str, year: int | None = None) -> Figure | None:
        return self.figures.find(kind, year) if self.figures else None

    @property
    def target_figure(self) -> Figure | None:
        return self.figure(TARGET, self.year)

    @property
    def result_figure(self) -> Figure | None:
        return self.figure(RESULT, self.year)

    @property
    def next_target_figure(self) -> Figure | None:
        return self.figure(TARGET, self.year + 1)

    @property
    def baseline(self) -> Figure | None:
        return self.figure(BASELINE)

    @property
    def reference_change(self) -> Figure | None:
        return self.figure(REFERENCE_CHANGE)

    @property
    def plan_target(self) -> Figure | None:
        return self.figure(PLAN_TARGET)

    @property
    def plan_years(self) -> str:
        if self.figures is None:
            return ""
        return f"{self.figures.plan_start_year}-{self.figures.plan_end_year}"

    @property
    def notes(self) -> list[str]:
        """What the figures' columns cannot say, one line each: comparators and bounds,
        derived targets and their derivation, a baseline's missing year, the change
        since the reference year, the targets over other periods."""
        shown = (self.target_figure, self.result_figure, self.next_target_figure)
        shown += (self.plan_target,)
        notes = [
            figure_note(f, self.plan_years)
            for f in shown
            if f is not None and (f.comparator != EXACTLY or f.is_derived)
        ]
        baseline = self.baseline
        if baseline is not None and baseline.year is None:
            notes.append(figure_note(baseline))
        if self.reference_change is not None:
            notes.append(figure_note(self.reference_change))
        notes += [figure_note(f) for f in self.all_figures if f.kind == PERIOD_TARGET]
        if not self.all_figures:
            notes.append(_("Aucun chiffre publié pour cet indicateur."))
        return notes

    @property
    def sources(self) -> list[str]:
        """Who produced its figures and in which document, once each."""
        found = []
        for figure in self.all_figures:
            text = " — ".join(part for part in (figure.producer, figure.source) if part)
            if text and text not in found:
                found.append(text)
        return found


def indicator_part(
    rows: Iterable[dashboard.IndicatorRow], year: int, figures: dict[int, IndicatorFigures]
) -> tuple[BilanIndicatorRow, ...]:
    """The "Indicateurs" rows of the bilan of ``year``: the progress from dashboard rows
    shaped for it, the figures from ``figures`` (by indicator pk)."""
    shaped = []
    for row in rows:
        held = figures.get(row.pk)
        target, result, next_target = (
            held.find(TARGET, year) if held else None,
            held.find(RESULT, year) if held else None,
            held.find(TARGET, year + 1) if held else None,
        )
        reached = _year_columns_progress(row)
        shaped.append(
            BilanIndicatorRow(
                pk=row.pk,
                reference=row.row_reference,
                label=row.label,
                unit=str(row.unit),
                target=target.value if target else None,
                target_comparator=target.comparator if target else progress.EXACTLY,
                # A withheld small count has no number: its note says « moins de 5 ».
                result=result.value if result and result.comparator != LESS_THAN else None,
                next_target=next_target.value if next_target else None,
                next_target_comparator=(
                    next_target.comparator if next_target else progress.EXACTLY
                ),
                ratio=reached.ratio,
                status=reached.status,
                year=year,
                unit_singular=held.unit_singular if held else "",
                figures=held,
            )
        )
    return tuple(shaped)


def _year_columns_progress(row: dashboard.IndicatorRow) -> progress.Progress:
    """The progress the bilan's columns speak of: the year's target and result (the
    plan's only when the year has no target), even for a stock the dashboard tells by
    its plan."""
    if row.year.status == progress.NO_TARGET and row.plan.status != progress.NO_TARGET:
        return row.plan
    return row.year


def load_indicator_part(plan, year: int, phase: str) -> tuple[BilanIndicatorRow, ...]:
    """The part from the figures the bilan of ``year`` may know only, in four queries."""
    indicators = list(
        Indicator.objects.filter(report_row__ambition__axis__plan=plan).for_bilan(year)
    )
    figures = {indicator.pk: indicator_figures(indicator) for indicator in indicators}
    return indicator_part(dashboard.indicator_rows(indicators, year, phase), year, figures)
