"""« Bilan final » of the plan: what each measure's indicators achieved over the whole plan.

Published values only, whoever reads: the page tells the plan's public story. Before the
plan's last year is published it is labelled provisional (its figures stop at the latest
published bilan and will change), never hidden: nobody lands on a dead end.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.cache import public_page_cache
from indicators.access import PUBLIC_STATUSES
from indicators.bilan import final
from indicators.dashboard import rows as dashboard
from indicators.dashboard.views import base_context
from indicators.models import Indicator
from indicators.plan_outcome import PARTLY_ATTAINED_FROM
from indicators.plans import clamped_to_plan, current_plan
from measures.models import Ambition, ReportRow

NO_QUERY_STRING = {}


def _axes_with_their_rows(plan):
    rows = ReportRow.objects.select_related("measure").order_by("position")
    ambitions = Ambition.objects.order_by("position").prefetch_related(
        Prefetch("rows", queryset=rows)
    )
    return list(plan.axes.prefetch_related("measures", Prefetch("ambitions", queryset=ambitions)))


def _sections(axes, items):
    """Axis → ambition → line of the bilan → its indicators' table (None without one)."""
    by_row = {}
    for item in items:
        by_row.setdefault(item.row.report_row_pk, []).append(item)
    sections = []
    for axis in axes:
        ambitions = []
        for ambition in axis.ambitions.all():
            lines = []
            for row in ambition.rows.all():
                row_items = by_row.get(row.pk, [])
                caption = _("Indicateurs de « %(title)s » à la fin du plan") % {"title": row.title}
                table = final.FinalTable(row_items, caption=caption) if row_items else None
                lines.append((row, table))
            ambitions.append((ambition, lines))
        sections.append((axis, ambitions))
    return sections


@require_safe
@public_page_cache(reads=NO_QUERY_STRING)
def final_bilan(request):
    plan = current_plan()
    if plan is None:
        raise Http404(_("Aucun plan n'est chargé."))
    axes = _axes_with_their_rows(plan)
    year = clamped_to_plan(plan, plan.latest_published_year)
    rows = dashboard.indicator_rows(
        Indicator.objects.filter(report_row__ambition__axis__plan=plan).for_dashboard(
            PUBLIC_STATUSES
        ),
        year,
    )
    items = [final.final_indicator(row) for row in rows]
    context = base_context(request, plan, year, axes) | {
        "plan_years": None,
        "is_provisional": plan.latest_published_year != plan.end_year,
        "latest_published_year": plan.latest_published_year,
        "sections": _sections(axes, items),
        "status_counts": final.status_counts(items),
        "summary": final.summary_sentence(items),
        "partly_attained_from": int(PARTLY_ATTAINED_FROM * 100),
    }
    return render(request, "indicators/bilan/final.html", context)
