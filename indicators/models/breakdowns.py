"""Figures by arrondissement: an indicator's yearly figure broken down over Paris's 20
arrondissements, for the indicators that have that breakdown (``Indicator.by_arrondissement``).

One entry holds the 20 figures of an indicator's year: they are typed, reviewed and
published together, like a result. Each is its own decimal column (figures are never
stored as text), empty where the arrondissement has no figure. Public pages show them
through small-count protection when they count people (``indicators.small_counts``).
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.formatting import format_number
from core.workflow import ReviewedEntry, ReviewedQuerySet, workflow_constraints
from indicators.models.indicators import Indicator
from indicators.models.values import Provenance, plausible_year, value_field, year_field

ARRONDISSEMENTS = range(1, 21)


def arrondissement_name(number: int) -> str:
    """« 1er », « 2e », … « 20e »: how an arrondissement is written."""
    return "1er" if number == 1 else f"{number}e"


def figure_field(number: int):
    return value_field(
        _("%(name)s arrondissement") % {"name": arrondissement_name(number)},
        null=True,
        blank=True,
    )


def figure_name(number: int) -> str:
    return f"arrondissement_{number}"


def figures_phrase(figures: dict) -> str:
    """« 10e : 1 ; 14e : 1 ; 0 dans les 18 autres »: the arrondissements with a figure
    other than 0, in order, then how many have 0; those without a figure are not named."""
    parts = [
        gettext("%(name)s : %(value)s")
        % {"name": arrondissement_name(n), "value": format_number(v)}
        for n, v in figures.items()
        if v
    ]
    zeros = sum(1 for value in figures.values() if value is not None and not value)
    if zeros:
        others = (
            gettext("0 dans les %(count)s autres") if parts else gettext("0 dans les %(count)s")
        )
        parts.append(others % {"count": zeros})
    return gettext(" ; ").join(parts) if parts else gettext("aucun chiffre")


class ArrondissementFigures(Provenance, ReviewedEntry):
    """An indicator's figures of one year in each of the 20 arrondissements."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="arrondissement_figures"
    )
    year = year_field()
    arrondissement_1 = figure_field(1)
    arrondissement_2 = figure_field(2)
    arrondissement_3 = figure_field(3)
    arrondissement_4 = figure_field(4)
    arrondissement_5 = figure_field(5)
    arrondissement_6 = figure_field(6)
    arrondissement_7 = figure_field(7)
    arrondissement_8 = figure_field(8)
    arrondissement_9 = figure_field(9)
    arrondissement_10 = figure_field(10)
    arrondissement_11 = figure_field(11)
    arrondissement_12 = figure_field(12)
    arrondissement_13 = figure_field(13)
    arrondissement_14 = figure_field(14)
    arrondissement_15 = figure_field(15)
    arrondissement_16 = figure_field(16)
    arrondissement_17 = figure_field(17)
    arrondissement_18 = figure_field(18)
    arrondissement_19 = figure_field(19)
    arrondissement_20 = figure_field(20)
    comment = models.TextField(_("commentaire"), blank=True)

    entry_key_fields = ("indicator", "year")
    objects = ReviewedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("répartition par arrondissement")
        verbose_name_plural = _("répartitions par arrondissement")
        ordering = ["indicator", "year"]
        constraints = [
            *workflow_constraints("arrondissement_figures", ["indicator", "year"]),
            models.CheckConstraint(
                condition=plausible_year(),
                name="arrondissement_figures_year_plausible",
                violation_error_message=_("L'année doit être comprise entre 2000 et 2100."),
            ),
            models.CheckConstraint(
                condition=Q(
                    *(
                        Q(**{f"{figure_name(n)}__isnull": True})
                        | Q(**{f"{figure_name(n)}__gte": 0})
                        for n in ARRONDISSEMENTS
                    )
                ),
                name="arrondissement_figures_not_negative",
                violation_error_message=_("Une valeur ne peut pas être négative."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator} — {self.year} — {_('par arrondissement')}"

    def figures(self) -> dict[int, Decimal | None]:
        """Arrondissement number → figure (None where there is none)."""
        return {n: getattr(self, figure_name(n)) for n in ARRONDISSEMENTS}
