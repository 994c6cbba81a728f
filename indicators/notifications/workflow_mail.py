"""The e-mails the review workflow causes: a returned entry to its agent at once, and
each submission recorded for the validators' daily digest (``digests``)."""

from django.contrib.auth import get_user_model

from indicators.entry.queue import QUEUE_KIND_LABELS
from indicators.notifications import preferences
from indicators.notifications.entries import entry_facts
from indicators.notifications.mailing import build_message, send_once
from indicators.notifications.models import SubmittedEntry, Topic


def record_submission(entry) -> SubmittedEntry:
    facts = entry_facts(entry)
    return SubmittedEntry.objects.create(
        kind=facts.kind,
        entry_pk=entry.pk,
        measure_number=facts.measure_number,
        row_title=facts.row.title,
        subject=facts.subject,
        year=facts.year,
        entered_by_id=entry.entered_by_id,
    )


def notify_returned(model, pk: int, revision: int) -> bool:
    """Tell the agent who entered the entry that it came back, with the note and a link.

    Once per return: the key is the entry and the revision the return gave it.
    """
    entry = model._default_manager.filter(pk=pk).first()
    if entry is None or entry.entered_by_id is None:
        return False
    agent = get_user_model().objects.get(pk=entry.entered_by_id)
    if not preferences.wants(agent, Topic.RETURNED):
        return False
    facts = entry_facts(entry)

    def message():
        return build_message(
            agent,
            Topic.RETURNED,
            "returned",
            {
                "facts": facts,
                "kind_label": kind_label(facts.kind),
                "note": entry.review_note,
                "reviewer": entry.reviewed_by,
                "link": facts.page_url(),
            },
        )

    return send_once(agent, Topic.RETURNED, f"{facts.kind}:{pk}:{revision}", message)


def kind_label(kind: str) -> str:
    return str(QUEUE_KIND_LABELS[kind])
