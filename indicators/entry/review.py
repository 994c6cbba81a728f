"""The review queue's page: read the filters, act on the checked entries, show the queue.

What the queue shows and how a batch is applied is in ``queue``; the separation of
duties is enforced by ``core.entries.transition`` itself, for every caller.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.workflow import PUBLISH, RETURN, VALIDATE, EntryStatus, WorkflowError
from indicators import access
from indicators.entry import exchanges, queue
from indicators.entry.campaign import banner_parts, campaign_of
from indicators.entry.forms import ReturnNoteForm
from indicators.entry.page import messages_by_anchor
from indicators.plans import current_plan
from measures.models import Measure

MEASURE_PARAMETER = "mesure"
KIND_PARAMETER = "type"
# « Tout sélectionner » without JavaScript: the page comes back with a list's boxes checked.
SELECT_ALL_PARAMETER = "tout"
SECTIONS = {"soumises": EntryStatus.SUBMITTED, "validees": EntryStatus.VALIDATED}

DONE_MESSAGES = {
    VALIDATE: gettext_lazy("%(count)s saisie(s) validée(s)."),
    PUBLISH: gettext_lazy("%(count)s saisie(s) publiée(s)."),
    queue.VALIDATE_AND_PUBLISH: gettext_lazy("%(count)s saisie(s) validée(s) et publiée(s)."),
    RETURN: gettext_lazy("%(count)s saisie(s) renvoyée(s) pour reprise."),
}


def read_filter(params, measures: list[Measure]) -> tuple[queue.QueueFilter, list[str]]:
    """The queue's filter from the query string, and a French message for each value
    ignored (an unknown measure or kind shows the whole queue, never an error page)."""
    errors = []
    measure = params.get(MEASURE_PARAMETER, "")
    if measure == queue.UNNUMBERED:
        pass
    elif measure.isascii() and measure.isdigit() and len(measure) <= 4:
        measure = int(measure)
        if measure not in {m.number for m in measures}:
            errors.append(_("Mesure inconnue : le filtre par mesure est ignoré."))
            measure = None
    elif measure:
        errors.append(_("Mesure inconnue : le filtre par mesure est ignoré."))
        measure = None
    kind = params.get(KIND_PARAMETER, "")
    if kind and kind not in queue.QUEUE_KIND_LABELS:
        errors.append(_("Sorte de saisie inconnue : le filtre par sorte est ignoré."))
        kind = ""
    return queue.QueueFilter(measure=measure or None, kind=kind or None), errors


def _filter_query(queue_filter: queue.QueueFilter) -> str:
    """The query string that keeps ``queue_filter`` (empty when there is none)."""
    params = {MEASURE_PARAMETER: queue_filter.measure, KIND_PARAMETER: queue_filter.kind}
    return urlencode({name: value for name, value in params.items() if value is not None})


def _act(request, tokens: list[str], note_form) -> bool:
    """Apply the posted action to ``tokens``; True when it was done, with its message."""
    action = queue.REVIEW_ACTIONS.get(request.POST.get("action", ""))
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
            count = len(dict.fromkeys(tokens))
            messages.success(request, DONE_MESSAGES[action] % {"count": count})
            return True
    return False


def filter_query_of(params) -> str:
    """The query string that keeps the queue's filter read from ``params`` (unknown values
    dropped): where to go back to after acting on the queue."""
    plan = current_plan()
    measures = list(Measure.objects.filter(axis__plan=plan)) if plan else []
    return _filter_query(read_filter(params, measures)[0])


@login_required
def review_queue(request):
    # Those who may review may also publish: one permission, « review_entries ».
    if not access.can_review(request.user):
        raise PermissionDenied(_("Votre compte ne permet pas de valider les saisies."))
    note_form = ReturnNoteForm(request.POST or None)
    if request.method == "POST" and _act(request, request.POST.getlist("entries"), note_form):
        query = filter_query_of(request.GET)
        return redirect(f"{request.path}?{query}" if query else request.path)
    return queue_page(request, note_form)


def queue_page(request, note_form=None, *, bound_threads=None):
    """The queue as the filters of the query string narrow it; after a refused POST (an
    action, or a message whose form comes back as typed in ``bound_threads``), 400."""
    plan = current_plan()
    measures = list(Measure.objects.filter(axis__plan=plan).order_by("number")) if plan else []
    queue_filter, filter_errors = read_filter(request.GET, measures)
    items = queue.review_items(queue_filter)
    notices = messages_by_anchor(request)
    threads = exchanges.attach_threads(items, bound_threads or {}, notices)
    select_all = SECTIONS.get(request.GET.get(SELECT_ALL_PARAMETER, ""))
    posted = request.POST if request.method == "POST" else None
    return render(
        request,
        "indicators/entry/review_queue.html",
        {
            "plan": plan,
            "separation_of_duties": settings.LDAPLAN_SEPARATION_OF_DUTIES,
            "measures": measures,
            "queue_filter": queue_filter,
            "filter_errors": filter_errors,
            "filter_query": _filter_query(queue_filter),
            "kind_labels": queue.QUEUE_KIND_LABELS,
            "unnumbered": queue.UNNUMBERED,
            "submitted": items[EntryStatus.SUBMITTED],
            "validated": items[EntryStatus.VALIDATED],
            "select_all": select_all,
            "campaign_banner": banner_parts(campaign_of(plan, plan and plan.latest_open_year)),
            "posted": set(request.POST.getlist("entries")),
            "note_form": note_form or ReturnNoteForm(),
            # The same field in the second form, under its own id (one label per field).
            "validated_note_form": ReturnNoteForm(posted, auto_id="id_publish_%s"),
            # A message about a thread is shown in it; the others, at the top.
            "messages": [
                m for anchor, group in notices.items() if anchor not in threads for m in group
            ],
        },
        status=400 if posted is not None else 200,
    )
