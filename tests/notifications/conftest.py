import pytest

from tests.notifications.campaign import make_campaign


@pytest.fixture
def campaign(db, settings):
    settings.LDAPLAN_DEMO = False
    settings.LDAPLAN_SITE_URL = "https://ldaplan.exemple.fr"
    settings.LDAPLAN_REMINDER_DAYS = 7
    return make_campaign()
