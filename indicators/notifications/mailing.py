"""Building and sending one e-mail: French text and HTML parts, absolute links, an
unsubscribe link and header, and a record that makes each sending happen once."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from indicators.notifications.models import SentNotification
from indicators.notifications.tokens import unsubscribe_token

SUBJECT_PREFIX = "[Logement d'abord] "


def mail_enabled() -> bool:
    """False in a demo unless LDAPLAN_SEND_EMAIL asks: then nothing is sent or recorded
    (the demo accounts' addresses, if any, are nobody's)."""
    return not settings.LDAPLAN_DEMO or settings.LDAPLAN_SEND_EMAIL


def absolute_url(path: str) -> str:
    return settings.LDAPLAN_SITE_URL + path


def build_message(user, topic: str, template: str, context: dict) -> EmailMultiAlternatives:
    """The e-mail ``templates/emails/<template>.{txt,html}`` for ``user``, in French.

    The subject is the template's ``<template>_subject.txt``, on one line.
    """
    unsubscribe_url = absolute_url(
        reverse("notifications:unsubscribe", args=[unsubscribe_token(user, topic)])
    )
    context = {
        **context,
        "user": user,
        "site_url": settings.LDAPLAN_SITE_URL,
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": absolute_url(reverse("notifications:preferences")),
    }
    # The e-mails are French, whatever language the person who triggered them reads.
    with translation.override("fr"):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(
        # One line; the no-break spaces of French typography stay.
        subject=SUBJECT_PREFIX + " ".join(subject.splitlines()).strip(" "),
        body=text,
        to=[user.email],
        headers={
            # RFC 2369 and RFC 8058: mail programs show their own « unsubscribe » button.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # RFC 3834: no out-of-office reply to a robot.
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def send_once(user, topic: str, key: str, message_for) -> bool:
    """Send ``message_for()`` to ``user`` unless (user, topic, key) was already sent.

    The record and the sending share a transaction: a message the server refused is not
    recorded, so the next run tries it again; one that was recorded is never sent twice.
    """
    if not mail_enabled():
        return False
    if SentNotification.objects.filter(user=user, kind=topic, key=key).exists():
        return False
    with transaction.atomic():
        try:
            with transaction.atomic():
                SentNotification.objects.create(user=user, kind=topic, key=key)
        except IntegrityError:
            return False  # another process sent it meanwhile
        message_for().send()
    return True
