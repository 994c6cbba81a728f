"""EMAIL_URL and the EMAIL_* variables read into Django's settings."""

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
