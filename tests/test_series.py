"""An indicator over the whole plan (indicators/series.py), figures counted by hand.

The figures are made up (fictifs), in the shape of the plan's indicators.
"""

from decimal import Decimal as D

import pytest

from indicators import progress, series

YEARS = range(2021, 2027)
# The bilan of 2023 is out, 2024 is being collected, 2025 and 2026 are to come.
PHASES = {2024: progress.COLLECTING, 2025: progress.UPCOMING, 2026: progress.UPCOMING}


def test_a_flow_adds_up_its_results_and_its_targets_year_after_year():
    # Logements captés (fictif): 40 in 2021, 73 in 2022, 85 in 2023; targets 50, 75, 75.
    lines = series.year_series(
        progress.ANNUAL_FLOW,
        YEARS,
        {2021: D(40), 2022: D(73), 2023: D(85)},
        {2021: D(50), 2022: D(75), 2023: D(75), 2024: D(75)},
        phases=PHASES,
    )

    assert [line.year for line in lines] == list(YEARS)
    # 2024 is being collected, 2025 and 2026 are to come: no total yet; 2024 has a target.
    assert [line.running_total for line in lines] == [
        D(40), D(113), D(198), None, None, None
    ]  # fmt: skip
    assert [line.cumulative_target for line in lines] == [
        D(50), D(125), D(200), D(275), None, None
    ]  # fmt: skip
    assert [line.state for line in lines] == [
        series.PUBLISHED,
        series.PUBLISHED,
        series.PUBLISHED,
        series.IN_COLLECTION,
        series.TO_COME,
        series.TO_COME,
    ]
    total = series.trend(progress.ANNUAL_FLOW, lines)
    # « De 2021 à 2023, 198 logements captés, pour un objectif cumulé de 200. »
    assert (total.first_year, total.last_year) == (2021, 2023)
    assert (total.value, total.target) == (D(198), D(200))
    assert total.missing_years == ()


def test_a_year_with_nothing_published_is_marked_and_adds_nothing():
    lines = series.year_series(
        progress.ANNUAL_FLOW,
        YEARS,
        {2021: D(12), 2023: D(30)},
        {2022: D(20), 2023: D(20)},
        phases=PHASES,
    )

    year_2022 = lines[1]
    assert (year_2022.state, year_2022.result) == (series.NO_VALUE, None)
    # The total known at the end of 2022 is 2021's alone, not a 0 added.
    assert year_2022.running_total == D(12)
    total = series.trend(progress.ANNUAL_FLOW, lines)
    assert (total.value, total.target, total.missing_years) == (D(42), D(40), (2022,))


def test_a_flow_with_no_result_before_its_first_has_no_running_total_yet():
    lines = series.year_series(
        progress.ANNUAL_FLOW, YEARS, {2022: D(7)}, {2021: D(5)}, phases=PHASES
    )
    assert lines[0].running_total is None
    assert lines[0].cumulative_target == D(5)
    assert lines[1].running_total == D(7)


@pytest.mark.parametrize("kind", [progress.CUMULATIVE, progress.LEVEL, progress.SHARE])
def test_a_stock_is_read_year_by_year_never_added_up(kind):
    # Pensions de Famille ouvertes (fictif): 5, then 8; the 2023 value was not published.
    lines = series.year_series(
        kind,
        YEARS,
        {2021: D(5), 2022: D(8), 2024: D(11)},
        {2022: D(9), 2024: D(12)},
        phases={2025: progress.UPCOMING, 2026: progress.UPCOMING},
    )

    assert all(line.running_total is None for line in lines)
    assert all(line.cumulative_target is None for line in lines)
    latest = series.trend(kind, lines)
    assert (latest.first_year, latest.first_value) == (2021, D(5))
    assert (latest.last_year, latest.value, latest.target) == (2024, D(11), D(12))
    assert latest.missing_years == (2023,)


def test_a_replaced_target_keeps_the_first_one_published_beside_it():
    lines = series.year_series(
        progress.ANNUAL_FLOW,
        [2022, 2023],
        {2022: D(73)},
        {2022: D(75), 2023: D(90)},
        phases={},
        original_targets={2023: D(75)},
    )
    assert (lines[1].target, lines[1].original_target) == (D(90), D(75))
    assert lines[0].original_target is None


def test_nothing_published_gives_no_trend():
    lines = series.year_series(progress.ANNUAL_FLOW, YEARS, {}, {2021: D(10)}, phases=PHASES)
    assert series.trend(progress.ANNUAL_FLOW, lines) is None
    assert [line.state for line in lines[:3]] == [series.NO_VALUE] * 3


def test_a_decimal_result_adds_up_exactly():
    lines = series.year_series(
        progress.ANNUAL_FLOW, [2021, 2022], {2021: D("0.1"), 2022: D("0.2")}, {}, phases={}
    )
    assert lines[-1].running_total == D("0.3")


def test_a_flow_says_which_years_of_its_total_had_no_target():
    lines = series.year_series(
        progress.ANNUAL_FLOW,
        [2022, 2023],
        {2022: D(73), 2023: D(80)},
        {2023: D(75)},
        phases={},
    )
    total = series.trend(progress.ANNUAL_FLOW, lines)
    assert (total.value, total.target, total.years_without_target) == (D(153), D(75), (2022,))


@pytest.mark.parametrize(
    ("direction", "earlier", "later", "target", "move"),
    [
        (progress.INCREASE, D(73), D(80), None, series.IMPROVED),
        (progress.INCREASE, D(80), D(73), None, series.FELL_BEHIND),
        (progress.INCREASE, D(73), D(73), None, series.UNCHANGED),
        # Fewer people in the street is the goal of a decrease.
        (progress.DECREASE, D(3000), D(2800), None, series.IMPROVED),
        (progress.DECREASE, D(2800), D(3000), None, series.FELL_BEHIND),
        # Keeping 5 sites: 4 then 5 gets closer, 5 then 6 goes away from it.
        (progress.MAINTAIN, D(4), D(5), D(5), series.IMPROVED),
        (progress.MAINTAIN, D(5), D(6), D(5), series.FELL_BEHIND),
        (progress.MAINTAIN, D(4), D(6), D(5), series.UNCHANGED),
        (progress.MAINTAIN, D(4), D(6), None, series.UNCHANGED),
        (progress.INCREASE, None, D(3), None, series.NEW),
        (progress.INCREASE, D(3), None, None, series.NOT_PUBLISHED),
        (progress.INCREASE, None, None, None, series.NO_VALUES),
    ],
)
def test_two_years_compare_in_the_indicator_s_direction(direction, earlier, later, target, move):
    assert series.compared(direction, earlier, later, target=target) == move
