"""Forgotten-password requests are counted per client and per address (django-ratelimit):
over either limit, a French page (429) and no e-mail. The limits come from the
environment, checked when the settings are read."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from .conftest import PASSWORD, make_user
from .test_production_settings import production_env, run

pytestmark = pytest.mark.django_db

ADDRESS = "agent.saisie@paris.example"
PROXY = "10.0.0.1"


@pytest.fixture(autouse=True)
def _fresh_counts(settings):
    settings.LDAPLAN_PASSWORD_RESET_RATE_PER_IP = "5/h"
    settings.LDAPLAN_PASSWORD_RESET_RATE_PER_ADDRESS = "3/h"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agent():
    return make_user("agent", password=PASSWORD, email=ADDRESS)


def ask(client, email):
    return client.post(reverse("password_reset"), {"email": email})


def from_address(ip: str) -> Client:
    return Client(REMOTE_ADDR=ip)


def assert_throttled_in_french(response):
    assert response.status_code == 429
    html = response.content.decode()
    assert "<h1>Trop de demandes de nouveau mot de passe</h1>" in html
    assert "aucun courriel n'a été envoyé" in html
    assert "Réessayez dans " in html
    assert 0 < int(response["Retry-After"]) <= 3600


@pytest.mark.usefixtures("agent")
def test_an_address_gets_three_links_an_hour(mailoutbox):
    answers = [ask(from_address(f"198.51.100.{n}"), ADDRESS) for n in range(4)]
    assert [answer.status_code for answer in answers] == [302, 302, 302, 429]
    assert_throttled_in_french(answers[-1])
    assert len(mailoutbox) == 3
    # The count ignores case, as the choice of account does.
    assert_throttled_in_french(ask(from_address("198.51.100.9"), ADDRESS.upper()))
    assert len(mailoutbox) == 3


@pytest.mark.usefixtures("agent")
def test_a_client_asks_five_times_an_hour_whatever_the_address(mailoutbox):
    client = from_address("203.0.113.5")
    for n in range(5):
        assert ask(client, f"inconnu-{n}@paris.example").status_code == 302
    assert_throttled_in_french(ask(client, ADDRESS))
    assert mailoutbox == []
    # Another client is not held back by that one.
    assert ask(from_address("198.51.100.7"), ADDRESS).status_code == 302
    assert [message.to for message in mailoutbox] == [[ADDRESS]]


def test_a_form_refused_for_its_address_is_not_counted(client, agent, mailoutbox):
    for _ in range(8):
        refused = ask(client, "pas une adresse")
        assert refused.status_code == 200
        assert "Saisissez une adresse de courriel valide." in refused.content.decode()
    assert ask(client, ADDRESS).status_code == 302
    assert len(mailoutbox) == 1


@pytest.mark.usefixtures("agent")
def test_the_limit_page_is_english_for_an_english_reader(settings):
    client = from_address("203.0.113.5")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(3):
        ask(client, ADDRESS)
    response = ask(client, ADDRESS)
    assert response.status_code == 429
    html = response.content.decode()
    assert "<h1>Too many requests for a new password</h1>" in html
    assert "no e-mail was sent this time" in html


@pytest.mark.usefixtures("agent")
def test_behind_the_proxy_each_client_is_counted(settings, mailoutbox):
    """As the login throttling (test_login_behind_proxy.py): read from the right."""
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    settings.AXES_IPWARE_PROXY_ORDER = "right-most"
    settings.LDAPLAN_PASSWORD_RESET_RATE_PER_ADDRESS = "100/h"
    for n in range(5):
        forged = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.5")
        assert ask(forged, ADDRESS).status_code == 302
    # A different address written by the client itself does not escape the count.
    forged = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.5")
    assert ask(forged, ADDRESS).status_code == 429
    other = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert ask(other, ADDRESS).status_code == 302
    assert len(mailoutbox) == 6


PROBE = """
import django
django.setup()
from django.conf import settings
print(settings.LDAPLAN_PASSWORD_RESET_RATE_PER_IP, settings.LDAPLAN_PASSWORD_RESET_RATE_PER_ADDRESS)
"""


def test_the_limits_are_read_from_the_environment():
    defaults = run(["-c", PROBE], production_env())
    assert defaults.stdout.split() == ["5/h", "3/h"], defaults.stderr
    chosen = run(
        ["-c", PROBE],
        production_env(
            LDAPLAN_PASSWORD_RESET_RATE_PER_IP="20/h",
            LDAPLAN_PASSWORD_RESET_RATE_PER_ADDRESS="2/30m",
        ),
    )
    assert chosen.stdout.split() == ["20/h", "2/30m"], chosen.stderr


@pytest.mark.parametrize("value", ["5", "cinq/h", "0/h", "5/h ou plus", "-1/h"])
def test_a_limit_that_is_not_a_rate_stops_the_start(value):
    result = run(["-c", PROBE], production_env(LDAPLAN_PASSWORD_RESET_RATE_PER_IP=value))
    assert result.returncode != 0
    assert "LDAPLAN_PASSWORD_RESET_RATE_PER_IP" in result.stderr
    assert "is not a rate such as 5/h" in result.stderr
