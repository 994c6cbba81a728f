"""The completeness board's page (/saisie/avancement/): read the year and the filters,
count (``completeness``), show the table or export it.

Administrators and validators only. A year or a filter the page does not know is
ignored with a French message, never an error page.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_tables2 import RequestConfig

from core.views import file_response
from indicators import access
from indicators.entry import board_export
from indicators.entry.campaign import banner_parts, campaign_of, missing_is_late
from indicators.entry.completeness import Tally, completeness_board, total_of
from indicators.entry.scopes import YEAR_PARAMETER, current_plan_or_404
from indicators.entry.tables import CompletenessTable, board_rows
from indicators.plans import clamped_to_plan
from measures.models import ReportingYear

AXIS_PARAMETER = "axe"
AGENT_PARAMETER = "agent"
LATE_PARAMETER = "retard"
FORMAT_PARAMETER = "format"
PAGE_PARAMETER = "page"
# A plan of a dozen measures fits on one page; a plan of hundreds of rows is read, and
# drawn, a hundred rows at a time (the exports and the totals keep every row).
BOARD_PAGE_SIZE = 100
EXPORTS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


def _number(raw: str) -> int | None:
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 6 else None


def board_year(params, plan) -> tuple[int, list[str]]:
    """The year asked for (default: the year being collected), and a message if ignored."""
    default = clamped_to_plan(plan, plan.latest_open_year)
    raw = params.get(YEAR_PARAMETER, "")
    if not raw:
        return default, []
    year = _number(raw)
    if year is None or year not in plan.years:
        return default, [_("Année inconnue : le tableau montre %(year)s.") % {"year": default}]
    return year, []


@dataclass(frozen=True)
class BoardFilter:
    axis: int | None = None
    agent: int | None = None
    late_only: bool = False

    def keeps(self, page, *, late: bool) -> bool:
        if self.axis is not None and page.axis_number != self.axis:
            return False
        if self.agent is not None and all(pk != self.agent for pk, _n in page.agents):
            return False
        return not self.late_only or (late and bool(page.tally.missing_count))


def read_board_filter(params, board) -> tuple[BoardFilter, list[str]]:
    """The filters from the query string; an unknown axis or agent is ignored, said in French."""
    errors = []
    axis = _number(params.get(AXIS_PARAMETER, ""))
    if params.get(AXIS_PARAMETER) and axis not in {p.axis_number for p in board.pages}:
        errors.append(_("Axe inconnu : le filtre par axe est ignoré."))
        axis = None
    agent = _number(params.get(AGENT_PARAMETER, ""))
    if params.get(AGENT_PARAMETER) and agent not in {
        pk for p in board.pages for pk, _n in p.agents
    }:
        errors.append(_("Agent inconnu : le filtre par agent est ignoré."))
        agent = None
    return BoardFilter(axis=axis, agent=agent, late_only=params.get(LATE_PARAMETER) == "1"), errors


def _agents(board) -> list[tuple[int, str]]:
    found = {pk: name for page in board.pages for pk, name in page.agents}
    return sorted(found.items(), key=lambda item: item[1].lower())


def _export(fmt: str, rows: list[dict], total: Tally, year: int) -> HttpResponse:
    content_type, extension = EXPORTS[fmt]
    lines = board_export.export_lines(rows, total)
    title = _("Avancement de la saisie %(year)s") % {"year": year}
    content = (
        board_export.write_csv(lines) if fmt == "csv" else board_export.write_xlsx(lines, title)
    )
    return file_response(content, content_type, f"avancement-saisie-{year}.{extension}")


def _opener(user):
    """Whether ``user`` may open a board page's entry forms: administrators all, an agent
    their measures; a validator follows the campaign here and reviews in the queue."""
    if access.can_enter_all(user):
        return lambda page: True
    return lambda page: (
        page.measure_number is not None
        and any(pk == user.pk for pk, _name in page.agents)
        and access.can_enter_any(user)
    )


@login_required
@require_safe
def completeness(request):
    if not access.can_follow_campaign(request.user):
        raise PermissionDenied(_("Ce tableau est réservé aux administrateurs et aux validateurs."))
    plan = current_plan_or_404()
    year, errors = board_year(request.GET, plan)
    reporting_year = ReportingYear.objects.filter(plan=plan, year=year).first()
    board = completeness_board(plan, year, reporting_year)
    campaign = campaign_of(plan, year, reporting_year)
    late = missing_is_late(campaign)
    board_filter, filter_errors = read_board_filter(request.GET, board)
    pages = [page for page in board.pages if board_filter.keeps(page, late=late)]
    shown = total_of(pages)
    table = CompletenessTable(
        board_rows(pages, late=late, may_open=_opener(request.user)),
        caption=_("Saisie %(year)s par mesure") % {"year": year},
    )
    RequestConfig(request, paginate=False).configure(table)
    fmt = request.GET.get(FORMAT_PARAMETER, "")
    if fmt in EXPORTS:
        return _export(fmt, list(table.data), shown, year)
    # In the table's sort order; a page number out of range or misspelled shows the
    # nearest page, never an error.
    table.paginator = Paginator(table.rows, BOARD_PAGE_SIZE)
    table.page = table.paginator.get_page(request.GET.get(PAGE_PARAMETER))
    return render(
        request,
        "indicators/entry/board.html",
        {
            "plan": plan,
            "selected_year": year,
            "plan_years": list(plan.years),
            "year_parameter": YEAR_PARAMETER,
            "errors": errors + filter_errors,
            "board": board,
            "shown": shown,
            "table": table,
            "board_filter": board_filter,
            "axes": board.by_axis(),
            "agents": _agents(board),
            "agent_tallies": board.by_agent(),
            "campaign_banner": banner_parts(campaign),
            "late": late,
            "can_manage_years": access.can_manage_years(request.user),
            "reporting_year": reporting_year,
        },
    )
