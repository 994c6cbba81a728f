"""Staff pages: the per-measure data entry page, saving, submitting and reviewing.

Every view checks the user's rights itself (login, permission, assignment);
templates only hide what the user could not do anyway.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.entries import EntryConflict, save_entry, transition
from core.formatting import format_quantity
from core.workflow import (
    SUBMIT,
    EntryStatus,
    WorkflowError,
)
from indicators import access
from indicators.entry import queue
from indicators.entry.forms import (
    BilanTextForm,
    CommitmentForm,
    IndicatorYearForm,
    MilestoneYearForm,
    ReturnNoteForm,
)
from indicators.entry.kinds import entry_model, entry_row
from indicators.entry.page import render_entry_page
from indicators.entry.scopes import (
    YEAR_PARAMETER,
    back_to,
    current_plan_or_404,
    entry_years,
    measure_scope,
    newest_plan_measure_rows,
    plan_year_or_404,
    row_scope,
    scope_for_row,
    selected_year,
)
from indicators.entry.services import record_year
from indicators.models import Indicator, Milestone, MilestoneYearStatus, YearResult, YearTarget
from measures.markup import render_markup
from measures.models import (
    BilanEntry,
    Commitment,
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
    year = selected_year(request, plan)
    measures = list(
        access.entry_measures(request.user).filter(axis__plan=plan).select_related("axis")
    )
    unnumbered_rows = (
        list(ReportRow.objects.filter(measure__isnull=True, ambition__axis__plan=plan))
        if access.can_enter_all(request.user)
        else []
    )
    return render(
        request,
        "indicators/entry/home.html",
        {
            "plan": plan,
            "selected_year": year,
            "plan_years": list(plan.years),
            "year_parameter": YEAR_PARAMETER,
            "measures": measures,
            "unnumbered_rows": unnumbered_rows,
            "can_review": access.can_review(request.user),
            "submitted_count": queue.submitted_count() if access.can_review(request.user) else 0,
        },
    )


@login_required
@require_safe
def measure_entry(request, number: int):
    if request.GET.get(YEAR_PARAMETER):
        # The year is given: the plan comes with the measure's rows, one query fewer.
        rows = newest_plan_measure_rows(number)
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


def conflict_message(current, unit: str = "") -> str:
    if current is None:
        return _("Quelqu'un d'autre a modifié cette saisie entre-temps. Rechargez la page.")
    who = current.entered_by.get_username() if current.entered_by else _("un autre agent")
    value = getattr(current, "value", None)
    shown = format_quantity(value, unit) if value is not None else ""
    if not shown:
        shown = getattr(current, "progress", "") or _("ses textes")
    return _(
        "Quelqu'un d'autre (%(who)s) a enregistré entre-temps : %(value)s (état : %(status)s). "
        "Votre saisie n'a pas été enregistrée ; elle est restée dans le formulaire : "
        "enregistrez-la à nouveau pour remplacer cette valeur."
    ) % {"who": who, "value": shown, "status": current.get_status_display()}


def rebound_with_revision(form, field_name: str, revision):
    """The user's input kept, with the revision they have now seen."""
    data = form.data.copy()
    data[form.add_prefix(field_name)] = revision or ""
    return data


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
    published_target = YearTarget.objects.filter(
        indicator=indicator, year=year, status=EntryStatus.PUBLISHED
    ).first()
    form = IndicatorYearForm(
        request.POST, indicator=indicator, year=year, published_target=published_target
    )
    key = ("indicator", indicator.pk, year)
    if not form.is_valid():
        return render_entry_page(request, plan, scope, page_year, bound={key: form})
    data = form.cleaned_data
    try:
        record_year(
            indicator,
            year,
            user=request.user,
            target=data["target_value"],
            target_comparator=data["target_comparator"],
            target_revision=data["target_revision"],
            change_reason=data["change_reason"],
            change_comment=data["change_comment"],
            result=data["result_value"],
            result_revision=data["result_revision"],
            as_of=data["result_as_of"],
            source=data["result_source"],
            comment=data["result_comment"],
        )
    except EntryConflict as conflict:
        field_name = (
            "target_revision" if isinstance(conflict.current, YearTarget) else "result_revision"
        )
        revision = (
            conflict.current.revision if conflict.current and conflict.current.is_open else None
        )
        rebound = IndicatorYearForm(
            rebound_with_revision(form, field_name, revision),
            indicator=indicator,
            year=year,
            published_target=published_target,
        )
        rebound.is_valid()
        return render_entry_page(
            request,
            plan,
            scope,
            page_year,
            bound={key: rebound},
            conflict=(key, conflict_message(conflict.current, indicator.unit)),
        )
    except (ValidationError, WorkflowError) as error:
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        return render_entry_page(request, plan, scope, page_year, bound={key: form})
    messages.success(
        request,
        _("Brouillon enregistré : %(label)s, %(year)s.") % {"label": indicator.label, "year": year},
    )
    return back_to(scope, page_year, f"indicateur-{indicator.pk}")


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
    form = MilestoneYearForm(request.POST, milestone=milestone, year=year)
    key = ("milestone", milestone.pk, year)
    if not form.is_valid():
        return render_entry_page(request, plan, scope, year, bound={key: form})
    data = form.cleaned_data
    try:
        save_entry(
            MilestoneYearStatus,
            {"milestone": milestone, "year": year},
            {"progress": data["progress"], "note": data["note"]},
            user=request.user,
            expected_revision=data["revision"],
        )
    except EntryConflict as conflict:
        revision = (
            conflict.current.revision if conflict.current and conflict.current.is_open else None
        )
        rebound = MilestoneYearForm(
            rebound_with_revision(form, "revision", revision), milestone=milestone, year=year
        )
        rebound.is_valid()
        return render_entry_page(
            request,
            plan,
            scope,
            year,
            bound={key: rebound},
            conflict=(key, conflict_message(conflict.current)),
        )
    except (ValidationError, WorkflowError) as error:
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        return render_entry_page(request, plan, scope, year, bound={key: form})
    messages.success(
        request, _("Brouillon enregistré : jalon « %(title)s ».") % {"title": milestone.title}
    )
    return back_to(scope, year, f"jalon-{milestone.pk}")


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
    form = BilanTextForm(request.POST, report_row=row, reporting_year=reporting_year)
    key = ("text", row.pk, year)
    if not form.is_valid():
        return render_entry_page(request, plan, scope, year, bound={key: form})
    data = form.cleaned_data
    if "preview" in request.POST:
        preview = {
            "bilan": render_markup(data["bilan_text"]),
            "action_plan": render_markup(data["action_plan_text"]),
        }
        return render_entry_page(
            request, plan, scope, year, bound={key: form}, preview=(key, preview)
        )
    try:
        save_entry(
            BilanEntry,
            {"report_row": row, "reporting_year": reporting_year},
            {"bilan_text": data["bilan_text"], "action_plan_text": data["action_plan_text"]},
            user=request.user,
            expected_revision=data["revision"],
        )
    except EntryConflict as conflict:
        revision = (
            conflict.current.revision if conflict.current and conflict.current.is_open else None
        )
        rebound = BilanTextForm(
            rebound_with_revision(form, "revision", revision),
            report_row=row,
            reporting_year=reporting_year,
        )
        rebound.is_valid()
        return render_entry_page(
            request,
            plan,
            scope,
            year,
            bound={key: rebound},
            conflict=(key, conflict_message(conflict.current)),
        )
    except (ValidationError, WorkflowError) as error:
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        return render_entry_page(request, plan, scope, year, bound={key: form})
    messages.success(
        request, _("Brouillon enregistré : textes du bilan %(year)s.") % {"year": year}
    )
    return back_to(scope, year, f"texte-{row.pk}")


@login_required
@require_POST
def commitment_save(request, pk: int):
    """Mark a commitment of the previous plan d'action: no lost update either."""
    plan = current_plan_or_404()
    commitment = get_object_or_404(
        Commitment.objects.select_related("report_row__measure", "reporting_year"),
        pk=pk,
        reporting_year__plan=plan,
    )
    scope = scope_for_row(request.user, plan, commitment.report_row)
    year = commitment.reporting_year.year
    form = CommitmentForm(request.POST, commitment=commitment)
    key = ("commitment", commitment.pk)
    if not form.is_valid():
        return render_entry_page(request, plan, scope, year, bound={key: form})
    data = form.cleaned_data
    with transaction.atomic():
        claimed = Commitment.objects.filter(pk=commitment.pk, revision=data["revision"]).update(
            revision=data["revision"] + 1
        )
        if not claimed:
            form.add_error(
                None,
                _(
                    "Quelqu'un d'autre a modifié cet engagement entre-temps : rechargez la page "
                    "avant d'enregistrer."
                ),
            )
            return render_entry_page(request, plan, scope, year, bound={key: form})
        commitment.refresh_from_db()
        commitment.outcome = data["outcome"]
        commitment.comment = data["comment"]
        commitment.full_clean()
        commitment.save()
    messages.success(request, _("Engagement enregistré."))
    return back_to(scope, year, f"engagement-{commitment.pk}")


# --- Workflow actions -------------------------------------------------------------------


@login_required
@require_POST
def entry_submit(request, kind: str, pk: int):
    model = entry_model(kind)
    plan = current_plan_or_404()
    entry = get_object_or_404(model, pk=pk)
    scope = scope_for_row(request.user, plan, entry_row(entry))
    year = selected_year(request, plan)
    try:
        transition(model, entry.pk, SUBMIT, user=request.user)
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saisie soumise à validation."))
    return back_to(scope, year)


@login_required
@require_POST
def scope_submit_all(request, number: int):
    """Submit every draft of a measure for the page's years, all or nothing."""
    plan = current_plan_or_404()
    scope = measure_scope(request.user, plan, number)
    year = selected_year(request, plan)
    years = entry_years(plan, year)
    rows = [row.pk for row in scope.rows]
    drafts = [
        *YearResult.objects.filter(indicator__report_row__in=rows, year__in=years),
        *YearTarget.objects.filter(indicator__report_row__in=rows, year__in=years),
        *MilestoneYearStatus.objects.filter(milestone__report_row__in=rows, year=year),
        *BilanEntry.objects.filter(report_row__in=rows, reporting_year__year=year),
    ]
    drafts = [d for d in drafts if d.status in (EntryStatus.DRAFT, EntryStatus.RETURNED)]
    with transaction.atomic():
        for draft in drafts:
            transition(type(draft), draft.pk, SUBMIT, user=request.user)
    if drafts:
        messages.success(
            request, _("%(count)s saisie(s) soumise(s) à validation.") % {"count": len(drafts)}
        )
    else:
        messages.info(request, _("Aucun brouillon à soumettre."))
    return back_to(scope, year)


@login_required
def review_queue(request):
    if not access.can_review(request.user):
        raise PermissionDenied(_("Votre compte ne permet pas de valider les saisies."))
    note_form = ReturnNoteForm(request.POST or None)
    if request.method == "POST":
        action = queue.REVIEW_ACTIONS.get(request.POST.get("action", ""))
        tokens = request.POST.getlist("entries")
        if action is None:
            messages.error(request, _("Action inconnue."))
        elif not tokens:
            messages.error(request, _("Cochez au moins une saisie."))
        elif note_form.is_valid():
            try:
                queue.review_batch(
                    tokens, action, user=request.user, note=note_form.cleaned_data["note"]
                )
            except WorkflowError as error:
                messages.error(request, _("Rien n'a été modifié : %(error)s") % {"error": error})
            else:
                messages.success(
                    request, _("%(count)s saisie(s) traitée(s).") % {"count": len(tokens)}
                )
                return redirect("entry:review")
    return render(
        request,
        "indicators/entry/review_queue.html",
        {
            "submitted": queue.review_items([EntryStatus.SUBMITTED]),
            "validated": queue.review_items([EntryStatus.VALIDATED]),
            "note_form": note_form,
            # The same field in the second form, under its own id (one label per field).
            "validated_note_form": ReturnNoteForm(request.POST or None, auto_id="id_publish_%s"),
        },
        status=400 if request.method == "POST" else 200,
    )
