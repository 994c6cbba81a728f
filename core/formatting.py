"""The one helper that writes a number for a reader, the way the active language does.

In French: 1 910, 97 %, 365 000 € (the spaces are non-breaking, so a figure
never splits across two lines). In English: 1,910, 97%, €365,000. A unit
that knows its singular (:class:`Unit`) takes the form the number asks for:
« 1 séminaire », « 2 séminaires ».
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import get_language

NBSP = "\u00a0"
EURO_UNITS = {"€", "euros", "euro"}


def _is_french() -> bool:
    return (get_language() or "fr").startswith("fr")


class Unit(str):
    """A unit as stored, in the plural, that also knows its singular.

    It is a ``str`` (the plural) so that every place that shows a unit alone
    keeps working; :func:`format_quantity` picks the form a value needs.
    """

    singular: str

    def __new__(cls, plural: str, singular: str = ""):
        unit = super().__new__(cls, plural)
        unit.singular = singular or plural
        return unit

    def for_value(self, value: Decimal | int) -> str:
        return self.singular if takes_singular(value) else str(self)


def takes_singular(value: Decimal | int) -> bool:
    """Whether a noun after ``value`` is singular in the active language.

    French reads 0 and everything below 2 as singular (« 0 logement »,
    « 1,5 jour »); English only exactly one (« 1 seminar », « 0 seminars »).

    >>> from django.utils import translation
    >>> with translation.override("fr"):
    ...     [takes_singular(Decimal(v)) for v in ("0", "1", "1.5", "2")]
    [True, True, True, False]
    >>> with translation.override("en"):
    ...     [takes_singular(Decimal(v)) for v in ("0", "1", "1.5", "2")]
    [False, True, False, False]
    """
    value = abs(Decimal(value))
    return value < 2 if _is_french() else value == 1


# The space before the punctuation French sets off with a no-break space (and
# before « %% », a percent sign in a format string). Only an existing space is
# replaced: « (%) » or « 10:30 » are left as they are.
_BEFORE_FRENCH_PUNCTUATION = re.compile(r"(?<=\S)[ \u202f](?=%%|[:;%!?](?:\s|$|[)».,]))")


def nbsp_before_punctuation(text: str) -> str:
    r"""``text`` with a no-break space, not a breakable one, before : ; % ! ?.

    >>> nbsp_before_punctuation("Objectif : 20 % ; atteint ? Part (%) à 10:30, 100 %%.")
    'Objectif\xa0: 20\xa0%\xa0; atteint\xa0? Part (%) à 10:30, 100\xa0%%.'
    """
    return _BEFORE_FRENCH_PUNCTUATION.sub(NBSP, text)


def french_spacing(text: str) -> str:
    """Generated French text with a no-break space before « : », « ; », « % », « ! », « ? ».

    Only for text the product writes (sentences, labels): the report's own
    texts are shown as published. English text is returned unchanged.

    >>> from django.utils import translation
    >>> with translation.override("fr"):
    ...     french_spacing("Objectif : 20 % ; atteint ?") == (
    ...         "Objectif\u00a0: 20\u00a0%\u00a0; atteint\u00a0?")
    True
    >>> with translation.override("fr"):
    ...     french_spacing("https://exemple.fr/a?b=1 et 10:30")
    'https://exemple.fr/a?b=1 et 10:30'
    """
    if not _is_french():
        return text
    return nbsp_before_punctuation(text)


def percent_suffix() -> str:
    """What follows a number of percent: a non-breaking space and % in French, % in English."""
    return f"{NBSP}%" if _is_french() else "%"


def chart_separators() -> str:
    """Plotly's ``separators`` for the language: the decimal mark, then the thousands one."""
    return f",{NBSP}" if _is_french() else ".,"


def format_number(value: Decimal | int | None, decimal_places: int | None = None) -> str:
    """A number with the language's grouping and decimal mark; '' for None.

    Whole values lose their trailing zeros (73.00 → 73); others keep up to two
    decimals unless ``decimal_places`` says otherwise.
    """
    if value is None:
        return ""
    value = Decimal(value)
    if decimal_places is None:
        decimal_places = 0 if value == value.to_integral_value() else 2
        if decimal_places:
            value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
            decimal_places = max(-value.as_tuple().exponent, 0)
    text = formats.number_format(
        value, decimal_pos=decimal_places, use_l10n=True, force_grouping=True
    )
    # Some locales group with a plain or narrow space; a figure must not break.
    return text.replace(" ", NBSP).replace("\u202f", NBSP)


def format_percent(value: Decimal | None, decimal_places: int = 0) -> str:
    """A percentage given in percent points (20 → '20 %'); '' for None."""
    if value is None:
        return ""
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP)
    number = format_number(rounded, decimal_places)
    return f"{number}{percent_suffix()}"


def format_ratio(ratio: Decimal | None, decimal_places: int = 0) -> str:
    """A progress ratio (0.9733) as a percentage ('97 %'); '' for None, never '0 %'."""
    if ratio is None:
        return ""
    return format_percent(ratio * 100, decimal_places)


def format_quantity(value: Decimal | None, unit: str = "") -> str:
    """A value with its unit: '1 910 entretiens', '1 séminaire', '20 %', '365 000 €'.

    ``unit`` may be a plain string (always the plural) or a :class:`Unit`,
    which gives the singular where the value asks for it.
    """
    if value is None:
        return ""
    if isinstance(unit, Unit):
        unit = unit.for_value(value)
    unit = (unit or "").strip()
    if unit == "%":
        return format_percent(value, decimal_places=0 if value == int(value) else 1)
    number = format_number(value)
    if unit.lower() in EURO_UNITS:
        return f"{number}{NBSP}€" if _is_french() else f"€{number}"
    return f"{number}{NBSP}{unit}" if unit else number


def format_long_date(day) -> str:
    """A date spelt out for a sentence: « 1er avril 2024 », « 31 mars 2024 »; « 1 April 2024 »
    in English. French writes the first of the month as an ordinal, which Django's format
    does not."""
    if day is None:
        return ""
    text = formats.date_format(day, "j F Y")
    if _is_french() and day.day == 1:
        text = "1er" + text[1:]
    return text.replace(" ", NBSP, 1)
