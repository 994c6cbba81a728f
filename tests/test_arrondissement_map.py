"""The map of Paris by arrondissement drawn from values: the SVG, its colour classes, the
sentence under it and its table. The values are made up; the shapes are the file
``make geodata`` wrote (their own tests: tests/test_arrondissement_geodata.py)."""

from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.utils import translation
from django.utils.safestring import SafeString

from core.formatting import NBSP, Unit
from indicators.dashboard.arrondissement_map import (
    CLASS_COLORS,
    HALO_COLOR,
    HIDDEN_BACKGROUND,
    NO_DATA_BACKGROUND,
    NO_DATA_LINES,
    arrondissement_map_svg,
)
from indicators.dashboard.arrondissement_values import (
    ArrondissementRow,
    arrondissement_rows,
    arrondissement_sentence,
    value_classes,
)
from indicators.dashboard.chart_style import TEXT_COLOR
from indicators.small_counts import Hidden
from tests.helpers import contrast_ratio

SVG = "{http://www.w3.org/2000/svg}"
PENSIONS = Unit("Pensions de Famille", "Pension de Famille")
WHAT = "au moins une Pension de Famille agréée"
TITLE = "Pensions de Famille agréées par arrondissement"


@pytest.fixture(autouse=True)
def _french():
    with translation.override("fr"):
        yield


def counts(*values):
    """Values for the arrondissements 1, 2, 3… in order (None: no figure)."""
    return {
        number: None if value is None else Decimal(value)
        for number, value in enumerate(values, start=1)
    }


def draw(values, title=TITLE, **options):
    return arrondissement_map_svg(values, PENSIONS, title, **options)


def parsed(svg):
    return ElementTree.fromstring(str(svg))


def areas(svg):
    return {int(path.get("data-arrondissement")): path for path in parsed(svg).iter(f"{SVG}path")}


# Most arrondissements with a figure; the 12th without one, the 7th hidden.
SAMPLE = {**counts(*[n % 4 for n in range(1, 21)]), 10: Decimal(3), 12: None, 7: "moins de 5"}


def test_the_svg_is_an_image_named_by_its_title_and_described():
    svg = parsed(draw(SAMPLE))
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").get("id") == svg.get("aria-labelledby")
    assert svg.find(f"{SVG}title").text == TITLE
    assert svg.find(f"{SVG}desc").get("id") == svg.get("aria-describedby")


def test_each_arrondissement_is_a_path_with_its_value_in_a_title_and_a_keyboard_stop():
    paths = areas(draw(SAMPLE))
    assert sorted(paths) == list(range(1, 21))
    titles = {number: path.find(f"{SVG}title").text for number, path in paths.items()}
    assert titles[10] == f"10e{NBSP}: 3{NBSP}Pensions de Famille"
    assert titles[1] == f"1er{NBSP}: 1{NBSP}Pension de Famille"
    assert titles[12] == f"12e{NBSP}: pas de donnée"
    assert titles[7] == f"7e{NBSP}: moins de 5"
    assert {path.get("tabindex") for path in paths.values()} == {"0"}
    assert {path.get("class") for path in paths.values()} == {"arrondissement-map__area"}
    assert ".arrondissement-map__area:focus-visible{stroke:" in parsed(draw(SAMPLE)).findtext(
        f"{SVG}style"
    )


def test_each_figure_is_written_on_its_arrondissement_beside_its_name():
    labels = [
        [text.text for text in group.iter(f"{SVG}text")]
        for group in parsed(draw(SAMPLE)).iter(f"{SVG}g")
        if group.get("aria-hidden") == "true"
    ]
    assert len(labels) == 20
    assert labels[9] == ["10e", "3"]
    assert labels[0] == ["1er", "1"]
    assert labels[3] == ["4e", "0"]
    # No figure to write: the pattern and the legend tell which case it is.
    assert labels[11] == ["12e"]
    assert labels[6] == ["7e"]


def test_missing_and_hidden_figures_have_their_own_patterns():
    svg = draw(SAMPLE)
    paths = areas(svg)
    assert paths[12].get("fill") == "url(#carte-arrondissements-no-data)"
    assert paths[7].get("fill") == "url(#carte-arrondissements-hidden)"
    patterns = {pattern.get("id"): pattern for pattern in parsed(svg).iter(f"{SVG}pattern")}
    assert set(patterns) == {"carte-arrondissements-no-data", "carte-arrondissements-hidden"}
    assert patterns["carte-arrondissements-no-data"].find(f"{SVG}line") is not None
    assert patterns["carte-arrondissements-hidden"].find(f"{SVG}circle") is not None


def test_the_legend_gives_each_class_and_the_missing_and_hidden_figures():
    legend = next(
        group
        for group in parsed(draw(SAMPLE)).iter(f"{SVG}g")
        if group.get("class") == "arrondissement-map__legend"
    )
    texts = [text.text for text in legend.iter(f"{SVG}text")]
    assert texts == ["Pensions de Famille", "0", "1", "2", "3", "pas de donnée", "moins de 5"]
    swatches = [rect.get("fill") for rect in legend.iter(f"{SVG}rect")]
    assert swatches == [
        *(CLASS_COLORS[shade] for shade in (0, 1, 3, 4)),
        "url(#carte-arrondissements-no-data)",
        "url(#carte-arrondissements-hidden)",
    ]


def test_a_map_without_missing_or_hidden_figures_has_no_legend_for_them():
    svg = str(draw(counts(*range(20))))
    assert "pas de donnée" not in svg
    assert "carte-arrondissements-hidden)" not in svg


def test_small_count_protection_hides_a_figure_under_its_own_words():
    values = {**counts(*[36] * 20), 3: Hidden(5), 4: Hidden(5, secondary=True)}
    svg = draw(values)
    assert areas(svg)[3].find(f"{SVG}title").text == f"3e{NBSP}: moins de 5"
    assert areas(svg)[4].find(f"{SVG}title").text == f"4e{NBSP}: non diffusé"
    assert "moins de 5 / non diffusé" in svg


def test_an_arrondissement_missing_from_the_values_is_drawn_without_data():
    paths = areas(draw({10: Decimal(3)}))
    assert paths[11].get("fill") == "url(#carte-arrondissements-no-data)"
    assert paths[10].get("fill") == CLASS_COLORS[2]


def test_values_by_insee_code_are_refused():
    with pytest.raises(ValueError, match="arrondissements inconnus : 75110"):
        draw({75110: Decimal(3)})


def test_every_text_given_is_escaped():
    attack = '<script>alert("x")</script>'
    svg = draw({1: attack, 2: Decimal(1)}, title=attack, description=attack, map_id='a"b')
    assert isinstance(svg, SafeString)
    assert "<script>" not in svg
    assert svg.count("&lt;script&gt;") == 4  # the title, the description, the 1st's, the legend
    assert 'id="a&quot;b-title"' in svg
    assert parsed(svg).find(f"{SVG}title").text == attack


def test_two_maps_on_one_page_have_their_own_ids():
    first, second = draw(SAMPLE, map_id="carte-2022"), draw(SAMPLE, map_id="carte-2023")
    assert 'id="carte-2022-no-data"' in first
    assert 'aria-labelledby="carte-2023-title"' in second
    assert "carte-2022" not in second


def test_text_and_borders_stand_out_on_every_fill():
    fills = [*CLASS_COLORS, NO_DATA_BACKGROUND, HIDDEN_BACKGROUND]
    # Figures on a white halo, and the ink readable on every fill even without it.
    assert all(contrast_ratio(TEXT_COLOR, fill) >= 4.5 for fill in fills)
    assert contrast_ratio(TEXT_COLOR, HALO_COLOR) >= 4.5
    # Borders are ink: 3:1 at least against every fill and the white page.
    assert all(contrast_ratio(TEXT_COLOR, fill) >= 3 for fill in [*fills, "#FFFFFF"])
    assert contrast_ratio(NO_DATA_LINES, NO_DATA_BACKGROUND) >= 3


def test_the_map_weighs_little():
    # Measured: 14 013 bytes for the sample (2 383 gzipped); the bound catches a
    # change that would, say, write each coordinate with all its decimals.
    assert len(str(draw(SAMPLE)).encode()) < 20_000


# -- Colour classes ----------------------------------------------------------------------


def bounds(values):
    return [(int(c.low), int(c.high), c.shade) for c in value_classes(map(Decimal, values))]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # Few distinct counts: one class each, spread over the palette.
        ([0, 1, 1, 3], [(0, 0, 0), (1, 1, 2), (3, 3, 4)]),
        ([2, 2, 2], [(2, 2, 2)]),
        ([0, 1, 2, 3, 4], [(0, 0, 0), (1, 1, 1), (2, 2, 2), (3, 3, 3), (4, 4, 4)]),
        # More: quantiles, each bounded by values seen.
        (range(1, 21), [(1, 4, 0), (5, 8, 1), (9, 12, 2), (13, 16, 3), (17, 20, 4)]),
        # Equal values are never split across two classes: half the arrondissements at 1
        # make one class, the others share the rest.
        (
            [1] * 10 + [2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
            [(1, 1, 0), (2, 3, 1), (4, 7, 3), (8, 11, 4)],
        ),
        ([], []),
    ],
)
def test_values_fall_into_at_most_five_classes(values, expected):
    assert bounds(values) == expected


def test_a_class_of_several_values_reads_as_a_range():
    assert value_classes(map(Decimal, range(1, 21)))[0].label() == "1 à 4"
    assert value_classes([Decimal("1500"), Decimal("1500")])[0].label() == f"1{NBSP}500"


# -- The sentence and the table -----------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "sentence"),
    [
        (counts(*[1] * 20), "Les 20 arrondissements ont au moins une Pension de Famille agréée."),
        (
            counts(*[1] * 7, *[0] * 13),
            "7 arrondissements sur 20 ont au moins une Pension de Famille agréée.",
        ),
        (
            counts(2, *[0] * 19),
            "1 arrondissement sur 20 a au moins une Pension de Famille agréée.",
        ),
        (counts(*[0] * 20), "0 arrondissement sur 20 a au moins une Pension de Famille agréée."),
        (
            counts(*[1] * 7, *[0] * 10, None, None, None),
            "7 arrondissements sur 20 ont au moins une Pension de Famille agréée"
            f"{NBSP}; pas de donnée pour 3 arrondissements.",
        ),
        (
            counts(*[1] * 19),
            "19 arrondissements sur 20 ont au moins une Pension de Famille agréée"
            f"{NBSP}; pas de donnée pour 1 arrondissement.",
        ),
        ({}, "Pas de donnée pour les 20 arrondissements."),
        # A hidden figure is more than zero: small-count protection never hides a zero.
        (
            {**counts(*[0] * 20), 18: Hidden(5), 19: "moins de 5"},
            "2 arrondissements sur 20 ont au moins une Pension de Famille agréée.",
        ),
    ],
    ids=["all", "some", "one", "none", "some-missing", "one-missing", "all-missing", "hidden"],
)
def test_the_sentence_counts_the_arrondissements_with_more_than_zero(values, sentence):
    assert arrondissement_sentence(values, WHAT) == sentence


def test_the_table_gives_every_arrondissement_in_order_with_its_value_in_words():
    rows = arrondissement_rows(SAMPLE, PENSIONS)
    assert [row.number for row in rows] == list(range(1, 21))
    assert rows[0] == ArrondissementRow(1, "1er", f"1{NBSP}Pension de Famille")
    assert rows[6] == ArrondissementRow(7, "7e", "moins de 5")
    assert rows[9] == ArrondissementRow(10, "10e", f"3{NBSP}Pensions de Famille")
    assert rows[11] == ArrondissementRow(12, "12e", "pas de donnée")
