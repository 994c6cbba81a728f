"""The bilan's publication: one e-mail per new edition to each subscriber."""

from django.urls import reverse
from django.utils import timezone

from indicators.models import BilanEdition
from indicators.notifications import preferences
from indicators.notifications.mailing import absolute_url, build_message, send_once
from indicators.notifications.models import Topic


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
        sent += send_once(
            user,
            Topic.BILAN_PUBLISHED,
            f"edition:{edition.pk}",
            lambda user=user: build_message(
                user, Topic.BILAN_PUBLISHED, "bilan_published", context
            ),
        )
    return sent
