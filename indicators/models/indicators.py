"""Indicators, their yearly targets and results, and their period targets."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.formatting import Unit
from core.workflow import ReviewedEntry, ReviewedQuerySet, workflow_constraints
from indicators.models.indicator_queries import IndicatorQuerySet
from indicators.models.values import (
    HUNDRED,
    Comparator,
    Direction,
    Kind,
    Provenance,
    ResultBound,
    plausible_year,
    value_constraints,
    value_field,
    year_field,
)
from measures.models import ReportRow


class Indicator(Provenance):
    """A quantity the plan follows. Its own figures (baseline, plan target,
    change since the reference year) carry the provenance fields; each yearly
    value carries its own."""

    report_row = models.ForeignKey(
        ReportRow,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("ligne du bilan"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    label = models.CharField(_("libellé"), max_length=300)
    unit = models.CharField(
        _("unité"),
        max_length=40,
        help_text=_("Ce que l'on compte, au pluriel : logements, ménages, %, €…"),
    )
    unit_singular = models.CharField(
        _("unité au singulier"),
        max_length=40,
        blank=True,
        help_text=_("Pour « 1 logement » : vide quand l'unité ne change pas (%, €)."),
    )
    kind = models.CharField(_("nature"), max_length=16, choices=Kind.choices)
    direction = models.CharField(
        _("sens souhaité"), max_length=8, choices=Direction.choices, default=Direction.INCREASE
    )
    is_headline = models.BooleanField(
        _("indicateur clé"), default=False, help_text=_("Affiché sur la vue d'ensemble.")
    )
    baseline = value_field(_("valeur de référence"), null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(
        _("année de référence"),
        null=True,
        blank=True,
        help_text=_("Vide quand la source ne date pas la valeur de référence."),
    )
    reference_change = models.DecimalField(
        _("évolution depuis l'année de référence (en %)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Une évolution que la source cite sans date de mesure, en pour cent : par "
            "exemple −30 pour une baisse de 30 pour cent depuis 2008."
        ),
    )
    plan_target = value_field(_("cible sur la durée du plan"), null=True, blank=True)
    plan_target_comparator = models.CharField(
        _("comparateur de la cible du plan"),
        max_length=8,
        choices=Comparator.choices,
        default=Comparator.EXACTLY,
    )
    description = models.TextField(_("description"), blank=True)
    by_arrondissement = models.BooleanField(
        _("réparti par arrondissement"),
        default=False,
        help_text=_("Ses chiffres annuels se saisissent aussi pour chacun des 20 arrondissements."),
    )
    counts_people = models.BooleanField(
        _("compte des personnes ou des ménages"),
        default=False,
        help_text=_(
            "Ses chiffres par arrondissement sont alors protégés sur les pages publiques : "
            "« moins de 5 » au lieu d'un petit nombre."
        ),
    )
    is_sensitive = models.BooleanField(
        _("chiffres sensibles"),
        default=False,
        help_text=_(
            "Protège ses chiffres par arrondissement même s'ils ne comptent pas des "
            "personnes, et ses résultats de la ville entière : sous le seuil des petits "
            "effectifs (5 par défaut), ils s'affichent « moins de 5 » hors des pages des "
            "agents, sauf ceux d'un bilan publié avant ce choix."
        ),
    )
    # When the flag was raised: a result of a bilan published before it stays as
    # published; later ones are protected (``IndicatorQuerySet.for_dashboard``).
    sensitive_since = models.DateField(
        _("sensible depuis le"), null=True, blank=True, editable=False
    )
    map_phrase = models.CharField(
        _("phrase de la carte"),
        max_length=200,
        blank=True,
        help_text=_(
            "Ce qu'ont les arrondissements au chiffre non nul, après « 7 arrondissements sur "
            "20 ont » : par exemple « une Pension de Famille agréée depuis 2021 »."
        ),
    )
    partners = models.ManyToManyField(
        "measures.Partner",
        blank=True,
        related_name="indicators",
        verbose_name=_("partenaires"),
        help_text=_("Les organismes dont le rapport dit qu'ils produisent ce chiffre."),
    )

    objects = IndicatorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicateur")
        verbose_name_plural = _("indicateurs")
        ordering = ["report_row", "position"]
        permissions = [
            ("enter_data", _("Peut saisir les données des mesures qui lui sont confiées")),
            ("enter_all_measures", _("Peut saisir les données de toutes les lignes du bilan")),
            ("review_entries", _("Peut valider, renvoyer et publier les saisies")),
            ("view_validated", _("Peut voir les chiffres validés non encore publiés")),
            ("export_bilan", _("Peut exporter le bilan annuel")),
            ("manage_reporting_years", _("Peut ouvrir une année de bilan et publier le bilan")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline__isnull=True) | Q(baseline__gte=0),
                name="indicator_baseline_not_negative",
                violation_error_message=_("La valeur de référence ne peut pas être négative."),
            ),
            models.CheckConstraint(
                condition=Q(plan_target__isnull=True) | Q(plan_target__gte=0),
                name="indicator_plan_target_not_negative",
                violation_error_message=_("La cible du plan ne peut pas être négative."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=Kind.SHARE)
                | (
                    (Q(baseline__isnull=True) | Q(baseline__lte=HUNDRED))
                    & (Q(plan_target__isnull=True) | Q(plan_target__lte=HUNDRED))
                ),
                name="indicator_share_values_at_most_100",
                violation_error_message=_("Une part ne peut pas dépasser 100 %%."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values)
                & Q(direction__in=Direction.values)
                & Q(plan_target_comparator__in=Comparator.values),
                name="indicator_choices_known",
                violation_error_message=_("Nature, sens ou comparateur inconnu."),
            ),
            models.CheckConstraint(
                condition=Q(reference_change__isnull=True) | Q(baseline_year__isnull=False),
                name="indicator_reference_change_has_year",
                violation_error_message=_(
                    "Indiquez l'année de référence de l'évolution (par exemple 2008)."
                ),
            ),
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        # The flag's date, so that what a bilan already published stays as published.
        if not self.is_sensitive:
            self.sensitive_since = None
        elif self.sensitive_since is None:
            self.sensitive_since = timezone.localdate()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "is_sensitive" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sensitive_since"}
        super().save(*args, **kwargs)

    @property
    def is_share(self) -> bool:
        return self.kind == Kind.SHARE

    @property
    def unit_forms(self) -> Unit:
        """The unit, written in the singular or the plural as a value needs."""
        return Unit(self.unit, self.unit_singular)

    @property
    def protects_small_counts(self) -> bool:
        """Whether its figures by arrondissement are shown through small-count protection
        outside the staff's pages: they count people, or an administrator flagged them."""
        return self.counts_people or self.is_sensitive

    def clean(self):
        super().clean()
        if self.pk is None:
            return
        stored_kind = Indicator.objects.filter(pk=self.pk).values_list("kind", flat=True).first()
        if stored_kind is None or stored_kind == self.kind:
            return
        # Changing the kind would change the meaning (and the bounds) of every
        # stored value: refuse it rather than rewrite other rows behind the user.
        if self.year_targets.exists() or self.year_results.exists() or self.period_targets.exists():
            raise ValidationError(
                {
                    "kind": _(
                        "Cet indicateur a déjà des valeurs : sa nature ne peut plus changer. "
                        "Créez un nouvel indicateur."
                    )
                }
            )


class IndicatorValue(models.Model):
    """Common fields of the value rows of an indicator."""

    value = value_field(_("valeur"))
    # Copied from the indicator so that a CHECK constraint can bound shares.
    is_share = models.BooleanField(_("part en %"), default=False, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.is_share = self.indicator.is_share
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        # Validation (forms, admin) must see the same bound as the database.
        if self.indicator_id is not None:
            self.is_share = self.indicator.is_share
        super().clean_fields(exclude=exclude)


class TargetChangeReason(models.TextChoices):
    BUDGET = "budget", _("réajustement budgétaire")
    DELAY = "delay", _("retard de mise en œuvre")
    CORRECTION = "correction", _("correction d'une erreur")
    CONTEXT = "context", _("évolution du contexte")
    OTHER = "other", _("autre motif")


class YearTarget(IndicatorValue, Provenance, ReviewedEntry):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="year_targets")
    year = year_field()
    comparator = models.CharField(
        _("comparateur"), max_length=8, choices=Comparator.choices, default=Comparator.EXACTLY
    )
    comment = models.TextField(_("commentaire"), blank=True)
    change_reason = models.CharField(
        _("motif du changement"),
        max_length=12,
        choices=TargetChangeReason.choices,
        blank=True,
        help_text=_("Obligatoire quand un objectif déjà publié change."),
    )
    change_comment = models.TextField(_("précision sur le motif"), blank=True)
    derivation = models.CharField(
        _("déduit de"),
        max_length=300,
        blank=True,
        help_text=_(
            "Vide quand la source donne l'objectif tel quel. Sinon, le calcul en une "
            "ligne : « 8 agréées fin 2022 + au moins 3 en 2023 »."
        ),
    )

    entry_key_fields = ("indicator", "year")
    objects = ReviewedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objectif annuel")
        verbose_name_plural = _("objectifs annuels")
        ordering = ["indicator", "year"]
        constraints = [
            *workflow_constraints("year_target", ["indicator", "year"]),
            models.CheckConstraint(
                condition=Q(change_reason="") | Q(change_reason__in=TargetChangeReason.values),
                name="year_target_change_reason_known",
                violation_error_message=_("Motif de changement inconnu."),
            ),
            models.CheckConstraint(
                condition=plausible_year(),
                name="year_target_year_plausible",
                violation_error_message=_("L'année doit être comprise entre 2000 et 2100."),
            ),
            *value_constraints("year_target"),
        ]

    def __str__(self):
        return f"{self.indicator} — {self.year} : {self.value}"


class YearResult(IndicatorValue, Provenance, ReviewedEntry):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="year_results")
    year = year_field()
    bound = models.CharField(
        _("précision"),
        max_length=10,
        choices=ResultBound.choices,
        default=ResultBound.EXACT,
        help_text=_("« plus de 20 » : la source ne donne qu'une borne."),
    )
    as_of = models.DateField(_("valeur au"), null=True, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)

    entry_key_fields = ("indicator", "year")
    objects = ReviewedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("résultat annuel")
        verbose_name_plural = _("résultats annuels")
        ordering = ["indicator", "year"]
        constraints = [
            *workflow_constraints("year_result", ["indicator", "year"]),
            models.CheckConstraint(
                condition=Q(bound__in=ResultBound.values),
                name="year_result_bound_known",
                violation_error_message=_("Précision inconnue."),
            ),
            models.CheckConstraint(
                condition=plausible_year(),
                name="year_result_year_plausible",
                violation_error_message=_("L'année doit être comprise entre 2000 et 2100."),
            ),
            *value_constraints("year_result"),
        ]

    def __str__(self):
        return f"{self.indicator} — {self.year} : {self.value}"
