"""Sign-ins ldaplan refuses, each with a French message and nothing changed."""

import time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.urls import reverse

from indicators.models import SsoIdentity
from indicators.sso.backend import SsoBackend
from tests.oidc.flow import provider_sign_in, start_sign_in
from tests.oidc.provider import OTHER_CLIENT_ID, OTHER_CLIENT_SECRET, Provider, free_port


def with_query(url: str, **changes) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query)) | changes
    return urlunsplit(parts._replace(query=urlencode(query)))


def assert_refused(client, response, message: str):
    """Back on the login page with the message; nobody signed in, no account, no link."""
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    page = client.get(response["Location"])
    assert message in page.content.decode()
    assert "_auth_user_id" not in client.session
    assert not SsoIdentity.objects.exists()
    assert not get_user_model().objects.exists()


EXPIRED = "Cette connexion n&#x27;a pas pu être vérifiée (lien expiré ou déjà utilisé)"
TOKEN_REFUSED = "La réponse de votre fournisseur d&#x27;identité n&#x27;a pas pu être vérifiée"


def test_a_state_ldaplan_never_sent_is_refused(oidc_provider, client):
    callback = provider_sign_in(requests.Session(), start_sign_in(client), "nouvelle-agente")

    response = client.get(with_query(callback, state="etat-forge-fictif"))

    assert_refused(client, response, EXPIRED)


def test_a_replayed_code_is_refused(oidc_provider, client):
    callback = provider_sign_in(requests.Session(), start_sign_in(client), "nouvelle-agente")
    pending = client.session["oidc_states"]
    assert client.get(callback)["Location"] == reverse("landing")
    SsoIdentity.objects.all().delete()
    get_user_model().objects.all().delete()
    client.logout()

    # Replayed in the same browser: its state was used up.
    assert_refused(client, client.get(callback), EXPIRED)
    # Replayed with the state put back (an attacker holding both): the provider
    # refuses a code it has already exchanged.
    session = client.session
    session["oidc_states"] = pending
    session.save()
    assert_refused(client, client.get(callback), EXPIRED)


def test_an_id_token_issued_to_another_application_is_refused(oidc_provider, client, monkeypatch):
    """A code and its tokens obtained for another client of the same provider, with
    ldaplan's own state, nonce and PKCE verifier: only the audience differs."""
    authorization = with_query(start_sign_in(client), client_id=OTHER_CLIENT_ID)
    callback = provider_sign_in(requests.Session(), authorization, "nouvelle-agente")
    real_get_token = SsoBackend.get_token

    def token_for_the_other_application(self, payload):
        payload = payload | {"client_id": OTHER_CLIENT_ID, "client_secret": OTHER_CLIENT_SECRET}
        return real_get_token(self, payload)

    monkeypatch.setattr(SsoBackend, "get_token", token_for_the_other_application)

    assert_refused(client, client.get(callback), TOKEN_REFUSED)


def test_an_expired_id_token_is_refused(start_provider, settings, client, monkeypatch, db):
    start_provider(id_token_ttl=1).configure(settings)
    callback = provider_sign_in(requests.Session(), start_sign_in(client), "nouvelle-agente")
    real_get_token = SsoBackend.get_token

    def slow_network(self, payload):
        tokens = real_get_token(self, payload)
        time.sleep(2.5)  # the ID token lives one second
        return tokens

    monkeypatch.setattr(SsoBackend, "get_token", slow_network)

    assert_refused(client, client.get(callback), TOKEN_REFUSED)


def test_an_unverified_email_address_is_refused(oidc_provider, client):
    callback = provider_sign_in(requests.Session(), start_sign_in(client), "adresse-non-verifiee")

    assert_refused(
        client,
        client.get(callback),
        "Votre fournisseur d&#x27;identité n&#x27;a pas vérifié votre adresse électronique",
    )


@pytest.mark.parametrize("sub", ["nouvelle-agente"])
def test_an_inactive_account_is_refused(oidc_provider, client, sub):
    callback = provider_sign_in(requests.Session(), start_sign_in(client), sub)
    get_user_model().objects.create_user(
        "camille", email="camille.nouvelle@paris.example", is_active=False
    )

    response = client.get(callback)

    assert response["Location"] == reverse("login")
    page = client.get(reverse("login"))
    assert "Ce compte est désactivé" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_provider_that_does_not_answer_sends_back_to_the_login_page(settings, client, db):
    port = free_port()  # nothing listens there
    Provider.configure_for(settings, f"http://127.0.0.1:{port}")

    response = client.get(reverse("sso_login"))

    assert response["Location"] == reverse("login")
    page = client.get(response["Location"])
    assert "Votre fournisseur d&#x27;identité ne répond pas" in page.content.decode()
