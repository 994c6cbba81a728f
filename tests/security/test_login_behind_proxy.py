"""Behind a proxy (LDAPLAN_BEHIND_PROXY=1), login throttling counts each client.

Every request reaches the app from the proxy's address; counting failures by
that address would let anyone lock anyone out. What production's settings say
is read in a separate process, then applied here to real login attempts.
"""

import json

import pytest
from django.conf import settings
from django.test import Client

from .conftest import PASSWORD, make_user
from .test_production_settings import production_env, run

pytestmark = pytest.mark.django_db

LOGIN = "/connexion/"
PROXY = "10.0.0.1"

PROBE = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "order": list(settings.AXES_IPWARE_META_PRECEDENCE_ORDER),
    "proxy_order": settings.AXES_IPWARE_PROXY_ORDER,
}))
"""


def proxy_settings(**env) -> dict:
    result = run(["-c", PROBE], production_env(LDAPLAN_BEHIND_PROXY="1", **env))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def behind_proxy(settings):
    probe = proxy_settings()
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = probe["order"]
    settings.AXES_IPWARE_PROXY_ORDER = probe["proxy_order"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    make_user("agent", password=PASSWORD)


def through_proxy(forwarded_for: str) -> Client:
    """A client whose requests arrive from the proxy, carrying its X-Forwarded-For."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def log_in(client, password):
    return client.post(LOGIN, {"username": "agent", "password": password})


def test_the_proxy_header_names_the_client_read_from_the_right():
    assert proxy_settings() == {
        "order": ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
        "proxy_order": "right-most",
    }
    header = proxy_settings(LDAPLAN_PROXY_CLIENT_HEADER="HTTP_X_REAL_IP")["order"]
    assert header == ["HTTP_X_REAL_IP", "REMOTE_ADDR"]


@pytest.mark.usefixtures("behind_proxy")
def test_a_guesser_behind_the_proxy_does_not_lock_out_the_owner():
    guesser = through_proxy("203.0.113.5")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(guesser, f"mauvais-{attempt}")
    assert log_in(guesser, PASSWORD).status_code == 429

    owner = through_proxy("198.51.100.7")
    assert log_in(owner, PASSWORD).status_code == 302


@pytest.mark.usefixtures("behind_proxy")
def test_a_forged_header_does_not_escape_the_lockout():
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(through_proxy("203.0.113.5"), f"mauvais-{attempt}")
    # The guesser writes another address in the header; the proxy appends the real one.
    forged = through_proxy("198.51.100.7, 203.0.113.5")
    assert log_in(forged, PASSWORD).status_code == 429
