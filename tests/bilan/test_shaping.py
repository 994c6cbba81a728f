"""The bilan shaped like the report: its rows, axis headings, shared ambitions and numbers."""

import pytest

from indicators.bilan.errors import BilanNotFound
from indicators.bilan.shaping import load_bilan
from measures.markup import markup_to_plain_text
from measures.models import BilanEntry, ReportingYear
from tests.bilan.helpers import AXIS_HEADINGS, add_axis_with_rows

pytestmark = pytest.mark.django_db

NUMBER_COLUMN = ["1", "2", "3", "", "4", "5", "6", "7", "8", "9", "", "", "10", "11", "12"]
REFERENCES = ["1", "2", "3", "", "4", "5", "6", "7", "8", "9a", "9b", "9c", "10", "11", "12"]


def test_shaped_rows_follow_the_report_row_by_row(seed_plan):
    bilan = load_bilan(2022)
    assert [row.reference for row in bilan.rows] == REFERENCES


def test_axis_headings_are_the_report_group_rows(seed_plan):
    bilan = load_bilan(2022)
    assert [line.heading for line in bilan.lines if line.is_heading] == AXIS_HEADINGS
    assert len(bilan.lines) == 20


def test_number_column_prints_9_once_and_nothing_on_the_unnumbered_row(seed_plan):
    bilan = load_bilan(2022)
    assert [row.number_label for row in bilan.rows] == NUMBER_COLUMN
    rows = {row.reference: row for row in bilan.rows}
    assert [rows[r].number_rowspan for r in ("9a", "9b", "9c")] == [3, 0, 0]
    assert rows[""].measure_number is None


def test_measures_7_and_8_share_one_ambition_shown_once(seed_plan):
    rows = {row.reference: row for row in load_bilan(2022).rows}
    assert rows["7"].ambition_rowspan == 2
    assert rows["8"].ambition_rowspan == 0
    assert rows["7"].ambition_text == rows["8"].ambition_text


def test_sub_actions_9a_9b_9c_share_one_ambition_shown_once(seed_plan):
    rows = {row.reference: row for row in load_bilan(2022).rows}
    assert [rows[r].ambition_rowspan for r in ("9a", "9b", "9c")] == [3, 0, 0]
    assert all(rows[r].ambition_rowspan == 1 for r in REFERENCES if r[:1] not in {"7", "8", "9"})


def test_sub_action_texts_keep_their_letter_prefixes(seed_plan):
    rows = {row.reference: row for row in load_bilan(2022).rows}
    for letter in "abc":
        assert markup_to_plain_text(rows[f"9{letter}"].bilan_text).startswith(f"{letter}. ")
        assert markup_to_plain_text(rows[f"9{letter}"].action_plan_text).startswith(f"{letter}. ")


def test_bilan_texts_are_the_published_ones(seed_plan):
    published = {e.report_row_id: e.bilan_text for e in BilanEntry.objects.published()}
    assert {row.pk: row.bilan_text for row in load_bilan(2022).rows} == published


def test_bilan_is_read_in_a_fixed_number_of_queries(seed_plan, django_assert_num_queries):
    # Year, rows, texts, commitments; indicators with their targets, results and
    # period targets.
    with django_assert_num_queries(8):
        bilan = load_bilan(2022, with_indicators=True)
    add_axis_with_rows(ReportingYear.objects.get(year=2022).plan)
    with django_assert_num_queries(8):
        bigger = load_bilan(2022, with_indicators=True)
    assert len(bigger.rows) == len(bilan.rows) + 3
    assert len(bigger.indicators) == len(bilan.indicators) + 3


def test_unknown_year_is_refused_in_french(seed_plan):
    with pytest.raises(BilanNotFound, match="Aucun bilan n'est ouvert pour l'année 1999"):
        load_bilan(1999)
