"""The seed plan's structure: axes, measures, rows, is_share copies and idempotent loading."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from indicators.models import (
    PeriodTarget,
    YearResult,
    YearTarget,
)
from measures.models import (
    Ambition,
    Axis,
    BilanEntry,
    Measure,
    Plan,
    ReportingYear,
    ReportRow,
)
from tests.seed.report import (
    ALL_MODELS,
    AXIS_TITLES,
    MEASURE_AXES,
    REFERENCES,
    indicator,
    row,
)

# --- 1. Structure ------------------------------------------------------------------


@pytest.mark.usefixtures("seed_plan")
def test_plan_and_reporting_year():
    plan = Plan.objects.get()
    assert plan.pk == 1
    assert plan.title == "Plan parisien pour le logement d'abord"
    assert plan.programme == "Pacte parisien de lutte contre l'exclusion 2021-2026"
    assert (plan.start_year, plan.end_year) == (2021, 2026)
    reporting_year = ReportingYear.objects.get()
    assert (reporting_year.plan_id, reporting_year.year) == (1, 2022)
    # Published in July 2023 (the report gives the month only).
    assert reporting_year.published_on == date(2023, 7, 1)


@pytest.mark.usefixtures("seed_plan")
def test_five_axes_numbered_1_to_5_with_the_report_titles():
    axes = {axis.number: axis.title for axis in Axis.objects.filter(plan_id=1)}
    assert axes == AXIS_TITLES


@pytest.mark.usefixtures("seed_plan")
def test_twelve_measures_numbered_1_to_12_on_their_axes():
    measures = {m.number: m.axis.number for m in Measure.objects.select_related("axis")}
    assert measures == MEASURE_AXES
    assert all(m.title for m in Measure.objects.all())


@pytest.mark.usefixtures("seed_plan")
def test_report_rows_come_in_report_order():
    references = [r.reference for r in ReportRow.objects.in_report_order()]
    assert references == REFERENCES


@pytest.mark.usefixtures("seed_plan")
def test_measures_7_and_8_share_one_ambition():
    assert row("7").ambition_id == row("8").ambition_id
    assert Ambition.objects.get(pk=row("7").ambition_id).rows.count() == 2


@pytest.mark.usefixtures("seed_plan")
def test_sub_actions_9a_9b_9c_share_one_ambition_and_measure_9():
    rows = [row(reference) for reference in ("9a", "9b", "9c")]
    assert {r.ambition_id for r in rows} == {rows[0].ambition_id}
    assert {r.measure.number for r in rows} == {9}
    assert [r.letter for r in rows] == ["a", "b", "c"]
    assert [r.position for r in rows] == [1, 2, 3]
    assert [r.title for r in rows] == [
        "Formation sur l'accès au logement des publics prioritaires",
        "Formation-action Logement d'abord",
        "Sensibilisation des membres des CALEOL",
    ]


@pytest.mark.usefixtures("seed_plan")
def test_unnumbered_row_has_no_measure_and_its_own_ambition():
    unnumbered = row("")
    assert unnumbered.measure is None
    assert unnumbered.letter == ""
    assert unnumbered.title == "Politiques d'attribution et de production de logements sociaux"
    assert unnumbered.ambition.axis.number == 1
    assert list(unnumbered.ambition.rows.all()) == [unnumbered]


@pytest.mark.usefixtures("seed_plan")
def test_rows_and_ambitions_sit_on_the_axis_of_their_measure():
    assert Ambition.objects.count() == 12
    for report_row in ReportRow.objects.select_related("measure", "ambition"):
        if report_row.measure is not None:
            assert report_row.measure.axis_id == report_row.ambition.axis_id, report_row


@pytest.mark.usefixtures("seed_plan")
def test_every_row_has_one_bilan_entry_for_2022():
    assert BilanEntry.objects.count() == 15
    for report_row in ReportRow.objects.all():
        entries = report_row.bilan_entries.filter(reporting_year__year=2022)
        assert entries.count() == 1, report_row
        assert entries.get().bilan_text, report_row
        assert entries.get().action_plan_text, report_row


# --- 4. is_share -------------------------------------------------------------------


@pytest.mark.usefixtures("seed_plan")
@pytest.mark.parametrize("model", [YearTarget, YearResult, PeriodTarget], ids=lambda m: m.__name__)
def test_value_rows_carry_is_share_of_their_indicator(model):
    rows = list(model.objects.select_related("indicator"))
    assert rows
    for value_row in rows:
        assert value_row.is_share == (value_row.indicator.kind == "share"), value_row


# --- 5. Idempotent loading ---------------------------------------------------------


def snapshot():
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in ALL_MODELS}


@pytest.mark.usefixtures("seed_plan")
def test_loading_twice_changes_nothing():
    before = snapshot()
    call_command("loaddata", "plan", verbosity=0)
    after = snapshot()
    assert {name: len(rows) for name, rows in after.items()} == {
        name: len(rows) for name, rows in before.items()
    }
    assert after == before
    assert indicator("7", "Entretiens").year_results.get(year=2022).value == Decimal(1910)
