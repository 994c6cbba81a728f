"""The completeness board's page: who may open it, its figures, filters, late marks, exports,
and its fixed number of queries."""

import csv
import html as html_module
import io
import re
from datetime import date

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from indicators import roles
from indicators.entry import board
from measures.models import ReportingYear
from tests.accounts import login, make_user
from tests.campaign.campaign_world import make_administrator, make_campaign
from tests.helpers import grow_plan

pytestmark = pytest.mark.django_db
BOARD = "/saisie/avancement/"
NBSP = "\xa0"


@pytest.fixture
def world():
    return make_campaign()


@pytest.fixture
def reviewer(world):
    return make_user("valideur", roles.REVIEWERS)


def on(monkeypatch, day: date):
    """Today is ``day`` for the pages (the campaign's clock)."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def page_text(response) -> str:
    """The page's HTML with its entities read (« jusqu'au », not « jusqu&#x27;au »)."""
    return html_module.unescape(response.content.decode())


def rows_of(response) -> dict:
    return {row["page"].title: row for row in response.context["table"].data}


# --- Who may open it ------------------------------------------------------------------------


def test_anonymous_readers_are_sent_to_the_login_page(client, world):
    response = client.get(BOARD)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("group", [roles.EDITORS, roles.PARTNERS, None])
def test_agents_partners_and_readers_are_refused(client, world, group):
    login(client, make_user("quelqu-un", group))
    assert client.get(BOARD).status_code == 403


def test_validators_and_administrators_read_it(client, world, reviewer):
    login(client, reviewer)
    assert client.get(BOARD).status_code == 200
    login(client, make_administrator())
    assert client.get(BOARD).status_code == 200


# --- What it shows --------------------------------------------------------------------------


def test_the_total_line_and_the_rows_by_hand(client, world, reviewer):
    login(client, reviewer)
    response = client.get(BOARD)
    html = page_text(response)
    # 7 of 15 entered, 4 of 15 validated or published (see campaign_world).
    assert f"47{NBSP}% saisi, 27{NBSP}% validé" in html
    rows = rows_of(response)
    assert (rows["Mesure 1"]["entered"], rows["Mesure 1"]["returned"]) == (5, 1)
    assert rows["Mesure 1"]["agents"] == "alice"
    assert rows["Mesure 3"]["agents"] == ""
    # What each % counts is written on the page.
    assert "compte ce qui est validé ou publié, sur tout ce qui est attendu" in html


def test_the_links_go_straight_to_the_missing_forms(client, world):
    login(client, make_administrator())
    html = client.get(BOARD).content.decode()
    assert f'href="/saisie/mesures/1/?annee=2023#indicateur-{world.i2.pk}-2024">1 objectif<' in html
    assert f'href="/saisie/mesures/1/?annee=2023#engagement-{world.c1.pk}">1 engagement<' in html
    row_url = reverse("entry:row", args=[world.unnumbered_row.pk])
    assert f'href="{row_url}?annee=2023#jalon-' in html


def test_every_entry_link_of_the_board_opens_for_its_reader(client, world, reviewer):
    """No dead end: a validator (who reviews in the queue and enters no measure) reads what is
    missing without links to entry forms that would refuse them; an administrator gets the
    links, and each one opens."""
    entry_link = re.compile(r'href="(/saisie/(?:mesures|lignes)/[^"#]*)')
    login(client, reviewer)
    html = client.get(BOARD).content.decode()
    assert entry_link.findall(html) == []
    assert "1 objectif" in html  # what is missing is still said
    login(client, make_administrator())
    links = set(entry_link.findall(client.get(BOARD).content.decode()))
    assert len(links) >= 4  # measures 1, 2, 3 and the row without a number
    for link in links:
        assert client.get(html_module.unescape(link)).status_code == 200, link


def test_sorted_by_entered_percent(client, world, reviewer):
    login(client, reviewer)
    response = client.get(BOARD, {"sort": "-entered_percent"})
    # Measure 1: 5/7 = 71 %, the unnumbered row 1/2 = 50 %, measure 2 1/3 = 33 %, measure 3 0 %.
    assert [row["page"].title for row in response.context["table"].data] == [
        "Mesure 1",
        "Ligne",
        "Mesure 2",
        "Mesure 3",
    ]


def shown_rows(response) -> list[str]:
    return [row.record["page"].title for row in response.context["table"].paginated_rows]


def test_a_long_board_is_drawn_a_page_at_a_time_in_its_sort_order(
    client, world, reviewer, monkeypatch
):
    """Pages of 3 rows here (100 in use: a plan of hundreds of rows is read a hundred rows
    at a time); the sort runs over every row, the exports keep every row."""
    monkeypatch.setattr(board, "BOARD_PAGE_SIZE", 3)
    login(client, reviewer)
    first = client.get(BOARD, {"sort": "-entered_percent"})
    assert shown_rows(first) == ["Mesure 1", "Ligne", "Mesure 2"]
    html = page_text(first)
    assert "Lignes 1 à 3 sur 4" in html
    assert "Page 1 sur 2" in html
    assert 'href="?sort=-entered_percent&page=2"' in html
    assert "Page précédente" not in html
    second = client.get(BOARD, {"sort": "-entered_percent", "page": "2"})
    assert shown_rows(second) == ["Mesure 3"]
    assert 'href="?sort=-entered_percent&page=1"' in page_text(second)
    for asked in ("0", "99", "deux", "-1"):
        nearest = client.get(BOARD, {"sort": "-entered_percent", "page": asked})
        assert nearest.status_code == 200
        assert shown_rows(nearest) in (shown_rows(first), shown_rows(second))
    exported = client.get(BOARD, {"format": "csv", "page": "2"}).content.decode()
    assert len(exported.strip().splitlines()) == 1 + 4 + 1  # header, every row, total


def test_a_board_of_one_page_has_no_page_links(client, world, reviewer):
    login(client, reviewer)
    html = page_text(client.get(BOARD))
    assert "Page 1 sur" not in html
    assert "Pages du tableau par mesure" not in html


def test_filtered_by_axis_and_by_agent(client, world, reviewer):
    login(client, reviewer)
    assert set(rows_of(client.get(BOARD, {"axe": "2"}))) == {"Mesure 3", "Ligne"}
    assert set(rows_of(client.get(BOARD, {"agent": str(world.bob.pk)}))) == {"Mesure 2"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"annee": "abc"}, "Année inconnue : le tableau montre 2023."),
        ({"annee": "2040"}, "Année inconnue : le tableau montre 2023."),
        ({"axe": "9"}, "Axe inconnu : le filtre par axe est ignoré."),
        ({"agent": "x"}, "Agent inconnu : le filtre par agent est ignoré."),
    ],
)
def test_unknown_values_are_ignored_with_a_french_message(client, world, reviewer, params, message):
    login(client, reviewer)
    response = client.get(BOARD, params)
    assert response.status_code == 200
    assert message.replace(" :", NBSP + ":") in page_text(response)
    assert len(response.context["table"].data) == 4


# --- Late marks ------------------------------------------------------------------------------


def test_while_the_collection_is_open_nothing_is_late(client, world, reviewer, monkeypatch):
    on(monkeypatch, date(2024, 3, 19))
    login(client, reviewer)
    response = client.get(BOARD, {"retard": "1"})
    html = page_text(response)
    assert (
        f"Collecte ouverte jusqu'au 31{NBSP}mars 2024 — 12 jours restants — "
        f"publication prévue le 1er{NBSP}juillet 2024"
    ) in html
    assert "saisie en retard</span>" not in html
    assert len(response.context["table"].data) == 0


def test_after_the_closing_date_what_is_missing_is_late(client, world, reviewer, monkeypatch):
    on(monkeypatch, date(2024, 4, 1))
    login(client, reviewer)
    response = client.get(BOARD, {"retard": "1"})
    html = response.content.decode()
    # Every page misses something (2, 2, 3 and 1 things): four late marks.
    assert html.count('<span class="badge late">saisie en retard</span>') == 4
    assert len(response.context["table"].data) == 4


# --- Exports ----------------------------------------------------------------------------------


def test_the_csv_export_has_a_bom_french_headers_and_the_total(client, world, reviewer):
    login(client, reviewer)
    response = client.get(BOARD, {"format": "csv", "axe": "1"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "avancement-saisie-2023.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffAxe;Mesure;Intitulé;Agents;Attendu;Saisi;Soumis;Renvoyé;")
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert lines[1][:10] == ["1", "1", "Mesure 1", "alice", "7", "5", "1", "1", "1", "1"]
    # Axis 1 only: 10 expected, 6 entered (60 %), 3 validated or published (30 %).
    assert lines[-1][2:12] == ["Total", "", "10", "6", "1", "1", "2", "1", "60", "30"]


def test_the_export_links_keep_the_filters(client, world, reviewer):
    login(client, reviewer)
    html = client.get(BOARD, {"axe": "2"}).content.decode()
    assert 'href="?axe=2&amp;format=csv"' in html
    assert 'href="?axe=2&amp;format=xlsx"' in html


def test_the_xlsx_export_reads_back(client, world, reviewer):
    login(client, reviewer)
    response = client.get(BOARD, {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Axe", "Mesure", "Intitulé", "Agents", "Attendu")
    assert rows[-1][2:6] == ("Total", None, 15, 7)
    # Declared as a table with its header row (RGAA 13.3), titled and in French.
    assert next(iter(sheet.tables.values())).ref == sheet.dimensions
    assert sheet.parent.properties.language == "fr-FR"


def test_a_text_cell_is_made_inert_in_the_exports(client, world, reviewer):
    world.alice.first_name = "=HYPERLINK(1)"
    world.alice.save()
    login(client, reviewer)
    text = client.get(BOARD, {"format": "csv"}).content.decode()
    assert ";'=HYPERLINK(1);" in text


# --- Queries -----------------------------------------------------------------------------------

# Session and user (2), its permissions (2: own and groups'), the plan with its years and
# its axes for the navigation (1), the year's reporting year, the completeness (6: rows,
# agents, indicators with their results and targets, milestones with their statuses,
# texts, commitments with their marks): 12.
BOARD_QUERIES = 12


def test_the_board_runs_a_fixed_number_of_queries(client, seed_plan, django_assert_num_queries):
    login(client, make_user("valideur", roles.REVIEWERS))
    ReportingYear.objects.filter(year=2022).update(collection_closes_on=date(2023, 3, 31))
    client.get(BOARD)
    with django_assert_num_queries(BOARD_QUERIES):
        response = client.get(BOARD)
    seed_pages = len(response.context["table"].data)
    grow_plan(extra_measures=4, years=range(2021, 2027))
    with django_assert_num_queries(BOARD_QUERIES):
        response = client.get(BOARD)
    assert len(response.context["table"].data) == seed_pages + 4
