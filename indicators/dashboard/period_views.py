"""« Sur toute la durée du plan »: an axis's or a measure's indicators over every plan year,
each indicator's chart to embed elsewhere and its data as CSV, and two years compared.

Published values only, whoever reads: the page tells the plan's public story, the
same for a partner, an agent and a visitor (staff see drafts on the yearly pages).
"""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.cache import is_year_text, public_page_cache
from core.spreadsheet_safety import inert_cell
from indicators.access import PUBLIC_STATUSES
from indicators.dashboard import chart_style
from indicators.dashboard import rows as dashboard
from indicators.dashboard.comparison import ComparisonTable, compared_indicators, move_counts
from indicators.dashboard.embed_views import (
    cell_text,
    framed_from_embed_origins,
    french_spreadsheet,
)
from indicators.dashboard.period import PeriodIndicator, period_indicator
from indicators.dashboard.views import YEAR_PARAMETER, base_context, year_phase
from indicators.models import Indicator
from indicators.plans import clamped_to_plan, current_plan
from measures.plan_space import plan_addresses

NO_QUERY_STRING = {}
# The year the comparison is made with (``?annee=`` is the other one).
COMPARED_PARAMETER = "avec"


def _plan():
    plan = current_plan()
    if plan is None:
        raise Http404(_("Aucun plan n'est chargé."))
    return plan


def _period_indicators(plan, indicators) -> list[PeriodIndicator]:
    """``indicators`` over every plan year, from their published values only."""
    year = clamped_to_plan(plan, plan.latest_published_year)
    phases = {y: year_phase(plan, y) for y in plan.years}
    rows = dashboard.indicator_rows(indicators.for_dashboard(PUBLIC_STATUSES), year)
    return [period_indicator(row, phases) for row in rows]


def _period_page(request, plan, axes, indicators, context: dict):
    year = clamped_to_plan(plan, plan.latest_published_year)
    # The main navigation's « Axe N » is this page's section, not the page (aria-current).
    # No year selector either: every year is on the page.
    context = base_context(request, plan, year, axes) | context
    context |= {"whole_period": True, "plan_years": None}
    context["indicators"] = _period_indicators(plan, indicators)
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


def period_chart(pk: int):
    """The plan shown and indicator ``pk``'s chart over every plan year (published values)."""
    plan = _plan()
    found = _period_indicators(
        plan, Indicator.objects.filter(pk=pk, report_row__ambition__axis__plan=plan)
    )
    if not found:
        raise Http404(_("Aucun indicateur du plan n'a cet identifiant."))
    return plan, found[0]


@framed_from_embed_origins
@require_safe
@public_page_cache(reads=NO_QUERY_STRING)
def indicator_period_embed(request, pk: int):
    """The chart over every plan year, its sentence and table, with no site chrome."""
    plan, item = period_chart(pk)
    row = item.row
    # Links in the plan's own space: a page framed elsewhere keeps leading to this plan.
    with plan_addresses(plan.slug):
        back = (
            reverse("indicators:measure_period", args=[row.measure_number])
            if row.measure_number
            else reverse("indicators:axis_period", args=[row.axis_number])
        )
        csv_url = reverse("indicators:indicator_period_csv", args=[pk])
    context = {
        "plan": plan,
        "item": item,
        "chart_config": chart_style.CHART_CONFIG,
        "back_url": request.build_absolute_uri(f"{back}#indicateur-{pk}"),
        "csv_url": csv_url,
    }
    return render(request, "indicators/dashboard/period_embed.html", context)


@require_safe
def indicator_period_csv(request, pk: int):
    """The chart's table over every plan year as a French spreadsheet reads it."""
    plan, item = period_chart(pk)
    # The label is typed by administrators: a spreadsheet must not run it.
    lines = [[_("Indicateur"), inert_cell(item.row.label)]]
    lines += [
        [inert_cell(cell_text(value)) for value in values] for values in item.table.as_values()
    ]
    return french_spreadsheet(lines, f"indicateur-{pk}-{plan.start_year}-{plan.end_year}.csv")


COMPARISON_READS = {YEAR_PARAMETER: is_year_text, COMPARED_PARAMETER: is_year_text}


def compared_years(request, plan) -> tuple[int, int]:
    """(earlier, later): ``?annee=`` (the latest published by default) and ``?avec=``
    (the year before it by default), two different years of the plan."""
    years = list(plan.years)
    later_text = request.GET.get(YEAR_PARAMETER) or ""
    earlier_text = request.GET.get(COMPARED_PARAMETER) or ""
    for text in (later_text, earlier_text):
        if text and (not is_year_text(text) or int(text) not in years):
            raise Http404(
                _("L'année %(year)s ne fait pas partie du plan (%(start)s-%(end)s).")
                % {"year": text[:8], "start": plan.start_year, "end": plan.end_year}
            )
    later = int(later_text) if later_text else clamped_to_plan(plan, plan.latest_published_year)
    # By default the year before; for the plan's first year, the one after.
    default_earlier = later - 1 if later - 1 in years else later + 1
    earlier = int(earlier_text) if earlier_text else default_earlier
    if earlier == later:
        raise Http404(_("Choisissez deux années différentes à comparer."))
    return min(earlier, later), max(earlier, later)


@require_safe
@public_page_cache(reads=COMPARISON_READS)
def year_comparison(request):
    plan = _plan()
    earlier, later = compared_years(request, plan)
    axes = list(plan.axes.prefetch_related("measures"))
    rows = dashboard.indicator_rows(
        Indicator.objects.filter(report_row__ambition__axis__plan=plan).for_dashboard(
            PUBLIC_STATUSES
        ),
        later,
    )
    items = compared_indicators(rows, earlier, later)
    tables = [
        (
            axis,
            ComparisonTable(
                [item for item in items if item.row.axis_number == axis.number],
                earlier_year=earlier,
                later_year=later,
                caption=_("Axe %(number)s : indicateurs en %(earlier)s et en %(later)s")
                % {"number": axis.number, "earlier": earlier, "later": later},
            ),
        )
        for axis in axes
    ]
    context = base_context(request, plan, later, axes) | {
        "earlier": earlier,
        "later": later,
        "compared_parameter": COMPARED_PARAMETER,
        "move_counts": move_counts(items, earlier, later),
        "indicator_count": len(items),
        "tables": tables,
        # The page has its own two-year form.
        "plan_years": None,
        "comparable_years": list(plan.years),
    }
    return render(request, "indicators/dashboard/comparison.html", context)
