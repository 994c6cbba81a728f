"""The progress module: exact Decimals, every kind and direction, the edges."""

import ast
from decimal import Decimal as D
from pathlib import Path

import pytest

from indicators import progress
from indicators.progress import (
    ANNUAL_FLOW,
    AT_LEAST,
    AT_MOST,
    BEHIND,
    CUMULATIVE,
    DECREASE,
    EXACTLY,
    INCREASE,
    LEVEL,
    MAINTAIN,
    MET,
    NO_DATA,
    NO_TARGET,
    NOT_DUE,
    ON_TRACK,
    SHARE,
    Progress,
    clamp_for_display,
    effective_comparator,
    expected_fraction,
    plan_progress,
    plan_value,
    progress_ratio,
    target_met,
    within_tolerance,
    year_progress,
)


def test_module_imports_only_the_standard_library():
    tree = ast.parse(Path(progress.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported <= {"collections", "dataclasses", "decimal"}


@pytest.mark.parametrize(
    ("actual", "target", "direction", "baseline", "expected"),
    [
        # Increase, no baseline: actual / target.
        (D(73), D(75), INCREASE, None, D("0.9733")),
        (D(16), D(40), INCREASE, None, D("0.4000")),
        (D(8), D(17), INCREASE, None, D("0.4706")),
        (D(0), D(75), INCREASE, None, D("0.0000")),  # a real 0 % stays 0, not None
        (D(90), D(75), INCREASE, None, D("1.2000")),  # above 100 % is kept
        (D("2.5"), D(3), INCREASE, None, D("0.8333")),
        # Increase with a baseline: (actual - baseline) / (target - baseline).
        (D(1300), D(1400), INCREASE, D(1223), D("0.4350")),
        (D(1200), D(1400), INCREASE, D(1223), D("-0.1299")),  # fell below the start
        # Decrease with a baseline: same formula, going down is progress.
        (D(85), D(70), DECREASE, D(100), D("0.5000")),
        (D(70), D(70), DECREASE, D(100), D("1.0000")),
        (D(60), D(70), DECREASE, D(100), D("1.3333")),
        (D(110), D(70), DECREASE, D(100), D("-0.3333")),
        # Maintain: the level kept against the level to keep.
        (D(5), D(5), MAINTAIN, None, D("1.0000")),
        (D(4), D(5), MAINTAIN, None, D("0.8000")),
        (D(4), D(5), MAINTAIN, D(5), D("0.8000")),  # the baseline plays no part
        # Rounding: half up at the fourth decimal.
        (D(1), D(8), INCREASE, None, D("0.1250")),
        (D("0.00005"), D(1), INCREASE, None, D("0.0001")),
        (D("0.00004"), D(1), INCREASE, None, D("0.0000")),
    ],
)
def test_progress_ratio(actual, target, direction, baseline, expected):
    ratio = progress_ratio(actual, target, direction=direction, baseline=baseline)
    assert ratio == expected
    assert ratio.as_tuple().exponent == -4


@pytest.mark.parametrize(
    ("actual", "target", "direction", "baseline"),
    [
        (None, D(75), INCREASE, None),  # no result
        (D(73), None, INCREASE, None),  # no target
        (None, None, INCREASE, None),
        (D(5), D(0), INCREASE, None),  # zero target, no baseline
        (D(5), D(10), INCREASE, D(10)),  # target equal to the baseline
        (D(85), D(70), DECREASE, None),  # decrease without a baseline
        (D(5), D(0), MAINTAIN, None),  # nothing to keep
    ],
)
def test_progress_ratio_is_none_when_it_cannot_be_computed(actual, target, direction, baseline):
    assert progress_ratio(actual, target, direction=direction, baseline=baseline) is None


def test_unknown_direction_is_refused():
    with pytest.raises(ValueError, match="direction"):
        progress_ratio(D(1), D(2), direction="sideways")


def test_unknown_comparator_is_refused():
    with pytest.raises(ValueError, match="comparator"):
        effective_comparator(INCREASE, "roughly")


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind"):
        plan_value("weekly", {}, start_year=2021, up_to_year=2022)


@pytest.mark.parametrize(
    ("direction", "comparator", "expected"),
    [
        (INCREASE, EXACTLY, AT_LEAST),
        (MAINTAIN, EXACTLY, AT_LEAST),
        (DECREASE, EXACTLY, AT_MOST),
        (INCREASE, AT_MOST, AT_MOST),
        (DECREASE, AT_LEAST, AT_LEAST),
    ],
)
def test_effective_comparator(direction, comparator, expected):
    assert effective_comparator(direction, comparator) == expected


@pytest.mark.parametrize(
    ("actual", "target", "direction", "comparator", "expected"),
    [
        (D(3), D(3), INCREASE, AT_LEAST, True),  # "au moins 3" met by 3
        (D(4), D(3), INCREASE, AT_LEAST, True),
        (D(2), D(3), INCREASE, AT_LEAST, False),
        (D(76), D(75), INCREASE, EXACTLY, True),  # beating a plain target meets it
        (D(74), D(75), INCREASE, EXACTLY, False),
        (D(70), D(70), DECREASE, EXACTLY, True),
        (D(69), D(70), DECREASE, EXACTLY, True),
        (D(71), D(70), DECREASE, EXACTLY, False),
        (D(5), D(5), MAINTAIN, EXACTLY, True),
        (D(4), D(5), MAINTAIN, EXACTLY, False),
        (D(10), D(12), INCREASE, AT_MOST, True),
        (D(0), D(0), INCREASE, EXACTLY, True),
    ],
)
def test_target_met(actual, target, direction, comparator, expected):
    assert target_met(actual, target, direction=direction, comparator=comparator) is expected


@pytest.mark.parametrize(("actual", "target"), [(None, D(1)), (D(1), None)])
def test_target_met_is_none_without_both_values(actual, target):
    assert target_met(actual, target) is None


@pytest.mark.parametrize(
    ("actual", "target", "direction", "expected"),
    [
        (D("63.75"), D(75), INCREASE, True),  # exactly 15 % short
        (D("63.74"), D(75), INCREASE, False),
        (D("80.5"), D(70), DECREASE, True),  # exactly 15 % over a ceiling
        (D("80.6"), D(70), DECREASE, False),
        (D(1), D(0), DECREASE, False),  # no margin around a zero target
    ],
)
def test_within_tolerance(actual, target, direction, expected):
    assert within_tolerance(actual, target, direction=direction) is expected


@pytest.mark.parametrize(
    ("actual", "target", "year", "reporting_year", "kwargs", "status", "ratio"),
    [
        # The seed's real cases.
        (D(295), D(300), 2023, 2023, {}, ON_TRACK, D("0.9833")),
        (D(73), None, 2022, 2022, {}, NO_TARGET, None),
        (None, D(75), 2023, 2022, {}, NOT_DUE, None),
        (None, D(2000), 2022, 2022, {}, NO_DATA, None),
        (D(3), D(3), 2023, 2023, {"comparator": AT_LEAST}, MET, D("1.0000")),
        (D(5), D(5), 2023, 2023, {"direction": MAINTAIN}, MET, D("1.0000")),
        (D("4.25"), D(5), 2023, 2023, {"direction": MAINTAIN}, ON_TRACK, D("0.8500")),
        (D(4), D(5), 2023, 2023, {"direction": MAINTAIN}, BEHIND, D("0.8000")),
        # Edges.
        (D(0), D(75), 2023, 2023, {}, BEHIND, D("0.0000")),
        (D(90), D(75), 2023, 2023, {}, MET, D("1.2000")),
        (D(0), D(0), 2023, 2023, {}, MET, None),  # zero target: met, ratio cannot be computed
        (None, D(75), 2021, 2023, {}, NO_DATA, None),  # a past year with no result
        (D(80), D(75), 2024, 2023, {}, MET, D("1.0667")),  # early result counts
        (D(60), D(70), 2023, 2023, {"direction": DECREASE, "baseline": D(100)}, MET, D("1.3333")),
        (
            D(90),
            D(70),
            2023,
            2023,
            {"direction": DECREASE, "baseline": D(100)},
            BEHIND,
            D("0.3333"),
        ),
        (D(78), D(70), 2023, 2023, {"direction": DECREASE}, ON_TRACK, None),
    ],
)
def test_year_progress(actual, target, year, reporting_year, kwargs, status, ratio):
    result = year_progress(actual, target, year=year, reporting_year=reporting_year, **kwargs)
    assert result == Progress(
        status,
        ratio=ratio,
        value=actual,
        target=target,
    )


@pytest.mark.parametrize(
    ("kind", "results", "up_to_year", "expected"),
    [
        (ANNUAL_FLOW, {2021: D(6), 2022: D(2)}, 2022, D(8)),
        (ANNUAL_FLOW, {2020: D(50), 2021: D(6), 2022: D(2)}, 2022, D(8)),  # before the plan
        (ANNUAL_FLOW, {2021: D(6), 2022: D(2), 2023: D(3)}, 2022, D(8)),  # after the year
        (ANNUAL_FLOW, {2022: D(0)}, 2022, D(0)),  # a real zero is a value
        (ANNUAL_FLOW, {}, 2022, None),
        (ANNUAL_FLOW, {2023: D(3)}, 2022, None),
        (CUMULATIVE, {2021: D(6), 2022: D(8)}, 2022, D(8)),
        (CUMULATIVE, {2021: D(6)}, 2022, D(6)),  # a missing year: the latest known level
        (LEVEL, {2020: D(5)}, 2022, D(5)),
        (SHARE, {2022: D(20), 2023: D(25)}, 2022, D(20)),
        (SHARE, {}, 2022, None),
    ],
)
def test_plan_value(kind, results, up_to_year, expected):
    assert plan_value(kind, results, start_year=2021, up_to_year=up_to_year) == expected


@pytest.mark.parametrize(
    ("start", "end", "as_of", "expected"),
    [
        (2021, 2026, 2020, D("0.0000")),
        (2021, 2026, 2021, D("0.1667")),
        (2021, 2026, 2022, D("0.3333")),
        (2021, 2026, 2026, D("1.0000")),
        (2021, 2026, 2030, D("1.0000")),
        (2023, 2023, 2023, D("1.0000")),
    ],
)
def test_expected_fraction(start, end, as_of, expected):
    assert expected_fraction(start, end, as_of) == expected


def test_expected_fraction_refuses_a_plan_that_ends_before_it_starts():
    with pytest.raises(ValueError, match="ends before"):
        expected_fraction(2026, 2021, 2022)


PLAN = {"start_year": 2021, "end_year": 2026}


@pytest.mark.parametrize(
    ("kind", "results", "target", "reporting_year", "kwargs", "status", "ratio", "value"),
    [
        # 8 of 17 Pensions de Famille after 2 of 6 years: ahead of the 33 % trajectory.
        (CUMULATIVE, {2022: D(8)}, D(17), 2022, {}, ON_TRACK, D("0.4706"), D(8)),
        # 16 of 40 units for Un chez-soi d'abord.
        (CUMULATIVE, {2022: D(16)}, D(40), 2022, {}, ON_TRACK, D("0.4000"), D(16)),
        # 2 of 17 after 4 years: well behind the 67 % trajectory.
        (CUMULATIVE, {2024: D(2)}, D(17), 2024, {}, BEHIND, D("0.1176"), D(2)),
        (CUMULATIVE, {2026: D(17)}, D(17), 2026, {}, MET, D("1.0000"), D(17)),
        (CUMULATIVE, {2026: D(18)}, D(17), 2026, {"comparator": AT_LEAST}, MET, D("1.0588"), D(18)),
        # Flows add up over the plan years.
        (
            ANNUAL_FLOW,
            {2021: D(600), 2022: D(700)},
            D(4000),
            2022,
            {},
            ON_TRACK,
            D("0.3250"),
            D(1300),
        ),
        (ANNUAL_FLOW, {2021: D(100)}, D(4000), 2022, {}, BEHIND, D("0.0250"), D(100)),
        # A real zero is behind, never "no data".
        (CUMULATIVE, {2022: D(0)}, D(17), 2022, {}, BEHIND, D("0.0000"), D(0)),
        # A level to keep: met, close, or behind; no trajectory.
        (LEVEL, {2022: D(5)}, D(5), 2022, {"direction": MAINTAIN}, MET, D("1.0000"), D(5)),
        (LEVEL, {2022: D(3)}, D(5), 2022, {"direction": MAINTAIN}, BEHIND, D("0.6000"), D(3)),
        # A decrease with a baseline follows the trajectory too.
        (
            LEVEL,
            {2022: D(90)},
            D(70),
            2022,
            {"direction": DECREASE, "baseline": D(100)},
            ON_TRACK,
            D("0.3333"),
            D(90),
        ),
        # A decrease without a baseline: only the distance to the target.
        (LEVEL, {2022: D(75)}, D(70), 2022, {"direction": DECREASE}, ON_TRACK, None, D(75)),
        (LEVEL, {2022: D(95)}, D(70), 2022, {"direction": DECREASE}, BEHIND, None, D(95)),
        # A share that has reached its target.
        (SHARE, {2023: D(20)}, D(20), 2023, {}, MET, D("1.0000"), D(20)),
        # Baseline-aware: 1 300 homes from 1 223 toward 1 400.
        (
            LEVEL,
            {2022: D(1300)},
            D(1400),
            2022,
            {"baseline": D(1223)},
            ON_TRACK,
            D("0.4350"),
            D(1300),
        ),
    ],
)
def test_plan_progress(kind, results, target, reporting_year, kwargs, status, ratio, value):
    result = plan_progress(kind, results, target, reporting_year=reporting_year, **PLAN, **kwargs)
    assert result == Progress(status, ratio=ratio, value=value, target=target)


def test_plan_progress_without_target_reports_the_value_and_no_ratio():
    result = plan_progress(ANNUAL_FLOW, {2022: D(1910)}, None, reporting_year=2022, **PLAN)
    assert result == Progress(NO_TARGET, value=D(1910))


def test_plan_progress_without_results_is_no_data():
    result = plan_progress(ANNUAL_FLOW, {}, D(12000), reporting_year=2022, **PLAN)
    assert result == Progress(NO_DATA, target=D(12000))


def test_plan_progress_before_the_plan_starts_is_not_due():
    result = plan_progress(CUMULATIVE, {}, D(17), reporting_year=2020, **PLAN)
    assert result == Progress(NOT_DUE, target=D(17))


def test_plan_progress_with_target_equal_to_baseline_has_no_ratio_but_a_status():
    result = plan_progress(LEVEL, {2022: D(10)}, D(10), reporting_year=2022, baseline=D(10), **PLAN)
    assert result == Progress(MET, ratio=None, value=D(10), target=D(10))


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        (None, None),
        (D("0.0000"), D("0.0000")),
        (D("0.4706"), D("0.4706")),
        (D("1.0000"), D("1.0000")),
        (D("1.2000"), D(1)),
        (D("-0.3333"), D(0)),
    ],
)
def test_clamp_for_display(ratio, expected):
    assert clamp_for_display(ratio) == expected
    if ratio is not None:
        assert clamp_for_display(ratio) is not None  # a 0 % is never turned into None
