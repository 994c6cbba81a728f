"""Small-count protection: small figures about people are « moins de K », and the total
never gives a hidden one away (secondary suppression). The figures are made up."""

from decimal import Decimal
from itertools import product

import pytest
from django.core.exceptions import ImproperlyConfigured

from indicators.small_counts import Hidden, exposed, protect, protected_total
from ldaplan.env import env_whole_number


def figures(**values):
    return {key: (None if value is None else Decimal(value)) for key, value in values.items()}


def shown(protected):
    return {
        key: str(value) if isinstance(value, Hidden) else value for key, value in protected.items()
    }


def test_large_values_zero_and_missing_figures_are_shown_as_they_are():
    values = figures(a=36, b=0, c=None, d=5)
    assert protect(values) == values


def test_a_small_value_alone_is_hidden_with_the_smallest_large_one_beside_it():
    protected = shown(protect(figures(a=3, b=36, c=12, d=0)))
    assert protected == {"a": "moins de 5", "b": Decimal(36), "c": "non diffusé", "d": Decimal(0)}


def test_two_small_values_whose_sum_tells_nothing_need_nothing_more():
    protected = shown(protect(figures(a=2, b=3, c=40)))
    assert protected == {"a": "moins de 5", "b": "moins de 5", "c": Decimal(40)}


@pytest.mark.parametrize(("a", "b"), [(1, 1), (4, 4)])
def test_two_small_values_at_the_same_bound_are_given_away_by_their_sum(a, b):
    protected = protect(figures(a=a, b=b, c=40, d=9))
    assert isinstance(protected["d"], Hidden)
    assert protected["d"].secondary
    assert protected["c"] == Decimal(40)


def test_a_cell_of_1_beside_a_secondary_cell_of_k_is_protected_further():
    """1 (« moins de 5 ») and 5 (« non diffusé », so 5 or more) sum to 6: the small one
    can only be 1. A third cell is hidden."""
    protected = protect(figures(a=1, b=5, c=7, d=50))
    assert [key for key, value in protected.items() if isinstance(value, Hidden)] == [
        "a",
        "b",
        "c",
    ]


def test_the_threshold_is_a_setting_of_the_caller():
    protected = shown(protect(figures(a=7, b=30, c=40), threshold=10))
    assert protected == {"a": "moins de 10", "b": "non diffusé", "c": Decimal(40)}


def test_with_nothing_else_to_hide_the_small_value_stays_hidden():
    protected = shown(protect(figures(a=3, b=0, c=None)))
    assert protected == {"a": "moins de 5", "b": Decimal(0), "c": None}


def test_no_hidden_value_can_be_recomputed_from_the_total_on_every_small_grid():
    """Every grid of four cells from 0 to 7: after protection, a reader knowing the total
    and each hidden cell's bounds can pin no hidden value (or nothing was left to hide)."""
    for cells in product(range(8), repeat=4):
        values = {n: Decimal(v) for n, v in enumerate(cells)}
        protected = protect(values)
        hidden = {key: cell for key, cell in protected.items() if isinstance(cell, Hidden)}
        positive_left = [k for k, v in values.items() if v > 0 and k not in hidden]
        assert not hidden or not exposed(hidden, values) or not positive_left, cells


def test_the_total_counts_every_figure():
    assert protected_total(figures(a=3, b=None, c=36)) == Decimal(39)
    assert protected_total(figures(a=None)) is None


def pinned_by_brute_force(hidden, values, ceiling=60) -> bool:
    """Every assignment of the hidden cells within their bounds with the same sum: does
    one cell take a single value in all of them?"""
    keys = list(hidden)
    total = sum(values[key] for key in keys)
    ranges = []
    for key in keys:
        low, high = hidden[key].bounds()
        ranges.append(range(int(low), int(high if high is not None else ceiling) + 1))
    possible = [set() for _key in keys]
    for assignment in product(*ranges):
        if sum(assignment) == total:
            for seen, value in zip(possible, assignment, strict=True):
                seen.add(value)
    return any(len(seen) == 1 for seen in possible)


def test_exposed_agrees_with_a_brute_force_reader():
    for small in product(range(1, 5), repeat=2):
        for large in (5, 6, 9, 20):
            values = {"a": Decimal(small[0]), "b": Decimal(small[1]), "c": Decimal(large)}
            for hidden in (
                {"a": Hidden(5)},
                {"a": Hidden(5), "b": Hidden(5)},
                {"a": Hidden(5), "c": Hidden(5, secondary=True)},
                {"a": Hidden(5), "b": Hidden(5), "c": Hidden(5, secondary=True)},
            ):
                assert exposed(hidden, values) == pinned_by_brute_force(hidden, values), (
                    values,
                    hidden,
                )


@pytest.mark.parametrize("value", ["1", "101", "cinq", "5.5", "-3", "٥"])
def test_a_threshold_that_is_not_a_whole_number_in_range_stops_the_start(monkeypatch, value):
    monkeypatch.setenv("LDAPLAN_SMALL_COUNT_THRESHOLD", value)
    with pytest.raises(ImproperlyConfigured, match="is not a whole number from 2 to 100"):
        env_whole_number("LDAPLAN_SMALL_COUNT_THRESHOLD", 5, least=2, most=100)


def test_the_threshold_is_5_unless_set(monkeypatch):
    monkeypatch.delenv("LDAPLAN_SMALL_COUNT_THRESHOLD", raising=False)
    assert env_whole_number("LDAPLAN_SMALL_COUNT_THRESHOLD", 5, least=2, most=100) == 5
    monkeypatch.setenv("LDAPLAN_SMALL_COUNT_THRESHOLD", " 10 ")
    assert env_whole_number("LDAPLAN_SMALL_COUNT_THRESHOLD", 5, least=2, most=100) == 10
