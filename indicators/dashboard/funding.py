"""Funding on the public pages: published amounts by year and by funder, and what a euro
of spending gave where the plan knows both figures.

Public pages read published amounts only, whoever reads: a validated amount may still
be returned for rework, and the funding pages tell the plan's public story, the same
for a partner, an agent and a visitor (as the pages over the whole plan do).

The queries are two at most, whatever the size of the plan: the amounts with their
source, funder and row (``published_amounts``), then, only when some amount says what
was spent, the published results of those rows and years (``published_results``).
Everything else is arithmetic on plain values, tested without the database:

* a total adds the amounts given; with none given it is ``None``, never 0 (an amount
  not published is unknown, not nothing);
* euros per unit of result (« 5 000 € par logement ») only where both figures cover
  the same scope: a row whose every published amount of the year says what was spent,
  and that has exactly one indicator with a published, exact result that year. Two
  indicators would leave the euro shared between them in unknown parts; a bound
  (« plus de 20 ») is not a quantity to divide by.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Q

from core.formatting import Unit
from core.workflow import EntryStatus
from indicators.models import ResultBound, YearResult
from measures.models import FundingAmount, Measure, Partner

CENT = Decimal("0.01")


@dataclass(frozen=True)
class FundingLine:
    """One published amount: what a source planned and spent for one year, in euros."""

    year: int
    funder: str
    programme: str
    row_pk: int
    row_reference: str
    row_title: str
    measure_number: int | None
    planned: Decimal | None
    spent: Decimal | None


@dataclass(frozen=True)
class FunderTotal:
    """What one funder (or everyone, ``funder`` empty) planned and spent, added up."""

    funder: str
    planned: Decimal | None
    spent: Decimal | None


@dataclass(frozen=True)
class YearFunding:
    """One year's published amounts, their totals per funder and their total."""

    year: int
    lines: tuple[FundingLine, ...]
    funders: tuple[FunderTotal, ...]
    total: FunderTotal


@dataclass(frozen=True)
class RowResult:
    """A published result of one of a row's indicators, as the cost per result needs it."""

    row_pk: int
    year: int
    indicator_pk: int
    value: Decimal
    unit: str  # a core.formatting.Unit, which knows its singular
    is_exact: bool


@dataclass(frozen=True)
class CostPerResult:
    """Euros spent on a row in a year for each unit of its one result that year."""

    row_pk: int
    row_reference: str
    row_title: str
    year: int
    spent: Decimal
    result: Decimal
    unit: str
    cost: Decimal


@dataclass(frozen=True)
class Funding:
    """Everything a page shows of a scope's funding (a measure, an axis)."""

    years: tuple[YearFunding, ...]
    funders: tuple[FunderTotal, ...]
    total: FunderTotal
    costs: tuple[CostPerResult, ...]

    @property
    def is_empty(self) -> bool:
        return not self.years


# --- Pure arithmetic -----------------------------------------------------------------


def add_known(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of the values given; ``None`` when none is given (unknown is not 0).

    >>> add_known([Decimal(365000), None, Decimal(365000)])
    Decimal('730000')
    >>> add_known([None, None]) is None
    True
    """
    known = [value for value in values if value is not None]
    return sum(known, Decimal(0)) if known else None


def total_of(lines: Iterable[FundingLine], funder: str = "") -> FunderTotal:
    """The planned and spent amounts of ``lines`` added up, under ``funder``'s name."""
    lines = list(lines)
    return FunderTotal(
        funder,
        add_known(line.planned for line in lines),
        add_known(line.spent for line in lines),
    )


def funder_totals(lines: Iterable[FundingLine]) -> list[FunderTotal]:
    """One total per funder, in the order funders first appear in ``lines``.

    The order is the report's (rows, then each row's sources), so that a funder keeps
    its place, and its colour on a chart, from one year to the next.
    """
    by_funder: dict[str, list[FundingLine]] = {}
    for line in lines:
        by_funder.setdefault(line.funder, []).append(line)
    return [total_of(found, funder) for funder, found in by_funder.items()]


def by_year(lines: Iterable[FundingLine]) -> list[YearFunding]:
    """The lines grouped by year, oldest first, each year with its totals."""
    years: dict[int, list[FundingLine]] = {}
    for line in lines:
        years.setdefault(line.year, []).append(line)
    return [
        YearFunding(year, tuple(found), tuple(funder_totals(found)), total_of(found))
        for year, found in sorted(years.items())
    ]


def row_spending(lines: Iterable[FundingLine]) -> dict[tuple[int, int], Decimal]:
    """What each row spent each year, ``(row_pk, year) → euros``, where it is known whole.

    A row-year where one of its published amounts leaves the spending out is left out:
    the part given would understate what the row cost.
    """
    spent: dict[tuple[int, int], list[Decimal | None]] = {}
    for line in lines:
        spent.setdefault((line.row_pk, line.year), []).append(line.spent)
    return {
        key: sum(values, Decimal(0))
        for key, values in spent.items()
        if all(value is not None for value in values)
    }


def cost_per_unit(spent: Decimal, result: Decimal) -> Decimal | None:
    """Euros per unit of result, to the cent; ``None`` for a result of 0.

    >>> cost_per_unit(Decimal(500000), Decimal(73))
    Decimal('6849.32')
    >>> cost_per_unit(Decimal(1000), Decimal(0)) is None
    True
    """
    if result == 0:
        return None
    return (spent / result).quantize(CENT, rounding=ROUND_HALF_UP)


def costs_per_result(
    lines: Iterable[FundingLine], results: Iterable[RowResult]
) -> list[CostPerResult]:
    """Euros per unit of result, only where the row's spending and its one result of
    the same year are both known (see the module's docstring)."""
    lines = list(lines)
    about = {(line.row_pk, line.year): line for line in lines}
    found: dict[tuple[int, int], list[RowResult]] = {}
    for result in results:
        found.setdefault((result.row_pk, result.year), []).append(result)
    costs = []
    for key, spent in sorted(row_spending(lines).items(), key=lambda item: item[0][1]):
        results_here = found.get(key, [])
        if len({result.indicator_pk for result in results_here}) != 1:
            continue
        result = results_here[0]
        cost = cost_per_unit(spent, result.value) if result.is_exact else None
        if cost is None:
            continue
        line = about[key]
        costs.append(
            CostPerResult(
                row_pk=line.row_pk,
                row_reference=line.row_reference,
                row_title=line.row_title,
                year=line.year,
                spent=spent,
                result=result.value,
                unit=result.unit,
                cost=cost,
            )
        )
    return costs


def funding_of(lines: Iterable[FundingLine], results: Iterable[RowResult] = ()) -> Funding:
    """A scope's funding as the pages show it, from its lines and its rows' results."""
    lines = list(lines)
    return Funding(
        years=tuple(by_year(lines)),
        funders=tuple(funder_totals(lines)),
        total=total_of(lines),
        costs=tuple(costs_per_result(lines, results)),
    )


# --- Queries -------------------------------------------------------------------------


def published_amounts(**scope):
    """The published amounts of ``scope`` (``source__report_row__measure=measure``…),
    with their source, funder and row, in one query, in the report's order."""
    return (
        FundingAmount.objects.filter(status=EntryStatus.PUBLISHED, **scope)
        .select_related("source__funder", "source__report_row__measure")
        .order_by(
            "year",
            "source__report_row__ambition__position",
            "source__report_row__position",
            "source__position",
            "source__pk",
        )
    )


def funding_line(amount: FundingAmount) -> FundingLine:
    row = amount.source.report_row
    return FundingLine(
        year=amount.year,
        funder=amount.source.funder.name,
        programme=amount.source.programme,
        row_pk=row.pk,
        row_reference=row.reference,
        row_title=row.title,
        measure_number=row.measure.number if row.measure_id else None,
        planned=amount.planned,
        spent=amount.spent,
    )


def published_results(keys: Iterable[tuple[int, int]]) -> list[RowResult]:
    """The published results of the rows and years in ``keys`` (``(row_pk, year)``),
    in one query; none, and no query, for no keys."""
    keys = set(keys)
    if not keys:
        return []
    results = YearResult.objects.filter(
        status=EntryStatus.PUBLISHED,
        indicator__report_row__in={row for row, _year in keys},
        year__in={year for _row, year in keys},
    ).select_related("indicator")
    return [
        RowResult(
            row_pk=result.indicator.report_row_id,
            year=result.year,
            indicator_pk=result.indicator_id,
            value=result.value,
            unit=Unit(result.indicator.unit, result.indicator.unit_singular),
            is_exact=result.bound == ResultBound.EXACT,
        )
        for result in results
        if (result.indicator.report_row_id, result.year) in keys
    ]


def scope_funding(**scope) -> Funding:
    """The published funding of ``scope``: one query, two when some spending is known."""
    lines = [funding_line(amount) for amount in published_amounts(**scope)]
    return funding_of(lines, published_results(row_spending(lines)))


def measure_partners(measure: Measure, indicators: Sequence) -> list[Partner]:
    """The partners of ``measure`` and of its ``indicators`` (the page's rows, each with
    ``pk`` and ``label``, in the report's order), by name, each with
    ``measure_indicators``: those of ``indicators`` the report ties it to.

    One query: a partner's row comes once for each indicator it is tied to (the rows of
    indicators of other measures are dropped here)."""
    position = {indicator.pk: n for n, indicator in enumerate(indicators)}
    rows = (
        Partner.objects.filter(Q(measures=measure) | Q(indicators__in=list(position)))
        .annotate(tied_indicator=F("indicators__pk"))
        .order_by("name", "pk")
    )
    partners: dict[int, Partner] = {}
    tied: dict[int, set[int]] = {}
    for row in rows:
        partners.setdefault(row.pk, row)
        if row.tied_indicator in position:
            tied.setdefault(row.pk, set()).add(row.tied_indicator)
    for partner in partners.values():
        partner.measure_indicators = [
            indicators[position[pk]] for pk in sorted(tied.get(partner.pk, ()), key=position.get)
        ]
    return list(partners.values())
