"""Bad input is refused by the database, with a clear French message in forms."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from indicators.entry.services import record_year
from indicators.models import (
    Indicator,
    Kind,
    Milestone,
    MilestoneYearStatus,
    PeriodTarget,
    YearResult,
    YearTarget,
)
from measures.models import Ambition, Axis, BilanEntry, Measure, Plan, ReportingYear, ReportRow
from tests.helpers import make_axis, make_indicator, make_plan, make_reporting_year, make_row

pytestmark = pytest.mark.django_db


def refused_by_database(create):
    """Run ``create`` in a savepoint and tell whether the database refused it."""
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_negative_result_is_refused_by_the_database():
    indicator = make_indicator()
    assert refused_by_database(
        lambda: YearResult.objects.create(indicator=indicator, year=2022, value=D(-1))
    )
    assert not YearResult.objects.exists()


def test_negative_target_is_refused_by_the_database():
    indicator = make_indicator()
    assert refused_by_database(
        lambda: YearTarget.objects.create(indicator=indicator, year=2023, value=D("-0.01"))
    )


def test_share_above_100_is_refused_by_the_database():
    indicator = make_indicator(kind=Kind.SHARE, unit="%")
    assert refused_by_database(
        lambda: YearResult.objects.create(indicator=indicator, year=2022, value=D("100.01"))
    )
    YearResult.objects.create(indicator=indicator, year=2022, value=D(100))
    assert YearResult.objects.get().is_share is True


def test_count_above_100_is_accepted():
    indicator = make_indicator()
    YearResult.objects.create(indicator=indicator, year=2022, value=D(1910))
    assert YearResult.objects.get().value == D(1910)


def test_share_bound_holds_even_when_save_is_bypassed():
    indicator = make_indicator(kind=Kind.SHARE, unit="%")
    assert refused_by_database(
        lambda: PeriodTarget.objects.bulk_create(
            [
                PeriodTarget(
                    indicator=indicator, label="DAP", end_year=2028, value=135, is_share=True
                )
            ]
        )
    )


def test_two_open_entries_for_one_year_are_refused_by_the_database():
    indicator = make_indicator()
    YearResult.objects.create(indicator=indicator, year=2022, value=D(73))
    assert refused_by_database(
        lambda: YearResult.objects.create(indicator=indicator, year=2022, value=D(74))
    )
    assert YearResult.objects.get().value == D(73)


def test_two_published_values_for_one_year_are_refused_by_the_database():
    indicator = make_indicator()
    YearTarget.objects.create(indicator=indicator, year=2023, value=D(75), status="published")
    assert refused_by_database(
        lambda: YearTarget.objects.create(
            indicator=indicator, year=2023, value=D(80), status="published"
        )
    )


def test_a_correction_may_be_open_beside_the_published_value():
    indicator = make_indicator()
    YearTarget.objects.create(indicator=indicator, year=2023, value=D(75), status="published")
    YearTarget.objects.create(indicator=indicator, year=2023, value=D(80), status="draft")
    assert YearTarget.objects.count() == 2


def test_unknown_entry_status_is_refused_by_the_database():
    indicator = make_indicator()
    assert refused_by_database(
        lambda: YearResult.objects.create(indicator=indicator, year=2022, value=1, status="maybe")
    )


def test_implausible_year_is_refused_by_the_database():
    indicator = make_indicator()
    assert refused_by_database(
        lambda: YearResult.objects.create(indicator=indicator, year=222, value=D(1))
    )


def test_share_plan_target_above_100_is_refused_by_the_database():
    row = make_row()
    assert refused_by_database(
        lambda: Indicator.objects.create(
            report_row=row, label="Part", unit="%", kind=Kind.SHARE, plan_target=D(120)
        )
    )


def test_a_baseline_may_have_no_year_a_change_since_the_reference_may_not():
    """« les 1223 logements … déjà livrés » has no date, and none is invented; « réduire
    de 30 % … depuis 2008 » means nothing without its reference year."""
    row = make_row()
    stock = Indicator.objects.create(
        report_row=row, label="Stock", unit="logements", kind=Kind.LEVEL, baseline=D(1223)
    )
    assert stock.baseline_year is None
    assert refused_by_database(
        lambda: Indicator.objects.create(
            report_row=row,
            label="Personnes expulsées",
            unit="personnes",
            kind=Kind.LEVEL,
            reference_change=D(-30),
            position=2,
        )
    )


def test_unknown_indicator_kind_is_refused_by_the_database():
    row = make_row()
    assert refused_by_database(
        lambda: Indicator.objects.create(report_row=row, label="X", unit="u", kind="weekly")
    )


def test_plan_ending_before_it_starts_is_refused_by_the_database():
    assert refused_by_database(
        lambda: Plan.objects.create(title="Plan", start_year=2026, end_year=2021)
    )


def test_duplicate_axis_number_is_refused_by_the_database():
    axis = make_axis(number=1)
    assert refused_by_database(lambda: Axis.objects.create(plan=axis.plan, number=1, title="Bis"))


def test_sub_action_without_measure_is_refused_by_the_database():
    axis = make_axis()
    ambition = Ambition.objects.create(axis=axis, position=1, text="Ambition")
    assert refused_by_database(
        lambda: ReportRow.objects.create(ambition=ambition, position=1, letter="a", title="a.")
    )


def test_duplicate_sub_action_letter_is_refused_by_the_database():
    row = make_row(measure_number=9, letter="a")
    assert refused_by_database(
        lambda: ReportRow.objects.create(
            ambition=row.ambition, position=2, measure=row.measure, letter="a", title="Bis"
        )
    )


def test_two_bilan_texts_for_one_row_and_year_are_refused_by_the_database():
    row = make_row()
    year = make_reporting_year(row.ambition.axis.plan)
    BilanEntry.objects.create(reporting_year=year, report_row=row, bilan_text="Fait")
    assert refused_by_database(
        lambda: BilanEntry.objects.create(reporting_year=year, report_row=row, bilan_text="Bis")
    )


def test_opening_a_reporting_year_twice_is_refused_by_the_database():
    plan = make_plan()
    make_reporting_year(plan, 2022)
    assert refused_by_database(lambda: ReportingYear.objects.create(plan=plan, year=2022))


def test_two_statuses_for_one_milestone_and_year_are_refused_by_the_database():
    milestone = Milestone.objects.create(report_row=make_row(), title="Signer", planned_year=2023)
    MilestoneYearStatus.objects.create(milestone=milestone, year=2023, progress="planned")
    assert refused_by_database(
        lambda: MilestoneYearStatus.objects.create(milestone=milestone, year=2023, progress="done")
    )


def test_unknown_milestone_status_is_refused_by_the_database():
    milestone = Milestone.objects.create(report_row=make_row(), title="Signer", planned_year=2023)
    assert refused_by_database(
        lambda: MilestoneYearStatus.objects.create(milestone=milestone, year=2023, progress="maybe")
    )


# Validation (what forms and the admin show) speaks French and agrees with the database.


def test_negative_value_gets_a_french_message():
    result = YearResult(indicator=make_indicator(), year=2022, value=D(-5))
    with pytest.raises(ValidationError) as error:
        result.full_clean()
    assert "Une valeur ne peut pas être négative." in error.value.messages


def test_share_above_100_gets_a_french_message():
    result = YearResult(indicator=make_indicator(kind=Kind.SHARE, unit="%"), year=2022, value=101)
    with pytest.raises(ValidationError) as error:
        result.full_clean()
    assert "Une part ne peut pas dépasser 100\xa0%." in error.value.messages


def test_duplicate_open_entry_gets_a_french_message():
    indicator = make_indicator()
    YearResult.objects.create(indicator=indicator, year=2022, value=D(73))
    duplicate = YearResult(indicator=indicator, year=2022, value=D(74))
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert (
        "Une saisie est déjà en cours pour cette année\xa0: reprenez-la plutôt."
        in error.value.messages
    )


def test_measure_number_must_be_unique_across_the_plan():
    plan = make_plan()
    first_axis = make_axis(plan, 1)
    second_axis = make_axis(plan, 2)
    Measure.objects.create(axis=first_axis, number=3, title="Pensions de Famille")
    clash = Measure(axis=second_axis, number=3, title="Autre")
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "Ce plan a déjà une mesure portant le numéro 3." in error.value.messages


def test_report_row_measure_must_be_on_the_ambition_axis():
    plan = make_plan()
    row = make_row(make_axis(plan, 1))
    other_axis = make_axis(plan, 2)
    misplaced = ReportRow(
        ambition=Ambition.objects.create(axis=other_axis, position=1, text="Autre"),
        position=1,
        measure=row.measure,
        title="Mal placée",
    )
    with pytest.raises(ValidationError) as error:
        misplaced.full_clean()
    assert "La mesure doit appartenir au même axe que l'ambition." in error.value.messages


def test_indicator_kind_cannot_change_once_values_exist():
    indicator = make_indicator()
    YearResult.objects.create(indicator=indicator, year=2022, value=D(150))
    indicator.kind = Kind.SHARE
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "sa nature ne peut plus changer" in error.value.messages[0]


def test_indicator_kind_may_change_while_it_has_no_value():
    indicator = make_indicator()
    indicator.kind = Kind.SHARE
    indicator.full_clean()
    indicator.save()
    assert Indicator.objects.get().kind == Kind.SHARE


# Multi-row writes: all or nothing.


def test_record_year_saves_target_and_result_together():
    indicator = make_indicator()
    recorded = record_year(indicator, 2023, target=D(75), result=D(73), source="Bilan")
    assert (recorded.target.value, recorded.result.value) == (D(75), D(73))
    assert YearTarget.objects.get().value == D(75)
    assert YearResult.objects.get().source == "Bilan"


def test_record_year_updates_the_open_drafts():
    indicator = make_indicator()
    first = record_year(indicator, 2023, target=D(75), result=D(70))
    record_year(
        indicator,
        2023,
        target=D(76),
        target_revision=first.target.revision,
        result=D(73),
        result_revision=first.result.revision,
    )
    assert list(YearTarget.objects.values_list("value", "revision")) == [(D(76), 2)]
    assert list(YearResult.objects.values_list("value", "revision")) == [(D(73), 2)]


def test_record_year_writes_nothing_when_the_result_is_invalid():
    indicator = make_indicator()
    with pytest.raises(ValidationError):
        record_year(indicator, 2023, target=D(75), result=D(-3))
    assert not YearTarget.objects.exists()
    assert not YearResult.objects.exists()


def test_record_year_keeps_previous_values_when_the_update_is_invalid():
    indicator = make_indicator(kind=Kind.SHARE, unit="%")
    first = record_year(indicator, 2023, target=D(20), result=D(18))
    with pytest.raises(ValidationError):
        record_year(
            indicator,
            2023,
            target=D(25),
            target_revision=first.target.revision,
            result=D(180),
            result_revision=first.result.revision,
        )
    assert YearTarget.objects.get().value == D(20)
    assert YearResult.objects.get().value == D(18)


def test_record_year_rolls_back_when_the_database_refuses_a_row(monkeypatch):
    indicator = make_indicator()
    # Skip validation to reach the database constraint itself.
    monkeypatch.setattr(YearResult, "full_clean", lambda self, *a, **k: None)
    with pytest.raises(IntegrityError):
        record_year(indicator, 2023, target=D(75), result=D(-3))
    assert not YearTarget.objects.exists()
    assert not YearResult.objects.exists()
