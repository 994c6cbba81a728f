"""The annual bilan page, public, and its exports, for those allowed to export.

The shaping and the writers are in ``indicators.bilan``; these views fetch,
check and answer.
"""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from measures.models import ReportingYear

from .bilan import (
    EXPORT_FORMATS,
    Bilan,
    BilanNotFound,
    EmptyBilan,
    UnknownFormat,
    bilan_table,
    export_bilan,
    load_bilan,
)
from .views import YEAR_PARAMETER

EXPORT_PERMISSION = "indicators.export_bilan"


def page_context(request, bilan: Bilan) -> dict:
    return {
        "bilan": bilan,
        "table": bilan_table(bilan),
        "export_formats": EXPORT_FORMATS.values(),
        "can_export": request.user.has_perm(EXPORT_PERMISSION),
        # base.html and the breadcrumb link back to the dashboard on the same year.
        "selected_year": min(max(bilan.year, bilan.plan_start_year), bilan.plan_end_year),
        "year_parameter": YEAR_PARAMETER,
    }


def bilan_latest(request):
    """The newest reporting year's bilan: the link every page can offer."""
    latest = ReportingYear.objects.order_by("-year").first()
    if latest is None:
        raise Http404(_("Aucune année de bilan n'est encore ouverte."))
    return redirect("indicators:bilan", year=latest.year)


def bilan_detail(request, year: int):
    try:
        bilan = load_bilan(year, with_other_years=True)
    except BilanNotFound as error:
        raise Http404(str(error)) from error
    return render(request, "indicators/bilan_detail.html", page_context(request, bilan))


@login_required
@permission_required(EXPORT_PERMISSION, raise_exception=True)
def bilan_export(request, year: int, fmt: str):
    try:
        exported = export_bilan(year, fmt)
    except (BilanNotFound, UnknownFormat) as error:
        raise Http404(str(error)) from error
    except EmptyBilan as error:
        # The page, with the reason: there is nothing to download yet.
        bilan = load_bilan(year, with_other_years=True)
        context = page_context(request, bilan) | {"export_error": str(error)}
        return render(request, "indicators/bilan_detail.html", context, status=409)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = content_disposition_header(True, exported.filename)
    response["Content-Length"] = str(len(exported.content))
    return response
