"""The seed says what the report says: the modelling fixes, each against the report's
words, in the fixture and in a database seeded from the first fixture (migration)."""

import importlib
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from indicators.models import Indicator, PeriodTarget, YearResult, YearTarget
from tests.seed.report import indicator

MIGRATION = "0004_seeded_figures_say_what_the_report_says"
fixes = importlib.import_module(f"indicators.migrations.{MIGRATION}")

QUOTED = re.compile(r"« ([^»]+) »")


def quoted_words(text: str) -> list[str]:
    return [quote.strip() for quote in QUOTED.findall(text)]


@pytest.mark.usefixtures("seed_plan")
def test_the_fall_in_evictions_is_a_fall_since_2008_with_no_invented_year(report_text):
    evictions = indicator("6", "expulsées")
    assert "a permis de réduire de 30% le nombre de personnes expulsées à Paris depuis 2008" in (
        report_text
    )
    assert (evictions.direction, evictions.baseline_year) == ("decrease", 2008)
    assert evictions.reference_change == Decimal(-30)
    assert evictions.baseline is None  # the report gives no number of people
    assert not evictions.year_results.exists()  # no « 30 % en 2021 »
    for quote in quoted_words(evictions.description):
        assert quote in report_text


@pytest.mark.usefixtures("seed_plan")
def test_measure_5_aim_has_its_indicator_and_no_invented_target(report_text):
    aim = indicator("5", "Jeunes sortants de l'ASE")
    assert "Augmenter le nombre de jeunes sortants d'ASE, qui accèdent à un logement" in (
        report_text.replace("<b>", "").replace("</b>", "")
    )
    assert (aim.plan_target, aim.baseline) == (None, None)
    assert not aim.year_targets.exists()
    assert not aim.year_results.exists()


@pytest.mark.usefixtures("seed_plan")
def test_labels_say_what_the_report_says(report_text):
    assert "agréées au cours de la mandature" in report_text
    assert indicator("3", "agréées au cours de la mandature").is_headline
    assert not Indicator.objects.filter(label__contains="depuis 2021").exists()


@pytest.mark.usefixtures("seed_plan")
def test_plus_de_20_is_a_bound_not_exactly_20(report_text):
    assert "associant plus de 20 professionnels" in report_text
    result = indicator("8", "associés").year_results.get(year=2022)
    assert (result.value, result.bound) == (Decimal(20), "more_than")
    assert list(YearResult.objects.exclude(bound="exact")) == [result]


@pytest.mark.usefixtures("seed_plan")
def test_derived_targets_say_so_and_quote_the_report(report_text):
    derived = YearTarget.objects.exclude(derivation="").select_related("indicator")
    assert {(t.indicator_id, t.year, t.value) for t in derived} == {
        (5, 2023, Decimal(40)),
        (6, 2023, Decimal(8)),
        (8, 2023, Decimal(11)),
    }
    for target in derived:
        quotes = quoted_words(target.derivation)
        assert quotes, target.derivation
        for quote in quotes:
            assert quote in report_text, quote


@pytest.mark.usefixtures("seed_plan")
def test_baselines_without_a_stated_year_have_no_year():
    assert indicator("3", "déjà livrés").baseline_year is None
    assert indicator("5", "en Foyer Jeunes").baseline_year is None


@pytest.mark.usefixtures("seed_plan")
def test_every_seeded_figure_carries_its_provenance():
    values = [
        *YearResult.objects.all(),
        *YearTarget.objects.all(),
        *PeriodTarget.objects.all(),
        *Indicator.objects.exclude(plan_target=None, baseline=None, reference_change=None),
    ]
    assert len(values) > 50
    for value in values:
        assert value.producer == "Ville de Paris", value
        assert value.source == fixes.REPORT, value
        assert value.source_location.startswith("Tableau des mesures, "), value
    # Each figure names its own row: a 2022 result of measure 9a is in the 9a row.
    trained = indicator("9a", "Professionnels formés").year_results.get(year=2022)
    assert "mesure 9a, colonne « Bilan 2022 »" in trained.source_location


@pytest.mark.usefixtures("seed_plan")
def test_every_unit_has_its_singular():
    for unit, singular in Indicator.objects.values_list("unit", "unit_singular"):
        assert singular == fixes.UNITS_SINGULAR[unit], unit


# --- A database seeded from the first fixture -----------------------------------------

# Measures as they were then too: later migrations of the plan's tables (its address,
# 0009) would otherwise stay applied under the first fixture's rows.
BEFORE = [
    ("indicators", "0003_figures_as_the_report_states"),
    ("measures", "0008_bilan_entry_final_text"),
]
AFTER = [("indicators", MIGRATION)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def first_seed(apps):
    """The rows of the first fixture that the corrections touch, as it seeded them."""
    Plan = apps.get_model("measures", "Plan")
    Axis = apps.get_model("measures", "Axis")
    Ambition = apps.get_model("measures", "Ambition")
    ReportRow = apps.get_model("measures", "ReportRow")
    Indicator = apps.get_model("indicators", "Indicator")
    plan = Plan.objects.create(title="Plan", start_year=2021, end_year=2026)
    axis = Axis.objects.create(plan=plan, number=1, title="Axe")
    ambition = Ambition.objects.create(axis=axis, position=1, text="Ambition")
    for pk in range(1, 16):
        ReportRow.objects.create(pk=pk, ambition=ambition, position=pk, title=f"Ligne {pk}")

    def seeded(pk, row, label, unit, kind="annual_flow", **fields):
        return Indicator.objects.create(
            pk=pk, report_row_id=row, label=label, unit=unit, kind=kind, **fields
        )

    seeded(8, 3, "Pensions de Famille agréées depuis 2021", "Pensions de Famille", "cumulative")
    seeded(12, 3, "Logements déjà livrés", "logements", "level", baseline=1223, baseline_year=2021)
    seeded(19, 6, "Logements en FJT", "logements", "level", baseline=1000, baseline_year=2021)
    evictions = seeded(
        22, 7, "Baisse du nombre de personnes expulsées à Paris depuis 2008", "%", "share"
    )
    pilots = seeded(27, 9, "Professionnels associés aux démarches pilotes", "professionnels")
    seeded(30, 10, "Cycles de quatre modules à la carte", "cycles")
    seeded(6, 2, "Bailleurs sociaux signataires", "bailleurs sociaux", "cumulative")
    # Changed by staff after seeding: the corrections leave it alone.
    seeded(5, 2, "Logements conventionnés (libellé revu par la Ville)", "logements")
    YearResult = apps.get_model("indicators", "YearResult")
    YearTarget = apps.get_model("indicators", "YearTarget")
    seeded_at = {"updated_at": fixes.SEEDED_AT, "status": "published"}
    YearResult.objects.create(
        indicator=evictions, year=2021, value=30, is_share=True, source=fixes.REPORT, **seeded_at
    )
    YearResult.objects.create(
        indicator=pilots, year=2022, value=20, source=fixes.REPORT, **seeded_at
    )
    YearTarget.objects.create(
        indicator_id=8, year=2023, value=11, comparator="at_least",
        comment=fixes.SEED_DERIVATION_COMMENTS[8], **seeded_at,
    )  # fmt: skip
    # Saved by staff after the seed (a later time): the corrections leave it alone.
    YearTarget.objects.create(
        indicator_id=6, year=2023, value=9, comment=fixes.SEED_DERIVATION_COMMENTS[6],
        status="published",
    )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_a_database_seeded_from_the_first_fixture_is_corrected_without_touching_staff_work():
    first_seed(migrate(BEFORE))

    new = migrate(AFTER)
    Indicator = new.get_model("indicators", "Indicator")
    YearResult = new.get_model("indicators", "YearResult")
    YearTarget = new.get_model("indicators", "YearTarget")
    evictions = Indicator.objects.get(pk=22)
    assert (evictions.label, evictions.kind, evictions.direction) == (
        "Personnes expulsées à Paris",
        "level",
        "decrease",
    )
    assert (evictions.reference_change, evictions.baseline_year) == (Decimal(-30), 2008)
    assert not YearResult.objects.filter(indicator_id=22).exists()
    assert Indicator.objects.get(pk=8).label.endswith("au cours de la mandature")
    assert Indicator.objects.get(pk=12).baseline_year is None
    assert Indicator.objects.get(pk=30).direction == "maintain"
    assert YearResult.objects.get(indicator_id=27).bound == "more_than"
    assert Indicator.objects.get(pk=36).report_row_id == 6
    derived = YearTarget.objects.get(indicator_id=8)
    assert (derived.derivation, derived.comment) == (fixes.TARGETS[(8, 2023)][2], "")
    # Staff work stays as it was.
    assert Indicator.objects.get(pk=5).label.endswith("(libellé revu par la Ville)")
    revised = YearTarget.objects.get(indicator_id=6)
    assert (revised.derivation, revised.source, revised.value) == ("", "", 9)
    assert Indicator.objects.get(pk=8).unit_singular == "Pension de Famille"
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
