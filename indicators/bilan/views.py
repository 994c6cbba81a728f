"""The annual bilan page, public, and its exports, for those allowed to export.

The shaping is in ``indicators.bilan.shaping``, the writers in ``indicators.bilan.writers``;
these views fetch, check and answer.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.cache import built_for_data_version, public_page_cache, revalidated_by_data_version
from core.views import file_response, frozen_file_response
from indicators.bilan.editions import open_reporting_year, publish_edition
from indicators.bilan.errors import BilanNotFound, EmptyBilan, UnknownFormat
from indicators.bilan.export import export_bilan
from indicators.bilan.shaping import Bilan, load_bilan
from indicators.bilan.sheets import commitment_headers
from indicators.bilan.tables import bilan_table
from indicators.bilan.writers import EXPORT_FORMATS, export_format
from indicators.dashboard.views import YEAR_PARAMETER
from indicators.models import BilanEdition, BilanEditionFile, EditionError
from indicators.plans import current_plan
from measures.models import ReportingYear
from measures.plan_space import active_slug

EXPORT_PERMISSION = "indicators.export_bilan"
MANAGE_PERMISSION = "indicators.manage_reporting_years"


def page_context(request, bilan: Bilan) -> dict:
    # The stored files stay in the database until downloaded: not their content here.
    editions = list(
        BilanEdition.objects.filter(reporting_year_id=bilan.reporting_year_id).prefetch_related(
            Prefetch("files", queryset=BilanEditionFile.objects.defer("content"))
        )
    )
    return {
        "edition": editions[0] if editions else None,
        "editions": editions,
        "can_manage_years": request.user.has_perm(MANAGE_PERMISSION),
        "next_year": bilan.year + 1,
        "next_year_open": bilan.year + 1 in bilan.other_years,
        "bilan": bilan,
        "table": bilan_table(bilan),
        "commitment_headers": commitment_headers(),
        "export_formats": EXPORT_FORMATS.values(),
        "can_export": request.user.has_perm(EXPORT_PERMISSION),
        # base.html and the breadcrumb link back to the dashboard on the same year.
        "selected_year": bilan.dashboard_year,
        "year_parameter": YEAR_PARAMETER,
    }


@require_safe
def bilan_latest(request):
    """The newest published bilan (the newest opened one before any is published):
    the link every page can offer."""
    plan = current_plan()
    latest = plan and (plan.latest_published_year or plan.latest_open_year)
    if not latest:
        raise Http404(_("Aucune année de bilan n'est encore ouverte."))
    return redirect("indicators:bilan", year=latest)


@require_safe
@public_page_cache
def bilan_detail(request, year: int):
    try:
        bilan = load_bilan(year, with_other_years=True)
    except BilanNotFound as error:
        raise Http404(str(error)) from error
    return render(request, "indicators/bilan/detail.html", page_context(request, bilan))


@login_required
@permission_required(EXPORT_PERMISSION, raise_exception=True)
@require_safe
def bilan_export(request, year: int, fmt: str):
    known_format_or_404(fmt)
    edition_file = (
        BilanEditionFile.objects.select_related("edition")
        .filter(edition__reporting_year__in=ReportingYear.objects.of_year(year), format=fmt)
        .order_by("-edition__number")
        .first()
    )
    if edition_file is not None:
        # A published year's exports are its latest frozen edition.
        return frozen_file_response(request, edition_file)
    # Kept per plan: the same year of two plans is two files.
    key = f"bilan:{active_slug()}:{year}:{fmt}"
    return revalidated_by_data_version(request, key, lambda: live_export(request, year, fmt, key))


def live_export(request, year: int, fmt: str, key: str):
    """The file of a year not frozen yet, written once per data version."""
    try:
        # The files are French whoever asks (``export_bilan``): one per data version.
        exported = built_for_data_version(key, lambda: export_bilan(year, fmt))
    except (BilanNotFound, UnknownFormat) as error:
        raise Http404(str(error)) from error
    except EmptyBilan as error:
        # The page, with the reason: there is nothing to download yet.
        bilan = load_bilan(year, with_other_years=True)
        context = page_context(request, bilan) | {"export_error": str(error)}
        return render(request, "indicators/bilan/detail.html", context, status=409)
    return file_response(exported.content, exported.content_type, exported.filename)


def known_format_or_404(fmt: str) -> None:
    """Only the export formats reach the database (PostgreSQL refuses a NUL in a string)."""
    try:
        export_format(fmt)
    except UnknownFormat as error:
        raise Http404(str(error)) from error


@require_safe
def edition_file(request, year: int, number: int, fmt: str):
    """A file of a published edition: public, like the edition itself."""
    known_format_or_404(fmt)
    stored = (
        BilanEditionFile.objects.select_related("edition")
        .filter(
            edition__reporting_year__in=ReportingYear.objects.of_year(year),
            edition__number=number,
            format=fmt,
        )
        .first()
    )
    if stored is None:
        raise Http404(_("Cette édition ou ce format n'existe pas."))
    return frozen_file_response(request, stored)


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
