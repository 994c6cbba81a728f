"""The campaign's phase from its calendar and today's date (measures.campaign, no database)."""

from datetime import date

import pytest
from django.utils import translation

from core.formatting import format_long_date
from measures.campaign import CampaignCalendar, Phase, campaign_state, days_left_text

# A made-up calendar for a 2023 bilan: collection 15 January - 31 March 2024,
# validation by 30 April, publication planned on 1 July.
CALENDAR = CampaignCalendar(
    collection_opens_on=date(2024, 1, 15),
    collection_closes_on=date(2024, 3, 31),
    validation_deadline=date(2024, 4, 30),
    planned_publication_on=date(2024, 7, 1),
)


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


@pytest.mark.parametrize(
    ("today", "phase", "deadline", "days_left", "late"),
    [
        (date(2024, 1, 14), Phase.UPCOMING, date(2024, 3, 31), None, False),
        (date(2024, 1, 15), Phase.COLLECTING, date(2024, 3, 31), 76, False),
        (date(2024, 3, 19), Phase.COLLECTING, date(2024, 3, 31), 12, False),
        (date(2024, 3, 31), Phase.COLLECTING, date(2024, 3, 31), 0, False),
        (date(2024, 4, 1), Phase.VALIDATING, date(2024, 4, 30), 29, True),
        (date(2024, 4, 30), Phase.VALIDATING, date(2024, 4, 30), 0, True),
        (date(2024, 5, 1), Phase.OVERDUE, date(2024, 4, 30), None, True),
    ],
)
def test_each_day_of_the_campaign_has_its_phase(today, phase, deadline, days_left, late):
    state = campaign_state(CALENDAR, today)
    assert state.phase == phase
    assert state.deadline == deadline
    assert state.days_left == days_left
    assert state.missing_is_late is late


def test_a_published_bilan_is_published_whatever_its_calendar_says():
    state = campaign_state(CALENDAR, date(2024, 3, 1), published_on=date(2024, 2, 20))
    assert state.phase == Phase.PUBLISHED
    assert not state.missing_is_late
    assert state.sentence == "bilan publié le 20\xa0février 2024"
    assert state.countdown == ""
    assert state.publication_sentence == ""


def test_without_a_calendar_nothing_is_ever_late():
    for today in (date(2020, 1, 1), date(2030, 1, 1)):
        state = campaign_state(CampaignCalendar(), today)
        assert state.phase == Phase.UNSCHEDULED
        assert not state.missing_is_late
        assert state.sentence == "calendrier de la campagne non fixé"


def test_a_collection_without_an_end_stays_open_and_counts_no_days():
    calendar = CampaignCalendar(collection_opens_on=date(2024, 1, 15))
    state = campaign_state(calendar, date(2025, 6, 1))
    assert state.phase == Phase.COLLECTING
    assert state.days_left is None
    assert state.countdown == ""
    assert state.sentence == "collecte ouverte"


def test_a_closed_collection_without_a_validation_deadline_is_validating_and_late():
    calendar = CampaignCalendar(collection_closes_on=date(2024, 3, 31))
    state = campaign_state(calendar, date(2024, 9, 1))
    assert state.phase == Phase.VALIDATING
    assert state.missing_is_late
    assert state.sentence == "collecte close, validation en cours"


def test_the_sentences_staff_read():
    assert campaign_state(CALENDAR, date(2024, 1, 1)).sentence == (
        "collecte ouverte à partir du 15\xa0janvier 2024"
    )
    collecting = campaign_state(CALENDAR, date(2024, 3, 19))
    assert collecting.sentence == "collecte ouverte jusqu'au 31\xa0mars 2024"
    assert collecting.countdown == "12 jours restants"
    assert collecting.publication_sentence == "publication prévue le 1er\xa0juillet 2024"
    assert campaign_state(CALENDAR, date(2024, 4, 29)).sentence == (
        "collecte close, validation jusqu'au 30\xa0avril 2024"
    )
    assert campaign_state(CALENDAR, date(2024, 5, 2)).sentence == (
        "validation attendue depuis le 30\xa0avril 2024"
    )


def test_days_left_reads_well_at_one_and_zero():
    assert days_left_text(0) == "dernier jour"
    assert days_left_text(1) == "1 jour restant"
    assert days_left_text(2) == "2 jours restants"


def test_the_first_of_the_month_is_an_ordinal_in_french_only():
    assert format_long_date(date(2024, 4, 1)) == "1er\xa0avril 2024"
    assert format_long_date(date(2024, 4, 2)) == "2\xa0avril 2024"
    with translation.override("en"):
        assert format_long_date(date(2024, 4, 1)) == "1\xa0April 2024"
    assert format_long_date(None) == ""
