"""The review queue's page runs a fixed number of queries, whatever the number of entries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import (
    ArrondissementFigures,
    Indicator,
    Milestone,
    MilestoneYearStatus,
    YearResult,
    YearTarget,
)
from measures.models import (
    BilanEntry,
    Commitment,
    CommitmentMark,
    FundingAmount,
    FundingSource,
    Partner,
    ReportingYear,
    ReportRow,
)
from tests.accounts import login, make_user

pytestmark = pytest.mark.django_db

# Session, user, the user's permissions (2: own and groups'), the current plan with its
# axes for the navigation every page carries, its measures (the filter's list), the place
# of every entry in the queue, all kinds at once (1: a UNION of light selects, for the order
# and the pages); the internal threads of every line shown, all in one query (1); the
# reporting year being collected (the campaign's banner); the pièces justificatives of
# every line shown, in one query (1): 10. Then one query per kind of entry on the page
# shown (at most 7: results, targets, milestone statuses, texts, commitments' marks,
# funding amounts, figures by arrondissement), each reading its lines with their row,
# measure, axis, authors, published value and entry date.
QUEUE_BASE_QUERIES = 10
QUEUE_QUERIES = QUEUE_BASE_QUERIES + 7


def fill_queue(count: int, editors) -> int:
    """``count`` entries of each kind, half submitted, half validated; how many were made."""
    statuses = [EntryStatus.SUBMITTED, EntryStatus.VALIDATED]
    # A validated entry names its validator (shown in the queue): someone else.
    validators = [None, editors[-1]]
    made = 0
    for n, indicator in enumerate(Indicator.objects.order_by("pk")[:count]):
        status, editor = statuses[n % 2], editors[n % len(editors)]
        for model, year, fields in (
            (YearResult, 2022, {"source": "DLH"}),
            (YearTarget, 2023, {"comparator": "at_least"}),
        ):
            model.objects.create(
                indicator=indicator,
                year=year,
                value=Decimal(n),
                status=status,
                entered_by=editor,
                reviewed_by=validators[n % 2],
                **fields,
            )
            made += 1
    for n, milestone in enumerate(Milestone.objects.order_by("pk")[:count]):
        MilestoneYearStatus.objects.create(
            milestone=milestone,
            year=2023,
            progress="in_progress",
            note="Note",
            status=statuses[n % 2],
            entered_by=editors[n % len(editors)],
            reviewed_by=validators[n % 2],
        )
        made += 1
    year = ReportingYear.objects.get(year=2022)
    for n, row in enumerate(ReportRow.objects.order_by("pk")[:count]):
        BilanEntry.objects.create(
            report_row=row,
            reporting_year=year,
            bilan_text="**Bilan** " * 50,
            action_plan_text="Plan " * 50,
            status=statuses[n % 2],
            entered_by=editors[n % len(editors)],
            reviewed_by=validators[n % 2],
        )
        made += 1
    for n, row in enumerate(ReportRow.objects.order_by("pk")[:count]):
        commitment = Commitment.objects.create(
            reporting_year=year, report_row=row, position=1, text="**Engagement** " * 20
        )
        CommitmentMark.objects.create(
            commitment=commitment,
            outcome="partly_done",
            comment="Commentaire",
            status=statuses[n % 2],
            entered_by=editors[n % len(editors)],
            reviewed_by=validators[n % 2],
        )
        made += 1
    made += fill_details(count, editors, statuses, validators)
    return made


def fill_details(count: int, editors, statuses, validators) -> int:
    """The funding amounts (a made-up source per row) and the figures by arrondissement
    of ``fill_queue``; how many were made."""
    made = 0
    city = Partner.objects.get(name="Ville de Paris")
    for n, row in enumerate(ReportRow.objects.order_by("pk")[:count]):
        source = FundingSource.objects.create(
            report_row=row, funder=city, programme=f"Programme fictif {n}"
        )
        FundingAmount.objects.create(
            source=source,
            year=2023,
            planned=Decimal(1000 * n),
            status=statuses[n % 2],
            entered_by=editors[n % len(editors)],
            reviewed_by=validators[n % 2],
        )
        made += 1
    for n, indicator in enumerate(Indicator.objects.filter(by_arrondissement=True)[:count]):
        ArrondissementFigures.objects.create(
            indicator=indicator,
            year=2023,
            arrondissement_10=Decimal(n),
            arrondissement_18=Decimal(40 + n),
            status=statuses[n % 2],
            entered_by=editors[n % len(editors)],
            reviewed_by=validators[n % 2],
        )
        made += 1
    return made


@pytest.fixture
def editors(seed_plan):
    return [make_user(f"agent-{n}", roles.EDITORS, measures=[n + 1]) for n in range(3)]


@pytest.fixture
def reviewer(seed_plan):
    return make_user("valideur", roles.REVIEWERS)


def test_the_queue_with_one_entry(client, reviewer, editors, django_assert_num_queries):
    YearResult.objects.create(
        indicator=Indicator.objects.first(),
        year=2024,
        value=Decimal(1),
        status=EntryStatus.SUBMITTED,
        entered_by=editors[0],
    )
    login(client, reviewer)
    with django_assert_num_queries(QUEUE_BASE_QUERIES + 1):
        response = client.get(reverse("entry:review"))
    assert response.content.decode().count('name="entries"') == 1


def test_the_queue_with_many_entries_costs_the_same(
    client, reviewer, editors, django_assert_num_queries
):
    made = fill_queue(12, editors)
    assert made == 12 * 6 + 3  # three indicators are broken down
    login(client, reviewer)
    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(reverse("entry:review"))
    html = response.content.decode()
    assert html.count('name="entries"') == made
    assert "38 saisies soumises" in html
    assert "37 saisies validées à publier" in html


def test_a_filtered_queue_reads_no_more(
    client, reviewer, editors, django_assert_num_queries, django_assert_max_num_queries
):
    """A filter reads only the kinds it keeps: fewer queries, never more."""
    fill_queue(6, editors)
    login(client, reviewer)
    with django_assert_max_num_queries(QUEUE_QUERIES):
        client.get(reverse("entry:review"), {"mesure": "1"})
    with django_assert_num_queries(QUEUE_BASE_QUERIES + 1):
        client.get(reverse("entry:review"), {"type": "texte", "tout": "soumises"})
