"""Plotly figures as plain dicts, built from dashboard rows.

Why dicts and not ``plotly.graph_objects``: a page draws one figure per
indicator, and building a validated ``go.Figure`` costs about fifty times more
than writing the dict it serialises to. The page embeds each dict with Django's
``json_script`` and ``static/js/charts.js`` calls
``Plotly.newPlot(element, figure.data, figure.layout, CHART_CONFIG)``. The
tests validate every dict with ``go.Figure``, so a wrong property still fails.

The overview's headline bullets are in ``headline``.

Rules the figures keep:

* No database access: the rows (``indicators.dashboard.rows``) hold everything.
* Only ``bar`` and ``scatter`` traces: the page loads a partial plotly.js
  bundle that holds only those.
* Every number is JSON-native (``float``, ``int`` or ``None``): a missing
  result is ``None``, drawn as no bar, never as a 0 bar.
* Texts readers see go through ``gettext``; figures through
  ``core.formatting`` (hover texts are preformatted in ``customdata``).
* Colours come from the Okabe-Ito palette, safe for colour-blind readers, and
  never carry meaning alone: results are bars, targets diamonds, the plan's
  target a dashed line and the trajectory a dotted one, each named in the
  legend.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from core.formatting import format_quantity, french_spacing
from indicators import progress
from indicators.dashboard.chart_style import (
    BASELINE_COLOR,
    BASELINE_DASH,
    EMPTY_HEIGHT,
    GRID_COLOR,
    HISTORY_HEIGHT,
    HOVER_TEMPLATE,
    OUTLINE_COLOR,
    PLAN_TARGET_COLOR,
    PLAN_TARGET_DASH,
    RESULT_COLOR,
    TARGET_MARKER,
    TRAJECTORY_COLOR,
    TRAJECTORY_DASH,
    YEAR_TARGET_COLOR,
    base_layout,
    legend_below,
    no_data_annotation,
    value_axis,
    year_axis,
)
from indicators.dashboard.chart_style import number as _number
from indicators.dashboard.rows import IndicatorRow
from indicators.dashboard.sentences import (
    STOCK_KINDS,
    point_result_text,
    point_target_text,
    status_label,
    target_text,
)
from indicators.dashboard.wording import baseline_label, change_label, signed_percent


def _figure_years(row: IndicatorRow) -> list[int]:
    """The plan's years, and any year with a point (or a dated baseline) outside them."""
    years = set(range(row.plan_start_year, row.plan_end_year + 1))
    years |= {point.year for point in row.points}
    if row.baseline is not None and row.baseline_year is not None:
        years.add(row.baseline_year)
    return sorted(years)


def _y_axis_title(unit: str) -> str:
    return _("Part (%)") if unit.strip() == "%" else unit


def trajectory_start(row: IndicatorRow) -> tuple[int, Decimal]:
    """Where the straight path to the plan target starts: (year, value).

    The baseline at its year when there is one, else 0 at the end of the year
    before the plan; a baseline older than that, or with no year, is put at the
    end of the year before the plan (the plan's start), as
    ``progress.expected_fraction`` counts the plan's years from there and
    ``progress`` measures from the baseline whatever its year.
    """
    before_plan = row.plan_start_year - 1
    if row.baseline is None:
        return before_plan, progress.ZERO
    return max(row.baseline_year or before_plan, before_plan), row.baseline


def _has_trajectory(row: IndicatorRow) -> bool:
    if row.kind != progress.CUMULATIVE or row.plan_target is None:
        return False
    if row.direction == progress.MAINTAIN:
        return False
    # Going down from nothing means nothing: a decrease needs its baseline.
    return row.direction == progress.INCREASE or row.baseline is not None


def _original_target_trace(row: IndicatorRow, years: list[int], points: dict) -> dict:
    """Targets as first published, where a later decision changed them (open diamonds)."""
    values = [points[y].original_target if y in points else None for y in years]
    return {
        "type": "scatter",
        "mode": "markers",
        "name": _("Objectif initial"),
        "x": years,
        "y": [_number(v) for v in values],
        "marker": TARGET_MARKER | {"symbol": "diamond-open", "color": OUTLINE_COLOR},
        "customdata": [
            _("Objectif initial %(year)s : %(target)s")
            % {"year": year, "target": format_quantity(value, row.unit)}
            if value is not None
            else ""
            for year, value in zip(years, values, strict=True)
        ],
        "hovertemplate": HOVER_TEMPLATE,
    }


def _plan_target_trace(row: IndicatorRow) -> dict:
    name = _("Cible %(year)s : %(target)s") % {
        "year": row.plan_end_year,
        "target": target_text(
            row.plan_target, row.plan_target_comparator, row.unit, with_noun=False
        ),
    }
    hover = _("Cible %(year)s : %(target)s") % {
        "year": row.plan_end_year,
        "target": target_text(row.plan_target, row.plan_target_comparator, row.unit),
    }
    name, hover = french_spacing(name), french_spacing(hover)
    years = [row.plan_start_year, row.plan_end_year]
    return {
        "type": "scatter",
        "mode": "lines",
        "name": name,
        "x": years,
        "y": [_number(row.plan_target)] * len(years),
        "line": {"color": PLAN_TARGET_COLOR, "dash": PLAN_TARGET_DASH, "width": 2},
        "customdata": [hover] * len(years),
        "hovertemplate": HOVER_TEMPLATE,
    }


def _trajectory_trace(row: IndicatorRow) -> dict:
    start_year, start_value = trajectory_start(row)
    end_year, end_value = row.plan_end_year, row.plan_target
    years = list(range(start_year, end_year + 1))
    span = Decimal(end_year - start_year) if end_year > start_year else Decimal(1)
    values = [
        start_value + (end_value - start_value) * (year - start_year) / span for year in years
    ]
    return {
        "type": "scatter",
        "mode": "lines",
        "name": _("Trajectoire"),
        "x": years,
        "y": [_number(value) for value in values],
        "line": {"color": TRAJECTORY_COLOR, "dash": TRAJECTORY_DASH, "width": 2},
        # No hover label: its in-between values were in no table, so a keyboard could not
        # reach them (RGAA 12.11); the line joins the start and the plan target, both in
        # the « Données du graphique » table.
        "hoverinfo": "skip",
    }


def _history_layout(row: IndicatorRow) -> dict:
    layout = base_layout(HISTORY_HEIGHT) | {
        "margin": {"l": 64, "r": 16, "t": 16, "b": 96},
        "showlegend": True,
        "legend": legend_below(),
        "xaxis": year_axis(),
        "yaxis": {
            "title": {"text": _y_axis_title(row.unit)},
            # Room for the longest tick (« 400 000 € »), whatever the unit.
            "automargin": True,
            "rangemode": "tozero",
            "gridcolor": GRID_COLOR,
            "zeroline": True,
            "zerolinecolor": OUTLINE_COLOR,
            "fixedrange": True,
        }
        | value_axis(row.unit, _plotted_values(row)),
    }
    if row.kind == progress.SHARE:
        layout["yaxis"]["range"] = [0, 100]
    return layout


def _plotted_values(row: IndicatorRow) -> list:
    values = [v for p in row.points for v in (p.result, p.target, p.original_target)]
    values += [row.plan_target, row.baseline]
    return [v for v in values if v is not None]


def _empty_year_traces() -> tuple[dict, dict]:
    """The results' bars and the yearly targets' diamonds, with no point yet."""
    result_trace = {
        "type": "bar",
        "name": _("Résultat"),
        "x": [],
        "y": [],
        "marker": {"color": RESULT_COLOR},
        "customdata": [],
        "hovertemplate": HOVER_TEMPLATE,
        "text": [],
        "textposition": "outside",
        "cliponaxis": False,
    }
    target_trace = {
        "type": "scatter",
        "mode": "lines+markers",
        "name": _("Objectif"),
        "x": [],
        "y": [],
        "marker": dict(TARGET_MARKER),
        "line": {"color": YEAR_TARGET_COLOR, "width": 2},
        "customdata": [],
        "hovertemplate": HOVER_TEMPLATE,
    }
    return result_trace, target_trace


def _add_year(result_trace: dict, target_trace: dict, row: IndicatorRow, year: int, point):
    """One year's result bar and target diamond; a missing value is ``None``, never 0."""
    result = point.result if point else None
    target = point.target if point else None
    result_trace["x"].append(year)
    result_trace["y"].append(_number(result))
    result_trace["text"].append(
        point_result_text(point, row.unit, with_noun=False) if result is not None else ""
    )
    result_trace["customdata"].append(
        french_spacing(
            _("Résultat %(year)s : %(value)s")
            % {"year": year, "value": point_result_text(point, row.unit)}
        )
        if result is not None
        else ""
    )
    target_trace["x"].append(year)
    target_trace["y"].append(_number(target))
    target_trace["customdata"].append(
        french_spacing(
            _("Objectif %(year)s : %(target)s")
            % {"year": year, "target": point_target_text(point, row.unit)}
        )
        if target is not None
        else ""
    )


def _empty_figure_text(row: IndicatorRow) -> str:
    """What an empty chart says: the context figure, or why nothing is drawn."""
    if row.reference_change is not None:
        # On two lines, so that it fits a phone-wide chart.
        return _("%(label)s : %(change)s<br>(date de la mesure non précisée)") % {
            "label": change_label(row.baseline_year),
            "change": signed_percent(row.reference_change),
        }
    if row.holds_a_figure:
        return _("Aucun résultat annuel publié")
    return _("Ni objectif chiffré ni résultat")


def _derived_target_name(row: IndicatorRow) -> str:
    """« Objectif (déduit en 2023) » when some yearly targets are derived, else « Objectif »."""
    derived = [str(p.year) for p in row.points if p.target is not None and p.target_derivation]
    if not derived:
        return _("Objectif")
    return _("Objectif (déduit en %(years)s)") % {"years": ", ".join(derived)}


def indicator_history_figure(row: IndicatorRow) -> dict:
    """Results as bars and yearly targets as diamonds over the plan's years.

    A cumulative indicator with a plan target also gets the target as a dashed
    line and the straight trajectory to it, dotted; a level or share with a
    plan target gets the dashed line only. A share's axis runs 0-100 %.
    A baseline is a marker at its year, or a dash-dot line across the plan
    when the source gives no year. With nothing to draw the figure is empty
    and says why (a change cited as context, no yearly value, nothing at all).
    """
    layout = _history_layout(row)
    result_trace, target_trace = _empty_year_traces()
    if not row.points and row.baseline is None:
        # Nothing to draw: a short band with the reason, not an empty plot area.
        layout["height"] = EMPTY_HEIGHT
        layout["margin"] = {"l": 16, "r": 16, "t": 8, "b": 8}
        layout["showlegend"] = False
        layout["xaxis"]["visible"] = False
        layout["yaxis"]["visible"] = False
        layout["annotations"] = [no_data_annotation(french_spacing(_empty_figure_text(row)))]
        return {"data": [result_trace, target_trace], "layout": layout}

    years = _figure_years(row)
    points = {point.year: point for point in row.points}
    for year in years:
        _add_year(result_trace, target_trace, row, year, points.get(year))

    # A legend entry for what does not exist would suggest it is missing.
    result_trace["showlegend"] = (
        any(y is not None for y in result_trace["y"]) or row.baseline is None
    )
    target_trace["showlegend"] = any(y is not None for y in target_trace["y"])
    target_trace["name"] = _derived_target_name(row)
    data = [result_trace, target_trace]
    if any(point.original_target is not None for point in row.points):
        data.append(_original_target_trace(row, years, points))
    if row.plan_target is not None and row.kind in (*STOCK_KINDS, progress.SHARE):
        data.append(_plan_target_trace(row))
    if _has_trajectory(row):
        data.append(_trajectory_trace(row))
    if row.baseline is not None:
        data.append(_baseline_trace(row, years))
    if row.year.status in (progress.IN_COLLECTION, progress.NOT_DUE):
        layout["annotations"] = [pending_year_annotation(row)]
    return {"data": data, "layout": layout}


def _baseline_trace(row: IndicatorRow, years: list[int]) -> dict:
    """The baseline: a marker at its year, or a line across the chart with no year invented."""
    text = french_spacing(
        _("%(label)s : %(value)s")
        % {
            "label": baseline_label(row.baseline_year),
            "value": format_quantity(row.baseline, row.unit),
        }
    )
    trace = {
        "type": "scatter",
        "name": text,
        "customdata": [],
        "hovertemplate": HOVER_TEMPLATE,
    }
    if row.baseline_year is not None:
        marker = {"symbol": "circle-open", "size": 12, "color": BASELINE_COLOR}
        marker["line"] = {"width": 2, "color": BASELINE_COLOR}
        return trace | {
            "mode": "markers",
            "x": [row.baseline_year],
            "y": [_number(row.baseline)],
            "marker": marker,
            "customdata": [text],
        }
    ends = [years[0], years[-1]]
    return trace | {
        "mode": "lines",
        "x": ends,
        "y": [_number(row.baseline)] * 2,
        "line": {"color": BASELINE_COLOR, "dash": BASELINE_DASH, "width": 2},
        "customdata": [text] * 2,
    }


def pending_year_annotation(row: IndicatorRow) -> dict:
    """The selected year's empty slot says why it is empty (« en cours de collecte »).

    Written upright in the slot where its bar will stand, from the axis up, so
    that nothing reads as a 0 bar; the hover gives the full sentence.
    """
    status = status_label(row.year.status)
    return {
        "text": status,
        "hovertext": _("Résultat %(year)s %(status)s")
        % {"year": row.selected_year, "status": status},
        "xref": "x",
        "yref": "paper",
        "x": row.selected_year,
        "y": 0,
        "yanchor": "bottom",
        "textangle": -90,
        "showarrow": False,
        "font": {"size": 12, "color": OUTLINE_COLOR},
    }
