"""Who may enter what, for which plan and year: the scope of an entry page.

A scope is a measure (all its report rows) or a report row without a measure
number. Every function here refuses (404 or 403) rather than return something
the user may not enter.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from indicators import access
from indicators.plans import clamped_to_plan, current_plan
from measures.models import Measure, Plan, ReportRow

YEAR_PARAMETER = "annee"


@dataclass(frozen=True)
class Scope:
    title: str
    rows: list
    url: str
    # The measure's or the row's own title, in the plan's French, inside ``title``.
    name: str = ""


def current_plan_or_404():
    plan = current_plan()
    if plan is None:
        raise Http404(_("Aucun plan n'est chargé."))
    return plan


def selected_year(request, plan) -> int:
    raw = request.GET.get(YEAR_PARAMETER) or request.POST.get(YEAR_PARAMETER)
    if raw in (None, ""):
        # Staff land on the year being collected.
        return clamped_to_plan(plan, plan.latest_open_year)
    # ASCII digits only: no « ² », no Arabic-Indic nor full-width digits.
    if not (str(raw).isascii() and str(raw).isdigit()) or int(raw) not in plan.years:
        raise Http404(_("Cette année ne fait pas partie du plan."))
    return int(raw)


def plan_year_or_404(plan, year: int) -> int:
    """``year`` from a URL, refused when the plan does not cover it."""
    if year not in plan.years:
        raise Http404(_("Cette année ne fait pas partie du plan."))
    return year


def entry_years(plan, year: int) -> list[int]:
    """The year reported on and the next one (its plan d'action), within the plan."""
    return [y for y in (year, year + 1) if y in plan.years]


def shown_plan_measure_rows(number: int) -> list:
    """The rows of a measure of the plan shown, each with its measure, axis and plan."""
    shown_plan = Plan.objects.shown().values("pk")[:1]
    return list(
        ReportRow.objects.filter(measure__axis__plan=Subquery(shown_plan), measure__number=number)
        .select_related("measure__axis__plan")
        .order_by("position", "letter")
    )


def measure_scope(user, plan, number: int, rows: list | None = None) -> Scope:
    # The measure comes with its rows, in one query (a measure without rows: one more).
    if rows is None:
        rows = list(
            ReportRow.objects.filter(measure__axis__plan=plan, measure__number=number)
            .select_related("measure__axis")
            .order_by("position", "letter")
        )
    measure = rows[0].measure if rows else None
    if measure is None:
        measure = get_object_or_404(
            Measure.objects.select_related("axis"), axis__plan=plan, number=number
        )
    if not access.can_enter_measure(user, measure):
        raise PermissionDenied(_("Cette mesure ne vous est pas confiée."))
    return Scope(
        title=_("Mesure %(number)s — %(title)s")
        % {"number": measure.number, "title": measure.title},
        rows=rows,
        name=measure.title,
        url=reverse("entry:measure", args=[number]),
    )


def row_scope(user, plan, row_pk: int) -> Scope:
    row = get_object_or_404(
        ReportRow.objects.select_related("measure"), pk=row_pk, ambition__axis__plan=plan
    )
    if row.measure_id is not None:
        return measure_scope(user, plan, row.measure.number)
    if not access.can_enter_row(user, row):
        raise PermissionDenied(_("Cette ligne du bilan ne vous est pas confiée."))
    return Scope(
        title=row.title, rows=[row], url=reverse("entry:row", args=[row.pk]), name=row.title
    )


def scope_for_row(user, plan, row: ReportRow) -> Scope:
    """The entry page of ``row``, checked against the row itself.

    A measure's number names it within its own plan only: an entry of another
    plan is not entered here, whatever the user holds in the current one.
    """
    if not ReportRow.objects.filter(pk=row.pk, ambition__axis__plan=plan).exists():
        raise Http404(_("Cette saisie ne fait pas partie du plan en cours de saisie."))
    if row.measure_id is not None:
        return measure_scope(user, plan, row.measure.number)
    return row_scope(user, plan, row.pk)


def back_to(scope: Scope, year: int, anchor: str = ""):
    """Redirect to the scope's entry page for ``year``, at ``anchor`` if given."""
    return redirect(f"{scope.url}?{YEAR_PARAMETER}={year}{'#' + anchor if anchor else ''}")
