"""The plan's numbers: indicators, their targets and results, and milestones.

An indicator belongs to one bilan row (a measure, a sub-action, or the
unnumbered row). All figures are ``Decimal``; none is ever stored as text.

Values are never negative: a decrease goal is expressed on a positive quantity
(a count that should go down, or the size of a fall in %), with the
indicator's ``direction`` saying which way is good.

Shares are bounded to 0–100 by database constraints. A CHECK constraint only
sees its own row, so each value row carries ``is_share``, copied from its
indicator on save, and an indicator's kind cannot change once values exist.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.workflow import EntryStatus, ReviewedEntry, ReviewedQuerySet, workflow_constraints
from measures.models import FIRST_POSSIBLE_YEAR, LAST_POSSIBLE_YEAR, ReportRow

from . import progress

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


class IndicatorQuerySet(models.QuerySet):
    def for_dashboard(self, statuses=PUBLISHED_ONLY):
        """Everything a dashboard row needs, in four queries however many indicators.

        Only the targets and results in ``statuses`` (published, and validated
        for partners allowed to see them) are fetched.
        """
        return (
            self.select_related("report_row__measure", "report_row__ambition__axis__plan")
            .prefetch_related(
                # Superseded targets come too: charts show the original target
                # beside the current one when they differ.
                Prefetch(
                    "year_targets",
                    queryset=YearTarget.objects.filter(
                        status__in=(*statuses, EntryStatus.SUPERSEDED)
                    ),
                ),
                Prefetch("year_results", queryset=YearResult.objects.filter(status__in=statuses)),
                "period_targets",
            )
            .in_report_order()
        )

    def in_report_order(self):
        return self.order_by(
            "report_row__ambition__axis__number",
            "report_row__ambition__position",
            "report_row__position",
            "position",
        )


class Indicator(models.Model):
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
    kind = models.CharField(_("nature"), max_length=16, choices=Kind.choices)
    direction = models.CharField(
        _("sens souhaité"), max_length=8, choices=Direction.choices, default=Direction.INCREASE
    )
    is_headline = models.BooleanField(
        _("indicateur clé"), default=False, help_text=_("Affiché sur la vue d'ensemble.")
    )
    baseline = value_field(_("valeur de référence"), null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("année de référence"), null=True, blank=True)
    plan_target = value_field(_("cible sur la durée du plan"), null=True, blank=True)
    plan_target_comparator = models.CharField(
        _("comparateur de la cible du plan"),
        max_length=8,
        choices=Comparator.choices,
        default=Comparator.EXACTLY,
    )
    description = models.TextField(_("description"), blank=True)

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
                condition=Q(baseline__isnull=True) | Q(baseline_year__isnull=False),
                name="indicator_baseline_has_year",
                violation_error_message=_("Indiquez l'année de la valeur de référence."),
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def is_share(self) -> bool:
        return self.kind == Kind.SHARE

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


class YearTarget(IndicatorValue, ReviewedEntry):
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


class YearResult(IndicatorValue, ReviewedEntry):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="year_results")
    year = year_field()
    as_of = models.DateField(_("valeur au"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
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
                condition=plausible_year(),
                name="year_result_year_plausible",
                violation_error_message=_("L'année doit être comprise entre 2000 et 2100."),
            ),
            *value_constraints("year_result"),
        ]

    def __str__(self):
        return f"{self.indicator} — {self.year} : {self.value}"


class PeriodTarget(IndicatorValue):
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


class EditionError(Exception):
    """An edition that cannot be published or changed; the message is for the user."""


class BilanEdition(models.Model):
    """A published, frozen edition of a year's bilan: its table, figures and files.

    Editions are never changed: a correction is a new edition with the next
    number, and every earlier one stays downloadable.
    """

    reporting_year = models.ForeignKey(
        "measures.ReportingYear", on_delete=models.PROTECT, related_name="editions"
    )
    number = models.PositiveSmallIntegerField(_("numéro d'édition"))
    published_at = models.DateTimeField(_("publiée le"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("publiée par"),
    )
    note = models.CharField(_("note d'édition"), max_length=300, blank=True)
    snapshot = models.JSONField(_("contenu figé"))
    table_html = models.TextField(_("tableau figé (HTML)"))

    class Meta:
        verbose_name = _("édition publiée du bilan")
        verbose_name_plural = _("éditions publiées du bilan")
        ordering = ["reporting_year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporting_year", "number"],
                name="bilan_edition_unique_number",
                violation_error_message=_("Cette édition existe déjà."),
            ),
        ]

    def __str__(self):
        return f"{self.reporting_year} — édition {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise EditionError(
                _("Une édition publiée ne se modifie pas : publiez-en une nouvelle.")
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise EditionError(_("Une édition publiée ne se supprime pas."))


class BilanEditionFile(models.Model):
    """One generated file of an edition (CSV, XLSX, ODS, JSON, DOCX, PDF), as published."""

    edition = models.ForeignKey(BilanEdition, on_delete=models.PROTECT, related_name="files")
    format = models.CharField(_("format"), max_length=8)
    filename = models.CharField(_("nom du fichier"), max_length=120)
    content_type = models.CharField(_("type"), max_length=120)
    content = models.BinaryField(_("contenu"))

    class Meta:
        verbose_name = _("fichier d'une édition")
        verbose_name_plural = _("fichiers des éditions")
        ordering = ["edition", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "format"],
                name="bilan_edition_file_unique_format",
                violation_error_message=_("Cette édition a déjà ce format."),
            ),
        ]

    def __str__(self):
        return self.filename

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise EditionError(_("Un fichier publié ne se modifie pas."))
        super().save(*args, **kwargs)
