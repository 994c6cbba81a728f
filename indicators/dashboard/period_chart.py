"""The chart of an indicator over the whole plan, as a plain Plotly dict.

An annual flow is told by its running total: the yearly results as bars, what they
add up to as a line, the yearly targets added up as a dashed line with diamonds.
A stock is told by its yearly values, as on the yearly pages
(``charts.indicator_history_figure``). Missing values are ``None``: no bar, a
break in the line, never 0. Hover texts are the table's words, so a keyboard
reader finds every value in the table beside the chart (RGAA 12.11).
"""

from django.utils.translation import gettext as _

from core.formatting import format_quantity, french_spacing
from indicators import progress
from indicators.dashboard import charts
from indicators.dashboard.chart_style import (
    GRID_COLOR,
    HISTORY_HEIGHT,
    HOVER_TEMPLATE,
    OUTLINE_COLOR,
    PLAN_TARGET_DASH,
    RESULT_COLOR,
    TARGET_MARKER,
    TRAJECTORY_COLOR,
    YEAR_TARGET_COLOR,
    base_layout,
    legend_below,
    number,
    value_axis,
)
from indicators.dashboard.rows import IndicatorRow


def _hover(template: str, year: int, value, unit) -> str:
    if value is None:
        return ""
    return french_spacing(template % {"year": year, "value": format_quantity(value, unit)})


def _trace(kind: str, name: str, lines, field: str, template: str, unit, **style) -> dict:
    values = [getattr(line, field) for line in lines]
    return {
        "type": kind,
        "name": name,
        "x": [line.year for line in lines],
        "y": [number(value) for value in values],
        "customdata": [
            _hover(template, line.year, value, unit)
            for line, value in zip(lines, values, strict=True)
        ],
        "hovertemplate": HOVER_TEMPLATE,
        # A legend entry for what does not exist would suggest it is missing.
        "showlegend": any(value is not None for value in values),
        **style,
    }


def _layout(row: IndicatorRow, lines) -> dict:
    values = [
        value
        for line in lines
        for value in (line.result, line.running_total, line.cumulative_target)
        if value is not None
    ]
    layout = base_layout(HISTORY_HEIGHT) | {
        "margin": {"l": 64, "r": 16, "t": 16, "b": 96},
        "showlegend": True,
        "legend": legend_below(),
        "xaxis": {
            "title": {"text": _("Année")},
            "type": "linear",
            "tickmode": "linear",
            "dtick": 1,
            "tickformat": "d",
            "showgrid": False,
            "fixedrange": True,
        },
        "yaxis": {
            "title": {"text": str(row.unit)},
            "automargin": True,
            "rangemode": "tozero",
            "gridcolor": GRID_COLOR,
            "zeroline": True,
            "zerolinecolor": OUTLINE_COLOR,
            "fixedrange": True,
        }
        | value_axis(row.unit, values),
    }
    return layout


def period_figure(row: IndicatorRow, lines) -> dict:
    """The chart beside the « année par année » table of ``row`` (lines: ``series``'s)."""
    if row.kind != progress.ANNUAL_FLOW:
        return charts.indicator_history_figure(row)
    unit = row.unit
    data = [
        _trace(
            "bar",
            _("Résultat de l'année"),
            lines,
            "result",
            _("Résultat %(year)s : %(value)s"),
            unit,
            marker={"color": RESULT_COLOR},
        ),
        _trace(
            "scatter",
            _("Cumul des résultats"),
            lines,
            "running_total",
            _("Cumul fin %(year)s : %(value)s"),
            unit,
            mode="lines+markers",
            line={"color": TRAJECTORY_COLOR, "width": 3},
            marker={"color": TRAJECTORY_COLOR, "size": 8},
        ),
        _trace(
            "scatter",
            _("Objectif cumulé"),
            lines,
            "cumulative_target",
            _("Objectif cumulé fin %(year)s : %(value)s"),
            unit,
            mode="lines+markers",
            line={"color": YEAR_TARGET_COLOR, "dash": PLAN_TARGET_DASH, "width": 2},
            marker=dict(TARGET_MARKER),
        ),
    ]
    return {"data": data, "layout": _layout(row, lines)}
