from django import template

from core.rgaa import current_conformity

register = template.Library()


@register.simple_tag
def rgaa_state_label():
    """The statement's conformity state, as the grid computes it (for the footer link)."""
    return current_conformity().state_label
