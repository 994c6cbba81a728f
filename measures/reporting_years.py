"""The reporting years of a plan: year N's bilan and year N+1's plan d'action, each with
its campaign calendar. Imported by ``measures.models``, where the rest of the app finds it.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .campaign import CALENDAR_ORDER, CampaignCalendar, CampaignState, campaign_state

# Years outside this range are typing mistakes, not reporting years.
FIRST_POSSIBLE_YEAR = 2000
LAST_POSSIBLE_YEAR = 2100


class ReportingYearQuerySet(models.QuerySet):
    def of_year(self, year: int):
        """Year ``year`` of the plan shown (``PlanQuerySet.shown``): a bilan never comes
        from another plan."""
        plans = self.model._meta.get_field("plan").related_model.objects
        return self.filter(year=year, plan__in=plans.shown().values("pk")[:1])


class ReportingYear(models.Model):
    """A reporting cycle: year N's bilan and year N+1's plan d'action."""

    plan = models.ForeignKey("Plan", on_delete=models.CASCADE, related_name="reporting_years")
    year = models.PositiveSmallIntegerField(_("année du bilan"))
    published_on = models.DateField(_("date de publication du rapport"), null=True, blank=True)
    introduction = models.TextField(
        _("introduction du bilan"),
        blank=True,
        help_text=_("Texte qui précède le tableau (Markdown restreint)."),
    )
    # The campaign's calendar (see measures.campaign): set by an administrator, any
    # date may stay unset; its changes are kept in the history.
    collection_opens_on = models.DateField(_("ouverture de la collecte"), null=True, blank=True)
    collection_closes_on = models.DateField(
        _("clôture de la collecte"),
        null=True,
        blank=True,
        help_text=_("Dernier jour de saisie ; après cette date, ce qui manque est en retard."),
    )
    validation_deadline = models.DateField(_("date limite de validation"), null=True, blank=True)
    planned_publication_on = models.DateField(_("publication prévue le"), null=True, blank=True)

    objects = ReportingYearQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("année de bilan")
        verbose_name_plural = _("années de bilan")
        ordering = ["plan", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year"],
                name="reporting_year_unique_in_plan",
                violation_error_message=_("Cette année de bilan est déjà ouverte pour ce plan."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_POSSIBLE_YEAR) & Q(year__lte=LAST_POSSIBLE_YEAR),
                name="reporting_year_plausible",
                violation_error_message=_("L'année doit être comprise entre 2000 et 2100."),
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{first}__isnull": True})
                    | Q(**{f"{then}__isnull": True})
                    | Q(**{f"{first}__lte": models.F(then)}),
                    name=f"reporting_year_{name}",
                    violation_error_message=message,
                )
                for name, first, then, message in CALENDAR_ORDER
            ],
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.pk is None and self.plan_id and self.plan.is_archived:
            raise ValidationError(
                _("Le plan « %(plan)s » est archivé : aucune année n'y est ouverte.")
                % {"plan": self.plan}
            )

    @property
    def action_plan_year(self) -> int:
        return self.year + 1

    def campaign(self, today: date | None = None) -> CampaignState:
        """Where this year's campaign stands today (or on ``today``)."""
        return campaign_state(
            CampaignCalendar.of(self), today or timezone.localdate(), self.published_on
        )

    @property
    def title(self) -> str:
        return _("Bilan %(year)s & perspectives %(next)s") % {
            "year": self.year,
            "next": self.action_plan_year,
        }
