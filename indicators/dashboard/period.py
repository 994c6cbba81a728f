"""« Sur toute la durée du plan »: each indicator year after year, in a table and a sentence.

Built from dashboard rows of published values only (the caller fetches them so);
the arithmetic is ``indicators.series``'s, the words are here. A year with nothing
published says so in its cells, never « 0 ».
"""

from dataclasses import dataclass

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import format_quantity
from indicators import progress, series
from indicators.dashboard.french_parts import mark_french_units
from indicators.dashboard.period_chart import period_figure
from indicators.dashboard.rows import IndicatorRow
from indicators.dashboard.tables import target_cell
from indicators.dashboard.wording import target_text

# What a cell says for a year without a published value.
EMPTY_CELLS = {
    series.NO_VALUE: gettext_lazy("aucune valeur publiée"),
    series.IN_COLLECTION: gettext_lazy("en cours de collecte"),
    series.TO_COME: gettext_lazy("à venir"),
}
FIGURE = {"td": {"class": "figure"}}


@dataclass(frozen=True)
class PeriodIndicator:
    row: IndicatorRow
    lines: tuple[series.SeriesYear, ...]
    sentence: str
    table: "PeriodTable"
    figure: dict

    @property
    def dom_id(self) -> str:
        return f"figure-duree-{self.row.pk}"


def _years_text(years) -> str:
    years = [str(year) for year in years]
    if len(years) == 1:
        return years[0]
    return _("%(first)s et %(last)s") % {"first": ", ".join(years[:-1]), "last": years[-1]}


def _flow_sentence(row: IndicatorRow, trend: series.Trend) -> str:
    values = {
        "first": trend.first_year,
        "last": trend.last_year,
        "value": format_quantity(trend.value, row.unit),
        "target": format_quantity(trend.target, row.unit),
    }
    if trend.first_year == trend.last_year:
        if trend.target is None:
            return _("En %(first)s, %(value)s.") % values
        return _("En %(first)s, %(value)s, pour un objectif de %(target)s.") % values
    if trend.target is None:
        return _("De %(first)s à %(last)s, %(value)s au total.") % values
    if trend.years_without_target:
        # The two totals do not cover the same years: said, not compared.
        values["years"] = _years_text(trend.years_without_target)
        return (
            _(
                "De %(first)s à %(last)s, %(value)s ; objectifs annuels cumulés : %(target)s, "
                "sans objectif pour %(years)s."
            )
            % values
        )
    return _("De %(first)s à %(last)s, %(value)s, pour un objectif cumulé de %(target)s.") % values


def _stock_sentence(row: IndicatorRow, trend: series.Trend) -> str:
    values = {
        "first": trend.first_year,
        "last": trend.last_year,
        "first_value": format_quantity(trend.first_value, row.unit),
        "value": format_quantity(trend.value, row.unit),
        "target": format_quantity(trend.target, row.unit),
    }
    if trend.first_year == trend.last_year:
        sentence = _("En %(last)s : %(value)s.") % values
    else:
        sentence = _("De %(first_value)s en %(first)s à %(value)s en %(last)s.") % values
    if trend.target is not None:
        sentence += " " + _("Objectif %(last)s : %(target)s.") % values
    return sentence


def period_sentence(row: IndicatorRow, lines) -> str:
    """The indicator's whole period in one or two French sentences."""
    trend = series.trend(row.kind, lines)
    if trend is None:
        sentence = _("Aucun résultat publié de %(start)s à %(end)s.") % {
            "start": row.plan_start_year,
            "end": row.plan_end_year,
        }
    elif row.kind == progress.ANNUAL_FLOW:
        sentence = _flow_sentence(row, trend)
    else:
        sentence = _stock_sentence(row, trend)
    if trend is not None and trend.missing_years:
        missing = {"years": _years_text(trend.missing_years)}
        if row.kind == progress.ANNUAL_FLOW:
            message = _(
                "Aucune valeur publiée pour %(years)s : "
                "le total ne porte que sur les années publiées."
            )
            sentence += " " + message % missing
        else:
            sentence += " " + _("Aucune valeur publiée pour %(years)s.") % missing
    if row.plan_target is not None:
        sentence += " " + _("Cible du plan : %(target)s d'ici %(end)s.") % {
            "target": target_text(row.plan_target, row.plan_target_comparator, row.unit),
            "end": row.plan_end_year,
        }
    return sentence


class PeriodTable(tables.Table):
    """One line per plan year: the published result, the target, and a flow's totals."""

    year = tables.Column(verbose_name=gettext_lazy("Année"))
    # Called for an empty result too: it says why the year has none.
    result = tables.Column(
        verbose_name=gettext_lazy("Résultat publié"), attrs=FIGURE, empty_values=()
    )
    running_total = tables.Column(verbose_name=gettext_lazy("Cumul des résultats"), attrs=FIGURE)
    target = tables.Column(
        verbose_name=gettext_lazy("Objectif de l'année"), attrs=FIGURE, empty_values=()
    )
    cumulative_target = tables.Column(verbose_name=gettext_lazy("Objectif cumulé"), attrs=FIGURE)

    class Meta:
        template_name = "includes/data_table.html"
        attrs = {"class": "data-table compact"}
        orderable = False

    row_header = "year"

    def __init__(self, data, *, row: IndicatorRow, caption: str, **kwargs):
        flow = row.kind == progress.ANNUAL_FLOW
        exclude = () if flow else ("running_total", "cumulative_target")
        super().__init__(data, exclude=exclude, **kwargs)
        self.unit = row.unit
        self.caption = caption
        # A year's target says what the yearly pages say: « au moins 11 », « (déduit : …) ».
        self.points = {point.year: point for point in row.points}

    def _figure(self, value):
        return (
            mark_french_units(format_quantity(value, self.unit), self.unit)
            if value is not None
            else "—"
        )

    def render_result(self, value, record):
        if record.state != series.PUBLISHED:
            return format_html("<em>{}</em>", EMPTY_CELLS[record.state])
        return self._figure(value)

    def render_running_total(self, value):
        return self._figure(value)

    def render_target(self, value, record):
        point = self.points.get(record.year)
        # The unit and a target's derivation are the plan's French (RGAA 8.7).
        figure = (
            mark_french_units(target_cell(point, self.unit), self.unit, [point.target_derivation])
            if value is not None and point is not None and point.target == value
            else self._figure(value)
        )
        if record.original_target is None:
            return figure
        original = _("initialement %(target)s") % {
            "target": format_quantity(record.original_target, self.unit)
        }
        return format_html(
            "{}<br><small>{}</small>", figure, mark_french_units(original, self.unit)
        )

    def render_cumulative_target(self, value):
        return self._figure(value)


def period_indicator(row: IndicatorRow, phases: dict[int, str]) -> PeriodIndicator:
    """``row``: built from published values only; ``phases``: each plan year's phase."""
    lines = series.year_series(
        row.kind,
        range(row.plan_start_year, row.plan_end_year + 1),
        {point.year: point.result for point in row.points if point.result is not None},
        {point.year: point.target for point in row.points if point.target is not None},
        phases=phases,
        original_targets={
            point.year: point.original_target
            for point in row.points
            if point.original_target is not None
        },
    )
    # The label is the plan's French, inside an English caption on an English page.
    caption = mark_french_units(
        _("Année par année : %(label)s") % {"label": row.label}, "", [row.label]
    )
    return PeriodIndicator(
        row=row,
        lines=lines,
        sentence=period_sentence(row, lines),
        table=PeriodTable(lines, row=row, caption=caption),
        figure=period_figure(row, lines),
    )
