"""The bilan's publication: one e-mail per new edition to each subscriber."""

import logging
from smtplib import SMTPException

from django.urls import reverse
from django.utils import timezone

from indicators.models import BilanEdition
from indicators.notifications import preferences
from indicators.notifications.mailing import absolute_url, build_message, send_once
from indicators.notifications.models import Topic

logger = logging.getLogger(__name__)


def notify_edition(edition_pk: int) -> int:
    """Mail the edition to its subscribers; how many were sent (none twice)."""
    edition = BilanEdition.objects.select_related("reporting_year").filter(pk=edition_pk).first()
    if edition is None:
        return 0
    year = edition.reporting_year.year
    context = {
        "edition": edition,
        "edition_day": timezone.localdate(edition.published_at),
        "year": year,
        "next_year": year + 1,
        "link": absolute_url(reverse("indicators:bilan", args=[year])),
    }
    sent = 0
    for user in preferences.recipients(Topic.BILAN_PUBLISHED):
        try:
            sent += send_once(
                user,
                Topic.BILAN_PUBLISHED,
                f"edition:{edition.pk}",
                lambda user=user: build_message(
                    user, Topic.BILAN_PUBLISHED, "bilan_published", context
                ),
            )
        except (OSError, SMTPException):
            # One refused address must not deprive the other subscribers; this one is
            # not recorded as sent.
            logger.exception("Bilan edition %s: e-mail to user %s not sent", edition.pk, user.pk)
    return sent
