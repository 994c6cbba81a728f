"""Links that keep naming the same plan: ``{% plan_url plan "indicators:indicator_embed" pk %}``."""

from django import template
from django.urls import reverse

from measures.plan_space import plan_addresses

register = template.Library()


@register.simple_tag
def plan_url(plan, view_name: str, *args) -> str:
    """The address of ``view_name`` in ``plan``'s own space (``/plans/<slug>/…``), whichever
    plan is current: for what is shared outside the site (a chart to embed, its data), so
    that it still shows the same plan once another one is current."""
    with plan_addresses(plan.slug):
        return reverse(view_name, args=args)
