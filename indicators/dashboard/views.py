"""The dashboard pages: fetch, shape, render.

Each page runs a fixed number of queries whatever the size of the plan (the
tests pin them); the shaping is in ``dashboard``, the charts in ``charts``.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.cache import is_year_text, public_page_cache
from indicators import progress
from indicators.access import can_read_history, newest_visible, visible_statuses
from indicators.dashboard import chart_style, charts, headline, milestone_rows, sentences
from indicators.dashboard import rows as dashboard
from indicators.dashboard.attachments import measure_attachments, with_attachment_counts
from indicators.dashboard.french_parts import mark_french_units
from indicators.dashboard.funding import measure_partners, scope_funding
from indicators.dashboard.headline_svg import bullet_svg
from indicators.dashboard.tables import (
    BulletTable,
    IndicatorTable,
    ReferenceTable,
    YearPointTable,
    reference_lines,
)
from indicators.history import history_page
from indicators.models import Indicator, Milestone, MilestoneStatus
from indicators.plans import clamped_to_plan, current_plan
from measures.models import BilanEntry, Measure, Plan, ReportRow

YEAR_PARAMETER = "annee"


@dataclass(frozen=True)
class Chart:
    """A figure and the words that go with it: its id, sentence and data table."""

    dom_id: str
    figure: dict | None
    sentence: str
    row: dashboard.IndicatorRow
    table: YearPointTable | BulletTable | None = None
    # The indicator's own figures (plan target, baseline, change…) and their sources.
    reference_table: ReferenceTable | None = None
    # Drawn by the server (the overview's bullets): no figure for the browser to draw.
    svg: str = ""

    @property
    def is_empty(self) -> bool:
        """Nothing to draw: the page shows a short band without the chart toolbar."""
        return self.figure is not None and chart_style.is_empty_figure(self.figure)


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    symbol: str
    count: int


@dataclass(frozen=True)
class StatusSummary:
    """The statuses that occur, with their counts, and how many things in all."""

    parts: list[StatusCount]
    total: int


def _summary(parts: list[StatusCount]) -> StatusSummary:
    # Eleven « : 0 » chips say nothing: only the statuses that occur are listed.
    return StatusSummary([p for p in parts if p.count], sum(p.count for p in parts))


def status_items(counts: dict[str, int]) -> StatusSummary:
    return _summary(
        [
            StatusCount(
                status, sentences.STATUS_LABELS[status], sentences.STATUS_SYMBOLS[status], n
            )
            for status, n in counts.items()
        ]
    )


def milestone_items(counts: dict[str | None, int]) -> StatusSummary:
    labels = dict(MilestoneStatus.choices)
    return _summary(
        [
            StatusCount(
                status or "unknown",
                labels.get(status, _("sans statut")),
                milestone_rows.MILESTONE_SYMBOLS.get(status, "?"),
                n,
            )
            for status, n in counts.items()
        ]
    )


INDICATOR_TABLE_PREFIX = "ind-"
# What the axis and measure pages read from their query string, for the page cache.
SORTABLE_PAGE_READS = {
    YEAR_PARAMETER: is_year_text,
    INDICATOR_TABLE_PREFIX + "sort": IndicatorTable.is_sort_value,
}


def plan_and_year(request) -> tuple[Plan, int]:
    """The plan shown and the year asked for (``?annee=``), or the latest with results."""
    plan = current_plan()
    if plan is None:
        raise Http404(_("Aucun plan n'est chargé."))
    raw_year = request.GET.get(YEAR_PARAMETER)
    if raw_year is None or raw_year == "":
        return plan, clamped_to_plan(plan, plan.latest_published_year)
    # Four ASCII digits: no « ² », no Arabic-Indic nor full-width digits, no « 02022 ».
    if not is_year_text(raw_year) or int(raw_year) not in plan.years:
        raise Http404(
            _("L'année %(year)s ne fait pas partie du plan (%(start)s-%(end)s).")
            % {"year": raw_year[:8], "start": plan.start_year, "end": plan.end_year}
        )
    return plan, int(raw_year)


def year_phase(plan: Plan, year: int) -> str:
    """Where ``year`` is in the yearly cycle, from the two years ``current_plan`` read."""
    return progress.year_phase(
        year,
        latest_published_year=plan.latest_published_year,
        latest_open_year=plan.latest_open_year,
    )


def sort_as_asked(request, table) -> None:
    """Sort ``table`` as the query string asks (``?ind-sort=-result``), by its columns only.

    django-tables2 ignores unknown names but warns on some (a "." in the name):
    anything that is not one of the table's column names is dropped first.
    """
    table.request = request
    names = set(table.columns.names())
    asked = [
        alias
        for value in request.GET.getlist(table.prefixed_order_by_field)
        for alias in value.split(",")
        if alias.removeprefix("-") in names
    ]
    if asked:
        table.order_by = asked


def history_charts(rows, *, with_tables: bool) -> list[Chart]:
    return [
        Chart(
            dom_id=f"figure-{row.pk}",
            figure=charts.indicator_history_figure(row),
            sentence=sentences.indicator_sentence(row),
            row=row,
            table=YearPointTable(
                row.points,
                unit=row.unit,
                caption=french_caption(_("Objectifs et résultats annuels : %(label)s"), row.label),
            )
            if with_tables
            else None,
            reference_table=_reference_table(row) if with_tables else None,
        )
        for row in rows
    ]


def _reference_table(row) -> ReferenceTable | None:
    lines = reference_lines(row)
    if not lines:
        return None
    return ReferenceTable(
        lines, caption=french_caption(_("Cibles et valeurs de référence : %(label)s"), row.label)
    )


def french_caption(template: str, label: str):
    """A table's caption naming its indicator, whose label is French on an English page."""
    return mark_french_units(template % {"label": label}, "", [label])


def report_source(plan: Plan) -> dict | None:
    """The latest published report, which the figures come from: its title and date."""
    if plan.latest_published_year is None or plan.latest_published_on is None:
        return None
    return {
        "year": plan.latest_published_year,
        "title": _("Bilan %(year)s & perspectives %(next)s")
        % {"year": plan.latest_published_year, "next": plan.latest_published_year + 1},
        "published_on": plan.latest_published_on,
    }


def headline_chart(row) -> Chart:
    """An overview card's bullet, with its sentence and the table of what it draws."""
    bullet = headline.headline_bullet(row)
    name = _("Graphique : %(label)s") % {"label": row.label}
    return Chart(
        dom_id=f"headline-{row.pk}",
        figure=None,
        svg=bullet_svg(bullet, name=name, is_share=row.kind == progress.SHARE),
        sentence=sentences.indicator_sentence(row),
        row=row,
        table=BulletTable(
            headline.bullet_table_rows(bullet),
            caption=french_caption(_("Données du graphique : %(label)s"), row.label),
            unit=row.unit,
            french_parts=[bullet.target_derivation],
        ),
    )


def texts_by_year(row: ReportRow) -> list[BilanEntry]:
    """The visible texts of a row, one per reporting year, newest year first."""
    by_year: dict[int, list[BilanEntry]] = {}
    for entry in row.bilan_entries.all():
        by_year.setdefault(entry.reporting_year.year, []).append(entry)
    return [newest_visible(by_year[year]) for year in sorted(by_year, reverse=True)]


def base_context(request, plan: Plan, year: int, axes) -> dict:
    return {
        "plan": plan,
        "selected_year": year,
        "plan_years": list(plan.years),
        "year_parameter": YEAR_PARAMETER,
        "nav_axes": axes,
        "nav_year": year,
        "chart_config": chart_style.CHART_CONFIG,
    }


@require_safe
@public_page_cache
def overview(request):
    plan, year = plan_and_year(request)
    axes = plan.nav_axes
    prefetch_related_objects(axes, "measures")
    rows = dashboard.indicator_rows(
        Indicator.objects.filter(report_row__ambition__axis__plan=plan).for_dashboard(
            visible_statuses(request.user)
        ),
        year,
        year_phase(plan, year),
    )
    milestones = milestone_rows.milestone_rows(
        Milestone.objects.filter(report_row__ambition__axis__plan=plan).for_dashboard(
            visible_statuses(request.user)
        ),
        year,
    )
    axis_summaries = [
        {
            "axis": axis,
            "status_counts": status_items(
                dashboard.status_counts(r for r in rows if r.axis_number == axis.number)
            ),
            "milestone_counts": milestone_items(
                milestone_rows.milestone_counts(
                    m for m in milestones if m.axis_number == axis.number
                )
            ),
        }
        for axis in axes
    ]
    headlines = [headline_chart(row) for row in rows if row.is_headline]
    context = base_context(request, plan, year, axes) | {
        "axis_summaries": axis_summaries,
        "headlines": headlines,
        "status_counts": status_items(dashboard.status_counts(rows)),
        "milestone_counts": milestone_items(milestone_rows.milestone_counts(milestones)),
        "report_source": report_source(plan),
    }
    return render(request, "indicators/dashboard/overview.html", context)


@require_safe
@public_page_cache(reads=SORTABLE_PAGE_READS)
def axis_detail(request, number: int):
    plan, year = plan_and_year(request)
    axes = plan.nav_axes
    prefetch_related_objects(axes, "measures")
    axis = next((a for a in axes if a.number == number), None)
    if axis is None:
        raise Http404(_("Cet axe n'existe pas."))
    rows = dashboard.indicator_rows(
        Indicator.objects.filter(report_row__ambition__axis=axis).for_dashboard(
            visible_statuses(request.user)
        ),
        year,
        year_phase(plan, year),
    )
    table = IndicatorTable(
        rows,
        prefix=INDICATOR_TABLE_PREFIX,
        caption=_("Indicateurs de l'axe %(number)s en %(year)s")
        % {"number": axis.number, "year": year},
    )
    sort_as_asked(request, table)
    context = base_context(request, plan, year, axes) | {
        "axis": axis,
        "charts": history_charts(rows, with_tables=True),
        "table": table,
        "status_counts": status_items(dashboard.status_counts(rows)),
        "milestones": milestone_rows.milestone_rows(
            Milestone.objects.filter(report_row__ambition__axis=axis).for_dashboard(
                visible_statuses(request.user)
            ),
            year,
        ),
    }
    return render(request, "indicators/dashboard/axis.html", context)


# The measure page shows its latest changes; the history page (history_views) all of them.
HISTORY_ON_MEASURE_PAGE = 10


@require_safe
@public_page_cache(reads=SORTABLE_PAGE_READS)
def measure_detail(request, number: int):
    plan, year = plan_and_year(request)
    axes = plan.nav_axes
    statuses = visible_statuses(request.user)
    entries = (
        BilanEntry.objects.filter(status__in=statuses)
        .select_related("reporting_year")
        .order_by("-reporting_year__year")
    )
    # The measure comes with its rows: one query for both, one for the texts.
    # The pièces justificatives' counts come with the rows (no query of their own).
    report_rows = list(
        with_attachment_counts(
            ReportRow.objects.filter(measure__axis__plan=plan, measure__number=number),
            request.user,
        )
        .select_related("measure__axis", "ambition")
        .prefetch_related(Prefetch("bilan_entries", queryset=entries))
        .order_by("position", "letter")
    )
    if report_rows:
        measure = report_rows[0].measure
    else:
        measure = get_object_or_404(
            Measure.objects.select_related("axis"), axis__plan=plan, number=number
        )
    indicator_rows = dashboard.indicator_rows(
        Indicator.objects.filter(report_row__measure=measure).for_dashboard(statuses),
        year,
        year_phase(plan, year),
    )
    context = base_context(request, plan, year, axes) | {
        "axis": measure.axis,
        "measure": measure,
        "report_rows": [(row, texts_by_year(row)) for row in report_rows],
        "charts": history_charts(indicator_rows, with_tables=True),
        "status_counts": status_items(dashboard.status_counts(indicator_rows)),
        "milestones": milestone_rows.milestone_rows(
            Milestone.objects.filter(report_row__measure=measure).for_dashboard(statuses), year
        ),
        # Published amounts only, whoever reads (indicators.dashboard.funding).
        "funding": scope_funding(source__report_row__measure=measure),
        "partners": measure_partners(measure, indicator_rows),
        # The measure's editors and the reviewers only: the history holds unpublished values.
        "history": (
            history_page(measure, size=HISTORY_ON_MEASURE_PAGE)
            if can_read_history(request.user, measure)
            else None
        ),
    }
    # Its pièces justificatives: how many (its staff), which ones the reader may download.
    context |= measure_attachments(request.user, measure, report_rows)
    return render(request, "indicators/dashboard/measure.html", context)
