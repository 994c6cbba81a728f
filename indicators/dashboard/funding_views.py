"""« Financements »: an axis's published funding, by year and by funder; its chart to
embed elsewhere and its amounts as CSV.

Published amounts only, whoever reads (``funding``): the page is the same for a
partner, an agent and a visitor, and it shows every year at once (no ``?annee=``).
"""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.cache import public_page_cache
from core.spreadsheet_safety import inert_cell
from indicators.dashboard import chart_style, funding_chart
from indicators.dashboard.embed_views import framed_from_embed_origins, french_spreadsheet
from indicators.dashboard.french_parts import mark_french_units
from indicators.dashboard.funding import Funding, scope_funding
from indicators.dashboard.views import base_context
from indicators.figures import machine_number
from indicators.plans import clamped_to_plan, current_plan
from measures.plan_space import plan_addresses

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


def axis_funding_of(number: int) -> dict:
    """The plan shown, its axes, axis ``number``, its published funding and their chart."""
    plan = current_plan()
    if plan is None:
        raise Http404(_("Aucun plan n'est chargé."))
    axes = list(plan.axes.all())
    axis = next((a for a in axes if a.number == number), None)
    if axis is None:
        raise Http404(_("Cet axe n'existe pas."))
    funding = scope_funding(source__report_row__ambition__axis=axis)
    return {
        "plan": plan,
        "axes": axes,
        "axis": axis,
        "funding": funding,
        "chart": funding_chart_of(funding, axis, list(plan.years)),
    }


@require_safe
@public_page_cache(reads=NO_QUERY_STRING)
def axis_funding(request, number: int):
    found = axis_funding_of(number)
    plan, axes = found["plan"], found.pop("axes")
    year = clamped_to_plan(plan, plan.latest_published_year)
    context = base_context(request, plan, year, axes) | found
    # Every year is on the page: no year selector; « Axe N » is this page's section.
    context |= {"plan_years": None, "whole_period": True}
    return render(request, "indicators/dashboard/axis_funding.html", context)


@framed_from_embed_origins
@require_safe
@public_page_cache(reads=NO_QUERY_STRING)
def axis_funding_embed(request, number: int):
    """The funding chart, its sentences and tables, with no site chrome."""
    found = axis_funding_of(number)
    # Links in the plan's own space: a page framed elsewhere keeps leading to this plan.
    with plan_addresses(found["plan"].slug):
        back = reverse("indicators:axis_funding", args=[number])
        csv_url = reverse("indicators:axis_funding_csv", args=[number])
    context = found | {
        "chart_config": chart_style.CHART_CONFIG,
        "back_url": request.build_absolute_uri(back),
        "csv_url": csv_url,
    }
    return render(request, "indicators/dashboard/axis_funding_embed.html", context)


def french_amount(amount) -> str:
    """An amount as a French spreadsheet reads a number: « 365000 », « 1250,5 »; nothing
    for an amount not given (unknown, never 0)."""
    return machine_number(amount).replace(".", ",")


@require_safe
def axis_funding_csv(request, number: int):
    """One line per published amount (year, funder, programme, row, planned, spent), as a
    French spreadsheet reads it."""
    found = axis_funding_of(number)
    if found["funding"].is_empty:
        raise Http404(_("Aucun financement publié pour l'axe %(number)s.") % {"number": number})
    axis = found["axis"]
    # Titles, funders and programmes are typed by people: a spreadsheet must not run them.
    lines = [
        [_("Axe"), axis.number, inert_cell(axis.title)],
        [
            _("Année"),
            _("Financeur"),
            _("Programme"),
            _("Ligne du bilan"),
            _("Montant prévu (€)"),
            _("Montant dépensé (€)"),
        ],
    ]
    lines += [
        [
            line.year,
            inert_cell(line.funder),
            inert_cell(line.programme),
            inert_cell(f"{line.row_reference} {line.row_title}".strip()),
            french_amount(line.planned),
            french_amount(line.spent),
        ]
        for year in found["funding"].years
        for line in year.lines
    ]
    return french_spreadsheet(lines, f"financements-axe-{number}.csv")
