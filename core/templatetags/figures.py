"""Template filters that write numbers through the one formatting helper."""

from django import template

from core import formatting

register = template.Library()


@register.filter
def number(value):
    """{{ value|number }} → 1 910"""
    return formatting.format_number(value)


@register.filter
def quantity(value, unit=""):
    """{{ value|quantity:"logements" }} → 1 910 logements, 20 %, 365 000 €"""
    return formatting.format_quantity(value, unit)


@register.filter
def ratio(value):
    """{{ progress.ratio|ratio }} → 97 % ('' when it cannot be computed)"""
    return formatting.format_ratio(value)


@register.filter
def percent(value):
    """A percentage given in points (64 → « 64 % »); '' for None."""
    return formatting.format_percent(value)


@register.filter
def long_date(value):
    """{{ day|long_date }} → 1er avril 2024, 31 mars 2024"""
    return formatting.format_long_date(value)
