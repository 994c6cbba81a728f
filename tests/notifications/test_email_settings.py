"""EMAIL_URL and the EMAIL_* variables read into Django's settings."""

import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from ldaplan.email_settings import email_settings, parse_email_url


def test_submission_with_an_encoded_user_name():
    found = parse_email_url("submission://agent%40paris.fr:p%3Ass@smtp.exemple.fr")
    assert found == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.exemple.fr",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "agent@paris.fr",
        "EMAIL_HOST_PASSWORD": "p:ss",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
    }


@pytest.mark.parametrize(
    ("url", "port", "tls", "ssl"),
    [
        ("smtp://relais.exemple.fr", 25, False, False),
        ("smtp://relais.exemple.fr:2525", 2525, False, False),
        ("smtp+tls://relais.exemple.fr", 587, True, False),
        ("smtps://relais.exemple.fr", 465, False, True),
        ("smtp+ssl://relais.exemple.fr:4650", 4650, False, True),
    ],
)
def test_smtp_variants(url, port, tls, ssl):
    found = parse_email_url(url)
    assert (found["EMAIL_PORT"], found["EMAIL_USE_TLS"], found["EMAIL_USE_SSL"]) == (port, tls, ssl)


@pytest.mark.parametrize("url", ["http://relais.exemple.fr", "smtp://", "smtp://h:port"])
def test_a_wrong_url_stops_the_start(url):
    with pytest.raises(ImproperlyConfigured):
        parse_email_url(url)


def test_the_usual_variables_and_the_defaults():
    found = email_settings(
        {
            "EMAIL_HOST": "relais.exemple.fr",
            "EMAIL_PORT": "465",
            "EMAIL_USE_SSL": "1",
            "DEFAULT_FROM_EMAIL": "Ville <plan@exemple.fr>",
        },
        debug=False,
    )
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"], found["EMAIL_USE_SSL"]) == (
        "relais.exemple.fr",
        465,
        True,
    )
    assert found["SERVER_EMAIL"] == "Ville <plan@exemple.fr>"
    assert email_settings({}, debug=True)["EMAIL_BACKEND"].endswith("console.EmailBackend")
    assert email_settings({}, debug=False)["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    with pytest.raises(ImproperlyConfigured):
        email_settings({"EMAIL_HOST": "h", "EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"}, debug=False)


def _settings_in_a_new_process(**environ) -> dict:
    """Django's settings as a server started with ``environ`` reads them."""
    script = (
        "import json, django; from django.conf import settings; django.setup(); print(json.dumps("
        "{n: getattr(settings, n) for n in ('EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', "
        "'EMAIL_USE_TLS', 'LDAPLAN_SEND_EMAIL', 'LDAPLAN_DEMO', 'DEFAULT_FROM_EMAIL')}))"
    )
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "LDAPLAN_"))}
    env = keep | {"DJANGO_SETTINGS_MODULE": "ldaplan.settings"} | environ
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_the_server_reads_email_url_and_mails_nothing_in_a_demo_unless_asked():
    demo = _settings_in_a_new_process(LDAPLAN_DEMO="1", EMAIL_URL="console://")
    assert demo["EMAIL_BACKEND"].endswith("console.EmailBackend")
    assert (demo["LDAPLAN_DEMO"], demo["LDAPLAN_SEND_EMAIL"]) == (True, False)
    asked = _settings_in_a_new_process(LDAPLAN_DEMO="1", LDAPLAN_SEND_EMAIL="1")
    assert asked["LDAPLAN_SEND_EMAIL"] is True
    production = _settings_in_a_new_process(
        EMAIL_URL="submission://plan:secret@smtp.exemple.fr",
        DEFAULT_FROM_EMAIL="Ville de Paris <plan@exemple.fr>",
    )
    assert (production["EMAIL_HOST"], production["EMAIL_PORT"], production["EMAIL_USE_TLS"]) == (
        "smtp.exemple.fr",
        587,
        True,
    )
    assert production["DEFAULT_FROM_EMAIL"] == "Ville de Paris <plan@exemple.fr>"
