"""The one reader of the numbers people type, the French way or the English way, and
the one writer of the numbers put back in their input boxes.

French (the default): digits 0 to 9, thousands grouped by a space, a no-break
space (U+00A0) or a narrow no-break space (U+202F), a comma for the decimal
mark — « 1 910 », « 1 910,5 » — and, as people also type it, a point: « 73.5 ».
English: thousands grouped by a comma (or a space), a point for the decimal
mark — « 1,910 », « 1,910.5 ».

A leading minus sign is read, so that a form can answer that a value cannot
be negative; « -0 » is not a number anyone means. Everything else is refused
with a French message: other digits (Arabic-Indic, full-width…), « 1_000 »,
« 1e2 », « +5 », « 0x10 », NaN, Infinity, groups that are not of three digits
(« 1 91 »), a comma in the middle of an English number (« 73,5 »).

``format_typed_number`` writes a stored number the way ``parse_number`` reads it
back: « 365 000 », « 1 910,5 » in French, « 365,000 » in English; never
« 3.65E+5 », the way a ``Decimal`` from the database may print itself.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

ASCII_DIGITS = "0123456789"
SPACES = " \u00a0\u202f"
_FRACTION = r"(?:{mark}(?P<fraction>[0-9]+))?"
FRENCH_NUMBER = re.compile(
    rf"(?P<sign>-?)(?P<whole>[0-9]{{1,3}}(?:[{SPACES}][0-9]{{3}})+|[0-9]+)"
    + _FRACTION.format(mark="[,.]")
)
ENGLISH_NUMBER = re.compile(
    rf"(?P<sign>-?)(?P<whole>[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]{{1,3}}(?:[{SPACES}][0-9]{{3}})+|[0-9]+)"
    + _FRACTION.format(mark=r"\.")
)
# « 1e2 », « 2,5E-3 »: a power of ten, which nobody types for a count of households.
EXPONENT = re.compile(r"-?(?P<whole>[0-9]+)(?:[.,][0-9]+)?[eE](?P<exponent>[+-]?[0-9]+)")

INVALID = _("Saisissez un nombre, par exemple 1 910 ou 12,5.")
OTHER_DIGITS = _("Écrivez le nombre avec les chiffres de 0 à 9.")
WITH_EXPONENT = _("Écrivez le nombre chiffre par chiffre, sans exposant : 100 et non 1e2.")
TOO_LARGE = _("Ce nombre est trop grand.")


class NumberError(ValidationError, ValueError):
    """A typed text that is not a number: a ``ValidationError`` for forms, a ``ValueError``
    for the rest. ``code`` says why: invalid, digits, exponent or too_large."""


def is_english(language: str | None) -> bool:
    return (language or "fr").lower().startswith("en")


def parse_number(
    text: str, language: str | None = None, *, max_whole_digits: int | None = None
) -> Decimal:
    """The number ``text`` says, read the way of ``language`` (the active one by default).

    More whole digits than ``max_whole_digits`` is « too large », however the
    number is written (1e400 included).

    >>> parse_number("1 910,5", "fr"), parse_number("1\\u202f910", "fr"), parse_number("73.5", "fr")
    (Decimal('1910.5'), Decimal('1910'), Decimal('73.5'))
    >>> parse_number("1,910.5", "en"), parse_number("-3", "fr")
    (Decimal('1910.5'), Decimal('-3'))
    >>> parse_number("1,910", "fr"), parse_number("73,5", "fr")
    (Decimal('1.910'), Decimal('73.5'))
    >>> for text in ("١٢٣", "1_000", "1e2", "+5", "-0", "NaN", "1 91", "1.000,5"):
    ...     try:
    ...         parse_number(text, "fr")
    ...     except NumberError as error:
    ...         print(text, error.code)
    ١٢٣ digits
    1_000 invalid
    1e2 exponent
    +5 invalid
    -0 invalid
    NaN invalid
    1 91 invalid
    1.000,5 invalid
    """
    if language is None:
        language = get_language()
    text = str(text).strip()
    if any(character.isdigit() and character not in ASCII_DIGITS for character in text):
        raise NumberError(OTHER_DIGITS, code="digits")
    pattern = ENGLISH_NUMBER if is_english(language) else FRENCH_NUMBER
    match = pattern.fullmatch(text)
    if match is None:
        _refuse_exponent(text, max_whole_digits)
        raise NumberError(INVALID, code="invalid")
    whole = re.sub("[^0-9]", "", match["whole"])
    if max_whole_digits is not None and len(whole.lstrip("0")) > max_whole_digits:
        raise NumberError(TOO_LARGE, code="too_large")
    fraction = f".{match['fraction']}" if match["fraction"] else ""
    number = Decimal(match["sign"] + whole + fraction)
    if match["sign"] and not number:
        raise NumberError(INVALID, code="invalid")
    return number


def _refuse_exponent(text: str, max_whole_digits: int | None) -> None:
    """A number with a power of ten is refused: as too large when it is, else for its exponent."""
    match = EXPONENT.fullmatch(text)
    if match is None:
        return
    significant = match["whole"].lstrip("0")
    # A long exponent is not worth converting: its sign says everything.
    exponent = match["exponent"]
    shift = int(exponent) if len(exponent) < 8 else (-1 if exponent.startswith("-") else 10**8)
    if max_whole_digits is not None and significant and len(significant) + shift > max_whole_digits:
        raise NumberError(TOO_LARGE, code="too_large")
    raise NumberError(WITH_EXPONENT, code="exponent")


def format_typed_number(value: Decimal | int, language: str | None = None) -> str:
    """``value`` as someone would type it in ``language`` (the active one by default).

    Every digit is written (no exponent, no rounding), trailing zeros of the
    fraction dropped, thousands grouped by a plain space in French (easy to edit
    again) and by a comma in English; ``parse_number`` reads the text back to ``value``.

    >>> format_typed_number(Decimal("3.65E+5"), "fr"), format_typed_number(Decimal("1E+1"), "fr")
    ('365 000', '10')
    >>> format_typed_number(Decimal("1910.50"), "fr"), format_typed_number(Decimal("1910.5"), "en")
    ('1 910,5', '1,910.5')
    >>> format_typed_number(Decimal("0.00"), "fr"), format_typed_number(1234567, "en")
    ('0', '1,234,567')
    """
    if language is None:
        language = get_language()
    # ``normalize`` drops the fraction's trailing zeros; ``f`` writes out any exponent.
    text = format(Decimal(value).normalize(), "f")
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _point, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        whole, group = whole[:-3], whole[-3:]
        groups.insert(0, group)
    english = is_english(language)
    grouped = ("," if english else " ").join([whole, *groups])
    if fraction:
        grouped += ("." if english else ",") + fraction
    return sign + grouped
