"""What the plan achieved, indicator by indicator: the arithmetic of the final bilan.

Pure, like ``indicators.progress`` whose rules it extends to the end of the plan
(numbers in, outcome out): the final bilan's page and files only word what this
module returns, so they cannot disagree with it. Only published values come in
(the caller's choice); nothing is retyped.

Rules
-----
* **What was achieved.** An annual flow adds up the results published for the
  plan's years (``SUM_OF_YEARS``); a year without one adds nothing and is listed
  (``missing_years``), never counted as 0. A stock (cumulative count, level,
  share) is read as of the plan's last year with a published result
  (``LATEST_YEAR``): its last year when published, else the latest before it,
  which is then said (``as_of_year``).
* **The plan-wide target.** The indicator's target over the plan when the
  report gives one (``PLAN_TARGET``). Otherwise, for a flow, its yearly targets
  added up (``SUM_OF_YEARLY_TARGETS``), and the results compared with them are
  those of the same years only (``compared_value``), so a year without a target
  never counts against, nor for, the plan; for a stock, the target of the year
  its value is read for (``TARGET_OF_THE_YEAR``).
* **The final status.** ``ATTAINED`` when the target is met in the indicator's
  direction (``progress.target_met``: « au moins 3 » is met by 3); else
  ``PARTLY_ATTAINED`` when at least ``PARTLY_ATTAINED_FROM`` of the way was
  covered (``progress.progress_ratio``), or, where no ratio can be computed (a
  decrease without a baseline), when the value misses by no more than
  ``progress.ON_TRACK_TOLERANCE``; else ``NOT_ATTAINED``. ``WITHOUT_TARGET``
  when there is no plan-wide target (« sans objectif chiffré »), ``NO_RESULT``
  when there is one but nothing was published to compare with it.

>>> from decimal import Decimal as D
>>> from indicators.progress import ANNUAL_FLOW
>>> done = final_outcome(ANNUAL_FLOW, {2021: D(40), 2022: D(60), 2024: D(50)},
...                      plan_target=D(300), start_year=2021, end_year=2026)
>>> done.value, done.status, done.ratio, done.missing_years
(Decimal('150'), 'partly_attained', Decimal('0.5000'), (2023, 2025, 2026))
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from indicators import progress

# Final statuses.
ATTAINED = "attained"
PARTLY_ATTAINED = "partly_attained"
NOT_ATTAINED = "not_attained"
WITHOUT_TARGET = "without_target"
NO_RESULT = "no_result"
FINAL_STATUSES = (ATTAINED, PARTLY_ATTAINED, NOT_ATTAINED, WITHOUT_TARGET, NO_RESULT)

# Half of the way from the start to the target: below it, the plan's ambition
# for the indicator is not attained, even in part.
PARTLY_ATTAINED_FROM = Decimal("0.5")

# How the achieved value was obtained.
SUM_OF_YEARS = "sum_of_years"
LATEST_YEAR = "latest_year"
# Where the plan-wide target comes from.
PLAN_TARGET = "plan_target"
SUM_OF_YEARLY_TARGETS = "sum_of_yearly_targets"
TARGET_OF_THE_YEAR = "target_of_the_year"


@dataclass(frozen=True)
class FinalOutcome:
    """One indicator at the end of the plan."""

    status: str
    value_rule: str
    # What was achieved: a flow's total over the plan, a stock's value as of ``as_of_year``.
    value: Decimal | None = None
    # The year a stock is read for (``None`` for a flow, or with nothing published).
    as_of_year: int | None = None
    target_rule: str | None = None
    target: Decimal | None = None
    comparator: str = progress.EXACTLY
    # What is compared with ``target``: ``value``, except for a flow compared with its
    # yearly targets, where only the years that had one are added up.
    compared_value: Decimal | None = None
    ratio: Decimal | None = None
    # Plan years without a published result (a flow: they add nothing).
    missing_years: tuple[int, ...] = ()
    # A flow compared with its yearly targets: plan years that had none, left out.
    years_without_target: tuple[int, ...] = ()


def _plan_years(start_year: int, end_year: int) -> range:
    if end_year < start_year:
        raise ValueError("the plan ends before it starts")
    return range(start_year, end_year + 1)


def _flow_target(
    results: Mapping[int, Decimal],
    yearly_targets: Mapping[int, Decimal],
    years: range,
) -> tuple[Decimal | None, Decimal | None, tuple[int, ...]]:
    """(target, compared value, years without a target) from the yearly targets."""
    with_target = [year for year in years if year in yearly_targets]
    if not with_target:
        return None, None, ()
    target = sum((yearly_targets[year] for year in with_target), progress.ZERO)
    compared = [results[year] for year in with_target if year in results]
    compared_value = sum(compared, progress.ZERO) if compared else None
    return target, compared_value, tuple(year for year in years if year not in yearly_targets)


def _flow_parts(published, plan_target, yearly_targets, years) -> dict:
    value = sum(published.values(), progress.ZERO) if published else None
    parts = {"value_rule": SUM_OF_YEARS, "value": value, "compared_value": value}
    if plan_target is not None:
        return parts | {"target_rule": PLAN_TARGET, "target": plan_target}
    target, compared, without = _flow_target(published, yearly_targets, years)
    if target is None:
        return parts
    return parts | {
        "target_rule": SUM_OF_YEARLY_TARGETS,
        "target": target,
        "compared_value": compared,
        "years_without_target": without,
        # Yearly targets added up are reached or beaten in the indicator's direction.
        "comparator": progress.EXACTLY,
    }


def _stock_parts(published, plan_target, yearly_targets, yearly_comparators, end_year) -> dict:
    as_of_year = max(published) if published else None
    value = published.get(as_of_year)
    parts = {"value_rule": LATEST_YEAR, "value": value, "as_of_year": as_of_year}
    parts["compared_value"] = value
    if plan_target is not None:
        return parts | {"target_rule": PLAN_TARGET, "target": plan_target}
    # A stock with no target over the plan is held to its target of the year it is read
    # for (its last year when nothing was published).
    year = as_of_year or end_year
    if year not in yearly_targets:
        return parts
    return parts | {
        "target_rule": TARGET_OF_THE_YEAR,
        "target": yearly_targets[year],
        "comparator": yearly_comparators.get(year, progress.EXACTLY),
    }


def _status(
    value: Decimal | None,
    target: Decimal | None,
    *,
    direction: str,
    comparator: str,
    baseline: Decimal | None,
) -> tuple[str, Decimal | None]:
    if target is None:
        return WITHOUT_TARGET, None
    if value is None:
        return NO_RESULT, None
    ratio = progress.progress_ratio(value, target, direction=direction, baseline=baseline)
    if progress.target_met(value, target, direction=direction, comparator=comparator):
        return ATTAINED, ratio
    if ratio is not None:
        return (PARTLY_ATTAINED if ratio >= PARTLY_ATTAINED_FROM else NOT_ATTAINED), ratio
    near = progress.within_tolerance(value, target, direction=direction, comparator=comparator)
    return (PARTLY_ATTAINED if near else NOT_ATTAINED), ratio


def final_outcome(
    kind: str,
    results: Mapping[int, Decimal],
    *,
    start_year: int,
    end_year: int,
    plan_target: Decimal | None = None,
    plan_target_comparator: str = progress.EXACTLY,
    yearly_targets: Mapping[int, Decimal] | None = None,
    yearly_comparators: Mapping[int, str] | None = None,
    direction: str = progress.INCREASE,
    baseline: Decimal | None = None,
) -> FinalOutcome:
    """The indicator's outcome at the end of the plan, from its published figures.

    >>> from decimal import Decimal as D
    >>> from indicators.progress import LEVEL, AT_LEAST
    >>> kept = final_outcome(LEVEL, {2025: D(3)}, start_year=2021, end_year=2026,
    ...                      yearly_targets={2025: D(3)}, yearly_comparators={2025: AT_LEAST})
    >>> kept.status, kept.as_of_year, kept.target_rule
    ('attained', 2025, 'target_of_the_year')
    """
    if kind not in progress.KINDS:
        raise ValueError(f"unknown kind: {kind!r}")
    yearly_targets = yearly_targets or {}
    years = _plan_years(start_year, end_year)
    published = {year: results[year] for year in years if year in results}
    missing = tuple(year for year in years if year not in published)
    outcome = {"missing_years": missing, "comparator": plan_target_comparator}
    if kind == progress.ANNUAL_FLOW:
        outcome |= _flow_parts(published, plan_target, yearly_targets, years)
    else:
        outcome |= _stock_parts(
            published, plan_target, yearly_targets, yearly_comparators or {}, end_year
        )
    status, ratio = _status(
        outcome["compared_value"],
        outcome.get("target"),
        direction=direction,
        comparator=outcome["comparator"],
        baseline=baseline,
    )
    return FinalOutcome(status=status, ratio=ratio, **outcome)
