"""A measure's whole history, page by page, for its editors and the reviewers; the measure
page shows the latest changes and links to it.

The values saved here are made up (fictifs): 1, 2, 3… logements captés en 2023."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.history import history_page
from measures.models import Measure
from tests.accounts import login
from tests.entry.test_history_length import save_results

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def history_url(number=1, page=None):
    url = reverse("indicators:measure_history", args=[number])
    return f"{url}?page={page}" if page is not None else url


def test_pages_follow_each_other_without_a_gap_and_each_line_keeps_its_value_before(
    louez_solidaire,
):
    # 120 records: the creation (1) and 119 changes, up to 120.
    save_results(louez_solidaire, range(1, 121))
    measure = Measure.objects.get(number=1)

    pages = [history_page(measure, number) for number in (1, 2, 3)]

    assert [len(page.lines) for page in pages] == [50, 50, 20]
    assert [(page.has_previous, page.has_next) for page in pages] == [
        (False, True),
        (True, True),
        (True, False),
    ]
    new_values = [line.new_value for page in pages for line in page.lines]
    assert new_values == [f"{value}{NBSP}logements" for value in range(120, 1, -1)] + [
        f"1{NBSP}logement"
    ]
    # The last line of page 2 replaced a value that only page 3 shows.
    assert pages[1].lines[-1].old_value == f"20{NBSP}logements"
    assert (pages[2].lines[-1].change, pages[2].lines[-1].old_value) == ("création", "")
    assert history_page(measure, 4).lines == []


def test_the_measure_page_shows_the_ten_latest_changes_and_links_to_the_whole_history(
    client, editor, louez_solidaire
):
    save_results(louez_solidaire, range(1, 31))
    login(client, editor)

    html = client.get(reverse("indicators:measure", args=[1])).content.decode()

    # Lines 30 (replacing 29) down to 21 (replacing 20): nothing older, such as 20
    # replacing 19.
    assert f"<td>29{NBSP}logements</td><td>30{NBSP}logements</td>" in html
    assert f"<td>20{NBSP}logements</td><td>21{NBSP}logements</td>" in html
    assert f"<td>19{NBSP}logements</td>" not in html
    link = "Tout l'historique des modifications de la mesure"
    assert f'<a href="{history_url()}">{link}</a>' in html


def test_the_history_page_walks_back_through_every_change(client, editor, louez_solidaire):
    save_results(louez_solidaire, range(1, 61))
    login(client, editor)

    first = client.get(history_url())
    second = client.get(history_url(page=2))

    assert first.status_code == second.status_code == 200
    first_html, second_html = first.content.decode(), second.content.decode()
    assert f"<td>60{NBSP}logements</td>" in first_html
    assert 'href="?page=2" rel="next"' in first_html
    assert 'rel="prev"' not in first_html
    assert "Historique des modifications — page 2" in second_html
    assert f"<td>1{NBSP}logement</td>" in second_html
    assert 'href="?page=1" rel="prev"' in second_html
    assert 'rel="next"' not in second_html


@pytest.mark.parametrize("page", ["0", "-1", "abc", "2", "٢", "1.5", "9999999"])
def test_a_page_that_does_not_exist_is_a_page_not_found(client, editor, louez_solidaire, page):
    save_results(louez_solidaire, [1, 2])
    login(client, editor)

    response = client.get(history_url(page=page))

    assert response.status_code == 404
    assert "Cette page de l&#x27;historique n&#x27;existe pas." in response.content.decode()


def test_a_measure_without_changes_says_so_on_its_first_page(client, editor):
    login(client, editor)

    response = client.get(history_url())

    assert response.status_code == 200
    assert "Aucune modification enregistrée depuis la mise en ligne." in response.content.decode()


def test_an_editor_of_another_measure_is_told_why_the_history_is_closed(client, other_editor):
    login(client, other_editor)

    response = client.get(history_url(1))

    assert response.status_code == 403
    assert "réservé à ses agents et aux validateurs" in response.content.decode()


def test_the_history_page_reads_as_many_queries_however_long_the_history(
    client, editor, louez_solidaire
):
    login(client, editor)
    save_results(louez_solidaire, [1, 2])
    client.get(history_url())
    with CaptureQueriesContext(connection) as short:
        client.get(history_url())
    save_results(louez_solidaire, range(3, 200))
    with CaptureQueriesContext(connection) as long:
        client.get(history_url(page=2))

    # Session, account, the plan with its axes, the measure, the account's permissions (two)
    # and whether it is the measure's editor, the page's changes, the records of its one
    # kind of entry.
    assert len(short.captured_queries) == len(long.captured_queries) == 9
