"""Value fields, their constraints and the choices shared by the plan's numbers."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.workflow import EntryStatus
from indicators import progress
from measures.models import FIRST_POSSIBLE_YEAR, LAST_POSSIBLE_YEAR

VALUE_DIGITS = 14
VALUE_DECIMALS = 2
HUNDRED = Decimal(100)


class Kind(models.TextChoices):
    ANNUAL_FLOW = progress.ANNUAL_FLOW, _("flux annuel")
    CUMULATIVE = progress.CUMULATIVE, _("cumul sur la durée du plan")
    LEVEL = progress.LEVEL, _("niveau à date")
    SHARE = progress.SHARE, _("part en %")


class Direction(models.TextChoices):
    INCREASE = progress.INCREASE, _("à augmenter")
    DECREASE = progress.DECREASE, _("à réduire")
    MAINTAIN = progress.MAINTAIN, _("à maintenir")


class Comparator(models.TextChoices):
    EXACTLY = progress.EXACTLY, _("objectif simple")
    AT_LEAST = progress.AT_LEAST, _("au moins")
    AT_MOST = progress.AT_MOST, _("au plus")


class ResultBound(models.TextChoices):
    """What a stated result is: the figure itself, or a bound the report gives
    (« plus de 20 professionnels » is not exactly 20)."""

    EXACT = "exact", _("valeur exacte")
    MORE_THAN = "more_than", _("plus de")
    AT_LEAST = "at_least", _("au moins")


class Provenance(models.Model):
    """Where a figure comes from: who produced it, in which document, where in it.

    The as-of date lives with each figure (a result's ``as_of``, a baseline's
    year), so it is not repeated here."""

    producer = models.CharField(
        _("producteur"),
        max_length=200,
        blank=True,
        help_text=_("Service ou partenaire qui a produit le chiffre."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    source_location = models.CharField(
        _("emplacement dans la source"),
        max_length=300,
        blank=True,
        help_text=_("Page, tableau, ligne ou colonne où le chiffre figure."),
    )

    class Meta:
        abstract = True


def value_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name, max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS, **kwargs
    )


def year_field(verbose_name=None):
    return models.PositiveSmallIntegerField(verbose_name or _("année"))


def plausible_year(field: str = "year") -> Q:
    return Q(**{f"{field}__gte": FIRST_POSSIBLE_YEAR, f"{field}__lte": LAST_POSSIBLE_YEAR})


def value_constraints(prefix: str, field: str = "value") -> list[models.BaseConstraint]:
    """Non-negative values, and 0–100 for shares (rows carrying ``is_share``)."""
    return [
        models.CheckConstraint(
            condition=Q(**{f"{field}__gte": 0}),
            name=f"{prefix}_{field}_not_negative",
            violation_error_message=_("Une valeur ne peut pas être négative."),
        ),
        models.CheckConstraint(
            condition=Q(is_share=False) | Q(**{f"{field}__lte": HUNDRED}),
            name=f"{prefix}_{field}_share_at_most_100",
            violation_error_message=_("Une part ne peut pas dépasser 100 %%."),
        ),
    ]


PUBLISHED_ONLY = (EntryStatus.PUBLISHED,)
