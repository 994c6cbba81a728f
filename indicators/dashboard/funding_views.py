"""« Financements »: an axis's published funding, by year and by funder.

Published amounts only, whoever reads (``funding``): the page is the same for a
partner, an agent and a visitor, and it shows every year at once (no ``?annee=``).
"""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.cache import public_page_cache
from indicators.dashboard import funding_chart
from indicators.dashboard.french_parts import mark_french_units
from indicators.dashboard.funding import Funding, scope_funding
from indicators.dashboard.views import base_context
from indicators.plans import clamped_to_plan, current_plan

NO_QUERY_STRING = {}


@dataclass(frozen=True)
class FundingChart:
    """The axis's funding figure, its sentences and the name of its drawing."""

    dom_id: str
    figure: dict
    sentences: list
    label: str


def funding_chart_of(funding: Funding, axis, plan_years: list[int]) -> FundingChart | None:
    """The chart of ``funding``, or None when nothing is published: no empty chart."""
    if funding.is_empty:
        return None
    # The funders' names are the plan's French words, marked so on an English page.
    names = [total.funder for total in funding.funders]
    return FundingChart(
        dom_id=f"financements-axe-{axis.number}",
        figure=funding_chart.funding_figure(funding, plan_years),
        sentences=[
            mark_french_units(text, "", names)
            for year in funding.years
            for text in funding_chart.year_sentences(year, axis.number)
        ],
        label=_("Graphique : financements de l'axe %(number)s par financeur et par année")
        % {"number": axis.number},
    )


@require_safe
@public_page_cache(reads=NO_QUERY_STRING)
def axis_funding(request, number: int):
    plan = current_plan()
    if plan is None:
        raise Http404(_("Aucun plan n'est chargé."))
    axes = list(plan.axes.all())
    axis = next((a for a in axes if a.number == number), None)
    if axis is None:
        raise Http404(_("Cet axe n'existe pas."))
    funding = scope_funding(source__report_row__ambition__axis=axis)
    year = clamped_to_plan(plan, plan.latest_published_year)
    context = base_context(request, plan, year, axes) | {
        "axis": axis,
        "funding": funding,
        "chart": funding_chart_of(funding, axis, list(plan.years)),
        # Every year is on the page: no year selector; « Axe N » is this page's section.
        "plan_years": None,
        "whole_period": True,
    }
    return render(request, "indicators/dashboard/axis_funding.html", context)
