"""« Axe 1 — Mobiliser l'offre… », with the plan's own words marked French.

The plan's titles exist in French only: on an English page, « Axis 1 — » is
English and the title after it French, so the title goes in ``<span lang="fr">``
(RGAA 8.7) and a screen reader reads each part in its language. The phrases are
the ones the templates translated before (same msgids, same catalogue entries).
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

register = template.Library()

PHRASES = {
    "axis": _("Axe %(number)s — %(title)s"),
    "axis_lead": _("Axe %(number)s : %(title)s"),
    "measure": _("Mesure %(number)s — %(title)s"),
    "measure_link": _("Mesure %(number)s : %(title)s"),
}


@register.simple_tag
def titled(phrase: str, number, title) -> str:
    """The phrase named ``phrase`` with ``number`` and ``title``, the title marked French.

    >>> str(titled("axis", 1, "L'offre"))
    'Axe 1 — <span lang="fr">L&#x27;offre</span>'
    """
    words = conditional_escape(str(PHRASES[phrase]))
    return mark_safe(words % {"number": conditional_escape(number), "title": french(title)})


def french(text) -> str:
    return format_html('<span lang="fr">{}</span>', text)
