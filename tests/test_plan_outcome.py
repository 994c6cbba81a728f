"""The final bilan's arithmetic, each case computed by hand in its comment.

Figures are made up (fictitious 2023-2026), except where a comment cites the 2022 report.
"""

from decimal import Decimal as D

import pytest

from indicators import plan_outcome as final
from indicators.progress import (
    ANNUAL_FLOW,
    AT_LEAST,
    CUMULATIVE,
    DECREASE,
    KINDS,
    LEVEL,
    MAINTAIN,
    SHARE,
)

PLAN = {"start_year": 2021, "end_year": 2026}


def test_a_flow_adds_up_its_published_years_against_the_plan_target():
    # Louez solidaire-like flow (fictitious): 40 + 60 + 95 + 80 + 70 + 60 = 405 ≥ 400.
    results = {2021: D(40), 2022: D(60), 2023: D(95), 2024: D(80), 2025: D(70), 2026: D(60)}
    outcome = final.final_outcome(ANNUAL_FLOW, results, plan_target=D(400), **PLAN)
    assert outcome.value == D(405)
    assert outcome.value_rule == final.SUM_OF_YEARS
    assert outcome.target_rule == final.PLAN_TARGET
    assert outcome.status == final.ATTAINED
    # (405 − 0) / (400 − 0) = 1.0125
    assert outcome.ratio == D("1.0125")
    assert outcome.missing_years == ()


def test_a_flow_s_missing_years_add_nothing_and_are_listed():
    # 40 + 60 + 50 = 150 of 300: exactly half the way, the threshold itself.
    results = {2021: D(40), 2022: D(60), 2024: D(50)}
    outcome = final.final_outcome(ANNUAL_FLOW, results, plan_target=D(300), **PLAN)
    assert outcome.value == D(150)
    assert outcome.missing_years == (2023, 2025, 2026)
    assert outcome.ratio == D("0.5000")
    assert outcome.status == final.PARTLY_ATTAINED
    # One unit less is under half the way: 149 / 300 = 0.4967.
    results[2024] = D(49)
    below = final.final_outcome(ANNUAL_FLOW, results, plan_target=D(300), **PLAN)
    assert (below.ratio, below.status) == (D("0.4967"), final.NOT_ATTAINED)


def test_a_flow_without_plan_target_is_held_to_its_yearly_targets_of_the_same_years():
    # Targets for 2023-2026 only (8 + 10 + 10 + 12 = 40); results of those years:
    # 7 + 11 + 9 + 12 = 39, compared with 40 → 0.975, not met → partly.
    # The 2021 and 2022 results (5 and 3) count in the total (47), not in the comparison.
    results = {2021: D(5), 2022: D(3), 2023: D(7), 2024: D(11), 2025: D(9), 2026: D(12)}
    targets = {2023: D(8), 2024: D(10), 2025: D(10), 2026: D(12)}
    outcome = final.final_outcome(ANNUAL_FLOW, results, yearly_targets=targets, **PLAN)
    assert outcome.value == D(47)
    assert outcome.target_rule == final.SUM_OF_YEARLY_TARGETS
    assert outcome.target == D(40)
    assert outcome.compared_value == D(39)
    assert outcome.years_without_target == (2021, 2022)
    assert outcome.ratio == D("0.9750")
    assert outcome.status == final.PARTLY_ATTAINED


def test_a_cumulative_count_is_read_as_of_the_last_year_never_added_up():
    # Pensions de Famille approved since 2021: 8 at the end of 2022 (report), then
    # (fictitious) 11, 14, 16, 18; the plan target is 17 → 18 ≥ 17, attained.
    results = {2022: D(8), 2023: D(11), 2024: D(14), 2025: D(16), 2026: D(18)}
    outcome = final.final_outcome(CUMULATIVE, results, plan_target=D(17), **PLAN)
    assert outcome.value == D(18)
    assert outcome.value_rule == final.LATEST_YEAR
    assert outcome.as_of_year == 2026
    assert outcome.status == final.ATTAINED
    assert outcome.missing_years == (2021,)


def test_a_level_whose_last_year_is_missing_is_read_as_of_the_latest_published():
    # Beneficiaries (fictitious): 120 in 2024, nothing published for 2025 and 2026;
    # target 155 → 120 / 155 = 0.7742 ≥ 0.5: partly, as of 2024.
    results = {2022: D(96), 2024: D(120)}
    outcome = final.final_outcome(LEVEL, results, plan_target=D(155), **PLAN)
    assert (outcome.value, outcome.as_of_year) == (D(120), 2024)
    assert outcome.ratio == D("0.7742")
    assert outcome.status == final.PARTLY_ATTAINED
    assert outcome.missing_years == (2021, 2023, 2025, 2026)


def test_a_share_below_half_its_target_is_not_attained():
    # A share of 1.2 % for a target of 3 %: 0.4 of the way.
    outcome = final.final_outcome(SHARE, {2026: D("1.2")}, plan_target=D(3), **PLAN)
    assert outcome.ratio == D("0.4000")
    assert outcome.status == final.NOT_ATTAINED


def test_au_moins_is_met_by_the_figure_itself():
    # « au moins 3 » arrondissements, 3 published: attained (a plain 3 would be too).
    outcome = final.final_outcome(
        CUMULATIVE,
        {2026: D(3)},
        plan_target=D(3),
        plan_target_comparator=AT_LEAST,
        **PLAN,
    )
    assert outcome.comparator == AT_LEAST
    assert outcome.status == final.ATTAINED
    # A stock with no plan target takes its last year's target and comparator.
    kept = final.final_outcome(
        LEVEL,
        {2026: D(2)},
        yearly_targets={2026: D(3)},
        yearly_comparators={2026: AT_LEAST},
        **PLAN,
    )
    assert (kept.target_rule, kept.target, kept.comparator) == (
        final.TARGET_OF_THE_YEAR,
        D(3),
        AT_LEAST,
    )
    # 2 / 3 = 0.6667 of the way.
    assert (kept.ratio, kept.status) == (D("0.6667"), final.PARTLY_ATTAINED)


def test_a_decrease_goes_down_from_its_baseline():
    # From a baseline of 100 to a target of 70: 85 covers (100 − 85) / (100 − 70) = 0.5.
    half = final.final_outcome(
        LEVEL, {2026: D(85)}, plan_target=D(70), direction=DECREASE, baseline=D(100), **PLAN
    )
    assert (half.ratio, half.status) == (D("0.5000"), final.PARTLY_ATTAINED)
    met = final.final_outcome(
        LEVEL, {2026: D(65)}, plan_target=D(70), direction=DECREASE, baseline=D(100), **PLAN
    )
    assert met.status == final.ATTAINED
    # Going up is not attained at all: (100 − 110) / 30 = −0.3333.
    worse = final.final_outcome(
        LEVEL, {2026: D(110)}, plan_target=D(70), direction=DECREASE, baseline=D(100), **PLAN
    )
    assert (worse.ratio, worse.status) == (D("-0.3333"), final.NOT_ATTAINED)


def test_a_decrease_without_baseline_is_judged_by_its_distance_to_the_target():
    # No ratio without a baseline; 80 for a target of 70 misses by 10, within 15 % of 70
    # (10.5): partly. 81 misses by 11: not attained.
    near = final.final_outcome(LEVEL, {2026: D(80)}, plan_target=D(70), direction=DECREASE, **PLAN)
    assert (near.ratio, near.status) == (None, final.PARTLY_ATTAINED)
    far = final.final_outcome(LEVEL, {2026: D(81)}, plan_target=D(70), direction=DECREASE, **PLAN)
    assert far.status == final.NOT_ATTAINED


def test_a_level_to_maintain_compares_with_the_level_to_keep():
    # 5 sites to keep (report, measure 7), 4 left in 2026 (fictitious): 4 / 5 = 0.8.
    outcome = final.final_outcome(
        LEVEL, {2026: D(4)}, yearly_targets={2026: D(5)}, direction=MAINTAIN, **PLAN
    )
    assert (outcome.ratio, outcome.status) == (D("0.8000"), final.PARTLY_ATTAINED)


@pytest.mark.parametrize("kind", KINDS)
def test_no_target_is_without_target_and_a_target_without_result_is_no_result(kind):
    without = final.final_outcome(kind, {2026: D(12)}, **PLAN)
    assert (without.status, without.target, without.ratio) == (final.WITHOUT_TARGET, None, None)
    assert without.value == D(12)
    nothing = final.final_outcome(kind, {}, plan_target=D(10), **PLAN)
    assert (nothing.status, nothing.value) == (final.NO_RESULT, None)
    assert nothing.missing_years == tuple(range(2021, 2027))


def test_results_outside_the_plan_years_are_left_out():
    # A 2020 result (before the plan) and a 2027 one (after it) count for nothing.
    results = {2020: D(100), 2023: D(10), 2027: D(100)}
    flow = final.final_outcome(ANNUAL_FLOW, results, plan_target=D(20), **PLAN)
    assert flow.value == D(10)
    stock = final.final_outcome(LEVEL, results, plan_target=D(20), **PLAN)
    assert (stock.value, stock.as_of_year) == (D(10), 2023)


def test_a_decimal_flow_adds_up_exactly():
    results = {2021: D("0.1"), 2022: D("0.2")}
    outcome = final.final_outcome(ANNUAL_FLOW, results, plan_target=D("0.3"), **PLAN)
    assert outcome.value == D("0.3")
    assert outcome.status == final.ATTAINED


def test_unknown_kinds_and_reversed_plans_are_refused():
    with pytest.raises(ValueError, match="unknown kind"):
        final.final_outcome("stock", {}, **PLAN)
    with pytest.raises(ValueError, match="ends before it starts"):
        final.final_outcome(LEVEL, {}, start_year=2026, end_year=2021)
