"""« Bilan final » of the plan: what each measure's indicators achieved over the whole plan,
as a page for everyone and as files for those allowed to export.

Published values only, whoever reads: the page tells the plan's public story. Before the
plan's last year is published it is labelled provisional (its figures stop at the latest
published bilan and will change), never hidden: nobody lands on a dead end.
"""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.cache import public_page_cache
from indicators.bilan import final
from indicators.bilan.final_export import FINAL_FORMATS, final_file_name
from indicators.bilan.final_shaping import axes_with_their_rows, load_final_bilan
from indicators.bilan.views import EXPORT_PERMISSION, file_response
from indicators.dashboard.views import base_context
from indicators.plan_outcome import PARTLY_ATTAINED_FROM
from indicators.plans import clamped_to_plan, current_plan

NO_QUERY_STRING = {}


def _plan():
    plan = current_plan()
    if plan is None:
        raise Http404(_("Aucun plan n'est chargé."))
    return plan


def _sections(bilan):
    """Axis → ambition → (line of the bilan, its indicators' table or None)."""
    return [
        (
            axis,
            [
                (
                    ambition,
                    [
                        (
                            line,
                            final.FinalTable(
                                line.items,
                                caption=_("Indicateurs de « %(title)s » à la fin du plan")
                                % {"title": line.title},
                            )
                            if line.items
                            else None,
                        )
                        for line in ambition.lines
                    ],
                )
                for ambition in axis.ambitions
            ],
        )
        for axis in bilan.axes
    ]


@require_safe
@public_page_cache(reads=NO_QUERY_STRING)
def final_bilan(request):
    plan = _plan()
    axes = axes_with_their_rows(plan)
    bilan = load_final_bilan(plan, axes)
    items = bilan.items
    context = base_context(
        request, plan, clamped_to_plan(plan, plan.latest_published_year), axes
    ) | {
        "plan_years": None,
        "bilan": bilan,
        "sections": _sections(bilan),
        "status_counts": final.status_counts(items),
        "summary": final.summary_sentence(items),
        "partly_attained_from": int(PARTLY_ATTAINED_FROM * 100),
        "export_formats": FINAL_FORMATS.values(),
        "can_export": request.user.has_perm(EXPORT_PERMISSION),
    }
    return render(request, "indicators/bilan/final.html", context)


@login_required
@permission_required(EXPORT_PERMISSION, raise_exception=True)
@require_safe
def final_bilan_export(request, fmt: str):
    export = FINAL_FORMATS.get(fmt)
    if export is None:
        raise Http404(
            _("Format d'export inconnu : « %(name)s ». Formats possibles : %(names)s.")
            % {"name": fmt[:20], "names": ", ".join(FINAL_FORMATS)}
        )
    plan = _plan()
    bilan = load_final_bilan(plan, axes_with_their_rows(plan))
    return file_response(export.write(bilan), export.content_type, final_file_name(bilan, fmt))
