"""Small builders for tests: each makes one object with sensible defaults."""

import html as html_lib
import re
from decimal import Decimal

from indicators import progress
from indicators.dashboard.rows import IndicatorRow, YearPoint
from indicators.models import Indicator, Kind, Milestone, MilestoneYearStatus, YearResult
from measures.models import Ambition, Axis, Measure, Plan, ReportingYear, ReportRow


def make_plan(**fields) -> Plan:
    fields = {"title": "Plan de test", "start_year": 2021, "end_year": 2026} | fields
    return Plan.objects.create(**fields)


def make_axis(plan: Plan | None = None, number: int = 1, **fields) -> Axis:
    plan = plan or make_plan()
    return Axis.objects.create(plan=plan, number=number, title=f"Axe {number}", **fields)


def make_row(
    axis: Axis | None = None,
    *,
    measure_number: int | None = 1,
    letter: str = "",
    ambition: Ambition | None = None,
    position: int = 1,
) -> ReportRow:
    axis = axis or make_axis()
    ambition = ambition or Ambition.objects.create(
        axis=axis, position=axis.ambitions.count() + 1, text="Une **ambition**"
    )
    measure = None
    if measure_number is not None:
        measure = Measure.objects.filter(axis__plan=axis.plan, number=measure_number).first()
        measure = measure or Measure.objects.create(
            axis=axis, number=measure_number, title=f"Mesure {measure_number}"
        )
    return ReportRow.objects.create(
        ambition=ambition, position=position, measure=measure, letter=letter, title="Ligne"
    )


def make_indicator(row: ReportRow | None = None, **fields) -> Indicator:
    fields = {
        "label": "Logements captés",
        "unit": "logements",
        "kind": Kind.ANNUAL_FLOW,
    } | fields
    return Indicator.objects.create(report_row=row or make_row(), **fields)


def make_reporting_year(plan: Plan, year: int = 2022) -> ReportingYear:
    return ReportingYear.objects.create(plan=plan, year=year)


def dec(value) -> Decimal:
    return Decimal(str(value))


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio of two '#RRGGBB' colours (1 to 21)."""

    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _test_row_progress(
    points, *, kind, direction, baseline, plan_target, plan_target_comparator, selected_year, phase
):
    """(year progress, plan progress) as ``dashboard.indicator_row`` computes them."""
    selected = next((p for p in points if p.year == selected_year), None)
    year = progress.year_progress(
        selected.result if selected else None,
        selected.target if selected else None,
        year=selected_year,
        reporting_year=selected_year,
        direction=direction,
        comparator=selected.target_comparator if selected else progress.EXACTLY,
        baseline=baseline,
        phase=phase,
    )
    plan = progress.plan_progress(
        kind,
        {p.year: p.result for p in points if p.result is not None},
        plan_target,
        start_year=2021,
        end_year=2026,
        reporting_year=selected_year,
        direction=direction,
        comparator=plan_target_comparator,
        baseline=baseline,
        phase=phase,
    )
    return year, plan


def make_indicator_row(
    points=(),
    *,
    kind=progress.ANNUAL_FLOW,
    direction=progress.INCREASE,
    unit="logements",
    plan_target=None,
    plan_target_comparator=progress.EXACTLY,
    baseline=None,
    baseline_year=None,
    selected_year=2022,
    period_targets=(),
    is_headline=False,
    phase=progress.SETTLED,
) -> IndicatorRow:
    """A 2021-2026 row as ``dashboard.indicator_row`` shapes it, without the database."""
    points = tuple(sorted(points, key=lambda p: p.year))
    year, plan = _test_row_progress(
        points,
        kind=kind,
        direction=direction,
        baseline=baseline,
        plan_target=plan_target,
        plan_target_comparator=plan_target_comparator,
        selected_year=selected_year,
        phase=phase,
    )
    return IndicatorRow(
        pk=1,
        label="Indicateur de test",
        unit=unit,
        kind=kind,
        direction=direction,
        is_headline=is_headline,
        axis_number=1,
        measure_number=1,
        row_reference="1",
        row_title="Ligne",
        baseline=baseline,
        baseline_year=baseline_year,
        plan_target=plan_target,
        plan_target_comparator=plan_target_comparator,
        plan_start_year=2021,
        plan_end_year=2026,
        selected_year=selected_year,
        points=points,
        period_targets=tuple(period_targets),
        year=year,
        plan=plan,
        phase=phase,
    )


def year_point(year, *, target=None, result=None, comparator=progress.EXACTLY) -> YearPoint:
    """What is known of an indicator for one year; numbers given as int or str."""
    return YearPoint(
        year=year,
        target=None if target is None else Decimal(target),
        target_comparator=comparator,
        result=None if result is None else Decimal(result),
    )


def grow_plan(extra_measures: int, years: range) -> None:
    """Add measures, rows, indicators with results, and milestones to the seed plan."""
    axis = Axis.objects.get(number=5)
    measure_12_row = ReportRow.objects.get(measure__number=12)
    for offset in range(extra_measures):
        indicator = Indicator.objects.create(
            report_row=measure_12_row, position=10 + offset, label="Ind", unit="u", kind="level"
        )
        for year in years:
            YearResult.objects.create(
                indicator=indicator, year=year, value=Decimal(year % 5), status="published"
            )
        number = 100 + offset
        measure = Measure.objects.create(axis=axis, number=number, title=f"Mesure {number}")
        ambition = Ambition.objects.create(axis=axis, position=number, text="Ambition")
        row = ReportRow.objects.create(ambition=ambition, position=1, measure=measure, title="L")
        for position in range(3):
            indicator = Indicator.objects.create(
                report_row=row, position=position, label="Ind", unit="u", kind=Kind.ANNUAL_FLOW
            )
            for year in years:
                YearResult.objects.create(
                    indicator=indicator, year=year, value=Decimal(year % 7), status="published"
                )
        milestone = Milestone.objects.create(report_row=row, title="J", planned_year=2023)
        MilestoneYearStatus.objects.create(
            milestone=milestone, year=2023, progress="planned", status="published"
        )


def main_text(response) -> str:
    """The words of a page's ``<main>``, tags dropped, entities read, spaces collapsed."""
    assert response.status_code == 200, response.content[:300]
    main = re.search(r"<main.*?</main>", response.content.decode(), re.S).group()
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def read_to_the_end(response) -> None:
    """A streamed answer (a served file) read to its end: the test client's wrapper then
    closes it and its file. Not ``response.close()``: that sends ``request_finished`` once
    more, and Django then closes the database connection under the test (PostgreSQL)."""
    if response.streaming:
        b"".join(response.streaming_content)
