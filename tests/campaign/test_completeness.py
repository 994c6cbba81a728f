"""The completeness figures of a prepared campaign, against counts made by hand
(see ``campaign_world``: what each measure expects and holds)."""

from decimal import Decimal

import pytest

from indicators.entry.completeness import completeness_board, missing_for_user, percent
from tests.campaign.campaign_world import make_campaign

pytestmark = pytest.mark.django_db

FIGURES = ("expected", "entered", "submitted", "returned", "validated", "published", "reviewed")


def figures(tally) -> tuple:
    return tuple(getattr(tally, name) for name in FIGURES)


@pytest.fixture
def world():
    return make_campaign()


@pytest.fixture
def board(world):
    return completeness_board(world.plan, 2023, world.reporting_year)


def test_each_page_counts_what_it_expects_and_holds(board):
    by_title = {page.title: page.tally for page in board.pages}
    #                                    exp ent sub ret val pub rev
    assert figures(by_title["Mesure 1"]) == (7, 5, 1, 1, 1, 1, 2)
    assert figures(by_title["Mesure 2"]) == (3, 1, 0, 0, 1, 0, 1)
    assert figures(by_title["Mesure 3"]) == (3, 0, 0, 0, 0, 0, 0)
    assert figures(by_title["Ligne"]) == (2, 1, 0, 0, 0, 1, 1)


def test_the_total_and_its_two_percentages(board):
    assert figures(board.total) == (15, 7, 1, 1, 2, 2, 4)
    # 7 / 15 = 46,7 % entered; 4 / 15 = 26,7 % validated or published.
    assert (board.total.entered_percent, board.total.reviewed_percent) == (47, 27)


def test_per_axis_and_per_agent(board, world):
    axes = {number: figures(tally) for number, _title, tally in board.by_axis()}
    assert axes == {1: (10, 6, 1, 1, 2, 1, 3), 2: (5, 1, 0, 0, 0, 1, 1)}
    agents = dict(board.by_agent())
    assert list(agents) == ["alice", "bob"]
    assert figures(agents["alice"]) == (7, 5, 1, 1, 1, 1, 2)
    assert figures(agents["bob"]) == (3, 1, 0, 0, 1, 0, 1)


def test_the_missing_things_link_to_their_forms(board, world):
    measure_1 = next(page for page in board.pages if page.measure_number == 1)
    # Missing: i2's target 2024 and c1's mark, in the page's order.
    assert measure_1.tally.missing == [
        ("targets", f"indicateur-{world.i2.pk}-2024"),
        ("commitments", f"engagement-{world.c1.pk}"),
    ]
    assert measure_1.link(f"engagement-{world.c1.pk}") == (
        f"/saisie/mesures/1/?annee=2023#engagement-{world.c1.pk}"
    )


def test_a_year_not_opened_expects_neither_texts_nor_commitments(world):
    board = completeness_board(world.plan, 2024, None)
    # 4 results 2024 and 4 targets 2025, 2 milestone statuses 2024: nothing entered.
    assert figures(board.total) == (10, 0, 0, 0, 0, 0, 0)


def test_missing_for_user_lists_only_their_own_pages(world):
    [page] = missing_for_user(world.alice, world.reporting_year)
    assert page.measure_number == 1
    assert page.tally.missing_by_kind() == [
        ("targets", 1, f"indicateur-{world.i2.pk}-2024"),
        ("commitments", 1, f"engagement-{world.c1.pk}"),
    ]
    assert [p.measure_number for p in missing_for_user(world.bob, world.reporting_year)] == [2]


def test_an_agent_with_everything_entered_has_nothing_missing(world):
    from indicators.models import YearTarget
    from measures.models import CommitmentMark

    YearTarget.objects.create(indicator=world.i2, year=2024, value=1, status="draft")
    CommitmentMark.objects.create(commitment=world.c1, outcome="done", status="draft")
    assert missing_for_user(world.alice, world.reporting_year) == []


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(16, 25, Decimal(64)), (1, 8, Decimal(13)), (0, 5, Decimal(0)), (3, 0, None)],
)
def test_percent_is_rounded_half_up_and_none_without_anything_expected(part, whole, expected):
    assert percent(part, whole) == expected
