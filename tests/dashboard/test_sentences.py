"""The French sentence under each chart, and the status words and symbols."""

from decimal import Decimal as D

import pytest
from django.utils import translation

from indicators import progress
from indicators.dashboard.rows import CONTEXT, IndicatorRow, PeriodTargetRow
from indicators.dashboard.sentences import (
    STATUS_LABELS,
    STATUS_SYMBOLS,
    indicator_sentence,
    period_target_sentence,
    status_label,
    target_text,
)
from tests.helpers import make_indicator_row as make_row
from tests.helpers import year_point as point

NBSP = "\u00a0"


def pensions_de_famille(**fields) -> IndicatorRow:
    fields = {
        "kind": progress.CUMULATIVE,
        "unit": "Pensions de Famille",
        "plan_target": D(17),
    } | fields
    return make_row(
        [point(2022, result=8), point(2023, target=11, comparator=progress.AT_LEAST)], **fields
    )


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


def test_year_with_result_and_target():
    row = make_row([point(2023, result=295, target=300)], unit="professionnels", selected_year=2023)
    assert indicator_sentence(row) == (
        f"295{NBSP}professionnels en 2023 pour un objectif de 300, soit"
        f" 98{NBSP}%{NBSP}; en bonne voie."
    )


def test_at_least_target():
    row = make_row(
        [point(2023, result=2, target=3, comparator=progress.AT_LEAST)],
        unit="Pensions de Famille",
        selected_year=2023,
    )
    assert indicator_sentence(row) == (
        f"2{NBSP}Pensions de Famille en 2023 (objectif{NBSP}: au moins 3), soit"
        f" 67{NBSP}%{NBSP}; en retard."
    )


def test_at_most_target():
    row = make_row(
        [point(2022, result=110, target=100, comparator=progress.AT_MOST)],
        direction=progress.DECREASE,
        baseline=D(120),
        baseline_year=2020,
        unit="expulsions",
    )
    assert indicator_sentence(row) == (
        f"110{NBSP}expulsions en 2022 (objectif{NBSP}: au plus 100), soit 50{NBSP}%{NBSP};"
        f" en bonne voie. Valeur de référence 2020{NBSP}: 120{NBSP}expulsions."
    )


def test_target_without_ratio_gives_the_status():
    # A decrease without a baseline has no ratio: the status says how it goes.
    row = make_row([point(2022, result=60, target=70)], direction=progress.DECREASE)
    assert (
        indicator_sentence(row)
        == f"60{NBSP}logements en 2022 pour un objectif de 70{NBSP}; atteint."
    )


def test_result_and_a_later_target():
    row = make_row([point(2022, result=73), point(2023, target=75)])
    assert indicator_sentence(row) == f"73{NBSP}logements en 2022{NBSP}; objectif 2023{NBSP}: 75."


def test_result_and_a_later_at_least_target():
    row = make_row(
        [point(2022, result=2), point(2023, target=3, comparator=progress.AT_LEAST)],
        unit="Pensions de Famille",
    )
    assert indicator_sentence(row) == (
        f"2{NBSP}Pensions de Famille en 2022{NBSP}; objectif 2023{NBSP}: au moins 3."
    )


def test_result_without_any_target():
    row = make_row([point(2022, result=1910)], unit="entretiens")
    assert indicator_sentence(row) == f"1{NBSP}910{NBSP}entretiens en 2022 (sans objectif chiffré)."


def test_cumulative_with_plan_target():
    assert indicator_sentence(pensions_de_famille()) == (
        f"8{NBSP}Pensions de Famille sur un objectif de 17 d'ici 2026, soit 47{NBSP}%{NBSP};"
        " en bonne voie."
    )


def test_cumulative_with_plan_target_says_when_its_value_is_older():
    assert indicator_sentence(pensions_de_famille(selected_year=2023)) == (
        f"8{NBSP}Pensions de Famille sur un objectif de 17 d'ici 2026, soit 47{NBSP}%{NBSP};"
        " en bonne voie. Valeur de fin 2022, aucun résultat publié pour 2023."
    )


def test_cumulative_behind_its_trajectory():
    row = make_row(
        [point(2024, result=5)],
        kind=progress.CUMULATIVE,
        plan_target=D(17),
        unit="Pensions de Famille",
        selected_year=2024,
    )
    assert indicator_sentence(row) == (
        f"5{NBSP}Pensions de Famille sur un objectif de 17 d'ici 2026, soit"
        f" 29{NBSP}%{NBSP}; en retard."
    )


def test_target_without_result_never_says_zero_percent():
    row = make_row([point(2022, target=2000)], unit="désignations")
    sentence = indicator_sentence(row)
    assert sentence == (
        f"Objectif 2022{NBSP}: 2{NBSP}000{NBSP}désignations{NBSP}; aucun résultat publié pour 2022."
    )
    assert "0" + NBSP + "%" not in sentence


def test_plan_target_without_result():
    row = make_row([], kind=progress.LEVEL, plan_target=D(155), unit="bénéficiaires")
    assert indicator_sentence(row) == (
        f"Objectif 2026{NBSP}: 155{NBSP}bénéficiaires{NBSP}; aucun résultat publié pour 2022."
    )


def test_nothing_at_all():
    assert indicator_sentence(make_row([])) == (
        "Ni objectif chiffré ni résultat publié pour cet indicateur."
    )


def test_nothing_for_the_selected_year_gives_the_latest_result():
    row = make_row([point(2022, result=73)], selected_year=2024)
    assert indicator_sentence(row) == (
        f"Aucun résultat publié pour 2024{NBSP}; dernier résultat{NBSP}: 73{NBSP}logements en 2022."
    )


def test_nothing_for_the_selected_year_gives_the_latest_result_and_next_target():
    row = make_row([point(2022, result=73), point(2025, target=80)], selected_year=2024)
    assert indicator_sentence(row) == (
        f"Aucun résultat publié pour 2024{NBSP}; dernier résultat{NBSP}:"
        f" 73{NBSP}logements en 2022{NBSP};"
        f" objectif 2025{NBSP}: 80{NBSP}logements."
    )


def test_period_target_alone():
    row = make_row(
        [],
        unit="logements sociaux",
        period_targets=[PeriodTargetRow("Convention DAP 2023-2028", 2023, 2028, D(25500), "")],
    )
    assert indicator_sentence(row) == (
        f"Objectif Convention DAP 2023-2028{NBSP}: 25{NBSP}500{NBSP}logements sociaux."
        " Aucun résultat publié pour 2022."
    )


def test_period_target_follows_the_year_sentence():
    row = make_row(
        [point(2022, result=35)],
        kind=progress.SHARE,
        unit="%",
        period_targets=[
            PeriodTargetRow("Convention DAP", 2023, 2028, D(35), progress.AT_LEAST),
        ],
    )
    assert indicator_sentence(row) == (
        f"35{NBSP}% en 2022 (sans objectif chiffré)."
        f" Objectif Convention DAP (2023-2028){NBSP}: au moins 35{NBSP}%."
    )


def test_period_target_without_start_year_names_its_horizon():
    period = PeriodTargetRow("Stratégie Logement", None, 2035, D(40), progress.EXACTLY)
    assert period_target_sentence(period, "%") == (
        f"Objectif Stratégie Logement (d'ici 2035){NBSP}: 40{NBSP}%."
    )


def test_share_target_keeps_its_percent_sign():
    row = make_row(
        [point(2022, result="18.5"), point(2023, target=20)], kind=progress.SHARE, unit="%"
    )
    assert indicator_sentence(row) == f"18,5{NBSP}% en 2022{NBSP}; objectif 2023{NBSP}: 20{NBSP}%."


def test_euro_amount():
    row = make_row([point(2022, result=365000)], unit="€")
    assert indicator_sentence(row) == f"365{NBSP}000{NBSP}€ en 2022 (sans objectif chiffré)."


@pytest.mark.parametrize(
    ("comparator", "unit", "with_noun", "expected"),
    [
        (progress.EXACTLY, "logements", False, "75"),
        (progress.EXACTLY, "logements", True, f"75{NBSP}logements"),
        (progress.AT_LEAST, "logements", False, "au moins 75"),
        (progress.AT_MOST, "logements", True, f"au plus 75{NBSP}logements"),
        (progress.EXACTLY, "%", False, f"75{NBSP}%"),
        (progress.EXACTLY, "€", False, f"75{NBSP}€"),
    ],
)
def test_target_text(comparator, unit, with_noun, expected):
    assert target_text(D(75), comparator, unit, with_noun=with_noun) == expected


def test_every_status_has_a_label_and_a_symbol():
    # A context figure (« −30 % depuis 2008 ») is not a progress status, but is shown as one.
    assert set(STATUS_LABELS) == {*progress.STATUSES, CONTEXT}
    assert set(STATUS_SYMBOLS) == {*progress.STATUSES, CONTEXT}
    assert len(set(STATUS_SYMBOLS.values())) == len(STATUS_SYMBOLS)


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (progress.MET, "atteint"),
        (progress.ON_TRACK, "en bonne voie"),
        (progress.BEHIND, "en retard"),
        (progress.NO_DATA, "sans donnée"),
        (progress.NO_TARGET, "sans objectif"),
        (progress.NOT_DUE, "pas encore dû"),
        (progress.IN_COLLECTION, "en cours de collecte"),
    ],
)
def test_status_labels_in_french(status, label):
    assert str(STATUS_LABELS[status]) == label


# A year being collected (2023, while only the 2022 bilan is published).


def test_a_year_being_collected_says_so_with_the_latest_result_and_its_target():
    row = make_row(
        [point(2022, result=73), point(2023, target=75)],
        selected_year=2023,
        phase=progress.COLLECTING,
    )
    assert row.status == progress.IN_COLLECTION
    assert indicator_sentence(row) == (
        f"Résultat 2023 en cours de collecte{NBSP}; dernier résultat"
        f" publié{NBSP}: 73{NBSP}logements"
        f" en 2022{NBSP}; objectif 2023{NBSP}: 75{NBSP}logements."
    )


def test_a_stock_being_collected_is_judged_at_the_end_of_its_latest_result():
    # Un chez-soi d'abord: 16 of 40 is on track for 2022, not behind the 2023 trajectory.
    row = make_row(
        [point(2022, result=16)],
        kind=progress.CUMULATIVE,
        plan_target=D(40),
        selected_year=2023,
        phase=progress.COLLECTING,
    )
    assert row.status == progress.IN_COLLECTION
    assert row.plan.status == progress.ON_TRACK
    assert indicator_sentence(row) == (
        f"Résultat 2023 en cours de collecte{NBSP}; fin 2022{NBSP}:"
        f" 16{NBSP}logements sur un objectif"
        f" de 40 d'ici 2026, soit 40{NBSP}%, en bonne voie."
    )


def test_a_stock_being_collected_gives_its_year_target_too():
    row = pensions_de_famille(selected_year=2023, phase=progress.COLLECTING)
    assert indicator_sentence(row) == (
        f"Résultat 2023 en cours de collecte{NBSP}; fin 2022{NBSP}:"
        f" 8{NBSP}Pensions de Famille sur un"
        f" objectif de 17 d'ici 2026, soit 47{NBSP}%, en bonne voie{NBSP}; objectif 2023{NBSP}:"
        f" au moins 11{NBSP}Pensions de Famille."
    )


def test_a_year_being_collected_with_nothing_before_gives_the_plan_target():
    row = make_row(
        [],
        kind=progress.LEVEL,
        plan_target=D(155),
        unit="bénéficiaires",
        selected_year=2023,
        phase=progress.COLLECTING,
    )
    assert indicator_sentence(row) == (
        f"Résultat 2023 en cours de collecte{NBSP}; objectif 2026{NBSP}: 155{NBSP}bénéficiaires."
    )


def test_a_year_not_opened_yet_is_not_due():
    row = make_row(
        [point(2022, result=73), point(2024, target=2000)],
        selected_year=2024,
        phase=progress.UPCOMING,
    )
    assert row.status == progress.NOT_DUE
    assert indicator_sentence(row) == (
        f"Résultat 2024 pas encore dû{NBSP}; dernier résultat publié{NBSP}:"
        f" 73{NBSP}logements en 2022{NBSP};"
        f" objectif 2024{NBSP}: 2{NBSP}000{NBSP}logements."
    )


def test_a_result_published_while_the_year_is_collected_is_told_as_usual():
    # Made-up 2023 figure: 80 Louez solidaire units.
    row = make_row(
        [point(2022, result=73), point(2023, target=75, result=80)],
        selected_year=2023,
        phase=progress.COLLECTING,
    )
    assert row.status == progress.MET
    assert indicator_sentence(row) == (
        f"80{NBSP}logements en 2023 pour un objectif de 75, soit 107{NBSP}%{NBSP}; atteint."
    )


def test_a_stock_told_by_its_plan_wears_the_plans_status_on_its_badge():
    """Made up: 12 Pensions de Famille at the end of 2023 against 11 for 2023 (met) and 17
    by 2026 (on track): the sentence tells the plan, so the badge says the plan's word."""
    row = make_row(
        [point(2022, result=8), point(2023, target=11, result=12)],
        kind=progress.CUMULATIVE,
        plan_target=D(17),
        selected_year=2023,
    )
    assert row.year.status == progress.MET
    assert row.status == row.plan.status == progress.ON_TRACK
    said = indicator_sentence(row)
    assert said.endswith(f"; {status_label(row.status)}."), said


def test_a_stock_whose_year_is_being_collected_says_so_on_its_badge():
    row = make_row(
        [point(2022, result=8), point(2023, target=11)],
        kind=progress.CUMULATIVE,
        plan_target=D(17),
        selected_year=2023,
        phase=progress.COLLECTING,
    )
    assert row.status == progress.IN_COLLECTION
    assert "en cours de collecte" in indicator_sentence(row)
