"""The commitments of a plan d'action and how each was kept.

A ``Commitment`` is created when a reporting year is opened, from the previous
year's published plan d'action; its ``CommitmentMark`` (done, partly, not done,
and a comment) is an entry like the others: draft, submitted, validated, then
published; the public bilan reads the published mark only. Imported by
``measures.models``, where the rest of the app finds them.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.workflow import ReviewedEntry, ReviewedQuerySet, workflow_constraints


class CommitmentOutcome(models.TextChoices):
    # « à renseigner » is what a commitment with no published mark reads; a mark is
    # always one of the three real outcomes (``MARK_OUTCOMES``).
    TO_REPORT = "to_report", _("à renseigner")
    DONE = "done", _("réalisé")
    PARTLY_DONE = "partly_done", _("partiellement réalisé")
    NOT_DONE = "not_done", _("non réalisé")


MARK_OUTCOMES = [
    (value, label) for value, label in CommitmentOutcome.choices if value != "to_report"
]


class Commitment(models.Model):
    """An item of the previous plan d'action, to be reported on in this year's bilan.

    When a reporting year N+1 is opened, each paragraph of a row's published
    plan d'action N+1 becomes a commitment of that row for year N+1. How it was
    kept is a ``CommitmentMark``, reviewed before publication like any entry.
    """

    reporting_year = models.ForeignKey(
        "measures.ReportingYear", on_delete=models.CASCADE, related_name="commitments"
    )
    report_row = models.ForeignKey(
        "measures.ReportRow", on_delete=models.CASCADE, related_name="commitments"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("engagement"), help_text=_("Markdown restreint."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("engagement du plan d'action")
        verbose_name_plural = _("engagements du plan d'action")
        ordering = ["reporting_year", "report_row", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporting_year", "report_row", "position"],
                name="commitment_unique_position",
                violation_error_message=_("Cet engagement existe déjà."),
            ),
        ]

    def __str__(self):
        return f"{self.reporting_year.year} — {self.report_row} — {self.position}"


class CommitmentMark(ReviewedEntry):
    """How a commitment was kept (done, partly, not done) and why, reviewed before publication."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="marks")
    outcome = models.CharField(_("réalisation"), max_length=12, choices=MARK_OUTCOMES)
    comment = models.TextField(_("commentaire"), blank=True)

    entry_key_fields = ("commitment",)
    objects = ReviewedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("réalisation d'un engagement")
        verbose_name_plural = _("réalisations des engagements")
        ordering = ["commitment"]
        constraints = [
            *workflow_constraints("commitment_mark", ["commitment"]),
            models.CheckConstraint(
                condition=Q(outcome__in=[value for value, _label in MARK_OUTCOMES]),
                name="commitment_mark_outcome_known",
                violation_error_message=_("Réalisation inconnue."),
            ),
        ]

    def __str__(self):
        return f"{self.commitment} — {self.get_outcome_display()}"
