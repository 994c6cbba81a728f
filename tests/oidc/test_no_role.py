"""An account with no role (as a single sign-on creates) reads what an anonymous visitor reads;
when reading needs an account, it gets a page that says an administrator must give access."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from indicators import roles
from tests.accounts import make_user

NO_ROLE = "Votre compte a été créé ; un administrateur doit vous donner accès."


def main_content(response) -> str:
    """The page's <main>, where the plan's figures are (the header names who is signed in)."""
    return re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)


def plain(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


@pytest.fixture
def login_required(settings):
    settings.LDAPLAN_LOGIN_REQUIRED = True
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "django.contrib.auth.middleware.LoginRequiredMiddleware",
        "indicators.sso.no_role.NoRoleMiddleware",
    ]


@pytest.mark.usefixtures("seed_plan")
@pytest.mark.parametrize("name", ["indicators:overview", "indicators:bilan_latest"])
def test_an_account_with_no_role_reads_what_an_anonymous_visitor_reads(client, name):
    anonymous = client.get(reverse(name), follow=True)
    client.force_login(get_user_model().objects.create_user("sans-role"))

    signed_in = client.get(reverse(name), follow=True)

    assert signed_in.status_code == anonymous.status_code == 200
    assert main_content(signed_in) == main_content(anonymous)


@pytest.mark.usefixtures("login_required", "seed_plan")
def test_with_login_required_an_account_with_no_role_gets_a_page_saying_so(client):
    client.force_login(get_user_model().objects.create_user("sans-role"))

    for name in ("indicators:overview", "indicators:bilan_latest", "opendata:index", "landing"):
        response = client.get(reverse(name))
        assert response.status_code == 403, name
        assert NO_ROLE in plain(response.content.decode()), name
    # Signing out and the pages open to all stay open.
    assert client.get(reverse("accessibility")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.usefixtures("login_required", "seed_plan")
@pytest.mark.parametrize("group", [roles.PARTNERS, roles.EDITORS])
def test_with_login_required_an_account_with_a_role_reads_the_dashboard(client, group):
    client.force_login(make_user("avec-role", group))

    response = client.get(reverse("indicators:overview"))

    assert response.status_code == 200
    assert NO_ROLE not in plain(response.content.decode())
