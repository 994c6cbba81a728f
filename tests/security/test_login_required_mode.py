"""LDAPLAN_LOGIN_REQUIRED: every page needs an account, but for the few that cannot."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def login_required(settings):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "django.contrib.auth.middleware.LoginRequiredMiddleware",
    ]


@pytest.mark.usefixtures("login_required", "seed_plan")
def test_pages_send_the_anonymous_reader_to_the_login_page(client):
    for name in ("indicators:overview", "indicators:bilan_latest", "opendata:index"):
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("login")), name


@pytest.mark.usefixtures("login_required")
def test_health_check_answers_a_load_balancer_without_an_account(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.usefixtures("login_required")
def test_accessibility_statement_and_language_switch_stay_open(client):
    assert client.get(reverse("accessibility")).status_code == 200
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert client.get(reverse("login")).status_code == 200


@pytest.mark.usefixtures("login_required")
def test_a_forgotten_password_can_be_reset_without_an_account(client):
    page = client.get(reverse("password_reset"))
    assert page.status_code == 200
    assert "<h1>Mot de passe oublié</h1>" in page.content.decode()
    response = client.post(reverse("password_reset"), {"email": "personne@paris.example"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done") + "#contenu"
    assert client.get(response.url).status_code == 200
    invalid = client.get(reverse("password_reset_confirm", args=["MQ", "pas-un-jeton"]))
    assert invalid.status_code == 200
    assert "<h1>Lien invalide</h1>" in invalid.content.decode()
