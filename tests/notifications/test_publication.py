"""The bilan's publication: one e-mail per edition to each subscriber."""

import pytest
from django.core import mail
from django.utils import timezone

from indicators import roles
from indicators.models import BilanEdition
from indicators.notifications.models import NotificationPreferences
from tests.notifications.campaign import person

pytestmark = pytest.mark.django_db


def _edition(campaign, number=1):
    return BilanEdition.objects.create(
        reporting_year=campaign.year,
        number=number,
        published_at=timezone.now(),
        snapshot={},
        table_html="",
    )


def test_a_new_edition_mails_staff_and_the_partners_who_asked_once(
    campaign, django_capture_on_commit_callbacks
):
    asked = person("paula", roles.PARTNERS)
    person("pierre", roles.PARTNERS)  # never asked
    NotificationPreferences.objects.create(
        user=asked, returned_entries=False, reminders=False, digest="off", bilan_published=True
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _edition(campaign)
    notice = next(c for c in callbacks if c.__name__ == "send_edition_notices")
    notice()  # run again: nobody is mailed twice for one edition
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == [
        "agathe@exemple.paris.fr",
        "bruno@exemple.paris.fr",
        "paula@exemple.paris.fr",
        "valerie@exemple.paris.fr",
        "victor@exemple.paris.fr",
    ]
    message = mail.outbox[0]
    assert message.subject == "[Logement d'abord] Le bilan 2023 & perspectives 2024 est publié"
    assert "https://ldaplan.exemple.fr/bilan/2023/" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        _edition(campaign, number=2)
    assert len(mail.outbox) == 10
    assert "édition n°" in mail.outbox[-1].subject
