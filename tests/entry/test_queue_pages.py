"""The validation queue a page at a time (indicators/entry/queue_pages.py): the heading
counts every line, each list has its own pages, the filter and the other list's page are
kept, a selection and an action stay on the page they were made on.

Every value below is made up (« fictif »): 120 submitted targets, for the tests only.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from core.workflow import EntryStatus
from indicators import roles
from indicators.entry.queue_pages import QUEUE_PAGE_SIZE
from indicators.models import Indicator, YearResult, YearTarget
from tests.accounts import login, make_user
from tests.entry.test_review_queries import QUEUE_BASE_QUERIES

pytestmark = pytest.mark.django_db

SUBMITTED = 120


@pytest.fixture
def long_queue(seed_plan):
    """120 submitted targets by one agent, 3 validated results waiting for publication."""
    editor = make_user("agent-fictif", roles.EDITORS, measures=[1])
    reviewer = make_user("valideur-fictif", roles.REVIEWERS)
    made = 0
    for year in range(2023, 2027):
        for indicator in Indicator.objects.order_by("pk"):
            if made == SUBMITTED:
                break
            YearTarget.objects.create(
                indicator=indicator,
                year=year,
                value=Decimal(made + 1),
                status=EntryStatus.SUBMITTED,
                entered_by=editor,
            )
            made += 1
    assert made == SUBMITTED, "the seed plan has too few indicators for this test"
    for indicator in Indicator.objects.order_by("pk")[:3]:
        YearResult.objects.create(
            indicator=indicator,
            year=2023,
            value=Decimal(7),
            status=EntryStatus.VALIDATED,
            entered_by=editor,
        )
    return reviewer


def boxes(html: str, section: str) -> list[str]:
    """The checkboxes of one list (its form ends before the next section)."""
    start = html.index(f'<section aria-labelledby="{section}"')
    end = html.index("</section>", start)
    return re.findall(r'<input type="checkbox"[^>]*name="entries"[^>]*>', html[start:end])


def test_a_long_queue_shows_a_page_at_a_time_and_counts_every_line(client, long_queue):
    login(client, long_queue)
    html = client.get(reverse("entry:review")).content.decode()
    assert "120 saisies soumises" in html
    assert len(boxes(html, "soumises")) == QUEUE_PAGE_SIZE
    assert "Lignes 1 à 50 sur 120" in html
    assert "Page 1 sur 3" in html
    assert 'href="?page-soumises=2#soumises"' in html
    assert "Page précédente" not in html.split('aria-labelledby="soumises"')[1].split("</nav>")[0]
    # The validated list, short, has no pages.
    assert len(boxes(html, "validees")) == 3
    assert "Pages des saisies validées" not in html

    last = client.get(reverse("entry:review"), {"page-soumises": "3"}).content.decode()
    assert len(boxes(last, "soumises")) == SUBMITTED - 2 * QUEUE_PAGE_SIZE
    assert "Lignes 101 à 120 sur 120" in last
    assert 'href="?page-soumises=2#soumises"' in last
    assert "Page suivante" not in last.split('aria-labelledby="soumises"')[1].split("</nav>")[0]
    # The numbers of the list go on from the page before.
    assert '<ol class="review-items" start="101">' in last


@pytest.mark.parametrize("asked", ["0", "99", "deux", "-1", "2.5", "٢"])
def test_a_page_out_of_range_or_misspelled_shows_the_nearest(client, long_queue, asked):
    login(client, long_queue)
    response = client.get(reverse("entry:review"), {"page-soumises": asked})
    assert response.status_code == 200
    html = response.content.decode()
    assert len(boxes(html, "soumises")) in (QUEUE_PAGE_SIZE, SUBMITTED - 2 * QUEUE_PAGE_SIZE)


def test_the_filter_and_the_other_list_s_page_are_kept(client, long_queue):
    login(client, long_queue)
    html = client.get(reverse("entry:review"), {"type": "objectif"}).content.decode()
    assert 'href="?type=objectif&amp;page-soumises=2#soumises"' in html
    second = client.get(reverse("entry:review"), {"type": "objectif", "page-soumises": "2"})
    html = second.content.decode()
    assert 'action="?type=objectif&amp;page-soumises=2#erreurs-soumises"' in html
    assert 'href="?type=objectif#soumises"' in html  # back to page 1


def test_select_all_selects_the_page_shown_and_says_so(client, long_queue):
    login(client, long_queue)
    html = client.get(reverse("entry:review"), {"page-soumises": "2"}).content.decode()
    assert "Tout sélectionner dans cette page des saisies soumises" in html
    assert 'href="?page-soumises=2&amp;tout=soumises#soumises"' in html
    selected = client.get(reverse("entry:review"), {"page-soumises": "2", "tout": "soumises"})
    checked = [box for box in boxes(selected.content.decode(), "soumises") if "checked" in box]
    assert len(checked) == QUEUE_PAGE_SIZE


def test_validating_a_page_comes_back_to_that_page(client, long_queue):
    login(client, long_queue)
    html = client.get(reverse("entry:review"), {"page-soumises": "2"}).content.decode()
    tokens = [re.search(r'value="([^"]+)"', box).group(1) for box in boxes(html, "soumises")]
    response = client.post(
        reverse("entry:review") + "?page-soumises=2",
        {"liste": "soumises", "action": "valider", "entries": tokens},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("entry:review") + "?page-soumises=2#messages"
    after = client.get(response["Location"].split("#")[0]).content.decode()
    assert "70 saisies soumises" in after
    assert "53 saisies validées à publier" in after
    assert YearTarget.objects.filter(status=EntryStatus.VALIDATED).count() == QUEUE_PAGE_SIZE


def test_a_short_queue_has_no_pages(client, long_queue):
    keep = list(
        YearTarget.objects.filter(status=EntryStatus.SUBMITTED)
        .order_by("pk")
        .values_list("pk", flat=True)[:QUEUE_PAGE_SIZE]
    )
    YearTarget.objects.filter(status=EntryStatus.SUBMITTED).exclude(pk__in=keep).delete()
    login(client, long_queue)
    html = client.get(reverse("entry:review")).content.decode()
    assert "50 saisies soumises" in html
    assert "Page 1 sur" not in html
    assert "Tout sélectionner dans les saisies soumises" in html


def test_every_page_follows_the_report_s_order_and_reads_no_more(
    client, long_queue, django_assert_num_queries
):
    """Only the page's lines are built: each page of 120 waiting targets costs what a queue
    of one line of each kind shown costs, and together they list every entry once, in the
    report's order (axis, ambition, row, year)."""
    login(client, long_queue)
    listed = []
    for page in ("1", "2", "3"):
        # The queue's own queries, then one for the targets and one for the results shown.
        with django_assert_num_queries(QUEUE_BASE_QUERIES + 2):
            html = client.get(reverse("entry:review"), {"page-soumises": page}).content.decode()
        listed += [re.search(r'value="([^"]+)"', box).group(1) for box in boxes(html, "soumises")]
    row = "indicator__report_row"
    in_report_order = YearTarget.objects.filter(status=EntryStatus.SUBMITTED).order_by(
        f"{row}__ambition__axis__number",
        f"{row}__ambition__position",
        f"{row}__position",
        "year",
        "pk",
    )
    assert listed == [f"objectif:{pk}" for pk in in_report_order.values_list("pk", flat=True)]
