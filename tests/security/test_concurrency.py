"""Two editors saving the same entry at the same moment, in two real transactions.

Each editor is a thread with its own database connection; both start from
the same revision (or both from "no entry yet") and save at once. Exactly one
save wins; the other gets ``EntryConflict`` carrying the winner's value, which
the entry page shows instead of overwriting it.

PostgreSQL only: these tests need row locks between two open transactions.
SQLite locks the whole database for a writer and the test database is one
in-memory file shared by the threads, so the race cannot happen there the
way it does in production; CI runs the suite on PostgreSQL too.
"""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction

from core.entries import EntryConflict, save_entry
from indicators.models import YearResult
from tests.helpers import make_indicator

from .conftest import make_user

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: row locks between two real transactions (see README, Tests)",
    ),
    pytest.mark.django_db(transaction=True),
]

# How long the winner keeps its transaction open after saving: the other save
# must wait for it, which shows that the two transactions did overlap.
HOLD_SECONDS = 0.5


def race(key, attempts):
    """Run the saves in ``attempts`` ({name: (user, value, expected revision)}) at once.

    Returns {name: ("saved" | "conflict", value, seconds)}: the value saved, or
    the value the conflict carried.
    """
    barrier = threading.Barrier(len(attempts))
    outcomes = {}

    def save(name, user, value, expected_revision):
        try:
            barrier.wait(timeout=10)
            started = time.monotonic()
            try:
                with transaction.atomic():
                    entry = save_entry(
                        YearResult,
                        key,
                        {"value": value},
                        user=user,
                        expected_revision=expected_revision,
                    )
                    time.sleep(HOLD_SECONDS)
                outcomes[name] = ("saved", entry.value, time.monotonic() - started)
            except EntryConflict as conflict:
                current = conflict.current
                outcomes[name] = (
                    "conflict",
                    current.value if current else None,
                    time.monotonic() - started,
                )
        except Exception as error:  # reported by the test, not lost in the thread
            outcomes[name] = ("error", repr(error), 0)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(name, *attempt)) for name, attempt in attempts.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def check_one_winner(outcomes):
    kinds = sorted(kind for kind, _value, _seconds in outcomes.values())
    assert kinds == ["conflict", "saved"], outcomes
    winner_value = next(value for kind, value, _s in outcomes.values() if kind == "saved")
    loser_value, loser_seconds = next(
        (value, seconds) for kind, value, seconds in outcomes.values() if kind == "conflict"
    )
    # The conflict carries what the winner saved, read after the winner committed.
    assert loser_value == winner_value
    assert loser_seconds >= HOLD_SECONDS * 0.8, "the two transactions did not overlap"
    return winner_value


def test_two_saves_from_the_same_revision_one_wins_the_other_gets_its_value():
    indicator = make_indicator()
    first, second = make_user("agent-1"), make_user("agent-2")
    key = {"indicator": indicator, "year": 2023}
    draft = save_entry(YearResult, key, {"value": Decimal(70)}, user=first, expected_revision=None)
    assert draft.revision == 1

    outcomes = race(key, {"first": (first, Decimal(74), 1), "second": (second, Decimal(80), 1)})

    winner_value = check_one_winner(outcomes)
    saved = YearResult.objects.get(indicator=indicator, year=2023)
    assert (saved.value, saved.revision) == (winner_value, 2)
    # The history has the first draft and the winner's save, not the loser's.
    assert [h.value for h in saved.history.order_by("history_date")] == [
        Decimal(70),
        winner_value,
    ]


def test_two_first_saves_one_creates_the_entry_the_other_gets_its_value():
    indicator = make_indicator()
    first, second = make_user("agent-1"), make_user("agent-2")
    key = {"indicator": indicator, "year": 2023}

    outcomes = race(
        key, {"first": (first, Decimal(74), None), "second": (second, Decimal(80), None)}
    )

    winner_value = check_one_winner(outcomes)
    saved = YearResult.objects.get(indicator=indicator, year=2023)
    assert (saved.value, saved.revision) == (winner_value, 1)
    assert saved.history.count() == 1
