"""The bilan's publication: one e-mail per edition to each subscriber."""

from smtplib import SMTPRecipientsRefused

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.utils import timezone

from indicators import roles
from indicators.models import BilanEdition
from indicators.notifications.models import NotificationPreferences, SentNotification
from indicators.notifications.publication import notify_edition
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


def test_an_address_the_server_refuses_does_not_deprive_the_other_subscribers(
    campaign, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.notifications.test_publication.RefusesBruno"
    edition = _edition(campaign)
    assert notify_edition(edition.pk) == 3  # agathe, valerie, victor; not bruno
    assert sorted(SentNotification.objects.values_list("user__username", flat=True)) == [
        "agathe",
        "valerie",
        "victor",
    ]
    assert "not sent" in caplog.text


class RefusesBruno(locmem.EmailBackend):
    def send_messages(self, messages):
        if any("bruno" in address for message in messages for address in message.to):
            raise SMTPRecipientsRefused({"bruno@exemple.paris.fr": (550, b"unknown")})
        return super().send_messages(messages)
