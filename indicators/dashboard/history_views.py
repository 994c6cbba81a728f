"""The history of a measure's entries, page by page: who changed what, when, from which
value to which. For the measure's editors and the reviewers only (it holds unpublished
values); the measure page shows its latest lines and links here."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from indicators.access import can_read_history
from indicators.dashboard.views import base_context
from indicators.history import history_page
from indicators.plans import clamped_to_plan, current_plan
from measures.models import Measure

PAGE_PARAMETER = "page"


def page_number(request) -> int:
    """``?page=``: a whole number from 1; anything else is a page that does not exist."""
    raw = request.GET.get(PAGE_PARAMETER, "1")
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1 or len(raw) > 6:
        raise Http404(_("Cette page de l'historique n'existe pas."))
    return int(raw)


@login_required
@require_safe
def measure_history(request, number: int):
    plan = current_plan()
    if plan is None:
        raise Http404(_("Aucun plan n'est chargé."))
    measure = get_object_or_404(
        Measure.objects.select_related("axis"), axis__plan=plan, number=number
    )
    if not can_read_history(request.user, measure):
        raise PermissionDenied(
            _("L'historique d'une mesure est réservé à ses agents et aux validateurs.")
        )
    page = history_page(measure, page_number(request))
    if not page.lines and page.number > 1:
        raise Http404(_("Cette page de l'historique n'existe pas."))
    year = clamped_to_plan(plan, plan.latest_published_year)
    context = base_context(request, plan, year, plan.nav_axes) | {
        "axis": measure.axis,
        "measure": measure,
        "history": page,
        "page_parameter": PAGE_PARAMETER,
        "plan_years": None,
    }
    return render(request, "indicators/dashboard/measure_history.html", context)
