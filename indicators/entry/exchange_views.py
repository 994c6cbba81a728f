"""Posting a message to an entry's internal thread (« Échanges »), from the entry page
or from the review queue, and going back to it, at the thread."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators import access
from indicators.entry import exchanges, review
from indicators.entry.page import render_entry_page
from indicators.entry.queue_pages import kept_pages_query
from indicators.entry.scopes import back_to, current_plan_or_404, scope_for_row, selected_year

# The hidden field of the queue's thread forms: after posting, back to the queue.
BACK_TO_QUEUE = "validation"


@login_required
@require_POST
def post_exchange(request, kind: str, pk: int, year: int | None = None):
    plan = current_plan_or_404()
    subject = exchanges.resolve_subject(plan, kind, pk, year)
    if not exchanges.may_take_part(request.user, subject.row):
        raise PermissionDenied(_("Vous ne prenez pas part aux échanges sur cette saisie."))
    # Back to the queue when posted from it (reviewers only: the others may not open it),
    # or when the user has no entry page for this row (a reviewer who enters no measure).
    enters_row = access.can_enter_row(request.user, subject.row)
    from_queue = not enters_row or (
        request.POST.get("retour") == BACK_TO_QUEUE and access.can_review(request.user)
    )
    form = exchanges.message_form(
        subject.key, subject.phrase, request.POST, outside_form=from_queue
    )
    if not form.is_valid():
        if from_queue:
            return review.queue_page(request, bound_threads={subject.key: form})
        scope = scope_for_row(request.user, plan, subject.row)
        year = selected_year(request, plan)
        return render_entry_page(request, plan, scope, year, bound={subject.key: form})
    exchanges.post_message(
        subject.key,
        author=request.user,
        text=form.cleaned_data["text"],
        reporting_year_id=subject.reporting_year_id,
    )
    messages.success(request, _("Message ajouté aux échanges."), extra_tags=subject.key.anchor)
    if from_queue:
        query = kept_pages_query(review.filter_query_of(request.GET), request.GET)
        url = reverse("entry:review") + (f"?{query}" if query else "")
        return redirect(f"{url}#{subject.key.anchor}")
    scope = scope_for_row(request.user, plan, subject.row)
    return back_to(scope, selected_year(request, plan), subject.key.anchor)
