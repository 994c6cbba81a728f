"""Signing in through a real OpenID Connect provider: accounts created, linked, found again."""

import requests
from django.contrib.auth import get_user_model
from django.urls import reverse

from indicators import access
from indicators.models import SsoIdentity
from tests.oidc.flow import sign_in


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id) if user_id else None


def test_first_login_creates_an_account_with_no_role(oidc_provider, client):
    response = sign_in(client, "nouvelle-agente")

    assert response.status_code == 302
    assert response["Location"] == reverse("landing")
    user = signed_in_user(client)
    assert user.email == "camille.nouvelle@paris.example"
    assert (user.first_name, user.last_name) == ("Camille", "Nouvelle (fictif)")
    assert not user.has_usable_password()
    assert not user.groups.exists()
    assert not user.user_permissions.exists()
    assert not user.is_staff and not user.is_superuser
    assert not access.entry_measures(user).exists()
    assert access.visible_statuses(user) == access.PUBLIC_STATUSES
    identity = SsoIdentity.objects.get(user=user)
    assert (identity.issuer, identity.subject) == (oidc_provider.issuer, "nouvelle-agente")
