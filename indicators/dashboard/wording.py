"""How one figure is written on the dashboard: a target, a result, a baseline, a change.

Every figure goes through ``core.formatting`` (a :class:`core.formatting.Unit`
gives « 1 séminaire », « 2 séminaires »), and says what the report says: a
result the report gives as a bound reads « plus de 20 », a target the report
does not state but that is derived from it reads « 11 (déduit : …) ».
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from core.formatting import EURO_UNITS, format_number, format_percent, format_quantity
from indicators import progress
from indicators.models import ResultBound


def bare_figure(value: Decimal, unit: str = "") -> str:
    """A figure without its counted noun, but with a symbol unit (%, €) that belongs to it.

    « pour un objectif de 300 » but « pour un objectif de 20 % ».
    """
    symbol = (unit or "").strip()
    if symbol == "%" or symbol.lower() in EURO_UNITS:
        return format_quantity(value, unit)
    return format_number(value)


def target_text(
    value: Decimal, comparator: str = progress.EXACTLY, unit: str = "", *, with_noun: bool = True
) -> str:
    """A target as read aloud: « au moins 2 000 désignations », « 75 », « au moins 3 ».

    ``with_noun=False`` leaves the counted noun out (« pour un objectif de 300 ») but
    keeps a symbol unit, which belongs to the figure (« 20 % »).
    """
    figure = format_quantity(value, unit) if with_noun else bare_figure(value, unit)
    if comparator == progress.AT_LEAST:
        return _("au moins %(value)s") % {"value": figure}
    if comparator == progress.AT_MOST:
        return _("au plus %(value)s") % {"value": figure}
    return figure


def result_text(
    value: Decimal, bound: str = ResultBound.EXACT, unit: str = "", *, with_noun: bool = True
) -> str:
    """A result as the source gives it: « 295 professionnels », « plus de 20 professionnels »."""
    figure = format_quantity(value, unit) if with_noun else bare_figure(value, unit)
    if bound == ResultBound.MORE_THAN:
        return _("plus de %(value)s") % {"value": figure}
    if bound == ResultBound.AT_LEAST:
        return _("au moins %(value)s") % {"value": figure}
    return figure


def withheld_text(threshold: int, unit: str = "", *, with_noun: bool = True) -> str:
    """A small count kept from readers: « moins de 5 ménages » (``small_counts``)."""
    value = Decimal(threshold)
    figure = format_quantity(value, unit) if with_noun else bare_figure(value, unit)
    return _("moins de %(value)s") % {"value": figure}


def derived_note(derivation: str) -> str:
    """« (déduit : 8 … + « au moins 3 … ») », or '' for a target the source states."""
    if not derivation:
        return ""
    return _("(déduit : %(derivation)s)") % {"derivation": derivation}


def with_derivation(text: str, derivation: str) -> str:
    """A target's words, followed by how it is derived when the source does not state it."""
    note = derived_note(derivation)
    return f"{text} {note}" if note else text


def signed_percent(value: Decimal) -> str:
    """A change in %, its sign always written, with a true minus: « −30 % », « +12 % »."""
    text = format_percent(abs(value), decimal_places=0 if value == int(value) else 1)
    if value < 0:
        return f"\u2212{text}"
    return f"+{text}" if value > 0 else text


def baseline_label(baseline_year: int | None) -> str:
    """« Valeur de référence 2019 », or « … (année non précisée) » when the source gives none."""
    if baseline_year is None:
        return _("Valeur de référence (année non précisée)")
    return _("Valeur de référence %(year)s") % {"year": baseline_year}


def change_label(baseline_year: int) -> str:
    return _("Évolution depuis %(year)s") % {"year": baseline_year}
