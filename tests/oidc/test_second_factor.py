"""LDAPLAN_TOTP_REQUIRED asks a code of password sessions only: a session opened by the
identity provider goes straight to its page, even for an account that has an app."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from indicators import roles
from tests.accounts import PASSWORD, make_user
from tests.oidc.flow import sign_in


@pytest.mark.usefixtures("seed_plan")
def test_a_single_sign_on_session_is_not_asked_for_a_code(oidc_provider, client, settings):
    settings.LDAPLAN_TOTP_REQUIRED = True
    agent = make_user("jean-existant", roles.EDITORS, measures=[2])
    agent.email = "jean.existant@paris.example"
    agent.save()
    TOTPDevice.objects.create(user=agent, name="Application d'authentification")

    response = sign_in(client, "agent-existant")

    assert response["Location"] == reverse("landing")
    landing = client.get(response["Location"])
    assert landing["Location"] == reverse("entry:home")
    assert client.get(landing["Location"]).status_code == 200
    assert client.get(reverse("second_factor"))["Location"] == reverse("landing")
    # The same account signing in with its password is asked (the provider did not vouch).
    client.post(reverse("logout"))
    client.post(reverse("login"), {"username": "jean-existant", "password": PASSWORD})
    assert client.get(reverse("entry:home"))["Location"].startswith(reverse("second_factor"))
