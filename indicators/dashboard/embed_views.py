"""A chart to share: its page to embed elsewhere, and its data as a CSV file.

The embed page has no site chrome (the one page without the navigation): the chart, its
sentence and its data table, a link back to the measure's page. Other sites may frame it
only from the origins the City lists (``LDAPLAN_EMBED_ORIGINS``; none by default), and
no other page of the site may be framed at all.
"""

import csv
import html
import io
import re
from collections.abc import Iterable
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.cache import public_page_cache
from core.spreadsheet_safety import inert_cell
from core.views import file_response
from indicators.access import visible_statuses
from indicators.dashboard import chart_style
from indicators.dashboard import rows as dashboard
from indicators.dashboard.views import history_charts, plan_and_year, year_phase
from indicators.models import Indicator
from measures.plan_space import plan_addresses

# The spreadsheet's French CSV: a byte-order mark, « ; » between cells.
BOM = "\ufeff"
# A line break inside a cell (« 12<br><small>initialement 10</small> ») reads as a space.
LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
# What a table's cell shows for no value.
NO_VALUE = "—"


def framed_from_embed_origins(view):
    """The answer may be framed by ``LDAPLAN_EMBED_ORIGINS`` only (``frame-ancestors``),
    read at each answer, a cached one included: placed outside the page cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        origins = settings.LDAPLAN_EMBED_ORIGINS
        if origins:
            response._csp_replace = {"frame-ancestors": list(origins)}
            # X-Frame-Options cannot name origins: the CSP says who may frame.
            response.xframe_options_exempt = True
        return response

    return wrapper


def indicator_chart(request, pk: int):
    """The chart of indicator ``pk`` of the plan shown, for the year asked (``?annee=``)."""
    plan, year = plan_and_year(request)
    rows = dashboard.indicator_rows(
        Indicator.objects.filter(pk=pk, report_row__ambition__axis__plan=plan).for_dashboard(
            visible_statuses(request.user)
        ),
        year,
        year_phase(plan, year),
    )
    if not rows:
        raise Http404(_("Aucun indicateur du plan n'a cet identifiant."))
    return plan, year, history_charts(rows, with_tables=True)[0]


def cell_text(value) -> str:
    """A cell of the chart's table as text: no markup, no entity, nothing for no value
    (the page's « — » included: a spreadsheet reads an empty cell as unknown)."""
    if value is None:
        return ""
    text = html.unescape(strip_tags(LINE_BREAK.sub(" ", str(value)))).strip()
    return "" if text == NO_VALUE else text


def french_spreadsheet(lines: Iterable[Iterable], filename: str) -> HttpResponse:
    """``lines`` as a file a French spreadsheet reads: a byte-order mark, « ; » between
    cells. Text typed by people is the caller's to make inert (``inert_cell``)."""
    buffer = io.StringIO()
    buffer.write(BOM)
    csv.writer(buffer, delimiter=";").writerows(lines)
    return file_response(buffer.getvalue(), "text/csv; charset=utf-8", filename)


@framed_from_embed_origins
@require_safe
@public_page_cache
def indicator_embed(request, pk: int):
    plan, year, chart = indicator_chart(request, pk)
    row = chart.row
    measure_number = row.measure_number
    # Links in the plan's own space: a page framed elsewhere keeps leading to this plan's
    # pages once another plan is current.
    with plan_addresses(plan.slug):
        back = (
            reverse("indicators:measure", args=[measure_number])
            if measure_number
            else reverse("indicators:axis", args=[row.axis_number])
        )
        csv_url = reverse("indicators:indicator_chart_csv", args=[pk])
    context = {
        "plan": plan,
        "chart": chart,
        "chart_config": chart_style.CHART_CONFIG,
        "selected_year": year,
        "back_url": request.build_absolute_uri(f"{back}?annee={year}"),
        "csv_url": f"{csv_url}?annee={year}",
    }
    return render(request, "indicators/dashboard/embed.html", context)


@require_safe
def indicator_chart_csv(request, pk: int):
    """The chart's data table as a spreadsheet reads it: one line per year. Not kept in the
    page cache, which keeps a page's body and type but not its file name."""
    _plan, year, chart = indicator_chart(request, pk)
    # The label, sources and comments are typed by people: a spreadsheet must not run them.
    lines = [[_("Indicateur"), inert_cell(chart.row.label)]]
    # The table's cells as the page shows them, as text (no markup, no entity).
    lines += [
        [inert_cell(cell_text(value)) for value in values] for values in chart.table.as_values()
    ]
    return french_spreadsheet(lines, f"indicateur-{pk}-{year}.csv")
