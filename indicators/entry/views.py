"""Staff pages: the per-measure data entry page, saving, submitting and reviewing.

Every view checks the user's rights itself (login, permission, assignment);
templates only hide what the user could not do anyway. Views fetch, check,
call the feature's modules and render or redirect: what the entry page shows is
in ``page``, the save sequence in ``saving``, the writes in ``services``, the
review queue in ``queue`` and its page in ``review``.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.entries import transition
from core.workflow import SUBMIT, EntryStatus, WorkflowError
from indicators import access
from indicators.entry import completeness, queue, services
from indicators.entry.campaign import banner_parts, campaign_of, missing_is_late
from indicators.entry.forms import IndicatorYearForm, MilestoneYearForm
from indicators.entry.kinds import entry_model, entry_row, slot_key
from indicators.entry.page import (
    WORKBOOK_LABELS,
    anchor_for,
    notice_anchor,
    render_entry_page,
)
from indicators.entry.saving import save_from_page
from indicators.entry.scopes import (
    YEAR_PARAMETER,
    back_to,
    current_plan_or_404,
    entry_years,
    measure_scope,
    plan_year_or_404,
    row_scope,
    scope_for_row,
    selected_year,
    shown_plan_measure_rows,
)
from indicators.entry.text_forms import BilanTextForm, CommitmentForm
from indicators.entry.upload_form import WorkbookUploadForm
from indicators.models import Indicator, Milestone, MilestoneYearStatus, YearTarget
from measures.markup import render_markup
from measures.models import (
    BilanEntry,
    Commitment,
    CommitmentMark,
    ReportingYear,
    ReportRow,
)

# --- Pages ----------------------------------------------------------------------------


@login_required
@require_safe
def entry_home(request):
    if not (access.can_enter_any(request.user) or access.can_review(request.user)):
        raise PermissionDenied(_("Votre compte ne permet pas la saisie."))
    plan = current_plan_or_404()
    # The year being collected, unless the agent picked another one.
    year = selected_year(request, plan)
    measures = list(
        access.entry_measures(request.user).filter(axis__plan=plan).select_related("axis")
    )
    unnumbered_rows = (
        list(ReportRow.objects.filter(measure__isnull=True, ambition__axis__plan=plan))
        if access.can_enter_all(request.user)
        else []
    )
    reporting_year = ReportingYear.objects.filter(plan=plan, year=year).first()
    board = completeness.completeness_board(plan, year, reporting_year)
    pages = {page.key: page for page in board.pages}
    mine = [
        *(pages[("measure", m.pk)] for m in measures if ("measure", m.pk) in pages),
        *(pages[("row", row.pk)] for row in unnumbered_rows if ("row", row.pk) in pages),
    ]
    campaign = campaign_of(plan, year, reporting_year)

    def shown(thing, key):
        page = pages.get(key)
        tally = page.tally if page else completeness.Tally()
        return (thing, completeness.to_fill(tally))

    return render(
        request,
        "indicators/entry/home.html",
        {
            "plan": plan,
            "selected_year": year,
            "next_year": year + 1 if year + 1 in plan.years else None,
            "collecting": year == plan.latest_open_year,
            "plan_years": list(plan.years),
            "year_parameter": YEAR_PARAMETER,
            "measures": [shown(m, ("measure", m.pk)) for m in measures],
            "unnumbered_rows": [shown(row, ("row", row.pk)) for row in unnumbered_rows],
            "my_total": completeness.total_of(mine),
            "can_review": access.can_review(request.user),
            "can_follow_campaign": access.can_follow_campaign(request.user),
            "can_manage_years": access.can_manage_years(request.user),
            "import_form": WorkbookUploadForm(auto_id="import_%s"),
            "reporting_year": reporting_year,
            "campaign_banner": banner_parts(campaign),
            "late": missing_is_late(campaign),
            "submitted_count": (
                queue.submitted_count(plan) if access.can_review(request.user) else 0
            ),
            "can_enter_all": access.can_enter_all(request.user),
            "workbook_formats": WORKBOOK_LABELS,
        },
    )


@login_required
@require_safe
def measure_entry(request, number: int):
    if request.GET.get(YEAR_PARAMETER):
        # The year is given: the plan comes with the measure's rows, one query fewer.
        rows = shown_plan_measure_rows(number)
        if rows:
            plan = rows[0].measure.axis.plan
            scope = measure_scope(request.user, plan, number, rows=rows)
            return render_entry_page(request, plan, scope, selected_year(request, plan))
    plan = current_plan_or_404()
    scope = measure_scope(request.user, plan, number)
    return render_entry_page(request, plan, scope, selected_year(request, plan))


@login_required
@require_safe
def row_entry(request, row_pk: int):
    plan = current_plan_or_404()
    scope = row_scope(request.user, plan, row_pk)
    return render_entry_page(request, plan, scope, selected_year(request, plan))


# --- Saving one form of the page --------------------------------------------------------


@login_required
@require_POST
def indicator_year_save(request, pk: int, year: int):
    plan = current_plan_or_404()
    indicator = get_object_or_404(
        Indicator.objects.select_related("report_row__measure"),
        pk=pk,
        report_row__ambition__axis__plan=plan,
    )
    scope = scope_for_row(request.user, plan, indicator.report_row)
    plan_year_or_404(plan, year)
    page_year = selected_year(request, plan)
    if year not in entry_years(plan, page_year):
        # The page of a year shows that year's values and the next year's target only.
        raise Http404(
            _("Cette année ne se saisit pas depuis la page de %(year)s.") % {"year": page_year}
        )
    published_target = YearTarget.objects.filter(
        indicator=indicator, year=year, status=EntryStatus.PUBLISHED
    ).first()
    return save_from_page(
        request,
        plan,
        scope,
        page_year,
        key=("indicator", indicator.pk, year),
        make_form=partial(
            IndicatorYearForm,
            indicator=indicator,
            year=year,
            published_target=published_target,
            with_result=year == page_year,
        ),
        save=partial(record_indicator_year, indicator, year, user=request.user),
        saved=partial(recorded_message, indicator, year),
        unit=indicator.unit_forms,
        revision_field=lambda current: (
            "target_revision" if isinstance(current, YearTarget) else "result_revision"
        ),
    )


def record_indicator_year(indicator, year: int, data: dict, *, user):
    """``services.record_year_fields`` with the cleaned data of an ``IndicatorYearForm``
    (a next year's form has no result)."""
    target = IndicatorYearForm.target_fields(data)
    has_result = data.get("result_value") is not None
    return services.record_year_fields(
        indicator,
        year,
        user=user,
        target=target if target["value"] is not None else None,
        target_revision=data["target_revision"],
        result=IndicatorYearForm.result_fields(data) if has_result else None,
        result_revision=data.get("result_revision"),
    )


def recorded_message(indicator, year: int, recorded) -> str:
    """What a save of an indicator's year wrote: its result, its target, or both, by name."""
    names = {"label": indicator.label, "year": year}
    if recorded.result and recorded.target:
        return (
            _(
                "Résultat %(year)s et objectif %(year)s de « %(label)s » "
                "enregistrés comme brouillons."
            )
            % names
        )
    if recorded.result:
        return _("Résultat %(year)s de « %(label)s » enregistré comme brouillon.") % names
    return _("Objectif %(year)s de « %(label)s » enregistré comme brouillon.") % names


@login_required
@require_POST
def milestone_year_save(request, pk: int, year: int):
    plan = current_plan_or_404()
    milestone = get_object_or_404(
        Milestone.objects.select_related("report_row__measure"),
        pk=pk,
        report_row__ambition__axis__plan=plan,
    )
    scope = scope_for_row(request.user, plan, milestone.report_row)
    plan_year_or_404(plan, year)
    return save_from_page(
        request,
        plan,
        scope,
        year,
        key=("milestone", milestone.pk, year),
        make_form=partial(MilestoneYearForm, milestone=milestone, year=year),
        save=lambda data: services.save_if_changed(
            MilestoneYearStatus,
            {"milestone": milestone, "year": year},
            {"progress": data["progress"], "note": data["note"]},
            user=request.user,
            expected_revision=data["revision"],
        ),
        saved=lambda _status: (
            _("Avancement %(year)s du jalon « %(title)s » enregistré comme brouillon.")
            % {"year": year, "title": milestone.title}
        ),
    )


@login_required
@require_POST
def bilan_text_save(request, row_pk: int, year: int):
    plan = current_plan_or_404()
    row = get_object_or_404(
        ReportRow.objects.select_related("measure"), pk=row_pk, ambition__axis__plan=plan
    )
    scope = scope_for_row(request.user, plan, row)
    reporting_year = ReportingYear.objects.filter(plan=plan, year=year).first()
    if reporting_year is None:
        raise Http404(_("L'année de bilan %(year)s n'est pas ouverte.") % {"year": year})
    return save_from_page(
        request,
        plan,
        scope,
        year,
        key=("text", row.pk, year),
        make_form=partial(BilanTextForm, report_row=row, reporting_year=reporting_year, plan=plan),
        save=lambda data: services.save_if_changed(
            BilanEntry,
            {"report_row": row, "reporting_year": reporting_year},
            # ``final_text`` is there only in the plan's last year, where the form asks it.
            {name: data[name] for name in BilanTextForm.TEXT_FIELDS if name in data},
            user=request.user,
            expected_revision=data["revision"],
        ),
        saved=lambda _text: (
            _("Textes du bilan %(year)s enregistrés comme brouillon.") % {"year": year}
        ),
        preview=lambda data: {
            "bilan": render_markup(data["bilan_text"]),
            "action_plan": render_markup(data["action_plan_text"]),
            "final": render_markup(data.get("final_text", "")),
        },
    )


@login_required
@require_POST
def commitment_save(request, pk: int):
    """Mark a commitment of the previous plan d'action: a draft mark, like any entry."""
    plan = current_plan_or_404()
    commitment = get_object_or_404(
        Commitment.objects.select_related("report_row__measure", "reporting_year"),
        pk=pk,
        reporting_year__plan=plan,
    )
    scope = scope_for_row(request.user, plan, commitment.report_row)
    return save_from_page(
        request,
        plan,
        scope,
        commitment.reporting_year.year,
        key=("commitment", commitment.pk),
        make_form=partial(CommitmentForm, commitment=commitment),
        save=lambda data: services.save_if_changed(
            CommitmentMark,
            {"commitment": commitment},
            {"outcome": data["outcome"], "comment": data["comment"]},
            user=request.user,
            expected_revision=data["revision"],
        ),
        saved=lambda _mark: (
            _("Engagement %(position)s enregistré comme brouillon.")
            % {"position": commitment.position}
        ),
    )


# --- Workflow actions -------------------------------------------------------------------


@login_required
@require_POST
def entry_submit(request, kind: str, pk: int):
    model = entry_model(kind)
    plan = current_plan_or_404()
    entry = get_object_or_404(model, pk=pk)
    scope = scope_for_row(request.user, plan, entry_row(entry))
    year = selected_year(request, plan)
    # Said next to the entry's form, where the page opens and puts the focus.
    anchor = anchor_for(slot_key(entry))
    try:
        transition(model, entry.pk, SUBMIT, user=request.user)
    except WorkflowError as error:
        messages.error(request, str(error), extra_tags=anchor)
    else:
        messages.success(request, _("Saisie soumise à validation."), extra_tags=anchor)
    return back_to(scope, year, notice_anchor(anchor))


@login_required
@require_POST
def scope_submit_all(request, number: int):
    """Submit every draft of a measure for the page's years, all or nothing."""
    plan = current_plan_or_404()
    scope = measure_scope(request.user, plan, number)
    year = selected_year(request, plan)
    rows = [row.pk for row in scope.rows]
    count = services.submit_drafts(rows, entry_years(plan, year), year, user=request.user)
    if count:
        messages.success(
            request, _("%(count)s saisie(s) soumise(s) à validation.") % {"count": count}
        )
    else:
        messages.info(request, _("Aucun brouillon à soumettre."))
    # The page's messages (base.html) get the focus: a screen reader reads them at once.
    return back_to(scope, year, "messages")
