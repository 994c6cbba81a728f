"""The plan's structure and its yearly texts.

The bilan table is irregular, and the model keeps it so:

- an ``Ambition`` (the first column) covers one or more report rows: measures
  7 and 8 share one, and measure 9's sub-actions a, b, c share another;
- a ``ReportRow`` is one line of the table: a measure, a sub-action of a
  measure (``letter``), or a row with no measure number at all (the
  attribution and production policy row of axis 1);
- a ``BilanEntry`` holds, for one row and one reporting year N, the bilan N
  text and the plan d'action N+1 text; in the plan's last year, also the row's
  text of the final bilan of the whole plan.

Texts are stored in a restricted Markdown (see ``measures.markup``), never as
HTML.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Which plan a request shows: the one its address names, else the current one.
from . import plan_space

# The commitments live in their own module; the app and its callers find them here.
from .commitments import MARK_OUTCOMES, Commitment, CommitmentMark, CommitmentOutcome

# Funding and partners: who pays for a row, how much each year, who carries it out.
from .funding import FundingAmount, FundingSource, Partner, PartnerKind

# So is the glossary of the plan's acronyms.
from .glossary import GlossaryTerm
from .plan_space import PlanQuerySet, default_slug

# The reporting years (a bilan N and its plan d'action N+1), and the years a plan can reach.
from .reporting_years import FIRST_POSSIBLE_YEAR, LAST_POSSIBLE_YEAR, ReportingYear

# And the yearly texts of the bilan table.
from .texts import BilanEntry

__all__ = [
    "FIRST_POSSIBLE_YEAR",
    "LAST_POSSIBLE_YEAR",
    "MARK_OUTCOMES",
    "BilanEntry",
    "Commitment",
    "CommitmentMark",
    "CommitmentOutcome",
    "FundingAmount",
    "FundingSource",
    "GlossaryTerm",
    "Partner",
    "PartnerKind",
    "ReportingYear",
]


class Plan(models.Model):
    title = models.CharField(_("titre"), max_length=200)
    programme = models.CharField(
        _("programme parent"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : Pacte parisien de lutte contre l'exclusion 2021-2026."),
    )
    start_year = models.PositiveSmallIntegerField(_("première année"))
    end_year = models.PositiveSmallIntegerField(_("dernière année"))
    introduction = models.TextField(_("introduction"), blank=True)
    slug = models.SlugField(
        _("adresse"),
        max_length=80,
        unique=True,
        help_text=_(
            "Ses pages sont sous /plans/<adresse>/ ; elle ne change plus une fois le plan "
            "publié, pour que les liens des éditions et des exports gardent leur sens."
        ),
    )
    is_current = models.BooleanField(
        _("plan en cours"),
        default=False,
        help_text=_("Le plan que montrent les adresses du site sans /plans/ : un seul à la fois."),
    )
    archived_on = models.DateField(
        _("archivé le"),
        null=True,
        blank=True,
        help_text=_("Un plan archivé se lit toujours mais ne se saisit plus."),
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__lte=models.F("end_year")),
                name="plan_period_ordered",
                violation_error_message=_(
                    "La première année du plan doit précéder ou égaler la dernière."
                ),
            ),
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="plan_one_current",
                violation_error_message=_("Un seul plan peut être le plan en cours."),
            ),
            models.CheckConstraint(
                condition=Q(is_current=False) | Q(archived_on__isnull=True),
                name="plan_current_not_archived",
                violation_error_message=_("Le plan en cours ne peut pas être archivé."),
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.start_year}-{self.end_year}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._free_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return plan_space.address_of(self.slug)

    def _free_slug(self) -> str:
        """The slug its title and years give, « -2 », « -3 »… when another plan has it."""
        base = default_slug(self.title, self.start_year, self.end_year)
        taken = set(Plan.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        candidates = (base if n == 1 else f"{base}-{n}" for n in range(1, len(taken) + 2))
        return next(slug for slug in candidates if slug not in taken)

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    @property
    def is_archived(self) -> bool:
        return self.archived_on is not None


class Axis(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="axes")
    number = models.PositiveSmallIntegerField(_("numéro"), validators=[MinValueValidator(1)])
    title = models.CharField(
        _("titre"), max_length=300, help_text=_("Intitulé de l'axe dans le tableau du bilan.")
    )
    summary = models.TextField(
        _("résumé"), blank=True, help_text=_("Présentation de l'axe (Markdown restreint).")
    )

    class Meta:
        verbose_name = _("axe")
        verbose_name_plural = _("axes")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="axis_number_unique_in_plan",
                violation_error_message=_("Ce plan a déjà un axe portant ce numéro."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="axis_number_positive",
                violation_error_message=_("Le numéro d'axe commence à 1."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Ambition(models.Model):
    """The City's 2021-2026 ambition: the first column of the bilan table."""

    axis = models.ForeignKey(Axis, on_delete=models.CASCADE, related_name="ambitions")
    position = models.PositiveSmallIntegerField(_("position dans l'axe"))
    text = models.TextField(_("texte"), help_text=_("Markdown restreint : **gras**, paragraphes."))

    class Meta:
        verbose_name = _("ambition")
        verbose_name_plural = _("ambitions")
        ordering = ["axis", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["axis", "position"],
                name="ambition_position_unique_in_axis",
                violation_error_message=_("Cet axe a déjà une ambition à cette position."),
            ),
        ]

    def __str__(self):
        return self.text.replace("**", "")[:80]


class Measure(models.Model):
    """One of the plan's numbered measures (1 to 12 in the Paris plan)."""

    axis = models.ForeignKey(Axis, on_delete=models.CASCADE, related_name="measures")
    number = models.PositiveSmallIntegerField(_("numéro"), validators=[MinValueValidator(1)])
    title = models.CharField(_("intitulé court"), max_length=200)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assigned_measures",
        verbose_name=_("agents de saisie"),
        help_text=_("Les agents qui saisissent les chiffres et les textes de cette mesure."),
    )

    class Meta:
        verbose_name = _("mesure")
        verbose_name_plural = _("mesures")
        ordering = ["axis__plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["axis", "number"],
                name="measure_number_unique_in_axis",
                violation_error_message=_("Cet axe a déjà une mesure portant ce numéro."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="measure_number_positive",
                violation_error_message=_("Le numéro de mesure commence à 1."),
            ),
        ]

    def __str__(self):
        return _("Mesure %(number)s — %(title)s") % {"number": self.number, "title": self.title}

    def clean(self):
        super().clean()
        # Measure numbers run across the whole plan (1 to 12), not per axis;
        # the database can only see the axis, so the plan-wide check is here.
        if self.axis_id is None:
            return
        clash = Measure.objects.filter(axis__plan_id=self.axis.plan_id, number=self.number)
        if clash.exclude(pk=self.pk).exists():
            message = _("Ce plan a déjà une mesure portant le numéro %(number)s.")
            raise ValidationError(
                {"number": ValidationError(message, params={"number": self.number})}
            )


class ReportRowQuerySet(models.QuerySet):
    def in_report_order(self):
        return self.order_by("ambition__axis__number", "ambition__position", "position")


class ReportRow(models.Model):
    """One line of the bilan table: a measure, a sub-action, or an unnumbered row."""

    ambition = models.ForeignKey(Ambition, on_delete=models.PROTECT, related_name="rows")
    position = models.PositiveSmallIntegerField(_("position sous l'ambition"))
    measure = models.ForeignKey(
        Measure,
        on_delete=models.PROTECT,
        related_name="rows",
        null=True,
        blank=True,
        help_text=_("Vide pour une ligne du bilan sans numéro de mesure."),
    )
    letter = models.CharField(
        _("lettre de sous-action"),
        max_length=1,
        blank=True,
        help_text=_("a, b, c… pour les sous-actions d'une mesure ; vide sinon."),
    )
    title = models.CharField(
        _("intitulé court"),
        max_length=200,
        help_text=_("Nom court de la ligne, pour les menus et les graphiques."),
    )

    objects = ReportRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("ligne du bilan")
        verbose_name_plural = _("lignes du bilan")
        ordering = [
            "ambition__axis__plan",
            "ambition__axis__number",
            "ambition__position",
            "position",
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["ambition", "position"],
                name="report_row_position_unique_in_ambition",
                violation_error_message=_("Cette ambition a déjà une ligne à cette position."),
            ),
            models.UniqueConstraint(
                fields=["measure", "letter"],
                name="report_row_unique_per_measure_letter",
                violation_error_message=_("Cette mesure a déjà une ligne avec cette lettre."),
            ),
            models.CheckConstraint(
                condition=Q(letter="") | Q(measure__isnull=False),
                name="report_row_letter_needs_measure",
                violation_error_message=_(
                    "Une sous-action (lettre a, b, c…) appartient forcément à une mesure."
                ),
            ),
            models.CheckConstraint(
                condition=Q(letter="") | Q(letter__regex=r"^[a-z]$"),
                name="report_row_letter_lowercase",
                violation_error_message=_("La lettre de sous-action est une minuscule de a à z."),
            ),
        ]

    def __str__(self):
        return f"{self.number_label or '—'} {self.title}".strip()

    @property
    def number_label(self) -> str:
        """What the report prints in its '#' column: '3', '9' (sub-actions) or ''."""
        if self.measure_id is None:
            return ""
        return str(self.measure.number)

    @property
    def reference(self) -> str:
        """A short unique label: '3', '9a', or '' for the unnumbered row."""
        return f"{self.number_label}{self.letter}"

    def clean(self):
        super().clean()
        if self.measure_id and self.ambition_id and self.measure.axis_id != self.ambition.axis_id:
            raise ValidationError(
                {"measure": _("La mesure doit appartenir au même axe que l'ambition.")}
            )
