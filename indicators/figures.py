"""Every figure an indicator holds, one record per year and kind of value.

The open data, the API and the bilan exports all read the same records, built
here from indicators whose targets, results and period targets were fetched
beforehand (``IndicatorQuerySet.for_dashboard`` or ``for_bilan``): no query is
made here. Kinds of value:

* ``resultat``: a yearly result, with its bound (« plus de 20 ») and as-of date;
* ``objectif``: a yearly target, with its comparator (« au moins 3 ») and, when
  the source does not state it but it follows from it, its derivation;
* ``cible_plan``: the indicator's target over the plan's years;
* ``objectif_periode``: a target over another period (its frame, first and last year);
* ``valeur_reference``: the baseline, with its year when the source gives one;
* ``evolution_depuis_reference``: a change since the reference year, in % (−30).

Only published yearly values are taken (a superseded target is history, not
the current target). An indicator with no figure at all has no record: the
writers say so with an empty row, never a 0.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import Unit, format_quantity, french_spacing
from core.workflow import EntryStatus
from indicators import progress
from indicators.models import Indicator, ResultBound
from indicators.small_counts import configured_threshold

RESULT = "resultat"
TARGET = "objectif"
PLAN_TARGET = "cible_plan"
PERIOD_TARGET = "objectif_periode"
BASELINE = "valeur_reference"
REFERENCE_CHANGE = "evolution_depuis_reference"

VALUE_KINDS = {
    BASELINE: gettext_lazy("valeur de référence"),
    REFERENCE_CHANGE: gettext_lazy("évolution depuis l'année de référence"),
    TARGET: gettext_lazy("objectif"),
    RESULT: gettext_lazy("résultat"),
    PLAN_TARGET: gettext_lazy("cible du plan"),
    PERIOD_TARGET: gettext_lazy("objectif sur une autre période"),
}
KIND_ORDER = tuple(VALUE_KINDS)

# How a figure compares with the quantity it speaks of: a target's comparator or a
# result's bound, in one vocabulary. « exactly » is the plain figure.
EXACTLY = progress.EXACTLY
MORE_THAN = "more_than"
# A small count kept from readers (``indicators.small_counts``): « moins de 5 », the
# value being the threshold, never the figure.
LESS_THAN = "less_than"
COMPARATORS = {
    EXACTLY: "",
    progress.AT_LEAST: gettext_lazy("au moins"),
    progress.AT_MOST: gettext_lazy("au plus"),
    MORE_THAN: gettext_lazy("plus de"),
    LESS_THAN: gettext_lazy("moins de"),
}
BOUND_COMPARATORS = {
    ResultBound.EXACT: EXACTLY,
    ResultBound.MORE_THAN: MORE_THAN,
    ResultBound.AT_LEAST: progress.AT_LEAST,
}
MINUS = "\u2212"


@dataclass(frozen=True)
class Figure:
    """One value an indicator holds: what it is, for which year, and where it comes from."""

    kind: str
    year: int | None
    value: Decimal
    unit: str
    unit_singular: str
    comparator: str = EXACTLY
    bound: str = ""
    derivation: str = ""
    frame: str = ""
    period_start: int | None = None
    period_end: int | None = None
    as_of: date | None = None
    producer: str = ""
    source: str = ""
    source_location: str = ""
    comment: str = ""
    published_on: date | None = None

    @property
    def is_derived(self) -> bool:
        return bool(self.derivation)

    @property
    def kind_label(self) -> str:
        return str(VALUE_KINDS[self.kind])

    @property
    def comparator_label(self) -> str:
        return str(COMPARATORS.get(self.comparator, ""))

    @property
    def text(self) -> str:
        """The figure as a reader reads it: « au moins 3 Pensions de Famille », « plus de
        20 professionnels », « −30 % depuis 2008 », the unit as the value needs it."""
        if self.kind == REFERENCE_CHANGE:
            sign = MINUS if self.value < 0 else "+" if self.value > 0 else ""
            change = f"{sign}{format_quantity(abs(self.value), '%')}"
            return _("%(change)s depuis %(year)s") % {"change": change, "year": self.year}
        figure = format_quantity(self.value, Unit(self.unit, self.unit_singular))
        label = self.comparator_label
        return f"{label} {figure}" if label else figure

    @property
    def source_text(self) -> str:
        """« Ville de Paris — Bilan 2022 & perspectives 2023 (juillet 2023), Tableau des
        mesures, mesure 3, colonne « Bilan 2022 » — au 31/12/2022 »; '' when unknown."""
        document = ", ".join(part for part in (self.source, self.source_location) if part)
        parts = [part for part in (self.producer, document) if part]
        if self.as_of:
            parts.append(_("au %(date)s") % {"date": self.as_of.strftime("%d/%m/%Y")})
        return " — ".join(parts)


@dataclass(frozen=True)
class IndicatorFigures:
    """An indicator, where it sits in the plan, and every figure it holds."""

    pk: int
    plan_title: str
    plan_start_year: int
    plan_end_year: int
    axis_number: int
    measure_number: int | None
    reference: str
    row_title: str
    label: str
    unit: str
    unit_singular: str
    kind: str
    direction: str
    figures: tuple[Figure, ...]

    def find(self, kind: str, year: int | None = None) -> Figure | None:
        return next(
            (f for f in self.figures if f.kind == kind and (year is None or f.year == year)),
            None,
        )

    def of_kind(self, kind: str) -> tuple[Figure, ...]:
        return tuple(f for f in self.figures if f.kind == kind)


def _published_by_year(entries) -> dict:
    """The published entry of each year (at most one: the workflow's constraint)."""
    return {e.year: e for e in entries if e.status == EntryStatus.PUBLISHED}


def _provenance(source) -> dict:
    return {
        "producer": source.producer,
        "source": source.source,
        "source_location": source.source_location,
    }


def _published_on(entry) -> date | None:
    return entry.published_at.date() if entry.published_at else None


def _own_figures(indicator: Indicator, plan, unit: dict) -> list[Figure]:
    """The indicator's own figures: baseline, change since the reference year, plan target."""
    own = _provenance(indicator)
    figures = []
    if indicator.baseline is not None:
        figures.append(Figure(BASELINE, indicator.baseline_year, indicator.baseline, **unit, **own))
    if indicator.reference_change is not None:
        change = indicator.reference_change
        percent = {"unit": "%", "unit_singular": "%"}
        figures.append(Figure(REFERENCE_CHANGE, indicator.baseline_year, change, **percent, **own))
    if indicator.plan_target is not None:
        figures.append(
            Figure(
                PLAN_TARGET,
                plan.end_year,
                indicator.plan_target,
                **unit,
                comparator=indicator.plan_target_comparator,
                period_start=plan.start_year,
                period_end=plan.end_year,
                **own,
            )
        )
    return figures


def _yearly_figures(indicator: Indicator, unit: dict) -> list[Figure]:
    """The published yearly targets and results."""
    figures = []
    for year, target in _published_by_year(indicator.year_targets.all()).items():
        figures.append(
            Figure(
                TARGET,
                year,
                target.value,
                **unit,
                comparator=target.comparator,
                derivation=target.derivation,
                comment=target.comment,
                published_on=_published_on(target),
                **_provenance(target),
            )
        )
    for year, result in _published_by_year(indicator.year_results.all()).items():
        withheld = getattr(result, "withheld", False)
        figures.append(
            Figure(
                RESULT,
                year,
                Decimal(configured_threshold()) if withheld else result.value,
                **unit,
                comparator=LESS_THAN if withheld else BOUND_COMPARATORS.get(result.bound, EXACTLY),
                bound=LESS_THAN if withheld else result.bound,
                as_of=result.as_of,
                comment=result.comment,
                published_on=_published_on(result),
                **_provenance(result),
            )
        )
    return figures


def _period_figures(indicator: Indicator, unit: dict) -> list[Figure]:
    return [
        Figure(
            PERIOD_TARGET,
            period.end_year,
            period.value,
            **unit,
            comparator=period.comparator,
            frame=period.label,
            period_start=period.start_year,
            period_end=period.end_year,
            **_provenance(period),
        )
        for period in indicator.period_targets.all()
    ]


def indicator_figures(indicator: Indicator) -> IndicatorFigures:
    """Every figure of one indicator (targets, results, period targets fetched beforehand)."""
    row = indicator.report_row
    plan = row.ambition.axis.plan
    unit = {"unit": indicator.unit, "unit_singular": indicator.unit_forms.singular}
    figures = [
        *_own_figures(indicator, plan, unit),
        *_yearly_figures(indicator, unit),
        *_period_figures(indicator, unit),
    ]
    figures.sort(key=lambda f: (f.year or 0, KIND_ORDER.index(f.kind), f.frame))
    return IndicatorFigures(
        pk=indicator.pk,
        plan_title=plan.title,
        plan_start_year=plan.start_year,
        plan_end_year=plan.end_year,
        axis_number=row.ambition.axis.number,
        measure_number=row.measure.number if row.measure_id else None,
        reference=row.reference,
        row_title=row.title,
        label=indicator.label,
        unit=indicator.unit,
        unit_singular=indicator.unit_forms.singular,
        kind=indicator.kind,
        direction=indicator.direction,
        figures=tuple(figures),
    )


def figure_note(figure: Figure, plan_years: str = "") -> str:
    """One line naming a figure and saying it in words, French spacing:
    « Objectif 2023 : au moins 11 Pensions de Famille (déduit : 8 … + … en 2023) »."""
    if figure.kind == REFERENCE_CHANGE:
        name = _("Évolution")
    elif figure.kind == BASELINE:
        name = (
            _("Valeur de référence %(year)s") % {"year": figure.year}
            if figure.year
            else _("Valeur de référence (année non précisée)")
        )
    elif figure.kind == PLAN_TARGET:
        name = _("Cible du plan %(years)s") % {"years": plan_years}
    elif figure.kind == PERIOD_TARGET:
        name = _("Objectif %(frame)s") % {"frame": period_name(figure)}
    elif figure.kind == TARGET:
        name = _("Objectif %(year)s") % {"year": figure.year}
    else:
        name = _("Résultat %(year)s") % {"year": figure.year}
    line = _("%(name)s : %(value)s") % {"name": name, "value": figure.text}
    if figure.is_derived:
        line = _("%(line)s (déduit : %(derivation)s)") % {
            "line": line,
            "derivation": figure.derivation,
        }
    return french_spacing(line)


def period_name(figure: Figure) -> str:
    """A period target's frame, with its years when its label does not name them."""
    if str(figure.period_end) in figure.frame:
        return figure.frame
    if figure.period_start is None:
        return _("%(label)s (d'ici %(end)s)") % {"label": figure.frame, "end": figure.period_end}
    return _("%(label)s (%(start)s-%(end)s)") % {
        "label": figure.frame,
        "start": figure.period_start,
        "end": figure.period_end,
    }


def machine_number(value: Decimal | None) -> str:
    """A figure for machines: point decimal, no grouping, no trailing zeros; '' for none.

    >>> machine_number(Decimal("1223.00")), machine_number(Decimal("-30.50")), machine_number(None)
    ('1223', '-30.5', '')
    """
    return "" if value is None else format(value.normalize(), "f")


# ---------------------------------------------------------------------------
# Records: the figures as rows whose keys are the open-data columns
# (``indicators.schema`` documents them; its tests check both agree).

# One name per line would take this module past 400 lines.
VALUE_COLUMNS = tuple(
    "annee type_valeur valeur comparateur libelle_comparateur borne valeur_texte deduit "  # noqa: SIM905
    "derivation cadre periode_debut periode_fin valeur_au producteur source "
    "emplacement_source commentaire publie_le".split()
)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def figure_record(figure: Figure | None) -> dict:
    """The value columns of one figure; all empty (``deduit`` false) for none."""
    if figure is None:
        return dict.fromkeys(VALUE_COLUMNS) | {"deduit": False}
    return {
        "annee": figure.year,
        "type_valeur": figure.kind,
        "valeur": machine_number(figure.value),
        "comparateur": figure.comparator,
        "libelle_comparateur": figure.comparator_label or None,
        "borne": figure.bound or None,
        "valeur_texte": figure.text,
        "deduit": figure.is_derived,
        "derivation": figure.derivation or None,
        "cadre": figure.frame or None,
        "periode_debut": figure.period_start,
        "periode_fin": figure.period_end,
        "valeur_au": _iso(figure.as_of),
        "producteur": figure.producer or None,
        "source": figure.source or None,
        "emplacement_source": figure.source_location or None,
        "commentaire": figure.comment or None,
        "publie_le": _iso(figure.published_on),
    }


def indicator_records(item: IndicatorFigures) -> list[dict]:
    """The rows of one indicator: one per figure, or one without value when it has none."""
    head = {
        "plan": item.plan_title,
        "axe": item.axis_number,
        "mesure": item.reference or None,
        "ligne": item.row_title,
        "indicateur_id": item.pk,
        "indicateur": item.label,
        "unite": item.unit,
        "unite_singulier": item.unit_singular,
        "nature": item.kind,
        "sens": item.direction,
    }
    rows = []
    for figure in item.figures or (None,):
        unit = {"unite": figure.unit, "unite_singulier": figure.unit_singular} if figure else {}
        rows.append(head | unit | figure_record(figure))
    return rows
