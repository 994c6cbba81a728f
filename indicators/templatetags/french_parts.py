from django import template

from indicators.dashboard.french_parts import french as french_text
from indicators.dashboard.french_parts import french_parts_of, french_quoted, mark_french_units

register = template.Library()


@register.filter
def french_units(text, unit):
    """``text`` with its unit words marked French on a page in another language."""
    return mark_french_units(text, unit)


@register.filter
def french_of_row(text, row):
    """A sentence about an indicator (``IndicatorRow``), with its unit, its other
    targets' periods and its targets' derivations marked French on an English page."""
    return mark_french_units(text, row.unit, french_parts_of(row))


@register.filter
def french(text):
    """The plan's own words, in ``<span lang="fr">`` on a page in another language."""
    return french_text(text)


@register.filter
def quoted_french(text):
    """An English phrase's quoted names (“…”), the plan's, marked French."""
    return french_quoted(text)
