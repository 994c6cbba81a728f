"""Who funds a row of the plan and by how much, and the partners who carry it out.

The report ties measures to money (« Louez solidaire : 365 000 € par an de
l'AMI LDA et 365 000 € de la Ville ») and to organisations (bailleurs sociaux,
associations, services de l'État). A ``Partner`` is one such organisation; a
``FundingSource`` says that a partner funds a report row, through a programme
when there is one (AMI LDA); a ``FundingAmount`` is what that source planned and
spent for one year, an entry like the others: draft, submitted, validated, then
published. Public pages read published amounts only.

A source is a row's line of funding the way an indicator is a row's quantity:
administrators declare it, agents enter its yearly amounts.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.formatting import format_quantity
from core.workflow import ReviewedEntry, ReviewedQuerySet, workflow_constraints


class PartnerKind(models.TextChoices):
    SOCIAL_LANDLORD = "social_landlord", _("bailleur social")
    ASSOCIATION = "association", _("association")
    STATE = "state", _("service de l'État")
    CITY = "city", _("service de la Ville")
    OTHER = "other", _("autre organisme")


def siret_checksum_holds(siret: str) -> bool:
    """The SIRET's Luhn key: every second digit from the right doubled, the sum a
    multiple of 10. La Poste's establishments (SIREN 356 000 000) use another rule:
    the plain sum of the digits is a multiple of 5."""
    if siret.startswith("356000000"):
        return sum(int(digit) for digit in siret) % 5 == 0
    total = 0
    for position, digit in enumerate(reversed(siret)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def validate_siret(value: str) -> None:
    if not siret_checksum_holds(value):
        raise ValidationError(
            _("Ce numéro SIRET n'existe pas : sa clé de contrôle ne correspond pas."),
            code="siret_checksum",
        )


def amounts_phrase(planned: Decimal | None, spent: Decimal | None) -> str:
    """« prévu : 365 000 € ; dépensé : 120 000 € », with only the amounts given."""
    parts = []
    if planned is not None:
        parts.append(gettext("prévu : %(amount)s") % {"amount": format_quantity(planned, "€")})
    if spent is not None:
        parts.append(gettext("dépensé : %(amount)s") % {"amount": format_quantity(spent, "€")})
    return gettext(" ; ").join(parts)


class Partner(models.Model):
    """An organisation the plan works with: a social landlord, an association, a State
    or City service. It may fund rows (``FundingSource``) and carry out measures."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    kind = models.CharField(_("nature"), max_length=16, choices=PartnerKind.choices)
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        blank=True,
        validators=[
            RegexValidator(r"^\d{14}$", _("Le SIRET s'écrit avec 14 chiffres, sans espace.")),
            validate_siret,
        ],
        help_text=_("Facultatif : 14 chiffres."),
    )
    measures = models.ManyToManyField(
        "measures.Measure",
        blank=True,
        related_name="partners",
        verbose_name=_("mesures portées avec la Ville"),
    )

    # Not the links to measures (``m2m_fields``): loading a backup sets them again and
    # would write their history twice.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=PartnerKind.values),
                name="partner_kind_known",
                violation_error_message=_("Nature de partenaire inconnue."),
            ),
        ]

    def __str__(self):
        return self.name


class FundingSource(models.Model):
    """A partner's funding of a report row, through a programme when there is one."""

    report_row = models.ForeignKey(
        "measures.ReportRow",
        on_delete=models.CASCADE,
        related_name="funding_sources",
        verbose_name=_("ligne du bilan"),
    )
    funder = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="funding_sources",
        verbose_name=_("financeur"),
    )
    programme = models.CharField(
        _("programme"),
        max_length=120,
        blank=True,
        help_text=_("Par exemple : AMI LDA. Vide pour un financement hors programme."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("source de financement")
        verbose_name_plural = _("sources de financement")
        ordering = ["report_row", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report_row", "funder", "programme"],
                name="funding_source_unique_per_row",
                violation_error_message=_(
                    "Ce financeur finance déjà cette ligne par ce programme."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.funder} — {self.programme}" if self.programme else str(self.funder)


def amount_field(verbose_name):
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )


class FundingAmount(ReviewedEntry):
    """What a funding source planned and spent for one year, in euros."""

    source = models.ForeignKey(FundingSource, on_delete=models.CASCADE, related_name="amounts")
    year = models.PositiveSmallIntegerField(_("année"))
    planned = amount_field(_("montant prévu (€)"))
    spent = amount_field(_("montant dépensé (€)"))
    comment = models.TextField(_("commentaire"), blank=True)

    entry_key_fields = ("source", "year")
    objects = ReviewedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("montant d'un financement")
        verbose_name_plural = _("montants des financements")
        ordering = ["source", "year"]
        constraints = [
            *workflow_constraints("funding_amount", ["source", "year"]),
            models.CheckConstraint(
                condition=Q(planned__isnull=False) | Q(spent__isnull=False),
                name="funding_amount_has_a_figure",
                violation_error_message=_(
                    "Indiquez le montant prévu, le montant dépensé, ou les deux."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(planned__isnull=True) | Q(planned__gte=0))
                & (Q(spent__isnull=True) | Q(spent__gte=0)),
                name="funding_amount_not_negative",
                violation_error_message=_("Un montant ne peut pas être négatif."),
            ),
        ]

    def __str__(self):
        return f"{self.source} — {self.year}"
