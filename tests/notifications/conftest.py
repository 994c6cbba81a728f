import pytest

from tests.notifications.campaign import make_campaign


@pytest.fixture
def campaign(db, settings):
    settings.LDAPLAN_SEND_EMAIL = True
    settings.LDAPLAN_SITE_URL = "https://ldaplan.exemple.fr"
    settings.LDAPLAN_REMINDER_DAYS = 7
    return make_campaign()
