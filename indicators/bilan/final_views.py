"""« Bilan final » of the plan: what each measure's indicators achieved over the whole plan,
as a page for everyone and as files for those allowed to export.

Published values only, whoever reads: the page tells the plan's public story. Before the
plan's last year is published it is labelled provisional (its figures stop at the latest
published bilan and will change), never hidden: nobody lands on a dead end.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.cache import built_for_data_version, public_page_cache, revalidated_by_data_version
from core.views import file_response, frozen_file_response
from indicators.bilan import final
from indicators.bilan.errors import UnknownFormat
from indicators.bilan.final_editions import body_context, publish_final_edition
from indicators.bilan.final_export import FINAL_FORMATS, final_file_name
from indicators.bilan.final_shaping import axes_with_their_rows, load_final_bilan
from indicators.bilan.views import EXPORT_PERMISSION, MANAGE_PERMISSION
from indicators.bilan.writers import format_named
from indicators.dashboard.views import base_context
from indicators.models import EditionError, FinalBilanEdition, FinalBilanEditionFile
from indicators.plans import clamped_to_plan, current_plan
from measures.plan_space import plan_addresses

NO_QUERY_STRING = {}


def _plan():
    plan = current_plan()
    if plan is None:
        raise Http404(_("Aucun plan n'est chargé."))
    return plan


def _editions(plan) -> list:
    # The stored files stay in the database until downloaded: not their content here.
    return list(
        FinalBilanEdition.objects.filter(plan=plan).prefetch_related(
            Prefetch("files", queryset=FinalBilanEditionFile.objects.defer("content"))
        )
    )


@require_safe
@public_page_cache(reads=NO_QUERY_STRING)
def final_bilan(request):
    plan = _plan()
    axes = axes_with_their_rows(plan)
    bilan = load_final_bilan(plan, axes)
    editions = _editions(plan)
    context = base_context(
        request, plan, clamped_to_plan(plan, plan.latest_published_year), axes
    ) | body_context(bilan, final.final_sections(bilan))
    context |= {
        "plan_years": None,
        "edition": editions[0] if editions else None,
        "editions": editions,
        "export_formats": FINAL_FORMATS.values(),
        "can_export": request.user.has_perm(EXPORT_PERMISSION),
        "can_publish": request.user.has_perm(MANAGE_PERMISSION),
    }
    return render(request, "indicators/bilan/final.html", context)


@login_required
@permission_required(MANAGE_PERMISSION, raise_exception=True)
@require_POST
def publish_final_bilan(request):
    plan = _plan()
    note = request.POST.get("note", "").strip()[:300]
    try:
        edition = publish_final_edition(plan, user=request.user, note=note)
    except EditionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Édition n° %(number)s du bilan final publiée.") % {"number": edition.number},
        )
    return redirect(reverse("indicators:bilan_final") + "#messages")


@require_safe
def final_edition_file(request, number: int, fmt: str):
    """A file of a published edition of the final bilan: public, like the edition."""
    if fmt not in FINAL_FORMATS:
        raise Http404(_("Cette édition ou ce format n'existe pas."))
    plan = _plan()
    stored = (
        FinalBilanEditionFile.objects.select_related("edition")
        .filter(edition__plan=plan, edition__number=number, format=fmt)
        .first()
    )
    if stored is None:
        raise Http404(_("Cette édition ou ce format n'existe pas."))
    return frozen_file_response(request, stored)


@login_required
@permission_required(EXPORT_PERMISSION, raise_exception=True)
@require_safe
def final_bilan_export(request, fmt: str):
    try:
        export = format_named(FINAL_FORMATS, fmt)
    except UnknownFormat as error:
        raise Http404(str(error)) from error
    plan = _plan()

    def written() -> tuple[bytes, str]:
        bilan = load_final_bilan(plan, axes_with_their_rows(plan))
        # Its links name the plan's own pages, whichever plan is current when it is read.
        with plan_addresses(plan.slug):
            return export.write(bilan), final_file_name(bilan, fmt)

    # Written in the reader's language (the frozen editions are the French ones).
    key = f"bilan-final:{plan.pk}:{fmt}:{get_language()}"

    def respond():
        content, filename = built_for_data_version(key, written)
        return file_response(content, export.content_type, filename)

    return revalidated_by_data_version(request, key, respond)
