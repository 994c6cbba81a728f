"""The validators' daily digest: one e-mail per person per day listing every entry
submitted that day, never one per value. ``manage.py send_digests`` sends it.

The submissions it lists are kept ``SUBMISSIONS_KEPT_DAYS`` days before the day sent,
so that a missed day can still be sent later, then forgotten by the next run (the
entries themselves and their history stay).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from indicators.notifications import preferences
from indicators.notifications.mailing import absolute_url, build_message, send_once
from indicators.notifications.models import SubmittedEntry, Topic
from indicators.notifications.workflow_mail import kind_label

# How long a submission waits in the digest's table: a month of missed runs.
SUBMISSIONS_KEPT_DAYS = 31


@dataclass
class DigestReport:
    day: date
    items: list = field(default_factory=list)
    # (user, sent): sent is False for a digest already sent (or, dry run, not sent).
    recipients: list = field(default_factory=list)
    # Submissions older than SUBMISSIONS_KEPT_DAYS forgotten by this run.
    forgotten: int = 0


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The day from midnight to midnight, in the site's time zone (Paris)."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def submitted_on(day: date) -> list[SubmittedEntry]:
    start, end = day_bounds(day)
    return list(
        SubmittedEntry.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
        .select_related("entered_by")
        .order_by("measure_number", "kind", "year", "submitted_at", "pk")
    )


def send_digests(day: date, *, dry_run: bool = False) -> DigestReport:
    """Send the digest of ``day`` to each validator who wants it; idempotent."""
    report = DigestReport(day=day, items=submitted_on(day))
    if not dry_run:
        report.forgotten = forget_old_submissions(day)
    if not report.items:
        return report
    lines = [
        {
            "kind": kind_label(item.kind),
            "measure_number": item.measure_number,
            "row_title": item.row_title,
            "subject": item.subject,
            "year": item.year,
            "who": item.entered_by.get_username() if item.entered_by else "",
        }
        for item in report.items
    ]
    context = {"day": day, "lines": lines, "link": absolute_url(reverse("entry:review"))}
    for user in preferences.recipients(Topic.DIGEST):
        if dry_run:
            report.recipients.append((user, False))
            continue
        sent = send_once(
            user,
            Topic.DIGEST,
            day.isoformat(),
            lambda user=user: build_message(user, Topic.DIGEST, "digest", context),
        )
        report.recipients.append((user, sent))
    return report


def forget_old_submissions(day: date) -> int:
    """Delete the submissions recorded more than ``SUBMISSIONS_KEPT_DAYS`` before ``day``."""
    start, _end = day_bounds(day - timedelta(days=SUBMISSIONS_KEPT_DAYS))
    deleted, _by_model = SubmittedEntry.objects.filter(submitted_at__lt=start).delete()
    return deleted
