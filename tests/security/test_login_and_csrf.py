"""Password guessing is throttled, every form needs its CSRF token, the session cookie
is out of scripts' reach, and the login never sends anyone to another site."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from .conftest import PASSWORD, make_user
from .test_permission_matrix import EXPECTED, snapshot

pytestmark = pytest.mark.django_db

LOGIN = "/connexion/"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Each login attempt hashes a password: the production hasher takes a third of a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def agent(db):
    return make_user("agent", password=PASSWORD)


def log_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_after_the_failure_limit_even_the_right_password_is_refused(client, agent):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    for attempt in range(limit - 1):
        response = log_in(client, "agent", f"mauvais-{attempt}")
        assert response.status_code == 200  # the form again, with its error
        assert SESSION_KEY not in client.session
    response = log_in(client, "agent", "mauvais-encore")
    assert response.status_code == 429

    response = log_in(client, "agent", PASSWORD)

    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_lockout_is_for_that_username_from_that_address(client, agent):
    make_user("collegue", password=PASSWORD)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "agent", f"mauvais-{attempt}")
    # Another account from the same address, and the same account from elsewhere, still work.
    assert log_in(client, "collegue", PASSWORD).status_code == 302
    client.logout()
    elsewhere = Client(REMOTE_ADDR="192.0.2.10")
    assert log_in(elsewhere, "agent", PASSWORD).status_code == 302


def test_fewer_failures_than_the_limit_still_let_the_owner_in(client, agent):
    """Four failures then the right password: logged in (the limit is five)."""
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "agent", f"mauvais-{attempt}")
    assert log_in(client, "agent", PASSWORD).status_code == 302
    assert client.session[SESSION_KEY] == str(agent.pk)


def test_session_cookie_is_http_only_and_secure_in_production(client, agent):
    response = log_in(client, "agent", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    # Secure when served over HTTPS: see test_production_settings (LDAPLAN_HTTPS=1).


@pytest.mark.parametrize(
    "next_url",
    ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"],
)
def test_login_never_redirects_to_another_site(client, agent, next_url):
    response = log_in(client, "agent", PASSWORD, next=next_url)
    assert response.status_code == 302
    assert response.url == reverse(settings.LOGIN_REDIRECT_URL)


# The language switcher is the one form without a token (see ldaplan/urls.py): it sets
# a cookie and nothing else, and sits on public pages that are cached whole.
WITHOUT_CSRF_TOKEN = {"set_language"}


def posts_that_change_something():
    """The URL names of the matrix where someone's POST goes through."""
    return sorted(
        name
        for (name, method), cells in EXPECTED.items()
        if method == "POST" and "302" in cells.values() and name not in WITHOUT_CSRF_TOKEN
    )


@pytest.mark.parametrize("name", posts_that_change_something())
def test_every_form_is_refused_without_its_csrf_token(world, targets, name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["admin"])
    target = targets[name]
    before = snapshot()
    response = client.post(target.path, target.data)
    assert response.status_code == 403, name
    assert "Formulaire expiré" in response.content.decode()
    assert snapshot() == before
    assert SESSION_KEY in client.session  # not even logged out


def test_the_login_form_needs_its_token_too(agent):
    client = Client(enforce_csrf_checks=True)
    assert log_in(client, "agent", PASSWORD).status_code == 403
    page = client.get(LOGIN)
    token = page.cookies[settings.CSRF_COOKIE_NAME].value
    response = log_in(client, "agent", PASSWORD, csrfmiddlewaretoken=token)
    assert response.status_code == 302
