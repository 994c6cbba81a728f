"""The funding chart of an axis, as a plain Plotly dict, and the sentences that tell it.

One bar per plan year, stacked by funder: what each planned that year (what each
spent when no amount of the scope says what was planned). A year without a published
amount has no bar, never a 0 bar. Funders differ by colour and by the bars' hatching
(RGAA 3.1), each named in the legend; the year's total is written above its bar, and
the table beside the chart gives every amount (RGAA 12.11). No database access: the
figures come from ``funding.Funding``.
"""

from django.utils.translation import gettext as _

from core.formatting import format_quantity, french_spacing
from indicators.dashboard.chart_style import (
    BASELINE_COLOR,
    GRID_COLOR,
    HISTORY_HEIGHT,
    HOVER_TEMPLATE,
    OUTLINE_COLOR,
    PLAN_TARGET_COLOR,
    RESULT_COLOR,
    TEXT_COLOR,
    TRAJECTORY_COLOR,
    YEAR_TARGET_COLOR,
    base_layout,
    legend_below,
    number,
    value_axis,
    year_axis,
)
from indicators.dashboard.french_parts import page_is_french
from indicators.dashboard.funding import Funding, YearFunding

EURO = "€"
# Okabe-Ito, each at 3:1 at least on white. Five colours and seven hatchings: a sixth
# funder takes the first colour again, never with the same hatching as the first.
FUNDER_COLORS = (
    RESULT_COLOR,
    YEAR_TARGET_COLOR,
    TRAJECTORY_COLOR,
    BASELINE_COLOR,
    PLAN_TARGET_COLOR,
)
FUNDER_PATTERNS = ("", "/", "x", "\\", ".", "+", "-")


def short_name(funder: str) -> str:
    """A funder's name before its spelt-out form: « Dihal » for « Dihal (Délégation…) ».

    The legend is one line per funder; the table gives the name whole.

    >>> short_name("Dihal (Délégation interministérielle à l'hébergement)")
    'Dihal'
    >>> short_name("Ville de Paris")
    'Ville de Paris'
    """
    return funder.split(" (", 1)[0].strip() or funder


def drawn_field(funding: Funding) -> str:
    """What the bars add up: the planned amounts, or the spent ones when none is planned."""
    return "spent" if funding.total.planned is None else "planned"


def _funder_amounts(years: list[YearFunding], funder: str, field: str) -> dict[int, object]:
    amounts = {}
    for year in years:
        for total in year.funders:
            if total.funder == funder:
                amounts[year.year] = getattr(total, field)
    return amounts


def _funder_trace(index: int, funder: str, amounts: dict, plan_years: list[int]) -> dict:
    values = [amounts.get(year) for year in plan_years]
    name = short_name(funder)
    return {
        "type": "bar",
        "name": name,
        "x": plan_years,
        "y": [number(value) for value in values],
        "customdata": [
            ""
            if value is None
            else french_spacing(
                _("%(funder)s, %(year)s : %(amount)s")
                % {"funder": name, "year": year, "amount": format_quantity(value, EURO)}
            )
            for year, value in zip(plan_years, values, strict=True)
        ],
        "hovertemplate": HOVER_TEMPLATE,
        "marker": {
            "color": FUNDER_COLORS[index % len(FUNDER_COLORS)],
            "line": {"color": OUTLINE_COLOR, "width": 1},
            "pattern": {
                "shape": FUNDER_PATTERNS[index % len(FUNDER_PATTERNS)],
                "fgcolor": OUTLINE_COLOR,
            },
        },
    }


def _totals_trace(funding: Funding, field: str, plan_years: list[int]) -> dict:
    """The year's total written above its stack, in the site's ink."""
    totals = {year.year: getattr(year.total, field) for year in funding.years}
    values = [totals.get(year) for year in plan_years]
    return {
        "type": "scatter",
        "mode": "text",
        "name": _("Total"),
        "x": plan_years,
        "y": [number(value) for value in values],
        "text": [format_quantity(value, EURO) for value in values],
        "textposition": "top center",
        "textfont": {"color": TEXT_COLOR},
        # Above the highest bar: drawn in the top margin rather than cut off.
        "cliponaxis": False,
        "hoverinfo": "skip",
        "showlegend": False,
    }


def funding_figure(funding: Funding, plan_years: list[int]) -> dict:
    """The stacked bars of ``funding`` over ``plan_years``, one trace per funder."""
    field = drawn_field(funding)
    years = list(funding.years)
    data = [
        _funder_trace(index, total.funder, _funder_amounts(years, total.funder, field), plan_years)
        for index, total in enumerate(funding.funders)
    ]
    data.append(_totals_trace(funding, field, plan_years))
    values = [getattr(year.total, field) for year in years]
    title = _("Montants prévus (€)") if field == "planned" else _("Montants dépensés (€)")
    layout = base_layout(HISTORY_HEIGHT) | {
        "barmode": "stack",
        "margin": {"l": 80, "r": 16, "t": 32, "b": 96},
        "showlegend": True,
        "legend": legend_below(),
        "xaxis": year_axis(),
        "yaxis": {
            "title": {"text": title},
            "automargin": True,
            "rangemode": "tozero",
            "gridcolor": GRID_COLOR,
            "zeroline": True,
            "zerolinecolor": OUTLINE_COLOR,
            "fixedrange": True,
        }
        | value_axis(EURO, [value for value in values if value is not None]),
    }
    return {"data": data, "layout": layout}


def _by_funder(year: YearFunding, field: str) -> str:
    # French sets « ; » off with a space (made no-break by french_spacing), English not.
    separator = " ; " if page_is_french() else "; "
    return separator.join(
        _("%(funder)s, %(amount)s")
        % {"funder": total.funder, "amount": format_quantity(getattr(total, field), EURO)}
        for total in year.funders
        if getattr(total, field) is not None
    )


def year_sentences(year: YearFunding, axis_number: int) -> list[str]:
    """What ``year`` gives the axis, in words: its totals, then each funder's part.

    « En 2022, 730 000 € prévus pour l'axe 1. Montants prévus par financeur : Dihal (…),
    365 000 € ; Ville de Paris, 365 000 €. » A figure not published is not written.
    """
    names = {"year": year.year, "number": axis_number}
    planned, spent = year.total.planned, year.total.spent
    if planned is not None and spent is not None:
        opening = _("En %(year)s, %(planned)s prévus et %(spent)s dépensés pour l'axe %(number)s.")
    elif planned is not None:
        opening = _("En %(year)s, %(planned)s prévus pour l'axe %(number)s.")
    else:
        opening = _("En %(year)s, %(spent)s dépensés pour l'axe %(number)s.")
    texts = [
        opening
        % (
            names
            | {"planned": format_quantity(planned, EURO), "spent": format_quantity(spent, EURO)}
        )
    ]
    if planned is not None:
        texts.append(
            _("Montants prévus par financeur : %(parts)s.") % {"parts": _by_funder(year, "planned")}
        )
    if spent is not None:
        texts.append(
            _("Montants dépensés par financeur : %(parts)s.") % {"parts": _by_funder(year, "spent")}
        )
    return [french_spacing(text) for text in texts]
