"""The campaign calendar's page: administrators only, the order of the dates refused in
French with nothing saved, every change listed (who, when, old → new)."""

from datetime import date
from html import unescape

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from indicators import roles
from measures.models import ReportingYear
from tests.accounts import login, make_user
from tests.campaign.campaign_world import make_administrator, make_campaign

pytestmark = pytest.mark.django_db
NBSP = "\xa0"


@pytest.fixture
def world():
    return make_campaign()


@pytest.fixture
def admin(world):
    return make_administrator("chef")


def url(year=2023):
    return reverse("entry:calendar", args=[year])


def dates(**overrides) -> dict:
    return {
        "collection_opens_on": "2024-01-15",
        "collection_closes_on": "2024-04-15",
        "validation_deadline": "2024-06-01",
        "planned_publication_on": "2024-07-03",
    } | overrides


@pytest.mark.parametrize("group", [roles.EDITORS, roles.REVIEWERS, roles.PARTNERS, None])
def test_only_administrators_open_or_post_the_calendar(client, world, group):
    login(client, make_user("quelqu-un", group))
    assert client.get(url()).status_code == 403
    assert client.post(url(), dates()).status_code == 403
    assert ReportingYear.objects.get(year=2023).collection_closes_on == date(2024, 3, 31)


def test_anonymous_readers_are_sent_to_the_login_page(client, world):
    assert client.get(url()).url.startswith(reverse("login"))


def test_an_unknown_year_is_not_found(client, admin):
    login(client, admin)
    assert client.get(url(2025)).status_code == 404


def test_the_administrator_sets_the_four_dates(client, admin):
    login(client, admin)
    response = client.post(url(), dates())
    assert response.status_code == 302
    year = ReportingYear.objects.get(year=2023)
    assert (year.collection_closes_on, year.planned_publication_on) == (
        date(2024, 4, 15),
        date(2024, 7, 3),
    )


def test_dates_typed_the_french_way_are_read(client, admin):
    login(client, admin)
    client.post(url(), dates(collection_closes_on="15/04/2024"))
    assert ReportingYear.objects.get(year=2023).collection_closes_on == date(2024, 4, 15)


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ({"collection_closes_on": "2024-01-01"}, "La collecte doit ouvrir avant sa clôture."),
        (
            {"validation_deadline": "2024-04-01"},
            "La date limite de validation doit suivre la clôture de la collecte.",
        ),
        (
            {"planned_publication_on": "2024-05-01"},
            "La publication prévue doit suivre la date limite de validation.",
        ),
        ({"collection_opens_on": "31 02 2024"}, "Saisissez une date, par exemple 31/03/2024."),
    ],
)
def test_dates_out_of_order_are_refused_in_french_and_nothing_is_saved(
    client, admin, wrong, message
):
    login(client, admin)
    before = ReportingYear.history.count()
    response = client.post(url(), dates(**wrong))
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    year = ReportingYear.objects.get(year=2023)
    assert year.collection_opens_on == date(2024, 1, 8)
    assert ReportingYear.history.count() == before


def test_the_page_lists_each_change_who_when_old_and_new(client, admin):
    login(client, admin)
    client.post(url(), dates(collection_opens_on="2024-01-08"))
    html = unescape(client.get(url()).content.decode())
    assert "chef" in html
    # Only the dates that changed, old → new, spelt the French way.
    assert f"Clôture de la collecte{NBSP}: 31{NBSP}mars 2024 → 15{NBSP}avril 2024" in html
    assert f"Ouverture de la collecte{NBSP}:" not in html
    assert html.index("Clôture de la collecte") < html.index("Date limite de validation")


def test_the_admin_list_shows_the_calendar(client, admin):
    login(client, admin)
    html = client.get(reverse("admin:measures_reportingyear_changelist")).content.decode()
    assert "Clôture de la collecte" in html
    assert isinstance(site._registry[ReportingYear].list_display, list)


def test_the_calendar_is_linked_from_the_entry_home_and_the_board_for_administrators(
    client, admin, world
):
    login(client, admin)
    assert url() in client.get(reverse("entry:home")).content.decode()
    assert url() in client.get(reverse("entry:completeness")).content.decode()
    login(client, make_user("valideur", roles.REVIEWERS))
    assert url() not in client.get(reverse("entry:completeness")).content.decode()
