"""The overview's headline bullets: a result only against the same year's target (or
the plan's for a stock), figure, diamond and label apart, and the table of what is drawn.

The bullets are drawn by the server as SVG (``headline_svg``): the tests read the
drawing as XML, as a browser would, not the code that writes it.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from decimal import Decimal as D

import pytest
from django.utils import translation

from indicators import progress
from indicators.dashboard import chart_style, headline, headline_svg
from indicators.dashboard.rows import YearPoint
from tests.dashboard.test_charts import (
    louez_solidaire,
    make_row,
    no_data_row,
    pensions_de_famille,
    share_row,
)
from tests.helpers import contrast_ratio
from tests.helpers import year_point as point

NBSP = "\u00a0"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


@dataclass
class Drawing:
    """What a bullet's SVG shows, read back from its markup."""

    root: ET.Element

    @property
    def height(self) -> float:
        return float(self.root.get("viewBox").split()[3])

    @property
    def bar(self) -> ET.Element | None:
        return self.root.find(".//path[@class='bar']")

    @property
    def bar_group(self) -> ET.Element | None:
        return next((g for g in self.root.iter("g") if g.find("path") is not None), None)

    def bar_box(self) -> tuple[float, float, float, float]:
        """(x, y, width, height) of the bar, read from its path « M8 52h107.6v24H8Z »."""
        found = re.fullmatch(r"M([\d.]+) ([\d.]+)h([\d.]+)v([\d.]+)H[\d.]+Z", self.bar.get("d"))
        return tuple(float(number) for number in found.groups())

    @property
    def diamond(self) -> ET.Element | None:
        return self.root.find(".//polygon")

    @property
    def diamond_group(self) -> ET.Element | None:
        return next((g for g in self.root.iter("g") if g.find("polygon") is not None), None)

    def texts(self) -> list[str]:
        """Every text drawn, in order, ticks included."""
        return ["".join(t.itertext()) for t in self.root.iter("text")]

    def ticks(self) -> list[str]:
        return [t.text for t in self.root.findall("text") if t.get("y") == "100"]

    def bar_text(self) -> ET.Element:
        return self.bar_group.find("text")

    def diamond_x(self) -> float:
        return float(self.diamond.get("points").split()[0].split(",")[0])

    def x_of(self, value: float) -> float:
        """Where ``value`` sits, read from the ticks (0 and the last one)."""
        lines = list(self.root.findall("line"))
        first, last = lines[0], lines[-1]
        last_value = float(self.ticks()[-1].replace(NBSP, "").replace("%", "").replace(" ", ""))
        x0, x1 = float(first.get("x1")), float(last.get("x1"))
        return x0 + (x1 - x0) * value / last_value


def drawn(row) -> Drawing:
    svg = headline_svg.bullet_svg(
        headline.headline_bullet(row),
        name=f"Graphique : {row.label}",
        is_share=row.kind == progress.SHARE,
    )
    root = ET.fromstring(str(svg))
    for element in root.iter():
        element.tag = element.tag.removeprefix(SVG)
    return Drawing(root)


def test_the_bullet_is_one_named_image():
    drawing = drawn(replace(pensions_de_famille(), label="Pensions <agréées>"))
    assert drawing.root.get("role") == "img"
    assert drawing.root.get("aria-label") == "Graphique : Pensions <agréées>"
    assert drawing.root.get("focusable") == "false"


def test_headline_for_cumulative_compares_plan_value_with_plan_target():
    drawing = drawn(pensions_de_famille())
    # The figure alone: the card's title says what is counted, in the plan's language.
    assert drawing.bar_group.find("title").text == f"Fin 2022{NBSP}: 8"
    assert drawing.bar_text().text == "8"
    assert drawing.diamond_group.find("title").text == f"Cible 2026{NBSP}: 17"
    assert f"◆ Cible 2026{NBSP}: 17" in drawing.texts()
    assert drawing.diamond_x() == pytest.approx(drawing.x_of(17), abs=0.2)
    x, _y, width, _height = drawing.bar_box()
    assert x + width == pytest.approx(drawing.x_of(8), abs=0.2)
    assert drawing.height == chart_style.HEADLINE_HEIGHT


def test_headline_never_draws_a_result_against_the_next_years_target():
    # 73 captured in 2022 and 75 to capture in 2023 are not a ratio: the bar stands alone,
    # the 2023 target is said by the card's sentence.
    drawing = drawn(louez_solidaire())
    assert drawing.diamond is None
    assert drawing.bar_text().text == "73"
    assert not [text for text in drawing.texts() if "◆" in text]


def test_headline_uses_the_selected_years_target_when_there_is_one():
    drawing = drawn(make_row([point(2022, result=295, target=300), point(2023, target=310)]))
    assert drawing.diamond_group.find("title").text == f"Objectif 2022{NBSP}: 300"
    assert drawing.diamond_x() == pytest.approx(drawing.x_of(300), abs=0.2)


def test_headline_result_text_and_target_marker_cannot_overlap():
    # The figure sits on the bar's line (inside at its base, or just after it); the diamond
    # floats above the bar and its label above the plot, from the left edge.
    drawing = drawn(make_row([point(2022, result=81, target=80)]))
    diamond_ys = [float(p.split(",")[1]) for p in drawing.diamond.get("points").split()]
    _x, bar_top, _width, bar_height = drawing.bar_box()
    assert max(diamond_ys) < bar_top
    label = next(t for t in drawing.root.findall("text") if "◆" in "".join(t.itertext()))
    assert float(label.get("y")) < min(diamond_ys)
    assert float(label.get("x")) == headline_svg.LEFT
    figure = drawing.bar_text()
    assert (figure.get("text-anchor"), float(figure.get("x"))) == ("start", headline_svg.LEFT + 4)
    assert bar_top < float(figure.get("y")) < bar_top + bar_height


def test_a_figure_too_long_for_its_bar_is_written_after_it_in_the_text_colour():
    drawing = drawn(make_row([point(2022, result=2, target=300)]))
    figure = drawing.bar_text()
    x, _y, width, _height = drawing.bar_box()
    assert float(figure.get("x")) > x + width
    assert figure.get("fill") == chart_style.TEXT_COLOR


def test_headline_of_a_year_being_collected_says_so_without_a_bar():
    drawing = drawn(louez_solidaire(selected_year=2023, phase=progress.COLLECTING))
    assert drawing.bar is None
    assert drawing.diamond_x() == pytest.approx(drawing.x_of(75), abs=0.2)
    texts = drawing.texts()
    assert "Résultat 2023 en cours de collecte" in texts
    assert f"◆ Objectif 2023{NBSP}: 75" in texts


def test_headline_stock_being_collected_shows_its_dated_latest_value():
    row = pensions_de_famille(selected_year=2023, phase=progress.COLLECTING)
    bullet = headline.headline_bullet(row)
    assert (bullet.value, bullet.value_label, bullet.target) == (D(8), "Fin 2022", D(17))
    # The bar says its figure is older than the year shown.
    assert drawn(row).bar_text().text == "8 (fin 2022)"


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


def test_headline_without_data_is_a_short_band_of_words():
    drawing = drawn(no_data_row())
    assert (drawing.bar, drawing.diamond) == (None, None)
    assert drawing.texts() == ["Aucune donnée"]
    assert drawing.height == headline_svg.EMPTY_HEIGHT


def test_headline_of_a_withheld_small_count_says_moins_de_5_without_a_bar():
    """A sensitive indicator's small result (made up: 3 in 2022) is not « no data »."""
    drawing = drawn(make_row([YearPoint(year=2022, withheld_below=5)], unit="personnes"))
    assert drawing.bar is None
    assert drawing.texts() == ["moins de 5"]


def test_headline_with_a_target_but_no_result_shows_the_target_only():
    row = make_row([], kind=progress.CUMULATIVE, plan_target=D(155), unit="bénéficiaires")
    drawing = drawn(row)
    assert drawing.bar is None
    assert drawing.diamond_x() == pytest.approx(drawing.x_of(155), abs=0.2)
    assert "Aucune donnée" in drawing.texts()


def test_headline_share_axis_runs_to_100_percent():
    assert drawn(share_row()).ticks()[-1] == f"100{NBSP}%"


def test_ticks_are_round_french_and_never_a_fraction_of_a_unit():
    assert drawn(louez_solidaire()).ticks() == ["0", "20", "40", "60", "80"]
    assert drawn(pensions_de_famille()).ticks() == ["0", "5", "10", "15"]
    small = drawn(make_row([point(2022, result=2, target=3)], unit="séminaires"))
    assert small.ticks() == ["0", "1", "2", "3"]
    thousands = drawn(make_row([point(2022, result=1500, target=2000)], unit="désignations"))
    assert thousands.ticks()[-1] == f"2{NBSP}000"
    euros = drawn(make_row([point(2022, result=365000)], unit="€"))
    assert euros.ticks()[-1] == f"400{NBSP}000{NBSP}€"


def test_tick_labels_stay_inside_the_drawing():
    drawing = drawn(make_row([point(2022, result=365000)], unit="€"))
    last = drawing.root.findall("text")[len(drawing.ticks()) - 1]
    assert last.get("text-anchor") == "end"
    assert float(last.get("x")) <= headline_svg.WIDTH


def test_ticks_and_figures_follow_the_language():
    with translation.override("en"):
        assert drawn(share_row()).ticks()[-1] == "100%"
        thousands = drawn(make_row([point(2022, result=1500, target=2000)], unit="désignations"))
        assert thousands.ticks()[-1] == "2,000"


def test_bullet_texts_have_a_contrast_of_at_least_4_5_to_1():
    inside = drawn(louez_solidaire()).bar_text()
    assert contrast_ratio(inside.get("fill"), chart_style.RESULT_COLOR) >= 4.5
    outside = drawn(make_row([point(2022, result=2, target=300)])).bar_text()
    assert contrast_ratio(outside.get("fill"), chart_style.BACKGROUND_COLOR) >= 4.5
    root = drawn(louez_solidaire()).root
    assert contrast_ratio(root.get("fill"), chart_style.BACKGROUND_COLOR) >= 4.5
