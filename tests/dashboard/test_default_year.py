"""Which year a page opens on: the newest published bilan for readers, the year
being collected for staff. Values of a year still being collected — drafts,
submitted, validated, or published one by one — never move the public pages."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import Indicator, YearResult
from measures.models import Plan, ReportingYear
from tests.accounts import login, make_user

pytestmark = pytest.mark.django_db

SELECTED_YEAR = re.compile(r'<option value="(\d{4})" selected>')
PUBLIC_PAGES = ("/", "/axes/1/", "/mesures/1/")


def shown_year(response) -> int:
    """The year selected in the page's year selector."""
    return int(SELECTED_YEAR.search(response.content.decode()).group(1))


def louez_solidaire() -> Indicator:
    return Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")


def add_result(year: int, status: str, value: int = 80) -> YearResult:
    return YearResult.objects.create(
        indicator=louez_solidaire(), year=year, value=Decimal(value), status=status
    )


def open_year(year: int, published_on: date | None = None) -> ReportingYear:
    return ReportingYear.objects.create(
        plan=Plan.objects.get(), year=year, published_on=published_on
    )


def test_the_seed_opens_on_its_published_2022_bilan(client, seed_plan):
    for path in PUBLIC_PAGES:
        assert shown_year(client.get(path)) == 2022, path
    assert client.get(reverse("indicators:bilan_latest")).url == reverse(
        "indicators:bilan", args=[2022]
    )


def test_one_published_value_of_the_year_being_collected_does_not_move_the_pages(client, seed_plan):
    open_year(2023)
    add_result(2023, EntryStatus.PUBLISHED)
    for path in PUBLIC_PAGES:
        assert shown_year(client.get(path)) == 2022, path
    assert client.get(reverse("indicators:bilan_latest")).url.endswith("/bilan/2022/")
    # The year is still there for whoever asks for it.
    assert shown_year(client.get("/", {"annee": "2023"})) == 2023


@pytest.mark.parametrize(
    "status", [EntryStatus.DRAFT, EntryStatus.SUBMITTED, EntryStatus.VALIDATED]
)
def test_unpublished_entries_never_move_what_readers_see(client, seed_plan, status):
    add_result(2025, status)
    for path in PUBLIC_PAGES:
        assert shown_year(client.get(path)) == 2022, path
    login(client, make_user("partenaire", roles.PARTNERS))
    assert shown_year(client.get("/")) == 2022


def test_once_the_2023_bilan_is_published_the_pages_open_on_2023(client, seed_plan):
    open_year(2023, published_on=date(2024, 7, 1))
    for path in PUBLIC_PAGES:
        assert shown_year(client.get(path)) == 2023, path
    assert client.get(reverse("indicators:bilan_latest")).url.endswith("/bilan/2023/")


def test_staff_land_on_the_year_being_collected(client, seed_plan):
    editor = make_user("agent", roles.EDITORS, measures=[1])
    login(client, editor)
    assert shown_year(client.get(reverse("entry:measure", args=[1]))) == 2022
    open_year(2023)
    assert shown_year(client.get(reverse("entry:measure", args=[1]))) == 2023
