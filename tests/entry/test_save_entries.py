"""Saving an import's checked values at once (``core.entries.save_entries``).

The first drafts are inserted together with their history; they must be the same drafts
``save_entry`` makes one by one: values, author, state, the share flag a value derives
from its indicator, a history row naming the user and the reason, stale cached pages.
All values below are made up (fictif).
"""

from decimal import Decimal

import pytest

from core.cache import data_version
from core.entries import EntryConflict, PlannedSave, save_entries, save_entry
from core.workflow import EntryStatus
from indicators.models import Kind, YearResult
from tests.helpers import make_indicator

REASON = "importé depuis collecte-2022.xlsx"


def planned(indicator, value, revision=None):
    key = {"indicator": indicator, "year": 2022}
    return PlannedSave(YearResult, key, {"value": Decimal(value)}, revision, REASON)


def test_first_drafts_are_those_save_entry_makes_with_their_history(
    editor, louez_solidaire, django_capture_on_commit_callbacks
):
    share = make_indicator(
        louez_solidaire.report_row, label="Part fictive", unit="%", kind=Kind.SHARE
    )
    version = data_version()
    with django_capture_on_commit_callbacks(execute=True):
        save_entries([planned(louez_solidaire, 74), planned(share, "42.5")], user=editor)
    drafts = YearResult.objects.filter(status=EntryStatus.DRAFT).order_by("value")
    assert [(d.indicator, d.value, d.entered_by, d.revision) for d in drafts] == [
        (share, Decimal("42.5"), editor, 1),
        (louez_solidaire, 74, editor, 1),
    ]
    assert [d.is_share for d in drafts] == [True, False]
    history = YearResult.history.filter(status=EntryStatus.DRAFT).order_by("value")
    assert [(h.id, h.history_user, h.history_change_reason, h.history_type) for h in history] == [
        (drafts[0].pk, editor, REASON, "+"),
        (drafts[1].pk, editor, REASON, "+"),
    ]
    assert data_version() > version


def test_a_draft_opened_meanwhile_is_a_conflict_and_nothing_is_saved(editor, louez_solidaire):
    share = make_indicator(louez_solidaire.report_row, label="Part fictive", kind=Kind.SHARE)
    key = {"indicator": louez_solidaire, "year": 2022}
    # Someone saved a first draft after the file was read: the import expected none.
    theirs = save_entry(YearResult, key, {"value": 80}, user=editor, expected_revision=None)
    with pytest.raises(EntryConflict) as conflict:
        save_entries([planned(share, 10), planned(louez_solidaire, 74)], user=editor)
    assert conflict.value.current == theirs
    drafts = YearResult.objects.filter(status=EntryStatus.DRAFT)
    assert list(drafts.values_list("indicator_id", "value")) == [(louez_solidaire.pk, 80)]


def test_an_open_draft_of_another_year_is_no_conflict(editor, louez_solidaire):
    save_entry(
        YearResult,
        {"indicator": louez_solidaire, "year": 2023},
        {"value": 80},
        user=editor,
        expected_revision=None,
    )
    save_entries([planned(louez_solidaire, 74)], user=editor)
    assert YearResult.objects.get(year=2022, status=EntryStatus.DRAFT).value == 74


def test_an_open_draft_is_changed_at_its_revision(editor, louez_solidaire, state_funding):
    key = {"indicator": louez_solidaire, "year": 2022}
    draft = save_entry(YearResult, key, {"value": 70}, user=editor, expected_revision=None)
    save_entries(
        [planned(louez_solidaire, 74, draft.revision), planned(state_funding, 366000)],
        user=editor,
    )
    loaded_revision = draft.revision
    draft.refresh_from_db()
    assert (draft.value, draft.revision) == (74, loaded_revision + 1)
    assert draft.history.first().history_change_reason == REASON
    assert YearResult.objects.filter(status=EntryStatus.DRAFT).count() == 2
