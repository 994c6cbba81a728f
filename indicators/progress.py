"""Progress arithmetic: numbers in, ratio and status out.

This module is pure (no Django import) and is the only place where progress is
computed; pages, charts and exports all call it, so they cannot disagree.

Rules
-----
* A **ratio** is the share of the way from the starting point to the target
  that the actual value covers: ``(actual - start) / (target - start)``, where
  the start is the baseline when there is one, else 0. It is quantized to
  ``RATIO_QUANTUM`` (a hundredth of a percent), half up, and may be below 0 or
  above 1: clamping is for display only (``clamp_for_display``).
* A decrease goal is met by going down. Its ratio needs a baseline (without
  one there is no distance to measure), so without a baseline it is ``None``
  and only the status speaks. A maintain goal ("keep the 5 sites") compares
  the value with the level to keep: ``actual / target``.
* ``None`` means "cannot be computed" (no target, no result, a target equal to
  its start) and is never 0.
* The comparator says what meets a target: "au moins 3" is met by 3 or more.
  A plain target is read in the indicator's direction: reached or beaten.
* Statuses: ``MET``; ``ON_TRACK`` (for a year: within ``ON_TRACK_TOLERANCE``
  of the target; over the plan: at least the expected share of the way, less
  the same tolerance); ``BEHIND``; ``NO_TARGET``; ``NO_DATA`` (due but no
  result); ``NOT_DUE`` (after the reporting year, or not opened yet);
  ``IN_COLLECTION`` (opened, bilan unpublished, no result yet: not missing).
  Over the plan, such a year is judged at the end of the latest result's
  year (``Progress.as_of_year``), as its own value is not due yet.
* Over the plan, an annual flow adds up its yearly results; a cumulative
  level, a level and a share take the latest result.

>>> from decimal import Decimal as D
>>> progress_ratio(D(73), D(75))
Decimal('0.9733')
>>> year_progress(D(8), D(17), year=2022, reporting_year=2022).status
'behind'
>>> plan_progress(CUMULATIVE, {2022: D(8)}, D(17), start_year=2021, end_year=2026,
...               reporting_year=2022).status
'on_track'
>>> year_progress(D(3), D(3), comparator=AT_LEAST, year=2023, reporting_year=2023).status
'met'
>>> year_progress(None, D(75), year=2023, reporting_year=2022).status
'not_due'
>>> print(progress_ratio(D(5), D(0)))
None
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# Kinds of indicator.
ANNUAL_FLOW = "annual_flow"
CUMULATIVE = "cumulative"
LEVEL = "level"
SHARE = "share"
KINDS = (ANNUAL_FLOW, CUMULATIVE, LEVEL, SHARE)

# Directions: which way is good.
INCREASE = "increase"
DECREASE = "decrease"
MAINTAIN = "maintain"
DIRECTIONS = (INCREASE, DECREASE, MAINTAIN)

# Comparators of a target.
EXACTLY = "exactly"
AT_LEAST = "at_least"
AT_MOST = "at_most"
COMPARATORS = (EXACTLY, AT_LEAST, AT_MOST)

# Statuses.
MET = "met"
ON_TRACK = "on_track"
BEHIND = "behind"
NO_TARGET = "no_target"
NO_DATA = "no_data"
NOT_DUE = "not_due"
IN_COLLECTION = "in_collection"
STATUSES = (MET, ON_TRACK, BEHIND, NO_TARGET, NO_DATA, NOT_DUE, IN_COLLECTION)

# Phases of a year in the yearly cycle (collected early in N+1, then published).
SETTLED = "settled"
COLLECTING = "collecting"
UPCOMING = "upcoming"
PHASES = (SETTLED, COLLECTING, UPCOMING)
# What a year still to come says when it has no result yet.
PENDING_STATUSES = {COLLECTING: IN_COLLECTION, UPCOMING: NOT_DUE}

# "On track" is within 15 % of where one should be: the margin the City's
# peers use for action plans, and wide enough for counts of a few units.
ON_TRACK_TOLERANCE = Decimal("0.15")
RATIO_QUANTUM = Decimal("0.0001")

ZERO = Decimal(0)
ONE = Decimal(1)


@dataclass(frozen=True)
class Progress:
    """What a target and a value give: the value compared, its ratio and status."""

    status: str
    ratio: Decimal | None = None
    value: Decimal | None = None
    target: Decimal | None = None
    # The year at whose end the status was judged, when earlier than the year
    # asked for (that year's result is not in yet); ``None`` otherwise.
    as_of_year: int | None = None


def quantize_ratio(ratio: Decimal) -> Decimal:
    """Round a ratio to ``RATIO_QUANTUM``, half up.

    >>> quantize_ratio(Decimal(2) / Decimal(3))
    Decimal('0.6667')
    """
    return ratio.quantize(RATIO_QUANTUM, rounding=ROUND_HALF_UP)


def progress_ratio(
    actual: Decimal | None,
    target: Decimal | None,
    *,
    direction: str = INCREASE,
    baseline: Decimal | None = None,
) -> Decimal | None:
    """Share of the way from the start (baseline or 0) to the target.

    >>> progress_ratio(Decimal(16), Decimal(40))
    Decimal('0.4000')
    >>> progress_ratio(Decimal(85), Decimal(70), direction=DECREASE, baseline=Decimal(100))
    Decimal('0.5000')
    >>> print(progress_ratio(Decimal(85), Decimal(70), direction=DECREASE))
    None
    >>> progress_ratio(Decimal(5), Decimal(5), direction=MAINTAIN)
    Decimal('1.0000')
    """
    _check_direction(direction)
    if actual is None or target is None:
        return None
    if direction == MAINTAIN:
        if target == ZERO:
            return None
        return quantize_ratio(actual / target)
    if baseline is None:
        if direction == DECREASE:
            return None
        baseline = ZERO
    if target == baseline:
        return None
    return quantize_ratio((actual - baseline) / (target - baseline))


def effective_comparator(direction: str = INCREASE, comparator: str = EXACTLY) -> str:
    """``AT_LEAST`` or ``AT_MOST``: how a value is compared with the target.

    >>> effective_comparator(DECREASE)
    'at_most'
    >>> effective_comparator(INCREASE, AT_MOST)
    'at_most'
    """
    _check_direction(direction)
    if comparator not in COMPARATORS:
        raise ValueError(f"unknown comparator: {comparator!r}")
    if comparator != EXACTLY:
        return comparator
    return AT_MOST if direction == DECREASE else AT_LEAST


def target_met(
    actual: Decimal | None,
    target: Decimal | None,
    *,
    direction: str = INCREASE,
    comparator: str = EXACTLY,
) -> bool | None:
    """Whether ``actual`` meets ``target``; ``None`` when either is missing.

    >>> target_met(Decimal(3), Decimal(3), comparator=AT_LEAST)
    True
    >>> target_met(Decimal(80), Decimal(70), direction=DECREASE)
    False
    """
    if actual is None or target is None:
        return None
    if effective_comparator(direction, comparator) == AT_LEAST:
        return actual >= target
    return actual <= target


def within_tolerance(
    actual: Decimal, target: Decimal, *, direction: str = INCREASE, comparator: str = EXACTLY
) -> bool:
    """Whether ``actual`` misses ``target`` by at most ``ON_TRACK_TOLERANCE`` of it.

    >>> within_tolerance(Decimal(73), Decimal(75))
    True
    >>> within_tolerance(Decimal(60), Decimal(75))
    False
    """
    margin = abs(target) * ON_TRACK_TOLERANCE
    if effective_comparator(direction, comparator) == AT_LEAST:
        return actual >= target - margin
    return actual <= target + margin


def year_phase(
    year: int, *, latest_published_year: int | None, latest_open_year: int | None
) -> str:
    """Where ``year`` is in the yearly cycle, from the plan's reporting years.

    ``latest_published_year``: the newest year whose bilan is published;
    ``latest_open_year``: the newest year opened. A plan with no reporting year
    keeps no calendar: every year reads as settled.

    >>> year_phase(2022, latest_published_year=2022, latest_open_year=2023)
    'settled'
    >>> year_phase(2023, latest_published_year=2022, latest_open_year=2023)
    'collecting'
    >>> year_phase(2024, latest_published_year=2022, latest_open_year=2023)
    'upcoming'
    >>> year_phase(2021, latest_published_year=None, latest_open_year=2021)
    'collecting'
    >>> year_phase(2025, latest_published_year=None, latest_open_year=None)
    'settled'
    """
    if latest_open_year is None:
        return SETTLED
    if latest_published_year is not None and year <= latest_published_year:
        return SETTLED
    return COLLECTING if year <= latest_open_year else UPCOMING


def year_progress(
    actual: Decimal | None,
    target: Decimal | None,
    *,
    year: int,
    reporting_year: int,
    direction: str = INCREASE,
    comparator: str = EXACTLY,
    baseline: Decimal | None = None,
    phase: str = SETTLED,
) -> Progress:
    """Achievement of one year's target by that year's result.

    A year still to come (``phase`` other than ``SETTLED``) with no result is
    ``IN_COLLECTION`` or ``NOT_DUE``, target or not: its result is not late.

    >>> reached = year_progress(Decimal(295), Decimal(300), year=2023, reporting_year=2023)
    >>> reached.status, reached.ratio
    ('on_track', Decimal('0.9833'))
    >>> year_progress(Decimal(73), None, year=2022, reporting_year=2022).status
    'no_target'
    >>> year_progress(None, Decimal(2000), year=2022, reporting_year=2022).status
    'no_data'
    >>> year_progress(None, Decimal(75), year=2023, reporting_year=2023, phase=COLLECTING).status
    'in_collection'
    """
    _check_phase(phase)
    if actual is None and phase != SETTLED:
        return Progress(PENDING_STATUSES[phase], target=target)
    if target is None:
        return Progress(NO_TARGET, value=actual)
    if actual is None:
        status = NOT_DUE if year > reporting_year else NO_DATA
        return Progress(status, target=target)
    ratio = progress_ratio(actual, target, direction=direction, baseline=baseline)
    if target_met(actual, target, direction=direction, comparator=comparator):
        status = MET
    elif within_tolerance(actual, target, direction=direction, comparator=comparator):
        status = ON_TRACK
    else:
        status = BEHIND
    return Progress(status, ratio=ratio, value=actual, target=target)


def plan_value(
    kind: str, results: Mapping[int, Decimal], *, start_year: int, up_to_year: int
) -> Decimal | None:
    """The value that counts over the plan, from results up to ``up_to_year``.

    An annual flow adds up its results of the plan years; the other kinds take
    the latest result. ``None`` when there is no result to use.

    >>> plan_value(ANNUAL_FLOW, {2021: Decimal(6), 2022: Decimal(2)}, start_year=2021,
    ...            up_to_year=2022)
    Decimal('8')
    >>> plan_value(CUMULATIVE, {2021: Decimal(6), 2022: Decimal(8)}, start_year=2021,
    ...            up_to_year=2022)
    Decimal('8')
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind: {kind!r}")
    if kind == ANNUAL_FLOW:
        years = [y for y in results if start_year <= y <= up_to_year]
        if not years:
            return None
        return sum((results[y] for y in years), ZERO)
    years = [y for y in results if y <= up_to_year]
    if not years:
        return None
    return results[max(years)]


def expected_fraction(start_year: int, end_year: int, as_of_year: int) -> Decimal:
    """Share of the plan's years elapsed at the end of ``as_of_year``, in 0..1.

    >>> expected_fraction(2021, 2026, 2022)
    Decimal('0.3333')
    """
    if end_year < start_year:
        raise ValueError("the plan ends before it starts")
    total = end_year - start_year + 1
    elapsed = min(max(as_of_year - start_year + 1, 0), total)
    return quantize_ratio(Decimal(elapsed) / Decimal(total))


def plan_progress(
    kind: str,
    results: Mapping[int, Decimal],
    target: Decimal | None,
    *,
    start_year: int,
    end_year: int,
    reporting_year: int,
    direction: str = INCREASE,
    comparator: str = EXACTLY,
    baseline: Decimal | None = None,
    phase: str = SETTLED,
) -> Progress:
    """Progress toward the plan-period target at the end of ``reporting_year``.

    When ``reporting_year`` is still to come (``phase``) and has no result, the
    plan is judged at the end of the latest result's year instead (its
    ``as_of_year``): what was due then, not what is due once the year is over.
    With no earlier result either, the status is ``IN_COLLECTION`` or ``NOT_DUE``.

    >>> reached = plan_progress(CUMULATIVE, {2022: Decimal(16)}, Decimal(40), start_year=2021,
    ...                         end_year=2026, reporting_year=2022)
    >>> reached.status, reached.ratio
    ('on_track', Decimal('0.4000'))
    >>> in_2023 = plan_progress(CUMULATIVE, {2022: Decimal(16)}, Decimal(40), start_year=2021,
    ...                         end_year=2026, reporting_year=2023, phase=COLLECTING)
    >>> in_2023.status, in_2023.as_of_year
    ('on_track', 2022)
    """
    _check_phase(phase)
    as_of_year = None
    if phase != SETTLED and reporting_year not in results:
        earlier = [year for year in results if year < reporting_year]
        if not earlier:
            return Progress(PENDING_STATUSES[phase], target=target)
        as_of_year = reporting_year = max(earlier)
    if target is None:
        value = plan_value(kind, results, start_year=start_year, up_to_year=reporting_year)
        return Progress(NO_TARGET, value=value, as_of_year=as_of_year)
    if reporting_year < start_year:
        return Progress(NOT_DUE, target=target)
    value = plan_value(kind, results, start_year=start_year, up_to_year=reporting_year)
    if value is None:
        return Progress(NO_DATA, target=target)
    ratio = progress_ratio(value, target, direction=direction, baseline=baseline)
    if target_met(value, target, direction=direction, comparator=comparator):
        status = MET
    elif ratio is not None and direction != MAINTAIN:
        expected = expected_fraction(start_year, end_year, reporting_year)
        status = ON_TRACK if ratio >= expected * (ONE - ON_TRACK_TOLERANCE) else BEHIND
    elif within_tolerance(value, target, direction=direction, comparator=comparator):
        # A level to keep, or a decrease with no baseline: no trajectory to
        # follow, only the distance to the target.
        status = ON_TRACK
    else:
        status = BEHIND
    return Progress(status, ratio=ratio, value=value, target=target, as_of_year=as_of_year)


def clamp_for_display(ratio: Decimal | None) -> Decimal | None:
    """Bound a ratio to 0..1 for a progress bar; ``None`` stays ``None``.

    >>> clamp_for_display(Decimal("1.2"))
    Decimal('1')
    >>> clamp_for_display(Decimal("-0.3"))
    Decimal('0')
    >>> print(clamp_for_display(None))
    None
    """
    if ratio is None:
        return None
    return min(max(ratio, ZERO), ONE)


def _check_phase(phase: str) -> None:
    if phase not in PHASES:
        raise ValueError(f"unknown phase: {phase!r}")


def _check_direction(direction: str) -> None:
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction: {direction!r}")
