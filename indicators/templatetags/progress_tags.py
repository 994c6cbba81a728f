from django import template

from indicators.dashboard.tables import status_badge as render_status_badge
from indicators.entry.kinds import ENTRY_KIND_LABELS, ENTRY_KINDS

register = template.Library()


@register.filter
def status_badge(status):
    """{{ row.status|status_badge }}: the status as a symbol and a word, never colour alone."""
    return render_status_badge(status)


@register.filter
def entry_kind(entry):
    """The URL slug of an entry's kind: resultat, objectif, jalon, texte."""
    return next(kind for kind, model in ENTRY_KINDS.items() if isinstance(entry, model))


@register.filter
def entry_kind_label(entry):
    return ENTRY_KIND_LABELS[entry_kind(entry)]
