"""The history on a measure page grows every year; the page reads the 50 latest changes
only, each with the value it replaced, however long the history has become.

The values saved here are made up (fictifs): 1, 2, 3… logements captés en 2023."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from indicators.history import HISTORY_LENGTH, history_page
from indicators.models import MilestoneYearStatus, YearResult, YearTarget
from measures.models import Measure

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _french():
    with translation.override("fr"):
        yield


def save_results(indicator, values):
    """The 2023 result of ``indicator`` saved once per value, in order (one historical
    record each)."""
    result = YearResult.objects.filter(indicator=indicator, year=2023).first()
    for value in values:
        if result is None:
            result = YearResult.objects.create(indicator=indicator, year=2023, value=D(value))
        else:
            result.value = D(value)
            result.save()
    return result


def test_a_long_history_shows_its_latest_changes_each_with_the_value_it_replaced(
    louez_solidaire,
):
    save_results(louez_solidaire, range(1, 61))

    lines = history_page(Measure.objects.get(number=1)).lines

    assert len(lines) == HISTORY_LENGTH == 50
    assert [line.new_value for line in lines[:2]] == ["60\u00a0logements", "59\u00a0logements"]
    assert lines[0].old_value == "59\u00a0logements"
    # The last line shown replaced a value whose record is past the 50 read: still given.
    assert (lines[-1].new_value, lines[-1].old_value) == ("11\u00a0logements", "10\u00a0logements")
    assert {line.change for line in lines} == {"modification"}
    assert lines == sorted(lines, key=lambda line: line.date, reverse=True)


def test_the_first_record_of_an_entry_is_its_creation_with_nothing_before(louez_solidaire):
    save_results(louez_solidaire, [74, 76])

    lines = history_page(Measure.objects.get(number=1)).lines

    assert [(line.change, line.old_value, line.new_value) for line in lines] == [
        ("modification", "74\u00a0logements", "76\u00a0logements"),
        ("création", "", "74\u00a0logements"),
    ]
    assert lines[0].subject == f"Résultat 2023 — {louez_solidaire.label}"


def test_changes_of_several_kinds_are_shown_newest_first_each_with_its_own_value_before(
    louez_solidaire,
):
    result = save_results(louez_solidaire, [70])
    target = YearTarget.objects.create(indicator=louez_solidaire, year=2024, value=D(90))
    result.value = D(72)
    result.save()
    target.value = D(95)
    target.save()

    lines = history_page(Measure.objects.get(number=1)).lines

    assert [(line.subject.split(" — ")[0], line.old_value, line.new_value) for line in lines] == [
        ("Objectif 2024", "90\u00a0logements", "95\u00a0logements"),
        ("Résultat 2023", "70\u00a0logements", "72\u00a0logements"),
        ("Objectif 2024", "", "90\u00a0logements"),
        ("Résultat 2023", "", "70\u00a0logements"),
    ]


def test_a_milestone_status_shows_the_status_it_replaced(seed_plan):
    # The report's 2022 status of a milestone of measure 5 (« réalisé »), changed twice.
    status = MilestoneYearStatus.objects.get(
        milestone__report_row__measure__number=5, year=2022, progress="done"
    )
    for progress in ("in_progress", "done"):
        status.progress = progress
        status.save()

    line = history_page(Measure.objects.get(number=5)).lines[0]

    assert (line.old_value, line.new_value) == ("en cours", "réalisé")


def test_the_history_is_read_in_as_many_queries_however_long_it_is(louez_solidaire):
    measure = Measure.objects.get(number=1)
    save_results(louez_solidaire, [1, 2])
    with CaptureQueriesContext(connection) as short:
        history_page(measure)
    save_results(louez_solidaire, range(3, 121))
    with CaptureQueriesContext(connection) as long:
        assert len(history_page(measure).lines) == 50

    # The page's changes in one list, then the records of its one kind of entry.
    assert len(short.captured_queries) == len(long.captured_queries) == 2
