"""What every page's template needs beyond its view: the plan's axes for the navigation.

The dashboard pages already hold the axes (``nav_axes``); every other page
(bilan, login, entry, review, open data, errors) gets them here, lazily, so a
page that does not draw the navigation, or draws it from ``nav_axes``, runs no
query for it, and one that does runs one.
"""

from django.utils.functional import SimpleLazyObject

from measures import plan_space
from measures.models import Axis, Plan


def _plan_axes() -> list:
    # The plan shown as a subquery: one query for the axes, not two.
    # With their plan (a join, not a query): the header names its years.
    return list(
        Axis.objects.filter(plan__in=Plan.objects.shown().values("pk")[:1]).select_related("plan")
    )


def site_navigation(request) -> dict:
    # ``plan_space``: the plan an address /plans/<slug>/… names (set by the middleware),
    # for the banner that says which plan a page is of when it is not the current one.
    return {
        "site_axes": SimpleLazyObject(_plan_axes),
        "plan_space": getattr(request, "plan_space", None),
        "plan_list_url": SimpleLazyObject(plan_space.plan_list_address),
    }
