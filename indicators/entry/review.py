"""The review queue's page: read the filters, act on the checked entries, show the queue.

What the queue shows and how a batch is applied is in ``queue``; the separation of
duties is enforced by ``core.entries.transition`` itself, for every caller.
"""

from dataclasses import dataclass
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
from indicators.entry.attachments import fill_queue_attachments
from indicators.entry.campaign import banner_parts, campaign_of
from indicators.entry.page import messages_by_anchor
from indicators.entry.queue_pages import kept_pages_query, paged_sections
from indicators.entry.text_forms import ReturnNoteForm
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


# The list a POST came from (the hidden field of each list's form), where its errors show.
SECTION_PARAMETER = "liste"
# The list an action can only come from, when the POST does not say (a returned line
# may come from either list: the submitted one unless said otherwise).
ACTION_SECTIONS = {PUBLISH: "validees"}


def posted_section(post) -> str:
    """The list (a key of ``SECTIONS``) whose form was posted."""
    section = post.get(SECTION_PARAMETER, "")
    if section in SECTIONS:
        return section
    action = queue.REVIEW_ACTIONS.get(post.get("action", ""))
    return ACTION_SECTIONS.get(action, "soumises")


def _act(request, tokens: list[str], note_form) -> list[str]:
    """Apply the posted action to ``tokens``: the French reasons it was refused (a wrong
    note is said on the field itself, in ``note_form``), none when it was done."""
    action = queue.REVIEW_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        return [_("Action inconnue.")]
    if not tokens:
        return [_("Cochez au moins une saisie.")]
    if not note_form.is_valid():
        return []
    note = note_form.cleaned_data["note"]
    if action == RETURN and not note.strip():
        # Said on the field before anything is tried (``transition`` refuses it too).
        note_form.add_error(
            "note", _("Indiquez le motif du renvoi pour que l'agent puisse reprendre.")
        )
        return []
    try:
        queue.review_batch(tokens, action, user=request.user, note=note, plan=current_plan())
    except WorkflowError as error:
        return [str(error)]  # under « Rien n'a été modifié. »
    count = len(dict.fromkeys(tokens))
    messages.success(request, DONE_MESSAGES[action] % {"count": count})
    return []


def filter_query_of(params) -> str:
    """The query string that keeps the queue's filter read from ``params`` (unknown values
    dropped): where to go back to after acting on the queue."""
    plan = current_plan()
    measures = list(Measure.objects.filter(axis__plan=plan)) if plan else []
    return _filter_query(read_filter(params, measures)[0])


# Each list's « Motif du renvoi » under its own id and label (one label per field, each
# saying which list it returns).
NOTE_IDS = {"soumises": "id_%s", "validees": "id_publish_%s"}
NOTE_LABELS = {
    "soumises": gettext_lazy("Motif du renvoi des saisies soumises"),
    "validees": gettext_lazy("Motif du renvoi des saisies validées"),
}


def return_note_form(section: str, data=None) -> ReturnNoteForm:
    form = ReturnNoteForm(data, auto_id=NOTE_IDS[section])
    form.fields["note"].label = NOTE_LABELS[section]
    return form


@dataclass(frozen=True)
class Refusal:
    """A refused action: the list it came from, why (French), its note form as typed."""

    section: str
    errors: list[str]
    note_form: ReturnNoteForm


def note_forms(refusal: Refusal | None) -> dict[str, ReturnNoteForm]:
    """Each list's note form: the refused one as typed (with its error), the other empty."""
    forms = {section: return_note_form(section) for section in NOTE_IDS}
    if refusal:
        forms[refusal.section] = refusal.note_form
    return forms


@login_required
def review_queue(request):
    # Those who may review may also publish: one permission, « review_entries ».
    if not access.can_review(request.user):
        raise PermissionDenied(_("Votre compte ne permet pas de valider les saisies."))
    if request.method != "POST":
        return queue_page(request)
    section = posted_section(request.POST)
    posted_note = return_note_form(section, request.POST)
    errors = _act(request, request.POST.getlist("entries"), posted_note)
    if not errors and not posted_note.errors:
        query = kept_pages_query(filter_query_of(request.GET), request.GET)
        # Open at the confirmation (it takes the focus), not at the refusal's anchor the
        # form posted to, which the browser would otherwise keep.
        return redirect(f"{request.path}?{query}#messages" if query else f"{request.path}#messages")
    return queue_page(request, Refusal(section, errors, posted_note))


def queue_page(request, refusal: Refusal | None = None, *, bound_threads=None):
    """The queue as the filters of the query string narrow it; after a refused POST (an
    action, or a message whose form comes back as typed in ``bound_threads``), 400."""
    plan = current_plan()
    measures = list(Measure.objects.filter(axis__plan=plan).order_by("number")) if plan else []
    queue_filter, filter_errors = read_filter(request.GET, measures)
    places = queue.queue_places(queue_filter, plan)
    filter_query = _filter_query(queue_filter)
    sections, queue_query = paged_sections(
        {name: places[status] for name, status in SECTIONS.items()}, request.GET, filter_query
    )
    # Only the lines shown are built, and get their thread.
    items = queue.queue_lines(
        {status: sections[name].lines for name, status in SECTIONS.items()}, plan
    )
    notices = messages_by_anchor(request)
    threads = exchanges.attach_threads(items, bound_threads or {}, notices)
    # Their pièces justificatives, reviewed with them: one query.
    fill_queue_attachments(items)
    select_all = SECTIONS.get(request.GET.get(SELECT_ALL_PARAMETER, ""))
    posted = request.method == "POST"
    forms = note_forms(refusal)
    return render(
        request,
        "indicators/entry/review_queue.html",
        {
            "plan": plan,
            "separation_of_duties": settings.LDAPLAN_SEPARATION_OF_DUTIES,
            "measures": measures,
            "queue_filter": queue_filter,
            "filter_errors": filter_errors,
            "filter_query": filter_query,
            # The filter and both lists' pages: where the forms and selection links lead.
            "queue_query": queue_query,
            "submitted_page": sections["soumises"],
            "validated_page": sections["validees"],
            "kind_labels": queue.QUEUE_KIND_LABELS,
            "unnumbered": queue.UNNUMBERED,
            "submitted": items[EntryStatus.SUBMITTED],
            "validated": items[EntryStatus.VALIDATED],
            "select_all": select_all,
            "campaign_banner": banner_parts(campaign_of(plan, plan and plan.latest_open_year)),
            "posted": set(request.POST.getlist("entries")),
            "note_form": forms["soumises"],
            "validated_note_form": forms["validees"],
            "refusal": refusal,
            # Every refused POST is an error page: « Erreur : » in its title.
            "page_has_errors": posted,
            # A message about a thread is shown in it; the others, at the top.
            "messages": [
                m for anchor, group in notices.items() if anchor not in threads for m in group
            ],
        },
        status=400 if posted else 200,
    )
