"""The signals the e-mails listen to: the workflow's transitions and a new bilan edition.

Each e-mail goes once the transaction has committed: a change that is rolled back
sends nothing, and the mail server never holds a database lock. The callbacks are
« robust »: a mail server that refuses or does not answer is logged, and the return or
the publication itself stays done (the person never gets an error page for it).
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from core.signals import entry_transitioned
from core.workflow import RETURN, SUBMIT
from indicators.models import BilanEdition
from indicators.notifications import publication, workflow_mail


@receiver(entry_transitioned, dispatch_uid="notifications.entry_transitioned")
def on_transition(sender, entry, action, **kwargs):
    if action == SUBMIT:
        workflow_mail.record_submission(entry)
    elif action == RETURN:
        pk, revision = entry.pk, entry.revision

        # A named function, not a partial: Django logs a failed callback by its name.
        def send_return_notice():
            workflow_mail.notify_returned(sender, pk, revision)

        transaction.on_commit(send_return_notice, robust=True)


@receiver(post_save, sender=BilanEdition, dispatch_uid="notifications.edition_published")
def on_edition(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        pk = instance.pk

        def send_edition_notices():
            publication.notify_edition(pk)

        transaction.on_commit(send_edition_notices, robust=True)
