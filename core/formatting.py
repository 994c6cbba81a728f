"""The one helper that writes a number for a reader, the way the active language does.

In French: 1 910, 97 %, 365 000 € (the spaces are non-breaking, so a figure
never splits across two lines). In English: 1,910, 97%, €365,000.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import get_language

NBSP = "\u00a0"
EURO_UNITS = {"€", "euros", "euro"}


def _is_french() -> bool:
    return (get_language() or "fr").startswith("fr")


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
    """A value with its unit: '1 910 entretiens', '20 %', '365 000 €'."""
    if value is None:
        return ""
    unit = (unit or "").strip()
    if unit == "%":
        return format_percent(value, decimal_places=0 if value == int(value) else 1)
    number = format_number(value)
    if unit.lower() in EURO_UNITS:
        return f"{number}{NBSP}€" if _is_french() else f"€{number}"
    return f"{number}{NBSP}{unit}" if unit else number
