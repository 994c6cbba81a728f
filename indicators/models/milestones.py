"""Milestones of the plan and their status each year."""

from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.workflow import ReviewedEntry, ReviewedQuerySet, workflow_constraints
from indicators.models.values import (
    PUBLISHED_ONLY,
    plausible_year,
    year_field,
)
from measures.models import ReportRow


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("prévu")
    IN_PROGRESS = "in_progress", _("en cours")
    DONE = "done", _("réalisé")
    LATE = "late", _("en retard")
    ABANDONED = "abandoned", _("abandonné")


class MilestoneQuerySet(models.QuerySet):
    def for_dashboard(self, statuses=PUBLISHED_ONLY):
        """Milestones with their row and visible yearly statuses, in two queries."""
        return (
            self.select_related("report_row__measure", "report_row__ambition__axis")
            .prefetch_related(
                Prefetch(
                    "statuses", queryset=MilestoneYearStatus.objects.filter(status__in=statuses)
                )
            )
            .order_by(
                "report_row__ambition__axis__number",
                "report_row__ambition__position",
                "report_row__position",
                "planned_year",
                "position",
            )
        )


class Milestone(models.Model):
    """A qualitative plan d'action item: its progress is a status, not a ratio."""

    report_row = models.ForeignKey(
        ReportRow,
        on_delete=models.PROTECT,
        related_name="milestones",
        verbose_name=_("ligne du bilan"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("intitulé"), max_length=400)
    planned_year = models.PositiveSmallIntegerField(
        _("année prévue"), help_text=_("Année du plan d'action où figure ce jalon.")
    )
    due_date = models.DateField(_("échéance"), null=True, blank=True)
    due_label = models.CharField(
        _("échéance en clair"),
        max_length=100,
        blank=True,
        help_text=_("Quand l'échéance n'est pas une date : « début 2024 »."),
    )

    objects = MilestoneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jalon")
        verbose_name_plural = _("jalons")
        ordering = ["report_row", "planned_year", "position"]
        constraints = [
            models.CheckConstraint(
                condition=plausible_year("planned_year"),
                name="milestone_planned_year_plausible",
                violation_error_message=_("L'année doit être comprise entre 2000 et 2100."),
            ),
        ]

    def __str__(self):
        return self.title


class MilestoneYearStatus(ReviewedEntry):
    """A milestone's progress in a year. ``progress`` is the milestone's state;
    ``status`` (inherited) is the entry's place in the review workflow."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="statuses")
    year = year_field()
    progress = models.CharField(_("avancement"), max_length=16, choices=MilestoneStatus.choices)
    note = models.TextField(_("note"), blank=True)

    entry_key_fields = ("milestone", "year")
    objects = ReviewedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statut annuel d'un jalon")
        verbose_name_plural = _("statuts annuels des jalons")
        ordering = ["milestone", "year"]
        constraints = [
            *workflow_constraints("milestone_status", ["milestone", "year"]),
            models.CheckConstraint(
                condition=plausible_year(),
                name="milestone_status_year_plausible",
                violation_error_message=_("L'année doit être comprise entre 2000 et 2100."),
            ),
            models.CheckConstraint(
                condition=Q(progress__in=MilestoneStatus.values),
                name="milestone_progress_known",
                violation_error_message=_("Statut de jalon inconnu."),
            ),
        ]

    def __str__(self):
        return f"{self.milestone} — {self.year} : {self.get_progress_display()}"
