from decimal import Decimal as D

import pytest
from django.utils import translation

from core.formatting import format_number, format_percent, format_quantity, format_ratio

NBSP = "\u00a0"


@pytest.fixture
def french():
    with translation.override("fr"):
        yield


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.mark.usefixtures("french")
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("1910"), f"1{NBSP}910"),
        (D("365000.00"), f"365{NBSP}000"),
        (D("73.00"), "73"),
        (D("0"), "0"),
        (D("2.5"), "2,5"),
        (D("1234567.891"), f"1{NBSP}234{NBSP}567,89"),
        (None, ""),
    ],
)
def test_format_number_in_french(value, expected):
    assert format_number(value) == expected


@pytest.mark.usefixtures("french")
@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (D("1910"), "entretiens", f"1{NBSP}910{NBSP}entretiens"),
        (D("20"), "%", f"20{NBSP}%"),
        (D("12.5"), "%", f"12,5{NBSP}%"),
        (D("365000"), "€", f"365{NBSP}000{NBSP}€"),
        (D("5"), "", "5"),
    ],
)
def test_format_quantity_in_french(value, unit, expected):
    assert format_quantity(value, unit) == expected


@pytest.mark.usefixtures("french")
@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        (D("0.9733"), f"97{NBSP}%"),
        (D("0.0000"), f"0{NBSP}%"),  # a real 0 % is written, not hidden
        (D("1.2000"), f"120{NBSP}%"),
        (D("0.4706"), f"47{NBSP}%"),
        (D("0.005"), f"1{NBSP}%"),  # half up
        (None, ""),
    ],
)
def test_format_ratio_in_french(ratio, expected):
    assert format_ratio(ratio) == expected


@pytest.mark.usefixtures("english")
def test_english_groups_with_commas_and_prefixes_the_euro():
    assert format_number(D("1910")) == "1,910"
    assert format_percent(D("20")) == "20%"
    assert format_quantity(D("365000"), "€") == "€365,000"
