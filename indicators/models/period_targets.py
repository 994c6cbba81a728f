"""Targets an indicator has over another period than the plan's (e.g. the DAP 2023-2028)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.models.indicators import Indicator, IndicatorValue
from indicators.models.values import (
    Comparator,
    Provenance,
    plausible_year,
    value_constraints,
    year_field,
)


class PeriodTarget(IndicatorValue, Provenance):
    """A target set over another period than the plan's (e.g. the DAP 2023-2028)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="period_targets"
    )
    label = models.CharField(
        _("cadre"), max_length=200, help_text=_("Par exemple : Convention DAP 2023-2028.")
    )
    start_year = models.PositiveSmallIntegerField(
        _("première année"), null=True, blank=True, help_text=_("Vide pour « à l'horizon de »")
    )
    end_year = year_field(_("échéance"))
    comparator = models.CharField(
        _("comparateur"), max_length=8, choices=Comparator.choices, default=Comparator.EXACTLY
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objectif sur une autre période")
        verbose_name_plural = _("objectifs sur une autre période")
        ordering = ["indicator", "end_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "label"],
                name="period_target_unique_per_indicator_label",
                violation_error_message=_("Cet indicateur a déjà un objectif dans ce cadre."),
            ),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True) | Q(start_year__lte=models.F("end_year")),
                name="period_target_period_ordered",
                violation_error_message=_("La première année doit précéder ou égaler l'échéance."),
            ),
            models.CheckConstraint(
                condition=plausible_year("end_year"),
                name="period_target_end_year_plausible",
                violation_error_message=_("L'année doit être comprise entre 2000 et 2100."),
            ),
            *value_constraints("period_target"),
        ]

    def __str__(self):
        return f"{self.indicator} — {self.label} : {self.value}"
