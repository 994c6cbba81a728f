"""How one figure is written: plural forms, bounds, derived targets, baselines, sources."""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from django.utils import translation

from core.formatting import Unit
from indicators import progress
from indicators.dashboard import charts, headline
from indicators.dashboard.chart_style import value_axis
from indicators.dashboard.provenance import Provenance, provenance_text
from indicators.dashboard.sentences import indicator_sentence
from indicators.dashboard.tables import reference_lines
from indicators.dashboard.wording import result_text, signed_percent
from tests.helpers import make_indicator_row as make_row
from tests.helpers import year_point as point

NBSP = "\u00a0"
SEMINARS = Unit("séminaires", "séminaire")


def seminars(result: int, target: int | None = None):
    return make_row([point(2022, result=result, target=target)], unit=SEMINARS)


@pytest.mark.parametrize(
    ("language", "result", "expected"),
    [
        ("fr", 1, f"1{NBSP}séminaire en 2022 (sans objectif chiffré)."),
        ("fr", 2, f"2{NBSP}séminaires en 2022 (sans objectif chiffré)."),
        ("fr", 0, f"0{NBSP}séminaire en 2022 (sans objectif chiffré)."),
        ("en", 1, f"1{NBSP}séminaire in 2022 (no numeric target)."),
        ("en", 2, f"2{NBSP}séminaires in 2022 (no numeric target)."),
        ("en", 0, f"0{NBSP}séminaires in 2022 (no numeric target)."),
    ],
)
def test_sentences_take_the_singular_or_plural_the_value_needs(language, result, expected):
    with translation.override(language):
        assert indicator_sentence(seminars(result)) == expected


@pytest.mark.parametrize(("language", "one", "two"), [("fr", "1 séminaire", "2 séminaires")])
def test_charts_and_tables_take_the_form_too(language, one, two):
    with translation.override(language):
        row = make_row([point(2022, result=1), point(2023, target=2)], unit=SEMINARS)
        figure = charts.indicator_history_figure(row)
        hovers = [text for trace in figure["data"] for text in trace["customdata"] if text]
        assert f"Résultat 2022{NBSP}: {one.replace(' ', NBSP)}" in hovers
        assert f"Objectif 2023{NBSP}: {two.replace(' ', NBSP)}" in hovers


def test_generated_sentences_get_french_spacing_and_english_is_untouched():
    row = make_row([point(2022, result=73), point(2023, target=75)])
    with translation.override("fr"):
        assert (
            indicator_sentence(row) == f"73{NBSP}logements en 2022{NBSP}; objectif 2023{NBSP}: 75."
        )
    with translation.override("en"):
        assert " ; " not in indicator_sentence(row)
        assert NBSP + ":" not in indicator_sentence(row)


def test_a_bound_is_written_as_the_source_gives_it():
    with translation.override("fr"):
        assert result_text(D(20), "more_than", "professionnels") == (
            f"plus de 20{NBSP}professionnels"
        )
        assert result_text(D(20), "at_least", "professionnels", with_noun=False) == "au moins 20"
        assert result_text(D(20), "exact", "professionnels") == f"20{NBSP}professionnels"


def test_a_headline_keeps_the_bound_and_marks_a_derived_target():
    base = make_row([point(2022, result=20, target=25)], unit="professionnels")
    derived = replace(base.points[0], result_bound="more_than", target_derivation="20 + 5")
    row = replace(base, points=(derived,))
    with translation.override("fr"):
        bullet = headline.headline_bullet(row)
        assert bullet.value_text == "plus de 20"
        assert bullet.target_label == f"Objectif 2022{NBSP}: 25 (déduit)"
        table = headline.bullet_table_rows(bullet)
        assert table[0]["value"] == f"plus de 20{NBSP}professionnels"
        assert table[1]["value"] == f"25{NBSP}professionnels (déduit\xa0: 20 + 5)"


def test_a_dated_baseline_is_a_marker_at_its_year():
    row = make_row([point(2022, result=10)], baseline=D(4), baseline_year=2019)
    with translation.override("fr"):
        figure = charts.indicator_history_figure(row)
        baseline = next(t for t in figure["data"] if t["name"].startswith("Valeur de référence"))
        assert baseline["mode"] == "markers"
        assert (baseline["x"], baseline["y"]) == ([2019], [4.0])
        assert 2019 in figure["data"][0]["x"]
        assert indicator_sentence(row).endswith(
            f"Valeur de référence 2019{NBSP}: 4{NBSP}logements."
        )


def test_a_baseline_without_year_starts_the_trajectory_at_the_plan_start():
    row = make_row(
        [point(2022, result=1300)],
        kind=progress.CUMULATIVE,
        baseline=D(1223),
        plan_target=D(1500),
    )
    assert charts.trajectory_start(row) == (2020, D(1223))
    # Progress measures from the baseline whatever its year: no error, a ratio.
    assert row.plan.ratio is not None


def test_money_and_count_axes_never_use_si_suffixes():
    with translation.override("fr"):
        assert value_axis("€", [D(365000)]) == {
            "tickformat": ",~f",
            "separatethousands": True,
            "ticksuffix": f"{NBSP}€",
        }
        assert value_axis("séminaires", [D(1), D(2)])["dtick"] == 1
    with translation.override("en"):
        assert value_axis("€", [D(365000)])["tickprefix"] == "€"


def test_provenance_reads_producer_document_place_and_date():
    with translation.override("fr"):
        text = provenance_text(
            Provenance("Ville de Paris", "Bilan 2022", "mesure 3", date(2022, 12, 31))
        )
        assert text == "Ville de Paris — Bilan 2022, mesure 3 — au 31/12/2022"
        assert provenance_text(Provenance()) == ""


def test_a_change_is_signed_with_a_true_minus():
    with translation.override("fr"):
        assert signed_percent(D(-30)) == f"\u221230{NBSP}%"
        assert signed_percent(D("12.5")) == f"+12,5{NBSP}%"


def test_reference_lines_give_each_own_figure_with_its_source():
    own = Provenance("Ville de Paris", "Bilan 2022", "mesure 3")
    row = replace(
        make_row([], plan_target=D(17), baseline=D(1223)), provenance=own, selected_year=2022
    )
    with translation.override("fr"):
        lines = reference_lines(row)
    assert [line["label"] for line in lines] == [
        "Cible 2026",
        "Valeur de référence (année non précisée)",
    ]
    assert lines[1]["source"] == ("Ville de Paris — Bilan 2022, mesure 3 — année non précisée")
