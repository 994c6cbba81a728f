"""The seed's figures against the 2022 report: targets, results, kinds and directions."""

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from indicators.models import (
    Indicator,
    PeriodTarget,
    YearResult,
    YearTarget,
)
from tests.seed.report import (
    indicator,
    ref_id,
)

# --- 3. Figures --------------------------------------------------------------------

RESULT, TARGET, PERIOD, PLAN_TARGET, BASELINE = "result", "target", "period", "plan", "baseline"
CHANGE = "change since the reference year"
PF_SO_FAR = "agréées au cours de la mandature"
DAP = "Convention DAP 2023-2028"
SLT = "Stratégie Logement 2035"
PF_IN_YEAR = "^Pensions de Famille agréées dans"  # not "Logements des Pensions…"

# (row, label fragment, kind, what, year or period label, value, evidence in the report)
FIGURES = [
    ("1", "Louez solidaire captés", "annual_flow", RESULT, 2022, "73", "captation de 73 nouveaux"),
    ("1", "Louez solidaire captés", "annual_flow", TARGET, 2023, "75", "Capter 75 logements"),
    ("1", "de l'État", "annual_flow", RESULT, 2022, "365000", "AMI2-LDA (365 000 € par an)"),
    ("1", "de la Ville", "annual_flow", RESULT, 2022, "365000", "de Paris (365 000 € par an)"),
    ("2", "captés pour Un chez-soi", "cumulative", RESULT, 2022, "16", "16 logements ont été"),
    ("2", "captés pour Un chez-soi", "cumulative", PLAN_TARGET, None, "40", "Mettre 40 logements"),
    ("2", "prévus par les conventions", "cumulative", RESULT, 2022, "33", "disposition de 33"),
    ("2", "prévus par les conventions", "cumulative", PLAN_TARGET, None, "40", "Mettre 40 "),
    ("2", "prévus par les conventions", "cumulative", TARGET, 2023, "40", "des 7 logements"),
    ("2", "ayant signé", "cumulative", RESULT, 2022, "5", "convention avec 5 bailleurs"),
    ("2", "ayant signé", "cumulative", TARGET, 2023, "8", "avec 3 nouveaux bailleurs"),
    ("2", "Bénéficiaires", "level", PLAN_TARGET, None, "155", "jusqu'à 155 bénéficiaires"),
    ("3", PF_SO_FAR, "cumulative", RESULT, 2022, "8", "portant à 8 le nombre"),
    ("3", PF_SO_FAR, "cumulative", PLAN_TARGET, None, "17", "17 nouvelles Pensions"),
    ("3", PF_SO_FAR, "cumulative", TARGET, 2023, "11", "au moins 3 nouvelles"),
    ("3", PF_IN_YEAR, "annual_flow", RESULT, 2022, "2", "de 2 nouvelles Pensions"),
    ("3", PF_IN_YEAR, "annual_flow", TARGET, 2023, "3", "au moins 3 nouvelles"),
    ("3", "Logements des Pensions", "annual_flow", RESULT, 2022, "43", "composées de 43 logements"),
    ("3", "relogées", "annual_flow", RESULT, 2022, "4", "pour quatre personnes sans-abris"),
    ("3", "déjà livrés", "level", BASELINE, None, "1223", "aux 1223 logements"),
    ("", "logements publics", "share", PERIOD, SLT, "40", "40 % de logements publics"),
    ("", "Part de logements sociaux", "share", PERIOD, SLT, "30", "30 % de logements sociaux"),
    ("", "sociaux produits", "annual_flow", PERIOD, DAP, "25500", "produire 25 500 logements"),
    ("", "Part de PLAI dans", "share", PERIOD, DAP, "35", "dont 35% de PLAI"),
    ("", "PLAI adapté", "share", PERIOD, DAP, "3", "et 3% de PLAI adapté"),
    *[
        ("4", "ARPP", "annual_flow", TARGET, year, "2000", "2000 désignations par an")
        for year in range(2021, 2027)
    ],
    ("5", "en Foyer Jeunes", "level", BASELINE, None, "1000", "aux 1000 logements du contingent"),
    ("5", "vacances", "share", TARGET, 2023, "20", "20% des vacances du contingent"),
    ("5", "SEJM", "annual_flow", RESULT, 2022, "200", "200 professionnels du secteur"),
    ("6", "expulsées", "level", CHANGE, 2008, "-30", "réduire de 30% le nombre de personnes"),
    ("6", "ELIAHS", "annual_flow", RESULT, 2022, "36", "a accompagné 36 ménages"),
    ("7", "Entretiens", "annual_flow", RESULT, 2022, "1910", "1 910 entretiens réalisés"),
    ("7", "Sites", "level", RESULT, 2022, "5", "au sein de 5 sites"),
    ("7", "Sites", "level", TARGET, 2023, "5", "au sein des 5 sites"),
    ("8", "Arrondissements", "cumulative", RESULT, 2022, "2", "les 10e et le 14e arrondissements"),
    ("8", "associés", "annual_flow", RESULT, 2022, "20", "plus de 20 professionnels"),
    ("9a", "Professionnels formés", "annual_flow", RESULT, 2022, "295", "295 professionnels"),
    ("9a", "Professionnels formés", "annual_flow", TARGET, 2023, "300", "Former 300 travailleurs"),
    ("9a", "Séminaires", "annual_flow", RESULT, 2022, "1", "au travers d'un séminaire"),
    ("9a", "Séminaires", "annual_flow", TARGET, 2023, "2", "2 séminaires d'une journée"),
    ("9a", "Cycles", "annual_flow", RESULT, 2022, "2", "deux cycles de quatre modules"),
    ("9a", "Cycles", "annual_flow", TARGET, 2023, "2", "2 cycles de 4 modules"),
    ("9b", "Équipes", "annual_flow", TARGET, 2023, "9", "au profit de 9 équipes"),
    ("9c", "Participants", "annual_flow", RESULT, 2022, "15", "avec 15 participants"),
    ("9c", "Bailleurs sociaux représentés", "annual_flow", RESULT, 2022, "6", "représentant 6"),
    ("10", "projet pilote", "annual_flow", TARGET, 2023, "15", "au profit de 15 ménages"),
    ("12", "Réunions", "annual_flow", RESULT, 2022, "3", "s'est réuni trois fois en 2022"),
]


def figure_id(figure) -> str:
    reference, fragment, _kind, what, when, _value, _evidence = figure
    return f"{ref_id(reference)}-{fragment}-{what}-{when}"


@pytest.mark.usefixtures("seed_plan")
@pytest.mark.parametrize(
    ("reference", "fragment", "kind", "what", "when", "value", "evidence"),
    FIGURES,
    ids=[figure_id(f) for f in FIGURES],
)
def test_figure(reference, fragment, kind, what, when, value, evidence):
    found = indicator(reference, fragment)
    assert found.kind == kind
    if what == RESULT:
        stored = found.year_results.get(year=when).value
    elif what == TARGET:
        stored = found.year_targets.get(year=when).value
    elif what == PERIOD:
        stored = found.period_targets.get(label=when).value
    elif what == PLAN_TARGET:
        stored = found.plan_target
    elif what == CHANGE:
        assert found.baseline_year == when
        stored = found.reference_change
    else:
        assert found.baseline_year == when
        stored = found.baseline
    assert stored == Decimal(value)


@pytest.mark.parametrize(
    "evidence", sorted({f[-1] for f in FIGURES}), ids=lambda evidence: evidence[:30]
)
def test_figure_is_stated_in_the_report(evidence, report_text):
    assert evidence in report_text


@pytest.mark.usefixtures("seed_plan")
def test_every_value_row_is_in_the_figures_table():
    """No figure in the fixture escapes the check against the report."""
    checked = Counter(figure[3] for figure in FIGURES)
    assert YearResult.objects.count() == checked[RESULT]
    assert YearTarget.objects.count() == checked[TARGET]
    assert PeriodTarget.objects.count() == checked[PERIOD]
    assert Indicator.objects.exclude(plan_target=None).count() == checked[PLAN_TARGET]
    assert Indicator.objects.exclude(baseline=None).count() == checked[BASELINE]
    assert Indicator.objects.exclude(reference_change=None).count() == checked[CHANGE]


@pytest.mark.usefixtures("seed_plan")
def test_period_targets_carry_their_frame():
    periods = {(p.label, p.start_year, p.end_year) for p in PeriodTarget.objects.all()}
    assert periods == {(SLT, None, 2035), (DAP, 2023, 2028)}


@pytest.mark.usefixtures("seed_plan")
def test_au_moins_targets_use_the_at_least_comparator():
    at_least = YearTarget.objects.filter(comparator="at_least")
    assert {(t.indicator.report_row.reference, t.year, t.value) for t in at_least} == {
        ("3", 2023, Decimal(11)),
        ("3", 2023, Decimal(3)),
    }


@pytest.mark.usefixtures("seed_plan")
def test_directions():
    # « réduire de 30% le nombre de personnes expulsées » : fewer is better.
    assert indicator("6", "expulsées").direction == "decrease"
    # « Poursuivre… au sein des 5 sites », and 2 cycles in 2022 then 2 in 2023.
    assert indicator("7", "Sites").direction == "maintain"
    assert indicator("9a", "Cycles").direction == "maintain"
    decreasing = Indicator.objects.filter(direction="decrease")
    assert [i.label for i in decreasing] == ["Personnes expulsées à Paris"]


@pytest.mark.usefixtures("seed_plan")
def test_headline_indicators():
    headline = {
        (i.report_row.reference, i.label) for i in Indicator.objects.filter(is_headline=True)
    }
    assert headline == {
        ("1", indicator("1", "Louez solidaire captés").label),
        ("2", indicator("2", "captés pour Un chez-soi").label),
        ("3", indicator("3", PF_SO_FAR).label),
        ("4", indicator("4", "ARPP").label),
        ("9a", indicator("9a", "Professionnels formés").label),
        ("10", indicator("10", "projet pilote").label),
    }


@pytest.mark.usefixtures("seed_plan")
def test_results_name_their_source_and_date():
    for result in YearResult.objects.all():
        assert result.source == "Bilan 2022 & perspectives 2023 (juillet 2023)", result
        if result.year == 2022:
            assert result.as_of is not None, result
    assert indicator("9c", "Participants").year_results.get().as_of == date(2022, 11, 25)
    assert indicator("1", "Louez solidaire captés").year_results.get().as_of == date(2022, 12, 31)


@pytest.mark.usefixtures("seed_plan")
def test_indicator_positions_are_unique_within_a_row():
    pairs = list(Indicator.objects.values_list("report_row", "position"))
    assert len(pairs) == len(set(pairs))
