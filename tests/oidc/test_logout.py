"""Logout ends the local session and, for a session from the provider, the provider's too."""

from urllib.parse import parse_qs, urlsplit

import requests
from django.test import Client
from django.urls import reverse

from indicators.sso import provider
from tests.accounts import make_user
from tests.oidc.flow import SITE, form, provider_sign_in, sign_in, start_sign_in
from tests.oidc.provider import CLIENT_ID


def test_logout_ends_the_providers_session_too(oidc_provider, client, django_user_model):
    browser = requests.Session()
    sign_in(client, "nouvelle-agente", browser)
    # While the provider's session lasts, it sends the browser straight back, no form.
    other_client = Client()
    callback = provider_sign_in(browser, start_sign_in(other_client), "login-jamais-saisi")
    assert callback.startswith("/oidc/callback/?")

    response = client.post(reverse("logout"))

    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    end_session = provider.discovery()["end_session_endpoint"]
    assert f"{location.scheme}://{location.netloc}{location.path}" == end_session
    query = parse_qs(location.query)
    assert query["post_logout_redirect_uri"] == [f"{SITE}{reverse('indicators:overview')}"]
    assert query["client_id"] == [CLIENT_ID]
    assert query["id_token_hint"]
    assert query["state"]
    # The provider asks its own confirmation, then sends the browser back to ldaplan.
    page = browser.get(response["Location"], allow_redirects=False)
    action, fields = form(page)
    back = browser.post(action, data=fields | {"logout": "yes"}, allow_redirects=False)
    assert back.headers["Location"].startswith(f"{SITE}{reverse('indicators:overview')}?state=")
    # Its session is over: signing in again shows its login form.
    page = browser.get(start_sign_in(other_client))
    assert 'name="login"' in page.text
    assert django_user_model.objects.count() == 1


def test_a_local_account_logs_out_as_before(oidc_provider, client):
    client.force_login(make_user("agent-local"))

    response = client.post(reverse("logout"))

    assert response["Location"] == reverse("indicators:overview")
    assert "_auth_user_id" not in client.session
