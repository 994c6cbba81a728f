"""``{% axis_links axes nav_year %}``: the main navigation's link to each axis.

Built here rather than in ``base.html``'s template language because it is drawn on
every page once per axis: a plan of hundreds of axes (the bench's plan made 100 times
larger) cost about 65 µs per link through the template language, some 30 ms on every
page, against a few µs here. The markup is the one the template wrote.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from core.text_safety import printable

register = template.Library()

# An axis number no plan has: the axis address is reversed once with it, then each
# axis's number takes its place (reverse per axis is most of the cost this tag saves).
_NUMBER_MARK = 987654321


@register.simple_tag(takes_context=True)
def axis_links(context, axes, nav_year) -> str:
    """One ``<li>`` per axis: its page (in the year shown), its title as the link's
    title; the current axis is the current page, or the current section (``true``) on
    one of its measures' pages and on its whole-period page."""
    before, after = reverse("indicators:axis", args=[_NUMBER_MARK]).rsplit(str(_NUMBER_MARK), 1)
    year_query = f"?{context.get('year_parameter', '')}={nav_year}" if nav_year else ""
    current_axis = context.get("axis")
    current_pk = getattr(current_axis, "pk", None)
    current = format_html(
        ' aria-current="{}"',
        "true" if context.get("measure") or context.get("whole_period") else "page",
    )
    label = gettext("Axe %(number)s")
    return format_html_join(
        "\n",
        '<li><a href="{}{}"{} title="{}">{}</a></li>',
        (
            (
                f"{before}{axis.number}{after}",
                year_query,
                current if current_pk is not None and axis.pk == current_pk else "",
                printable(str(axis.title)),
                label % {"number": axis.number},
            )
            for axis in axes
        ),
    )
