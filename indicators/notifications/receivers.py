"""The signals the e-mails listen to: the workflow's transitions and a new bilan edition.

Each e-mail goes once the transaction has committed: a change that is rolled back
sends nothing, and the mail server never holds a database lock.
"""

from functools import partial

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
        transaction.on_commit(
            partial(workflow_mail.notify_returned, sender, entry.pk, entry.revision)
        )


@receiver(post_save, sender=BilanEdition, dispatch_uid="notifications.edition_published")
def on_edition(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        transaction.on_commit(partial(publication.notify_edition, instance.pk))
