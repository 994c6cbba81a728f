"""The overview's headline bullets: a result only against the same year's target (or
the plan's for a stock), figure, diamond and label apart, and the table of what is drawn."""

from decimal import Decimal as D

import pytest
from django.utils import translation

from indicators import progress
from indicators.dashboard import headline
from indicators.dashboard.rows import YearPoint
from tests.dashboard.test_charts import (
    checked,
    louez_solidaire,
    make_row,
    no_data_row,
    pensions_de_famille,
    share_row,
)
from tests.helpers import year_point as point

NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


def test_headline_for_cumulative_compares_plan_value_with_plan_target():
    figure = checked(headline.headline_figure(pensions_de_famille()))
    bar, marker = figure["data"]
    assert bar["type"] == "bar"
    assert bar["orientation"] == "h"
    assert bar["x"] == [8.0]
    assert bar["customdata"] == [f"Fin 2022{NBSP}: 8{NBSP}Pensions de Famille"]
    assert marker["x"] == [17.0]
    assert marker["marker"]["symbol"] == "diamond"
    assert [a["text"] for a in figure["layout"]["annotations"]] == [f"◆ Cible 2026{NBSP}: 17"]
    layout = figure["layout"]
    assert layout["showlegend"] is False
    assert layout["height"] == 110
    assert layout["xaxis"]["range"][0] == 0


def test_headline_never_draws_a_result_against_the_next_years_target():
    # 73 captured in 2022 and 75 to capture in 2023 are not a ratio: the bar stands alone,
    # the 2023 target is said by the card's sentence.
    figure = checked(headline.headline_figure(louez_solidaire()))
    assert [t["type"] for t in figure["data"]] == ["bar"]
    assert figure["data"][0]["x"] == [73.0]
    assert figure["layout"]["annotations"] == []


def test_headline_uses_the_selected_years_target_when_there_is_one():
    row = make_row([point(2022, result=295, target=300), point(2023, target=310)])
    figure = headline.headline_figure(row)
    assert [t["x"] for t in figure["data"]] == [[295.0], [300.0]]
    assert figure["data"][1]["name"] == f"Objectif 2022{NBSP}: 300"


def test_headline_result_text_and_target_marker_cannot_overlap():
    # The figure sits on the bar's line (inside at its base, or just after it); the diamond
    # floats above the bar and its label above the plot, from the left edge.
    row = make_row([point(2022, result=81, target=80)])
    figure = headline.headline_figure(row)
    bar, marker = figure["data"]
    bar_top = bar["width"][0] / 2
    marker_half_height = marker["marker"]["size"] / 2
    plot_height = figure["layout"]["height"] - 28 - 28
    y_low, y_high = figure["layout"]["yaxis"]["range"]
    pixels_per_unit = plot_height / (y_high - y_low)
    assert (marker["y"][0] - bar_top) * pixels_per_unit > marker_half_height
    assert marker["y"][0] * pixels_per_unit + marker_half_height < y_high * pixels_per_unit
    assert bar["insidetextanchor"] == "start"
    (label,) = figure["layout"]["annotations"]
    assert (label["xref"], label["x"], label["xanchor"]) == ("paper", 0, "left")
    assert (label["yref"], label["y"], label["yanchor"]) == ("paper", 1, "bottom")


def test_headline_of_a_year_being_collected_says_so_without_a_bar():
    row = louez_solidaire(selected_year=2023, phase=progress.COLLECTING)
    figure = checked(headline.headline_figure(row))
    assert [t["type"] for t in figure["data"]] == ["scatter"]
    assert figure["data"][0]["x"] == [75.0]
    texts = [a["text"] for a in figure["layout"]["annotations"]]
    assert texts == ["Résultat 2023 en cours de collecte", f"◆ Objectif 2023{NBSP}: 75"]


def test_headline_stock_being_collected_shows_its_dated_latest_value():
    row = pensions_de_famille(selected_year=2023, phase=progress.COLLECTING)
    bullet = headline.headline_bullet(row)
    assert (bullet.value, bullet.value_label, bullet.target) == (D(8), "Fin 2022", D(17))
    # The bar says its figure is older than the year shown.
    assert headline.headline_figure(row)["data"][0]["text"] == ["8 (fin 2022)"]


@pytest.mark.parametrize(
    ("row", "lines"),
    [
        (
            lambda: pensions_de_famille(),
            [
                ("Fin 2022", f"8{NBSP}Pensions de Famille"),
                ("Cible 2026", f"17{NBSP}Pensions de Famille"),
            ],
        ),
        (lambda: louez_solidaire(), [("Résultat 2022", f"73{NBSP}logements")]),
        (
            lambda: louez_solidaire(selected_year=2023, phase=progress.COLLECTING),
            [
                ("Résultat 2023", "en cours de collecte"),
                ("Objectif 2023", f"75{NBSP}logements"),
            ],
        ),
        (no_data_row, [("Résultat 2022", "Aucune donnée")]),
    ],
)
def test_headline_table_gives_what_the_bullet_draws(row, lines):
    rows = headline.bullet_table_rows(headline.headline_bullet(row()))
    assert [(line["label"], line["value"]) for line in rows] == lines


def test_headline_without_data_has_no_bar():
    figure = checked(headline.headline_figure(no_data_row()))
    assert figure["data"] == []
    assert [a["text"] for a in figure["layout"]["annotations"]] == ["Aucune donnée"]


def test_headline_of_a_withheld_small_count_says_moins_de_5_without_a_bar():
    """A sensitive indicator's small result (made up: 3 in 2022) is not « no data »."""
    withheld = YearPoint(year=2022, withheld_below=5)
    figure = checked(headline.headline_figure(make_row([withheld], unit="personnes")))
    assert [t for t in figure["data"] if t["type"] == "bar"] == []
    assert [a["text"] for a in figure["layout"]["annotations"]] == ["moins de 5"]


def test_headline_with_a_target_but_no_result_shows_the_target_only():
    row = make_row([], kind=progress.CUMULATIVE, plan_target=D(155), unit="bénéficiaires")
    figure = checked(headline.headline_figure(row))
    assert [t["type"] for t in figure["data"]] == ["scatter"]
    assert figure["data"][0]["x"] == [155.0]
    assert "Aucune donnée" in [a["text"] for a in figure["layout"]["annotations"]]


def test_headline_share_axis_runs_to_100_percent():
    figure = headline.headline_figure(share_row())
    assert figure["layout"]["xaxis"]["range"] == [0, 100]
