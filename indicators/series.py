"""An indicator over the whole plan: one line per plan year, then what the years add up to.

Pure, like ``indicators.progress``, whose kinds and phases it speaks: numbers in,
lines out. Only published values come in (the caller's choice); a year with
nothing published is said to be so (``NO_VALUE``, or still to come), never
counted as 0.

Rules
-----
* An annual flow's **running total** adds up the results published so far; a
  year without one adds nothing, and the years it skipped stay listed
  (``Trend.missing_years``), so « 298 » never hides that 2023 is unknown. Its
  **cumulative target** adds up the yearly targets the same way. A year still
  collected or to come has no running total yet, and a cumulative target only
  when it has a target of its own.
* A stock (cumulative count, level, share) is not added up: its years are read
  one by one and its trend goes from the first published value to the latest.
* A target that replaced the first one published for its year keeps that first
  one beside it (``original_target``): the change shows.

>>> from decimal import Decimal as D
>>> lines = year_series(ANNUAL_FLOW, [2021, 2022, 2023], {2021: D(40), 2023: D(60)},
...                     {2022: D(50), 2023: D(50)}, phases={})
>>> [(line.year, str(line.running_total), line.state) for line in lines]
[(2021, '40', 'published'), (2022, '40', 'no_value'), (2023, '100', 'published')]
>>> total = trend(ANNUAL_FLOW, lines)
>>> (total.value, total.target, total.missing_years)
(Decimal('100'), Decimal('100'), (2022,))
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from indicators.progress import ANNUAL_FLOW, COLLECTING, DECREASE, MAINTAIN, SETTLED, UPCOMING

# What a year's line holds.
PUBLISHED = "published"
NO_VALUE = "no_value"  # the year is over and its bilan out, but nothing was published
IN_COLLECTION = COLLECTING  # results of that year are being collected
TO_COME = UPCOMING
STATES = (PUBLISHED, NO_VALUE, IN_COLLECTION, TO_COME)


@dataclass(frozen=True)
class SeriesYear:
    """One plan year of one indicator."""

    year: int
    state: str
    result: Decimal | None = None
    target: Decimal | None = None
    # The first target published for the year, when a later one replaced it.
    original_target: Decimal | None = None
    # Annual flows only: results and targets added up from the plan's first year.
    running_total: Decimal | None = None
    cumulative_target: Decimal | None = None


@dataclass(frozen=True)
class Trend:
    """What the published years say together, from the first to the latest result."""

    first_year: int
    last_year: int
    # A flow: its results added up; a stock: its latest result.
    value: Decimal
    first_value: Decimal
    # A flow: its targets added up to ``last_year``; a stock: the target of ``last_year``.
    target: Decimal | None
    # Years between the first and the latest result with nothing published.
    missing_years: tuple[int, ...] = ()
    # A flow: years of its total that had no target, so its cumulative target leaves out.
    years_without_target: tuple[int, ...] = ()


def _state(year: int, result: Decimal | None, phases: Mapping[int, str]) -> str:
    if result is not None:
        return PUBLISHED
    phase = phases.get(year, SETTLED)
    return NO_VALUE if phase == SETTLED else phase


def _added(total: Decimal | None, value: Decimal | None) -> Decimal | None:
    if value is None:
        return total
    return value if total is None else total + value


def year_series(
    kind: str,
    years: Iterable[int],
    results: Mapping[int, Decimal],
    targets: Mapping[int, Decimal],
    *,
    phases: Mapping[int, str],
    original_targets: Mapping[int, Decimal] | None = None,
) -> tuple[SeriesYear, ...]:
    """One line per plan year, in order.

    ``phases``: each year's place in the yearly cycle (``progress.year_phase``);
    a year not in it is settled.
    """
    original_targets = original_targets or {}
    flow = kind == ANNUAL_FLOW
    total = cumulative_target = None
    lines = []
    for year in sorted(years):
        result, target = results.get(year), targets.get(year)
        if flow:
            total = _added(total, result)
            cumulative_target = _added(cumulative_target, target)
        state = _state(year, result, phases)
        # A year still to come has no total yet, and a target total only with its own target.
        settled = state in (PUBLISHED, NO_VALUE)
        lines.append(
            SeriesYear(
                year=year,
                state=state,
                result=result,
                target=target,
                original_target=original_targets.get(year),
                running_total=total if flow and settled else None,
                cumulative_target=(
                    cumulative_target if flow and (settled or target is not None) else None
                ),
            )
        )
    return tuple(lines)


def trend(kind: str, lines: Iterable[SeriesYear]) -> Trend | None:
    """From the first published result to the latest; None when nothing is published.

    >>> from decimal import Decimal as D
    >>> from indicators.progress import LEVEL
    >>> lines = year_series(LEVEL, [2021, 2022, 2023], {2021: D(5), 2022: D(8)},
    ...                     {2022: D(9), 2023: D(12)}, phases={2023: COLLECTING})
    >>> latest = trend(LEVEL, lines)
    >>> (latest.first_value, latest.value, latest.target, latest.last_year)
    (Decimal('5'), Decimal('8'), Decimal('9'), 2022)
    """
    lines = list(lines)
    published = [line for line in lines if line.state == PUBLISHED]
    if not published:
        return None
    first, last = published[0], published[-1]
    missing = tuple(
        line.year
        for line in lines
        if first.year < line.year < last.year and line.state != PUBLISHED
    )
    if kind == ANNUAL_FLOW:
        return Trend(
            first_year=first.year,
            last_year=last.year,
            value=last.running_total,
            first_value=first.result,
            target=last.cumulative_target,
            missing_years=missing,
            years_without_target=tuple(line.year for line in published if line.target is None),
        )
    return Trend(
        first_year=first.year,
        last_year=last.year,
        value=last.result,
        first_value=first.result,
        target=last.target,
        missing_years=missing,
    )


# How a value moved between two years, read in the indicator's direction.
IMPROVED = "improved"
FELL_BEHIND = "fell_behind"
UNCHANGED = "unchanged"
NEW = "new"  # published for the later year only
NOT_PUBLISHED = "not_published"  # published for the earlier year only
NO_VALUES = "no_values"
MOVES = (IMPROVED, FELL_BEHIND, UNCHANGED, NEW, NOT_PUBLISHED, NO_VALUES)


def compared(
    direction: str,
    earlier: Decimal | None,
    later: Decimal | None,
    *,
    target: Decimal | None = None,
) -> str:
    """How ``later`` compares with ``earlier`` for an indicator going ``direction``.

    Up is better for an increase, down for a decrease; a level to maintain is better
    the closer it gets to ``target`` (without one, any change is only a change: it
    reads as unchanged, the figures say the rest).

    >>> from decimal import Decimal as D
    >>> from indicators.progress import INCREASE
    >>> compared(INCREASE, D(73), D(80)), compared(DECREASE, D(73), D(80))
    ('improved', 'fell_behind')
    >>> compared(MAINTAIN, D(4), D(5), target=D(5)), compared(INCREASE, None, D(3))
    ('improved', 'new')
    """
    if later is None:
        return NO_VALUES if earlier is None else NOT_PUBLISHED
    if earlier is None:
        return NEW
    if direction == MAINTAIN:
        if target is None:
            return UNCHANGED
        earlier, later = -abs(earlier - target), -abs(later - target)
    elif direction == DECREASE:
        earlier, later = -earlier, -later
    if later == earlier:
        return UNCHANGED
    return IMPROVED if later > earlier else FELL_BEHIND
