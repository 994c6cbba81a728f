"""The final bilan of the plan: each indicator's target over the plan, what was achieved, its
final status, and the rule each figure was obtained by, in French.

The arithmetic is ``indicators.plan_outcome``'s; this module only words it. Built from
dashboard rows of published values only (the caller fetches them so).
"""

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from core.formatting import format_quantity
from indicators import plan_outcome
from indicators.dashboard.french_parts import mark_french_units
from indicators.dashboard.rows import IndicatorRow
from indicators.dashboard.wording import result_text, target_text
from indicators.models import ResultBound

FINAL_STATUS_LABELS = {
    plan_outcome.ATTAINED: pgettext_lazy("statut final", "atteint"),
    plan_outcome.PARTLY_ATTAINED: gettext_lazy("partiellement atteint"),
    plan_outcome.NOT_ATTAINED: gettext_lazy("non atteint"),
    plan_outcome.WITHOUT_TARGET: gettext_lazy("sans objectif chiffré"),
    plan_outcome.NO_RESULT: gettext_lazy("aucun résultat à comparer"),
}


@dataclass(frozen=True)
class FinalIndicator:
    row: IndicatorRow
    outcome: plan_outcome.FinalOutcome
    # « plus de 20 » in a year added up (or the year read) makes the figure a lower bound.
    is_lower_bound: bool = False

    @property
    def status_label(self) -> str:
        return FINAL_STATUS_LABELS[self.outcome.status]


def _years_text(years) -> str:
    years = [str(year) for year in years]
    if len(years) == 1:
        return years[0]
    return _("%(first)s et %(last)s") % {"first": ", ".join(years[:-1]), "last": years[-1]}


def final_indicator(row: IndicatorRow) -> FinalIndicator:
    """``row``: built from published values only."""
    results = {p.year: p.result for p in row.points if p.result is not None}
    outcome = plan_outcome.final_outcome(
        row.kind,
        results,
        start_year=row.plan_start_year,
        end_year=row.plan_end_year,
        plan_target=row.plan_target,
        plan_target_comparator=row.plan_target_comparator,
        yearly_targets={p.year: p.target for p in row.points if p.target is not None},
        yearly_comparators={p.year: p.target_comparator for p in row.points},
        direction=row.direction,
        baseline=row.baseline,
    )
    counted = (
        set(results) - set(outcome.missing_years)
        if outcome.value_rule == plan_outcome.SUM_OF_YEARS
        else {outcome.as_of_year}
    )
    bounded = any(
        p.year in counted and p.result is not None and p.result_bound != ResultBound.EXACT
        for p in row.points
    )
    return FinalIndicator(row=row, outcome=outcome, is_lower_bound=bounded)


def achieved_text(item: FinalIndicator) -> str:
    outcome, unit = item.outcome, item.row.unit
    if outcome.value is None:
        return ""
    bound = ResultBound.AT_LEAST if item.is_lower_bound else ResultBound.EXACT
    return result_text(outcome.value, bound, unit)


def achieved_rule(item: FinalIndicator) -> str:
    """How the achieved figure was obtained, in one French sentence."""
    outcome, row = item.outcome, item.row
    years = {"start": row.plan_start_year, "end": row.plan_end_year}
    if outcome.value_rule == plan_outcome.SUM_OF_YEARS:
        rule = _("Somme des résultats annuels publiés de %(start)s à %(end)s.") % years
        if outcome.missing_years and outcome.value is not None:
            rule += " " + _("Aucun résultat publié pour %(years)s : rien n'y est compté.") % {
                "years": _years_text(outcome.missing_years)
            }
        elif outcome.value is None:
            rule = _("Aucun résultat publié de %(start)s à %(end)s.") % years
        return rule
    if outcome.value is None:
        return _("Aucun résultat publié de %(start)s à %(end)s.") % years
    if outcome.as_of_year == row.plan_end_year:
        return _("Valeur de %(year)s, dernière année du plan.") % {"year": outcome.as_of_year}
    return _(
        "Dernière valeur publiée, celle de %(year)s : aucune n'a été publiée pour %(end)s."
    ) % {"year": outcome.as_of_year, "end": row.plan_end_year}


def target_rule(item: FinalIndicator) -> str:
    outcome, row = item.outcome, item.row
    if outcome.target_rule is None:
        return _("Ni cible sur la durée du plan ni objectif annuel pour le comparer.")
    if outcome.target_rule == plan_outcome.PLAN_TARGET:
        return _("Cible sur la durée du plan, fixée par le plan.")
    if outcome.target_rule == plan_outcome.TARGET_OF_THE_YEAR:
        return _("Objectif de %(year)s, faute de cible sur la durée du plan.") % {
            "year": outcome.as_of_year or row.plan_end_year
        }
    rule = _("Somme des objectifs annuels, faute de cible sur la durée du plan.")
    if outcome.years_without_target:
        rule += " " + _(
            "Sans objectif pour %(years)s : les résultats de ces années ne sont pas comparés "
            "(résultats des années avec objectif : %(compared)s)."
        ) % {
            "years": _years_text(outcome.years_without_target),
            "compared": format_quantity(outcome.compared_value, row.unit) or "—",
        }
    return rule


def status_rule(item: FinalIndicator) -> str:
    """Why the status is what it is, with the share of the way when there is one."""
    ratio = item.outcome.ratio
    if ratio is None:
        return ""
    percent = format_quantity((ratio * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP), "%")
    return _("%(percent)s du chemin vers la cible.") % {"percent": percent}


def status_counts(items) -> list[tuple[str, str, int]]:
    """(status, its words, how many) for each final status present, in the statuses' order."""
    counts = Counter(item.outcome.status for item in items)
    return [
        (status, FINAL_STATUS_LABELS[status], counts[status])
        for status in plan_outcome.FINAL_STATUSES
        if counts[status]
    ]


def summary_sentence(items) -> str:
    total = len(items)
    attained = sum(1 for item in items if item.outcome.status == plan_outcome.ATTAINED)
    return ngettext(
        "%(attained)s indicateur sur %(total)s a atteint sa cible.",
        "%(attained)s indicateurs sur %(total)s ont atteint leur cible.",
        attained,
    ) % {"attained": attained, "total": total}


class FinalTable(tables.Table):
    """One line per indicator of a line of the bilan: target, achieved, final status."""

    indicator = tables.Column(
        verbose_name=gettext_lazy("Indicateur"), accessor="row__label", orderable=False
    )
    target = tables.Column(
        verbose_name=gettext_lazy("Cible sur la durée du plan"), empty_values=(), orderable=False
    )
    achieved = tables.Column(verbose_name=gettext_lazy("Réalisé"), empty_values=(), orderable=False)
    status = tables.Column(
        verbose_name=gettext_lazy("Statut final"), empty_values=(), orderable=False
    )

    class Meta:
        # Stacked on a phone rather than scrolled sideways (see the template).
        template_name = "indicators/bilan/includes/final_table.html"
        attrs = {"class": "data-table final-table"}

    row_header = "indicator"

    def __init__(self, data, *, caption: str, **kwargs):
        super().__init__(data, **kwargs)
        self.caption = caption

    def render_indicator(self, value):
        return format_html('<span lang="fr">{}</span>', value)

    @staticmethod
    def _figure_and_rule(figure: str, unit, rule: str):
        shown = mark_french_units(figure, unit) if figure else "—"
        return format_html('{}<br><small class="rule">{}</small>', shown, rule)

    def render_target(self, record):
        outcome = record.outcome
        figure = (
            target_text(outcome.target, outcome.comparator, record.row.unit)
            if outcome.target is not None
            else ""
        )
        return self._figure_and_rule(figure, record.row.unit, target_rule(record))

    def render_achieved(self, record):
        return self._figure_and_rule(achieved_text(record), record.row.unit, achieved_rule(record))

    def render_status(self, record):
        badge = format_html(
            '<span class="badge status-{}">{}</span>', record.outcome.status, record.status_label
        )
        rule = status_rule(record)
        if not rule:
            return badge
        return format_html('{}<br><small class="rule">{}</small>', badge, rule)


def final_sections(bilan) -> list:
    """Axis → ambition → (line of the bilan, its indicators' table or None)."""
    return [
        (
            axis,
            [
                (
                    ambition,
                    [
                        (
                            line,
                            FinalTable(
                                line.items,
                                caption=_("Indicateurs de « %(title)s » à la fin du plan")
                                % {"title": line.title},
                            )
                            if line.items
                            else None,
                        )
                        for line in ambition.lines
                    ],
                )
                for ambition in axis.ambitions
            ],
        )
        for axis in bilan.axes
    ]
