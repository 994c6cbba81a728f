"""Numbers and dates as people write them, the French way or the English way; nothing exotic.

French: digits 0 to 9, thousands grouped by a space, a no-break or a narrow
no-break space, a comma (or a point) for the decimal mark. English: a comma
groups thousands, a point marks the decimals. Other digits, « 1_000 », « 1e2 »,
« +5 », « -0 », and dates out of the plan's reach get a French message next
to the field, and nothing is saved.
"""

from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.numbers import NumberError, parse_number
from indicators.entry.forms import FrenchDecimalField
from indicators.entry.text_forms import CommitmentForm
from indicators.models import YearResult
from tests.accounts import indicator_post, indicator_url, login

pytestmark = pytest.mark.django_db

DIGITS = "Écrivez le nombre avec les chiffres de 0 à 9."
NUMBER = "Saisissez un nombre, par exemple 1 910 ou 12,5."
EXPONENT = "Écrivez le nombre chiffre par chiffre, sans exposant\xa0: 100 et non 1e2."
OUT_OF_REACH = "Saisissez une date entre le 1er janvier 2000 et le 31 décembre 2100."


def post_result(client, editor, indicator, **fields):
    login(client, editor)
    return client.post(indicator_url(indicator, 2023), indicator_post(indicator, 2023, **fields))


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("١٢٣", DIGITS),  # Arabic-Indic digits
        ("۱۲۳", DIGITS),  # Eastern Arabic-Indic (Persian) digits
        ("１２３", DIGITS),  # full-width digits
        ("𝟙𝟚𝟛", DIGITS),
        ("1_000", NUMBER),
        ("1e2", EXPONENT),
        ("2,5E3", EXPONENT),
        ("+5", NUMBER),
        ("-0", NUMBER),
        ("-0,00", NUMBER),
        ("1'000", NUMBER),
        ("1 91", NUMBER),
        ("1.000,5", NUMBER),
    ],
)
def test_exotic_numbers_get_a_french_message_and_save_nothing(
    client, editor, louez_solidaire, typed, message
):
    response = post_result(client, editor, louez_solidaire, result_value=typed)
    assert response.status_code == 400
    form = response.context["indicator_blocks"][0][1][0].form
    assert form.errors["result_value"] == [message]
    assert not YearResult.objects.filter(year=2023).exists()


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1910", D(1910)),
        ("1 910", D(1910)),
        ("1\u00a0910,5", D("1910.5")),
        ("1\u202f910", D(1910)),
        ("1 234 567,25", D("1234567.25")),
        ("73,5", D("73.5")),
        ("73.5", D("73.5")),
        (" 0 ", D(0)),
    ],
)
def test_french_ways_of_writing_a_number_are_kept(client, editor, state_funding, typed, value):
    # An amount in euros: decimals are welcome (a count of logements takes whole numbers).
    response = post_result(client, editor, state_funding, result_value=typed)
    assert response.status_code == 302
    assert YearResult.objects.get(year=2023, indicator=state_funding).value == value


def test_english_pages_read_numbers_the_english_way():
    field = FrenchDecimalField()
    with translation.override("en"):
        assert field.to_python("1,910.5") == D("1910.5")
        assert field.to_python("1,234,567") == D(1234567)
        # A French decimal comma is not taken for a thousands separator (it made 735).
        for typed in ("73,5", "1.910,5", "١٢٣", "1e2"):
            with pytest.raises(ValidationError):
                field.to_python(typed)


def test_a_number_too_large_is_said_so_however_written():
    for typed in ("1e400", "9" * 30, "1e99999999999"):
        with pytest.raises(NumberError) as error:
            parse_number(typed, "fr", max_whole_digits=12)
        assert error.value.code == "too_large"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0001-01-01", OUT_OF_REACH),
        ("9999-12-31", OUT_OF_REACH),
        ("1999-12-31", OUT_OF_REACH),
        ("2101-01-01", OUT_OF_REACH),
        ("٢٠٢٣-١٢-٣١", "Saisissez une date, par exemple 31/12/2023."),
    ],
)
def test_dates_out_of_the_plans_reach_are_refused(client, editor, louez_solidaire, typed, message):
    response = post_result(client, editor, louez_solidaire, result_value="7", result_as_of=typed)
    assert response.status_code == 400
    form = response.context["indicator_blocks"][0][1][0].form
    assert form.errors["result_as_of"] == [message]
    assert not YearResult.objects.filter(year=2023).exists()


@pytest.mark.parametrize("typed", ["2000-01-01", "2100-12-31", "31/12/2023"])
def test_dates_within_the_plans_reach_are_kept(client, editor, louez_solidaire, typed):
    response = post_result(client, editor, louez_solidaire, result_value="7", result_as_of=typed)
    assert response.status_code == 302
    assert YearResult.objects.get(year=2023, indicator=louez_solidaire).as_of is not None


@pytest.mark.parametrize("typed", ["١", "１", "1e0", "+1", "1_0"])
def test_hidden_revision_numbers_are_read_strictly_too(typed):
    data = {"engagement-1-outcome": "done", "engagement-1-revision": typed}
    form = CommitmentForm(data, commitment=SimpleNamespace(pk=1))
    assert not form.is_valid()
    assert "revision" in form.errors
