from django import template

from indicators.tables import status_badge as render_status_badge

register = template.Library()


@register.filter
def status_badge(status):
    """{{ row.status|status_badge }}: the status as a symbol and a word, never colour alone."""
    return render_status_badge(status)
