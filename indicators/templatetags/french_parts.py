from django import template

from indicators.dashboard.french_parts import mark_french_units

register = template.Library()


@register.filter
def french_units(text, unit):
    """``text`` with its unit words marked French on a page in another language."""
    return mark_french_units(text, unit)
