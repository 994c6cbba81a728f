"""Small builders for tests: each makes one object with sensible defaults."""

from decimal import Decimal

from indicators.models import Indicator, Kind
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
