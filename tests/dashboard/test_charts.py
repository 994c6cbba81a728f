"""Chart builders: plain Plotly dicts from dashboard rows, valid and JSON-native."""

import ast
import json
from decimal import Decimal as D
from pathlib import Path

import plotly.graph_objects as go
import pytest
from django.utils import translation

from indicators import progress
from indicators.dashboard import chart_style, charts, headline
from indicators.dashboard.rows import IndicatorRow, PeriodTargetRow
from tests.helpers import contrast_ratio, make_indicator_row
from tests.helpers import year_point as point

NBSP = "\u00a0"


def make_row(points=(), **fields) -> IndicatorRow:
    """A headline row (the overview's charts are drawn for headline indicators)."""
    return make_indicator_row(points, is_headline=True, **fields)


def louez_solidaire(**fields) -> IndicatorRow:
    """73 units captured in 2022, 75 to capture in 2023."""
    return make_row([point(2022, result=73), point(2023, target=75)], **fields)


def pensions_de_famille(**fields) -> IndicatorRow:
    """8 of 17 Pensions de Famille approved by the end of 2022."""
    fields = {
        "kind": progress.CUMULATIVE,
        "unit": "Pensions de Famille",
        "plan_target": D(17),
    } | fields
    return make_row(
        [point(2022, result=8), point(2023, target=11, comparator=progress.AT_LEAST)], **fields
    )


def share_row() -> IndicatorRow:
    return make_row(
        [point(2022, result="18.5"), point(2023, target=20)], kind=progress.SHARE, unit="%"
    )


def no_data_row() -> IndicatorRow:
    return make_row([])


def checked(figure: dict) -> dict:
    """Assert what every figure must be: valid Plotly, JSON-native, bar and scatter only."""
    go.Figure(figure)  # raises on any unknown property or bad value
    json.dumps(figure, allow_nan=False)
    assert {trace["type"] for trace in figure["data"]} <= {"bar", "scatter"}
    return figure


def trace(figure: dict, name: str) -> dict:
    matches = [t for t in figure["data"] if t.get("name") == name]
    assert len(matches) == 1, [t.get("name") for t in figure["data"]]
    return matches[0]


def y_at(trace_: dict, x):
    return dict(zip(trace_["x"], trace_["y"], strict=True))[x]


ALL_ROWS = {
    "flow": louez_solidaire,
    "flow-2023": lambda: louez_solidaire(selected_year=2023),
    "flow-2023-collecting": lambda: louez_solidaire(selected_year=2023, phase=progress.COLLECTING),
    "cumulative-2023-collecting": lambda: pensions_de_famille(
        selected_year=2023, phase=progress.COLLECTING
    ),
    "cumulative": pensions_de_famille,
    "cumulative-baseline": lambda: pensions_de_famille(baseline=D(2), baseline_year=2020),
    "cumulative-no-result": lambda: make_row(
        [], kind=progress.CUMULATIVE, plan_target=D(155), unit="bénéficiaires"
    ),
    "level-with-plan-target": lambda: make_row(
        [point(2022, result=120)], kind=progress.LEVEL, plan_target=D(155)
    ),
    "share": share_row,
    "no-data": no_data_row,
    "target-only": lambda: make_row(
        [point(y, target=2000) for y in range(2021, 2027)], unit="désignations"
    ),
    "period-target": lambda: make_row(
        [],
        unit="logements sociaux",
        period_targets=[PeriodTargetRow("Convention DAP 2023-2028", 2023, 2028, D(25500), "")],
    ),
    "point-outside-plan": lambda: make_row([point(2019, result=4), point(2022, result=6)]),
    "euros": lambda: make_row([point(2022, result=365000)], unit="€"),
}


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


@pytest.mark.parametrize("name", ALL_ROWS)
@pytest.mark.parametrize("builder", [charts.indicator_history_figure])
def test_every_figure_is_valid_plotly_and_json(builder, name):
    figure = checked(builder(ALL_ROWS[name]()))
    assert set(figure) == {"data", "layout"}


@pytest.mark.parametrize("name", ALL_ROWS)
@pytest.mark.parametrize("builder", [charts.indicator_history_figure])
def test_numbers_are_json_native(builder, name):
    figure = builder(ALL_ROWS[name]())
    for trace_ in figure["data"]:
        for key in ("x", "y"):
            assert all(v is None or type(v) in (int, float) for v in trace_[key]), (key, trace_)


def test_flow_history_has_result_bars_and_target_markers():
    figure = checked(charts.indicator_history_figure(louez_solidaire()))
    result, target = trace(figure, "Résultat"), trace(figure, "Objectif")
    assert result["type"] == "bar"
    assert target["type"] == "scatter"
    assert target["marker"]["symbol"] == "diamond"
    assert result["x"] == [2021, 2022, 2023, 2024, 2025, 2026]
    assert y_at(result, 2022) == 73.0
    assert y_at(target, 2023) == 75.0


def test_missing_values_are_none_not_zero():
    figure = charts.indicator_history_figure(louez_solidaire())
    result, target = trace(figure, "Résultat"), trace(figure, "Objectif")
    assert y_at(result, 2023) is None
    assert y_at(result, 2021) is None
    assert y_at(target, 2022) is None
    assert 0 not in result["y"]


def test_hover_texts_are_preformatted_in_french():
    figure = charts.indicator_history_figure(make_row([point(2022, result=1910, target=2000)]))
    result, target = trace(figure, "Résultat"), trace(figure, "Objectif")
    index = result["x"].index(2022)
    assert result["customdata"][index] == f"Résultat 2022{NBSP}: 1{NBSP}910{NBSP}logements"
    assert target["customdata"][index] == f"Objectif 2022{NBSP}: 2{NBSP}000{NBSP}logements"
    assert result["hovertemplate"] == "%{customdata}<extra></extra>"
    assert result["text"][index] == f"1{NBSP}910"


def test_at_least_target_says_so_in_the_hover():
    figure = charts.indicator_history_figure(pensions_de_famille())
    target = trace(figure, "Objectif")
    hover = target["customdata"][target["x"].index(2023)]
    assert hover == f"Objectif 2023{NBSP}: au moins 11{NBSP}Pensions de Famille"


def test_layout_is_french_compact_and_titled_by_unit():
    layout = charts.indicator_history_figure(louez_solidaire())["layout"]
    assert layout["separators"] == f",{NBSP}"
    assert "title" not in layout
    assert layout["legend"]["orientation"] == "h"
    assert layout["font"] == {"family": "system-ui, sans-serif", "size": 14, "color": "#1B1B1B"}
    assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == "#FFFFFF"
    assert layout["yaxis"]["title"]["text"] == "logements"
    assert layout["yaxis"]["rangemode"] == "tozero"
    assert layout["xaxis"]["title"]["text"] == "Année"
    assert layout["xaxis"]["dtick"] == 1
    assert layout["xaxis"]["tickformat"] == "d"


def test_cumulative_history_has_plan_target_line_and_trajectory():
    figure = checked(charts.indicator_history_figure(pensions_de_famille()))
    assert y_at(trace(figure, "Résultat"), 2022) == 8.0
    target_line = trace(figure, f"Cible 2026{NBSP}: 17")
    assert target_line["line"]["dash"] == "dash"
    assert target_line["x"] == [2021, 2026]
    assert target_line["y"] == [17.0, 17.0]
    trajectory = trace(figure, "Trajectoire")
    assert trajectory["line"]["dash"] == "dot"
    assert (trajectory["x"][0], trajectory["y"][0]) == (2020, 0.0)
    assert (trajectory["x"][-1], trajectory["y"][-1]) == (2026, 17.0)
    # Straight: a sixth of the way per year, as progress.expected_fraction counts.
    assert y_at(trajectory, 2022) == pytest.approx(17 * 2 / 6)


def test_trajectory_starts_at_the_baseline():
    figure = charts.indicator_history_figure(pensions_de_famille(baseline=D(2), baseline_year=2020))
    trajectory = trace(figure, "Trajectoire")
    assert (trajectory["x"][0], trajectory["y"][0]) == (2020, 2.0)
    assert (trajectory["x"][-1], trajectory["y"][-1]) == (2026, 17.0)


def test_trajectory_from_an_old_baseline_starts_at_the_plan_start():
    figure = charts.indicator_history_figure(pensions_de_famille(baseline=D(2), baseline_year=2008))
    trajectory = trace(figure, "Trajectoire")
    assert (trajectory["x"][0], trajectory["y"][0]) == (2020, 2.0)


def test_styles_differ_by_more_than_colour():
    figure = charts.indicator_history_figure(pensions_de_famille())
    styles = {
        (t["type"], t.get("mode"), t.get("line", {}).get("dash"), t.get("marker", {}).get("symbol"))
        for t in figure["data"]
    }
    assert len(styles) == len(figure["data"])
    colours = {t.get("marker", {}).get("color") or t["line"]["color"] for t in figure["data"]}
    assert colours == {
        chart_style.RESULT_COLOR,
        chart_style.YEAR_TARGET_COLOR,
        chart_style.PLAN_TARGET_COLOR,
        chart_style.TRAJECTORY_COLOR,
    }


def test_flow_history_has_no_plan_traces():
    figure = charts.indicator_history_figure(louez_solidaire())
    assert [t["name"] for t in figure["data"]] == ["Résultat", "Objectif"]


def test_level_with_plan_target_has_a_target_line_but_no_trajectory():
    row = make_row([point(2022, result=120)], kind=progress.LEVEL, plan_target=D(155))
    names = [t["name"] for t in charts.indicator_history_figure(row)["data"]]
    assert names == ["Résultat", "Objectif", f"Cible 2026{NBSP}: 155"]


def test_share_axis_runs_from_0_to_100_percent():
    figure = checked(charts.indicator_history_figure(share_row()))
    assert figure["layout"]["yaxis"]["range"] == [0, 100]
    assert figure["layout"]["yaxis"]["ticksuffix"] == f"{NBSP}%"
    assert y_at(trace(figure, "Résultat"), 2022) == 18.5


def test_point_outside_the_plan_widens_the_years():
    row = make_row([point(2019, result=4), point(2022, result=6)])
    result = trace(charts.indicator_history_figure(row), "Résultat")
    assert result["x"] == [2019, 2021, 2022, 2023, 2024, 2025, 2026]
    assert y_at(result, 2019) == 4.0


def test_no_data_history_says_so_without_a_zero_bar():
    figure = checked(charts.indicator_history_figure(no_data_row()))
    assert [a["text"] for a in figure["layout"]["annotations"]] == [
        "Ni objectif chiffré ni résultat"
    ]
    assert all(t["y"] == [] for t in figure["data"])
    assert figure["layout"]["showlegend"] is False


def test_target_only_history_has_no_bars():
    row = make_row([point(y, target=2000) for y in range(2021, 2027)], unit="désignations")
    figure = charts.indicator_history_figure(row)
    assert trace(figure, "Résultat")["y"] == [None] * 6
    assert trace(figure, "Objectif")["y"] == [2000.0] * 6


def test_history_marks_a_year_being_collected_without_a_zero_bar():
    row = louez_solidaire(selected_year=2023, phase=progress.COLLECTING)
    figure = checked(charts.indicator_history_figure(row))
    assert y_at(trace(figure, "Résultat"), 2023) is None
    (note,) = figure["layout"]["annotations"]
    assert (note["x"], note["text"]) == (2023, "en cours de collecte")
    assert note["hovertext"] == "Résultat 2023 en cours de collecte"


def test_history_of_a_settled_year_has_no_collection_note():
    figure = charts.indicator_history_figure(louez_solidaire(selected_year=2023))
    assert "annotations" not in figure["layout"]


def test_chart_config_for_the_page():
    assert chart_style.CHART_CONFIG["displaylogo"] is False
    assert chart_style.CHART_CONFIG["responsive"] is True
    # No toolbar: English, mouse-only buttons, one tab stop each (RGAA 7.1, 10.13).
    assert chart_style.CHART_CONFIG["displayModeBar"] is False
    assert "locale" not in chart_style.CHART_CONFIG
    json.dumps(chart_style.CHART_CONFIG)


@pytest.mark.parametrize(
    "module", [charts, chart_style, headline], ids=lambda module: module.__name__
)
def test_module_does_not_import_plotly(module):
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert "plotly" not in imported


def test_chart_texts_have_a_contrast_of_at_least_4_5_to_1():
    history = charts.indicator_history_figure(louez_solidaire())
    assert contrast_ratio(history["layout"]["font"]["color"], chart_style.BACKGROUND_COLOR) >= 4.5
    # The overview's bullets: tests/dashboard/test_headline.py (drawn as SVG).


def test_figures_follow_the_language_for_separators_and_percent():
    with translation.override("en"):
        figure = charts.indicator_history_figure(share_row())
    assert figure["layout"]["separators"] == ".,"
    assert figure["layout"]["yaxis"]["ticksuffix"] == "%"


def test_chart_toolbar_sends_nothing_to_plotly_s_cloud():
    # plotly.js 4 shows a « Share chart » button by default, which uploads the figure.
    assert chart_style.CHART_CONFIG["showSendToCloud"] is False
