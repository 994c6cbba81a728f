"""The texts of the bilan table: for one report row and one reporting year N, the bilan N
and the plan d'action N+1, and in the plan's last year the row's text of the final bilan.

Stored in the restricted Markdown (``measures.markup``), reviewed like every entry.
Imported by ``measures.models``, where the rest of the app finds it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.workflow import ReviewedEntry, ReviewedQuerySet, workflow_constraints


class BilanEntry(ReviewedEntry):
    """The texts of one report row for one reporting year, reviewed before publication."""

    reporting_year = models.ForeignKey(
        "measures.ReportingYear", on_delete=models.CASCADE, related_name="entries"
    )
    report_row = models.ForeignKey(
        "measures.ReportRow", on_delete=models.CASCADE, related_name="bilan_entries"
    )
    bilan_text = models.TextField(
        _("bilan de l'année"),
        blank=True,
        help_text=_("Markdown restreint : **gras**, paragraphes."),
    )
    action_plan_text = models.TextField(
        _("plan d'action de l'année suivante"),
        blank=True,
        help_text=_("Markdown restreint : **gras**, paragraphes."),
    )
    # The final bilan's text of the row, written in the plan's last year with that
    # year's texts: the same form, queue and review, so it is never published unread.
    final_text = models.TextField(
        _("bilan final du plan"),
        blank=True,
        help_text=_(
            "Seulement pour la dernière année du plan. Markdown restreint : **gras**, paragraphes."
        ),
    )

    entry_key_fields = ("reporting_year", "report_row")
    objects = ReviewedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("texte du bilan")
        verbose_name_plural = _("textes du bilan")
        ordering = ["reporting_year", "report_row"]
        constraints = workflow_constraints("bilan_entry", ["reporting_year", "report_row"])

    def __str__(self):
        return f"{self.reporting_year} — {self.report_row}"

    def clean(self):
        super().clean()
        if not self.final_text.strip() or self.reporting_year_id is None:
            return
        year = self.reporting_year
        if year.year != year.plan.end_year:
            raise ValidationError(
                {
                    "final_text": _(
                        "Le bilan final du plan s'écrit avec les textes de sa dernière "
                        "année, %(end)s, pas avec ceux de %(year)s."
                    )
                    % {"end": year.plan.end_year, "year": year.year}
                }
            )


def texts_that_fill_their_form(texts, plan, year: int):
    """The texts among ``texts`` (of ``plan``'s year ``year``) that leave nothing to fill:
    in the plan's last year, only those with the final bilan's text, which the form asks
    for that year only."""
    if year == plan.end_year:
        return texts.exclude(final_text="")
    return texts
