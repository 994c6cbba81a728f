"""How the dashboard's charts look: the palette, fonts, sizes and Plotly's options.

Colours come from the Okabe-Ito palette, safe for colour-blind readers; the
yearly targets' orange is darkened so that every mark a reader needs stands out
at 3:1 at least against the white plot (RGAA 3.3). Series differ by more than
colour (RGAA 3.1): bars, diamonds, dashed, dotted and dash-dot lines, each named
in the legend.
"""

from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.formatting import EURO_UNITS, NBSP, chart_separators, percent_suffix

# Okabe-Ito colours; contrast with the white plot in the comments.
RESULT_COLOR = "#0072B2"  # blue, 5.2:1
# Okabe-Ito's orange (#E69F00) is 2.2:1 on white: darkened to the same hue.
YEAR_TARGET_COLOR = "#B36B00"  # dark orange, 4.2:1
PLAN_TARGET_COLOR = "#D55E00"  # vermillion, 3.9:1
TRAJECTORY_COLOR = "#009E73"  # bluish green, 3.4:1
BASELINE_COLOR = "#CC79A7"  # reddish purple, 3.1:1
OUTLINE_COLOR = "#222222"
# Light on purpose: the grid only helps the eye, each value is written on its bar,
# in the hover label and in the data table.
GRID_COLOR = "#E0E0E0"
BACKGROUND_COLOR = "#FFFFFF"
# Text (axes, legend, labels) in the site's ink: 17:1 on white, and white in
# the result bars: 5.2:1 on their blue (WCAG AA asks 4.5:1).
TEXT_COLOR = "#1B1B1B"
TEXT_ON_RESULT_COLOR = "#FFFFFF"

TARGET_MARKER = {
    "symbol": "diamond",
    "size": 12,
    "color": YEAR_TARGET_COLOR,
    "line": {"color": OUTLINE_COLOR, "width": 1.5},
}
PLAN_TARGET_DASH = "dash"
TRAJECTORY_DASH = "dot"
BASELINE_DASH = "dashdot"

FONT = {"family": "system-ui, sans-serif", "size": 14, "color": TEXT_COLOR}
HISTORY_HEIGHT = 320
# A figure with nothing to draw: a short band that says why.
EMPTY_HEIGHT = 96


def is_empty_figure(figure: dict) -> bool:
    """Whether ``figure`` only says why there is nothing to draw."""
    return figure["layout"].get("height") == EMPTY_HEIGHT


HEADLINE_HEIGHT = 110

CHART_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    # No toolbar (RGAA 7.1, 7.3, 10.13): its buttons were English, mouse-only
    # (zoom, pan) and one tab stop each, about 90 on an axis page; each chart's
    # data table and the open-data files already give the numbers.
    "displayModeBar": False,
    # plotly.js offers to upload the chart to Plotly's cloud: nothing leaves the site.
    "showSendToCloud": False,
    # No zoom by the wheel, a pinch or a double click (RGAA 13.10): a chart shows
    # the plan's years whole, and the data table gives every value.
    "scrollZoom": False,
    "doubleClick": False,
}

HOVER_TEMPLATE = "%{customdata}<extra></extra>"


def number(value: Decimal | int | float | None) -> float | None:
    """A JSON-native number; ``None`` stays ``None`` (no value is not 0)."""
    return None if value is None else float(value)


def base_layout(height: int) -> dict:
    return {
        # The decimal mark and thousands separator of the reader's language.
        "separators": chart_separators(),
        "font": dict(FONT),
        "paper_bgcolor": BACKGROUND_COLOR,
        "plot_bgcolor": BACKGROUND_COLOR,
        "height": height,
        # Dragging draws no zoom box and pans nothing (RGAA 13.10): no complex gesture.
        "dragmode": False,
    }


def no_data_annotation(text: str) -> dict:
    return {
        "text": text,
        "xref": "paper",
        "yref": "paper",
        "x": 0.5,
        "y": 0.5,
        "showarrow": False,
        "font": {"size": 16},
    }


# Axis ticks: grouped digits, trailing zeros dropped, never an SI suffix
# (« 100 000 € », not « 100k »); the thousands separator comes from ``separators``.
TICK_FORMAT = ",~f"
# Below this, a count's axis ticks every unit: no « 0,5 séminaire ».
SMALL_COUNT = 10


def value_axis(unit: str, values) -> dict:
    """Tick format, prefix or suffix of a value axis, for the unit and the values drawn."""
    axis = {"tickformat": TICK_FORMAT, "separatethousands": True}
    symbol = (unit or "").strip()
    if symbol == "%":
        axis["ticksuffix"] = percent_suffix()
    elif symbol.lower() in EURO_UNITS:
        french = (get_language() or "fr").startswith("fr")
        axis |= {"ticksuffix": f"{NBSP}€"} if french else {"tickprefix": "€"}
    elif values and all(v == int(v) for v in values) and max(values) < SMALL_COUNT:
        axis["dtick"] = 1
    return axis


def legend_below() -> dict:
    """A horizontal legend under the plot, read, not clicked: hiding a series is a
    mouse-only action."""
    return {
        "orientation": "h",
        "x": 0,
        "xanchor": "left",
        "y": -0.3,
        "yanchor": "top",
        "itemclick": False,
        "itemdoubleclick": False,
    }


def year_axis() -> dict:
    """An axis of years, one tick each; a year is not a quantity: no thousands separator."""
    return {
        "title": {"text": _("Année")},
        "type": "linear",
        "tickmode": "linear",
        "dtick": 1,
        "tickformat": "d",
        "showgrid": False,
        "fixedrange": True,
    }
