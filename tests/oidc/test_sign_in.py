"""Signing in through a real OpenID Connect provider: accounts created, linked, found again."""

import re
from html import unescape
from urllib.parse import urlencode

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from indicators import access
from indicators.models import SsoIdentity
from indicators.roles import ADMINISTRATORS, EDITORS, PARTNERS
from indicators.sso import backend, provider
from tests.accounts import make_user
from tests.oidc.flow import provider_sign_in, sign_in, start_sign_in


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
    assert not user.is_staff
    assert not user.is_superuser
    assert not access.entry_measures(user).exists()
    assert access.visible_statuses(user) == access.PUBLIC_STATUSES
    identity = SsoIdentity.objects.get(user=user)
    assert (identity.issuer, identity.subject) == (oidc_provider.issuer, "nouvelle-agente")


def test_login_by_verified_email_links_the_existing_account(oidc_provider, client):
    agent = make_user("jean-existant", EDITORS, measures=[])
    agent.email = "jean.existant@paris.example"  # another case than the provider's
    agent.save()
    accounts_before = get_user_model().objects.count()

    response = sign_in(client, "agent-existant")

    assert response["Location"] == reverse("landing")
    assert signed_in_user(client) == agent
    assert get_user_model().objects.count() == accounts_before
    assert SsoIdentity.objects.get(issuer=oidc_provider.issuer, subject="agent-existant").user == (
        agent
    )
    # The role it had is kept: linking grants nothing and takes nothing away.
    assert list(agent.groups.values_list("name", flat=True)) == [EDITORS]


def test_second_login_finds_the_account_by_the_providers_sub(oidc_provider, client):
    sign_in(client, "nouvelle-agente")
    user = signed_in_user(client)
    # The address changes at ldaplan's end: the link, not the address, finds the account.
    user.email = "adresse.changee@paris.example"
    user.save()
    client.logout()
    accounts_before = get_user_model().objects.count()

    response = sign_in(client, "nouvelle-agente", requests.Session())

    assert response["Location"] == reverse("landing")
    assert signed_in_user(client) == user
    assert get_user_model().objects.count() == accounts_before


def test_the_login_page_offers_the_provider_only_when_configured(client, settings, db):
    settings.LDAPLAN_OIDC_ENABLED = False
    page = client.get(reverse("login"))
    assert reverse("sso_login") not in page.content.decode()
    assert client.get(reverse("sso_login")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404


def test_the_login_page_offers_the_provider_with_the_configured_label(proconnect_provider, client):
    page = client.get(reverse("login") + "?next=/saisie/")
    link = re.search(r'<a class="button" href="([^"]+)">([^<]+)</a>', page.content.decode())
    assert link, page.content.decode()
    assert unescape(link.group(1)) == reverse("sso_login") + "?next=%2Fsaisie%2F"
    assert link.group(2) == "Se connecter avec ProConnect"


def test_proconnect_user_info_is_a_signed_jwt_with_usual_name(
    proconnect_provider, client, monkeypatch
):
    answers = []
    real_get = backend.requests.get

    def recording_get(url, *args, **kwargs):
        response = real_get(url, *args, **kwargs)
        answers.append((url, response.headers.get("content-type", "")))
        return response

    monkeypatch.setattr(backend.requests, "get", recording_get)
    response = sign_in(client, "agente-proconnect")

    assert response["Location"] == reverse("landing")
    endpoint = provider.discovery()["userinfo_endpoint"]
    userinfo = [kind for url, kind in answers if url == endpoint]
    assert len(userinfo) == 1, answers
    assert userinfo[0].startswith("application/jwt"), answers
    user = signed_in_user(client)
    assert (user.first_name, user.last_name) == ("Claude", "Usuel (fictif)")
    assert user.email == "claude.usuel@paris.example"
    assert not user.groups.exists()


@pytest.mark.parametrize(
    ("group", "granted"), [(PARTNERS, [PARTNERS]), (ADMINISTRATORS, []), ("Inconnu", [])]
)
def test_a_domain_given_a_group_gives_it_to_new_accounts_but_never_the_administrators(
    oidc_provider, client, settings, group, granted
):
    settings.LDAPLAN_OIDC_DOMAIN_GROUPS = {"asso-partenaire.example": group}

    sign_in(client, "partenaire")

    user = signed_in_user(client)
    assert list(user.groups.values_list("name", flat=True)) == granted
    assert not user.is_staff
    assert not user.is_superuser


@pytest.mark.parametrize(
    ("mapping", "granted"),
    [
        (f"groups=bailleurs-sociaux:{PARTNERS}", [PARTNERS]),
        # A value the claim's list does not hold, or a value only part of one.
        (f"groups=bailleurs:{PARTNERS}, groups=autre-groupe:{EDITORS}", []),
        (f"groups=ldaplan-lecture:{ADMINISTRATORS}", []),
    ],
    ids=["held", "not held", "administrators"],
)
def test_a_claim_value_given_a_group_gives_it_to_new_accounts_but_never_the_administrators(
    start_provider, settings, db, client, mapping, granted
):
    start_provider().configure(
        settings,
        LDAPLAN_OIDC_SCOPES="openid email profile groups",
        LDAPLAN_OIDC_CLAIM_GROUPS=mapping,
    )

    sign_in(client, "membre-de-groupes")

    user = signed_in_user(client)
    assert user.email == "sacha.groupes@bailleur.example"
    assert list(user.groups.values_list("name", flat=True)) == granted
    assert not user.is_staff
    assert not user.is_superuser


def test_proconnect_siret_given_a_group_gives_it_and_a_linked_account_keeps_its_roles(
    start_provider, settings, db, client
):
    start_provider(proconnect=True).configure(
        settings,
        LDAPLAN_OIDC_SCOPES="openid email given_name usual_name siret",
        LDAPLAN_OIDC_CLAIM_GROUPS=f"siret=99999999900011:{EDITORS}",
    )
    sign_in(client, "agente-proconnect")
    assert list(signed_in_user(client).groups.values_list("name", flat=True)) == [EDITORS]

    # An account that exists already is linked with its roles as they are: the mapping is
    # for new accounts; afterwards the administrator decides.
    client.logout()
    SsoIdentity.objects.all().delete()
    partner = get_user_model().objects.get(email="claude.usuel@paris.example")
    partner.groups.set(Group.objects.filter(name=PARTNERS))
    sign_in(client, "agente-proconnect")
    assert signed_in_user(client) == partner
    assert list(partner.groups.values_list("name", flat=True)) == [PARTNERS]


def test_a_deactivated_account_loses_its_single_sign_on_session(oidc_provider, client):
    sign_in(client, "nouvelle-agente")
    user = signed_in_user(client)
    assert client.get(reverse("landing")).wsgi_request.user == user

    user.is_active = False
    user.save()

    assert not client.get(reverse("landing")).wsgi_request.user.is_authenticated


@pytest.mark.parametrize(
    ("next_url", "landing"),
    [("/glossaire/", "/glossaire/"), ("https://ailleurs.example/piege", "/accueil/")],
    ids=["this site", "another site"],
)
def test_sign_in_returns_to_the_page_asked_for_on_this_site_only(
    oidc_provider, client, next_url, landing
):
    authorization = start_sign_in(client, "?" + urlencode({"next": next_url}))
    callback = provider_sign_in(requests.Session(), authorization, "nouvelle-agente")

    assert client.get(callback)["Location"] == landing
