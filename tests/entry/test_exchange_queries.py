"""« Échanges »: the entry page and the queue read every thread in one query, however many
messages there are. Every message text is made up: « (fictif) »."""

import pytest
from django.urls import reverse

from indicators import roles
from indicators.entry.exchanges import ThreadKey, entry_thread_key, post_message
from indicators.entry.queue import review_items
from indicators.models import Indicator
from tests.accounts import login, make_user
from tests.entry.test_review_queries import QUEUE_QUERIES, fill_queue

pytestmark = pytest.mark.django_db


def every_thread_of_measure_1(commitment) -> list[ThreadKey]:
    """Every thread on measure 1's page for 2022 (results, targets 2022 and 2023, texts,
    the commitment, the amounts of its two funding sources): the measure has no milestone."""
    keys = [
        ThreadKey("texte", commitment.report_row_id, 2022),
        ThreadKey("engagement", commitment.pk),
        ThreadKey("financement", 1, 2022),
        ThreadKey("financement", 2, 2022),
    ]
    for indicator in Indicator.objects.filter(report_row__measure__number=1):
        keys += [
            ThreadKey("resultat", indicator.pk, 2022),
            ThreadKey("objectif", indicator.pk, 2022),
            ThreadKey("objectif", indicator.pk, 2023),
        ]
    return keys


def test_the_entry_page_reads_every_thread_in_one_query(
    client, editor, commitment, django_assert_num_queries
):
    """The same count with no message or three on every thread of the page."""
    login(client, editor)
    url = reverse("entry:measure", args=[1])
    client.get(url, {"annee": "2022"})
    # Session, user, rows, the editor's permissions (2) and the measure's editors (1),
    # indicators (3), milestones (2), texts, commitments and their marks (3), every
    # thread of the page (1), the navigation, funding sources and their amounts (2), every
    # pièce justificative of the page's entries (1): 18.
    with django_assert_num_queries(18):
        client.get(url, {"annee": "2022"})
    keys = every_thread_of_measure_1(commitment)
    for n in range(3):
        for key in keys:
            post_message(key, author=editor, text=f"Message {n} (fictif)", reporting_year_id=1)
    with django_assert_num_queries(18):
        html = client.get(url, {"annee": "2022"}).content.decode()
    assert html.count('class="exchange-message"') == 3 * len(keys)


def test_the_queue_reads_every_thread_in_one_query(client, reviewer, django_assert_num_queries):
    editors = [make_user(f"agent-{n}", roles.EDITORS, measures=[n + 1]) for n in range(3)]
    made = fill_queue(6, editors)
    login(client, reviewer)
    with django_assert_num_queries(QUEUE_QUERIES):
        client.get(reverse("entry:review"))
    for listed in review_items().values():
        for item in listed:
            for n in range(2):
                post_message(
                    entry_thread_key(item.entry),
                    author=reviewer,
                    text=f"Message {n} (fictif)",
                    reporting_year_id=getattr(item.entry, "reporting_year_id", None),
                )
    with django_assert_num_queries(QUEUE_QUERIES):
        html = client.get(reverse("entry:review")).content.decode()
    assert html.count('class="exchange-message"') == 2 * made
