"""« Sur toute la durée du plan »: an axis's or a measure's indicators over every plan year.

Published values only, whoever reads: the page tells the plan's public story, the
same for a partner, an agent and a visitor (staff see drafts on the yearly pages).
"""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.cache import public_page_cache
from indicators.access import PUBLIC_STATUSES
from indicators.dashboard import rows as dashboard
from indicators.dashboard.period import period_indicator
from indicators.dashboard.views import base_context, year_phase
from indicators.models import Indicator
from indicators.plans import clamped_to_plan, current_plan

NO_QUERY_STRING = {}


def _plan():
    plan = current_plan()
    if plan is None:
        raise Http404(_("Aucun plan n'est chargé."))
    return plan


def _period_page(request, plan, axes, indicators, context: dict):
    year = clamped_to_plan(plan, plan.latest_published_year)
    phases = {y: year_phase(plan, y) for y in plan.years}
    rows = dashboard.indicator_rows(indicators.for_dashboard(PUBLIC_STATUSES), year)
    # The main navigation's « Axe N » is this page's section, not the page (aria-current).
    # No year selector either: every year is on the page.
    context = base_context(request, plan, year, axes) | context
    context |= {"whole_period": True, "plan_years": None}
    context["indicators"] = [period_indicator(row, phases) for row in rows]
    return render(request, "indicators/dashboard/period.html", context)


@require_safe
@public_page_cache(reads=NO_QUERY_STRING)
def axis_period(request, number: int):
    plan = _plan()
    axes = list(plan.axes.prefetch_related("measures"))
    axis = next((a for a in axes if a.number == number), None)
    if axis is None:
        raise Http404(_("Cet axe n'existe pas."))
    indicators = Indicator.objects.filter(report_row__ambition__axis=axis)
    return _period_page(request, plan, axes, indicators, {"axis": axis, "measure": None})


@require_safe
@public_page_cache(reads=NO_QUERY_STRING)
def measure_period(request, number: int):
    plan = _plan()
    axes = list(plan.axes.prefetch_related("measures"))
    measure = next((m for a in axes for m in a.measures.all() if m.number == number), None)
    if measure is None:
        raise Http404(_("Cette mesure n'existe pas."))
    indicators = Indicator.objects.filter(report_row__measure=measure)
    context = {"axis": next(a for a in axes if a.pk == measure.axis_id), "measure": measure}
    return _period_page(request, plan, axes, indicators, context)
