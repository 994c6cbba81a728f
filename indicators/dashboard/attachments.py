"""The pièces justificatives of a measure page: the count its staff see, the list its readers may
download.

The counts come with the page's report rows, as subqueries of the query that fetches them:
a measure without a pièce its reader may have costs no query more. Only when there are
some is their list read (one query, and one per kind of entry they belong to).
"""

from dataclasses import dataclass

from django.db.models import F, Func, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from indicators import access
from indicators.history import entry_subject, with_entries
from indicators.models import Attachment
from indicators.models.attachments import entries_where


def this_row() -> OuterRef:
    """The report row of the query the counts are subqueries of (two levels out: the
    entries' subquery is inside the attachments')."""
    return OuterRef(OuterRef("pk"))


def _count(attachments) -> Coalesce:
    counted = attachments.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def is_staff(user) -> bool:
    """Who may enter or review: told from the permissions alone (no query of its own)."""
    return access.can_enter_any(user) or access.can_review(user)


def with_attachment_counts(report_rows, user):
    """The rows with ``readable_attachments`` (what ``user`` may download as a reader),
    and for staff ``all_attachments`` (every pièce of the row's entries, in any state)."""
    counts = {
        "readable_attachments": _count(Attachment.objects.readable_by(user, exact=this_row()))
    }
    if is_staff(user):
        counts["all_attachments"] = _count(
            Attachment.objects.filter(entries_where(exact=this_row()))
        )
    return report_rows.annotate(**counts)


@dataclass(frozen=True)
class ShownAttachment:
    key: str
    title: str
    subject: str
    extension: str
    size: int
    visibility: str


def measure_attachments(user, measure, report_rows) -> dict:
    """The page's ``attachment_count`` (for who may read the measure's history, else None)
    and ``readable_attachments``, from rows fetched ``with_attachment_counts``."""
    count = None
    if is_staff(user) and access.can_read_history(user, measure):
        count = sum(row.all_attachments for row in report_rows)
    readable = []
    if any(row.readable_attachments for row in report_rows):
        attachments = with_entries(
            Attachment.objects.readable_by(user, measure=measure).select_related("content_type")
        )
        readable = [
            ShownAttachment(
                key=str(a.key),
                title=a.title,
                subject=entry_subject(a.entry),
                extension=a.extension,
                size=a.size,
                visibility=a.get_visibility_display(),
            )
            for a in attachments
            if a.entry is not None
        ]
    return {"attachment_count": count, "readable_attachments": readable}
