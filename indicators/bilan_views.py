"""The annual bilan page, public, and its exports, for those allowed to export.

The shaping and the writers are in ``indicators.bilan``; these views fetch,
check and answer.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

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
from .dashboard import current_plan
from .editions import open_reporting_year, publish_edition
from .models import BilanEditionFile, EditionError
from .views import YEAR_PARAMETER

EXPORT_PERMISSION = "indicators.export_bilan"
MANAGE_PERMISSION = "indicators.manage_reporting_years"


def page_context(request, bilan: Bilan) -> dict:
    reporting_year = ReportingYear.objects.filter(year=bilan.year).order_by("pk").first()
    editions = list(reporting_year.editions.prefetch_related("files")) if reporting_year else []
    return {
        "edition": editions[0] if editions else None,
        "editions": editions,
        "can_manage_years": request.user.has_perm(MANAGE_PERMISSION),
        "next_year": bilan.year + 1,
        "next_year_open": ReportingYear.objects.filter(year=bilan.year + 1).exists(),
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
    edition_file = (
        BilanEditionFile.objects.filter(edition__reporting_year__year=year, format=fmt)
        .order_by("-edition__number")
        .first()
    )
    if edition_file is not None:
        # A published year's exports are its latest frozen edition.
        return file_response(edition_file.content, edition_file.content_type, edition_file.filename)
    try:
        exported = export_bilan(year, fmt)
    except (BilanNotFound, UnknownFormat) as error:
        raise Http404(str(error)) from error
    except EmptyBilan as error:
        # The page, with the reason: there is nothing to download yet.
        bilan = load_bilan(year, with_other_years=True)
        context = page_context(request, bilan) | {"export_error": str(error)}
        return render(request, "indicators/bilan_detail.html", context, status=409)
    return file_response(exported.content, exported.content_type, exported.filename)


def file_response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(bytes(content), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Content-Length"] = str(len(content))
    return response


def edition_file(request, year: int, number: int, fmt: str):
    """A file of a published edition: public, like the edition itself."""
    stored = BilanEditionFile.objects.filter(
        edition__reporting_year__year=year, edition__number=number, format=fmt
    ).first()
    if stored is None:
        raise Http404(_("Cette édition ou ce format n'existe pas."))
    return file_response(stored.content, stored.content_type, stored.filename)


@login_required
@permission_required(MANAGE_PERMISSION, raise_exception=True)
@require_POST
def publish(request, year: int):
    note = request.POST.get("note", "").strip()[:300]
    try:
        edition = publish_edition(year, user=request.user, note=note)
    except (EditionError, BilanNotFound, EmptyBilan) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Édition n° %(number)s du bilan %(year)s publiée.")
            % {"number": edition.number, "year": year},
        )
    return redirect("indicators:bilan", year=year)


@login_required
@permission_required(MANAGE_PERMISSION, raise_exception=True)
@require_POST
def open_year(request, year: int):
    plan = current_plan()
    if plan is None:
        raise Http404(_("Aucun plan n'est chargé."))
    try:
        open_reporting_year(plan, year)
    except EditionError as error:
        messages.error(request, str(error))
        return redirect("indicators:bilan_latest")
    messages.success(
        request,
        _(
            "Année de bilan %(year)s ouverte : le plan d'action %(year)s devient la liste "
            "des engagements à renseigner."
        )
        % {"year": year},
    )
    return redirect("indicators:bilan", year=year)
