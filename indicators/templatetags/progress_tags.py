from django import template

from indicators.dashboard.tables import status_badge as render_status_badge

register = template.Library()


@register.filter
def status_badge(status):
    """{{ row.status|status_badge }}: the status as a symbol and a word, never colour alone."""
    return render_status_badge(status)


@register.filter
def entry_kind(entry):
    """The URL slug of an entry's kind: resultat, objectif, jalon, texte."""
    from indicators.entry.views import ENTRY_KINDS

    return next(kind for kind, model in ENTRY_KINDS.items() if isinstance(entry, model))


@register.filter
def entry_kind_label(entry):
    from indicators.entry.views import ENTRY_KIND_LABELS

    return ENTRY_KIND_LABELS[entry_kind(entry)]
