"""Form fields for what people type: every form of the site takes its inputs through them.

* ``PlainTextField``: a text without invisible characters (``core.text_safety``);
* ``NumberField`` and ``WholeNumberField``: a number read by ``core.numbers``,
  the way of the page's language, nothing exotic;
* ``BoundedDateField``: a date in a range of years (not in year 1 or 9999).

The administration's forms get the same fields from ``measures.inputs``.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.numbers import INVALID, NumberError, format_typed_number, parse_number
from core.text_safety import refuse_invisible_characters

# A whole number of more digits would not fit the database's 64-bit integers.
MAX_INTEGER_DIGITS = 18


class PlainTextField(forms.CharField):
    """A text that refuses control characters and bidirectional overrides, in French."""

    default_validators = [refuse_invisible_characters]


def _refusal(field, error: NumberError) -> ValidationError:
    """The parser's refusal, in the field's own words when it has some for that reason."""
    return ValidationError(field.error_messages.get(error.code, error.message), code=error.code)


class NumberField(forms.DecimalField):
    """A decimal number typed the way of the page's language: « 1 910,5 » in French.

    A stored number is shown the same way (« 365 000 », not « 3.65E+5 »); text
    the user typed is shown back as typed.
    """

    default_error_messages = {"invalid": INVALID}

    def prepare_value(self, value):
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return format_typed_number(value)
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        whole_digits = None
        if self.max_digits is not None and self.decimal_places is not None:
            whole_digits = self.max_digits - self.decimal_places
        try:
            return parse_number(str(value), max_whole_digits=whole_digits)
        except NumberError as error:
            raise _refusal(self, error) from None


class WholeNumberField(forms.IntegerField):
    """A whole number typed the way of the page's language: « 12 500 », never « １２ ５００ »."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        try:
            number = parse_number(str(value), max_whole_digits=MAX_INTEGER_DIGITS)
        except NumberError as error:
            raise _refusal(self, error) from None
        if number != number.to_integral_value():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(number)


class BoundedDateField(forms.DateField):
    """A date from ``first_year`` to ``last_year``, else a French message saying so."""

    first_year: int | None = None
    last_year: int | None = None
    default_error_messages = {
        "out_of_range": _(
            "Saisissez une date entre le 1er janvier %(first)s et le 31 décembre %(last)s."
        ),
    }

    def __init__(self, *, first_year: int | None = None, last_year: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.first_year = first_year or self.first_year
        self.last_year = last_year or self.last_year

    def validate(self, value):
        super().validate(value)
        if value is None or self.first_year is None or self.last_year is None:
            return
        if not self.first_year <= value.year <= self.last_year:
            raise ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"first": self.first_year, "last": self.last_year},
            )
