"""``{{ text|printable }}``: a stored text without invisible characters, for pages.

Forms refuse those characters, but texts stored before that rule (or loaded
from a backup) may still hold them; what every page shows (the navigation)
goes through this filter.
"""

from django import template

from core.text_safety import printable as without_invisible_characters

register = template.Library()


@register.filter
def printable(value):
    return without_invisible_characters(str(value))
