"""The review workflow shared by every entered value and text.

An entry goes draft → submitted → validated → published, or back from
submitted (or validated) to "returned" with a note, then is edited and
submitted again. A published entry is never edited: a correction is a new
entry for the same key (indicator and year, milestone and year, row and
reporting year) that goes through the same steps; when it is published, the
one it replaces becomes "superseded" and stays, so no published value is lost.

Two database constraints keep this honest: at most one published entry per
key, and at most one open (not yet published) entry per key.

``revision`` is the optimistic-concurrency counter: every save of an entry's
values bumps it, and a save that started from an older revision is refused.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("brouillon")
    SUBMITTED = "submitted", _("soumis à validation")
    RETURNED = "returned", _("à reprendre")
    VALIDATED = "validated", _("validé")
    PUBLISHED = "published", _("publié")
    SUPERSEDED = "superseded", _("remplacé")


OPEN_STATUSES = (
    EntryStatus.DRAFT,
    EntryStatus.SUBMITTED,
    EntryStatus.RETURNED,
    EntryStatus.VALIDATED,
)
EDITABLE_STATUSES = (EntryStatus.DRAFT, EntryStatus.RETURNED)

SUBMIT = "submit"
RETURN = "return"
VALIDATE = "validate"
PUBLISH = "publish"

# action → (statuses it may start from, status it leads to)
TRANSITIONS = {
    SUBMIT: ({EntryStatus.DRAFT, EntryStatus.RETURNED}, EntryStatus.SUBMITTED),
    RETURN: ({EntryStatus.SUBMITTED, EntryStatus.VALIDATED}, EntryStatus.RETURNED),
    VALIDATE: ({EntryStatus.SUBMITTED}, EntryStatus.VALIDATED),
    PUBLISH: ({EntryStatus.VALIDATED}, EntryStatus.PUBLISHED),
}

ACTION_LABELS = {
    SUBMIT: _("soumettre"),
    RETURN: _("renvoyer pour reprise"),
    VALIDATE: _("valider"),
    PUBLISH: _("publier"),
}


class WorkflowError(Exception):
    """A transition that the workflow does not allow; the message is for the user."""


def next_status(current: str, action: str) -> str:
    """The status an action leads to from ``current``, or ``WorkflowError``."""
    if action not in TRANSITIONS:
        raise WorkflowError(_("Action inconnue."))
    allowed_from, target = TRANSITIONS[action]
    if current not in allowed_from:
        raise WorkflowError(
            _("Impossible de %(action)s une saisie à l'état « %(status)s ».")
            % {"action": ACTION_LABELS[action], "status": EntryStatus(current).label}
        )
    return target


def workflow_constraints(prefix: str, key_fields: list[str]) -> list[models.BaseConstraint]:
    """One published and one open entry at most per key; known statuses only."""
    return [
        models.UniqueConstraint(
            fields=key_fields,
            condition=Q(status=EntryStatus.PUBLISHED),
            name=f"{prefix}_one_published_per_key",
            violation_error_message=_("Une valeur est déjà publiée pour cette année."),
        ),
        models.UniqueConstraint(
            fields=key_fields,
            condition=Q(status__in=OPEN_STATUSES),
            name=f"{prefix}_one_open_entry_per_key",
            violation_error_message=_(
                "Une saisie est déjà en cours pour cette année : reprenez-la plutôt."
            ),
        ),
        models.CheckConstraint(
            condition=Q(status__in=EntryStatus.values),
            name=f"{prefix}_status_known",
            violation_error_message=_("État de saisie inconnu."),
        ),
        models.CheckConstraint(
            condition=Q(revision__gte=1),
            name=f"{prefix}_revision_positive",
            violation_error_message=_("Numéro de version invalide."),
        ),
    ]


class ReviewedEntry(models.Model):
    """Fields of an entry that goes through the review workflow."""

    status = models.CharField(
        _("état"), max_length=12, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    revision = models.PositiveIntegerField(_("version"), default=1, editable=False)
    review_note = models.TextField(
        _("note de validation"), blank=True, help_text=_("Motif d'un renvoi pour reprise.")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saisi par"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("validé par"),
    )
    # Not auto_now: loaddata (raw saves) must still get a value.
    updated_at = models.DateTimeField(_("modifié le"), default=timezone.now, editable=False)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)

    # The fields that name what the entry is about (e.g. indicator and year).
    entry_key_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def entry_key(self) -> dict:
        return {field: getattr(self, field) for field in self.entry_key_fields}

    def siblings(self):
        """The other entries about the same thing (all states)."""
        return type(self)._default_manager.filter(**self.entry_key()).exclude(pk=self.pk)


class ReviewedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=EntryStatus.PUBLISHED)

    def visible(self, statuses):
        return self.filter(status__in=statuses)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def submitted(self):
        return self.filter(status=EntryStatus.SUBMITTED)
