"""What every page's template needs beyond its view: the plan's axes for the navigation.

The dashboard pages already hold the axes (``nav_axes``); every other page
(bilan, login, entry, review, open data, errors) gets them here, lazily, so a
page that does not draw the navigation, or draws it from ``nav_axes``, runs no
query for it, and one that does runs one.
"""

from django.utils.functional import SimpleLazyObject

from measures.models import Axis, Plan


def _plan_axes() -> list:
    # The newest plan as a subquery: one query for the axes, not two.
    return list(Axis.objects.filter(plan__in=Plan.objects.newest_first().values("pk")[:1]))


def site_navigation(request) -> dict:
    return {"site_axes": SimpleLazyObject(_plan_axes)}
