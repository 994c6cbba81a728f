"""« Échanges »: the staff's internal messages about an entry, beside its public comment.

A message belongs to what the entry is about (its kind and key: an indicator's result
for a year, a milestone's status for a year, a row's bilan texts for a reporting year,
a commitment's mark, a funding source's amounts for a year), never to one entry row: a
correction is a new row for the same key (``ReviewedEntry.siblings``), and the thread
goes on across revisions.

Messages are internal: no public page, export, open-data file or API reads this model.
They are never edited; the history keeps every row as it was written.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.models.indicators import Indicator
from indicators.models.milestones import Milestone
from indicators.models.values import plausible_year
from measures.models import Commitment, FundingSource, ReportingYear, ReportRow

MESSAGE_MAX_LENGTH = 2000


class ExchangeKind(models.TextChoices):
    """The kinds of entry a thread is about: the slugs of ``indicators.entry.kinds``."""

    RESULT = "resultat", _("résultat")
    TARGET = "objectif", _("objectif")
    MILESTONE = "jalon", _("statut de jalon")
    TEXT = "texte", _("textes du bilan")
    COMMITMENT = "engagement", _("engagement")
    FUNDING = "financement", _("financement")
    BREAKDOWN = "arrondissements", _("répartition par arrondissement")


# The fields that name a thread's subject, by kind; the others stay empty.
SUBJECT_FIELDS = {
    ExchangeKind.RESULT: ("indicator", "year"),
    ExchangeKind.TARGET: ("indicator", "year"),
    ExchangeKind.MILESTONE: ("milestone", "year"),
    ExchangeKind.TEXT: ("report_row", "reporting_year", "year"),
    ExchangeKind.COMMITMENT: ("commitment",),
    ExchangeKind.FUNDING: ("funding_source", "year"),
    ExchangeKind.BREAKDOWN: ("indicator", "year"),
}
ALL_SUBJECT_FIELDS = (
    "indicator",
    "milestone",
    "report_row",
    "reporting_year",
    "commitment",
    "funding_source",
    "year",
)


def _subject_filled(kind: str) -> Q:
    """The kind's subject fields are set, and no other."""
    wanted = SUBJECT_FIELDS[kind]
    return Q(kind=kind) & Q(
        **{f"{name}__isnull": name not in wanted for name in ALL_SUBJECT_FIELDS}
    )


class EntryMessage(models.Model):
    kind = models.CharField(_("sorte de saisie"), max_length=16, choices=ExchangeKind.choices)
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    report_row = models.ForeignKey(
        ReportRow, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reporting_year = models.ForeignKey(
        ReportingYear, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    funding_source = models.ForeignKey(
        FundingSource, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    text = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    # The validator's « Motif du renvoi », copied here when the entry was returned.
    is_return_note = models.BooleanField(_("motif d'un renvoi"), default=False)
    # Not auto_now_add: loaddata (raw saves) keeps the backed-up date.
    created_at = models.DateTimeField(_("écrit le"), default=timezone.now, editable=False)

    history = HistoricalRecords()
    # Internal: a message leaves the cached public pages as they are (core.cache).
    shown_on_public_pages = False

    class Meta:
        verbose_name = _("message d'échange")
        verbose_name_plural = _("messages d'échange")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(*(_subject_filled(kind) for kind in ExchangeKind), _connector=Q.OR),
                name="entry_message_subject_matches_kind",
                violation_error_message=_("Le message ne dit pas clairement sur quoi il porte."),
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | plausible_year(),
                name="entry_message_year_plausible",
                violation_error_message=_("L'année doit être comprise entre 2000 et 2100."),
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="entry_message_text_not_empty",
                violation_error_message=_("Écrivez un message."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def subject_key(self) -> tuple:
        """(kind, subject pk, year): what the thread is about, as ``ThreadKey`` reads it."""
        subject = {
            ExchangeKind.RESULT: self.indicator_id,
            ExchangeKind.TARGET: self.indicator_id,
            ExchangeKind.MILESTONE: self.milestone_id,
            ExchangeKind.TEXT: self.report_row_id,
            ExchangeKind.COMMITMENT: self.commitment_id,
            ExchangeKind.FUNDING: self.funding_source_id,
            ExchangeKind.BREAKDOWN: self.indicator_id,
        }[self.kind]
        return (self.kind, subject, self.year)
