"""The provider's discovery document, read when first needed, and the settings drawn from it."""

from urllib.parse import urlencode

import requests
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import resolve_url
from django.utils.crypto import get_random_string
from mozilla_django_oidc.utils import import_from_settings

# mozilla-django-oidc's endpoint settings → the discovery document's fields.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
# Providers change their endpoints rarely; an hour spares a request per sign-in.
DISCOVERY_CACHE_SECONDS = 3600


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read."""


def enabled() -> bool:
    return getattr(settings, "LDAPLAN_OIDC_ENABLED", False)


def discovery() -> dict:
    url = settings.LDAPLAN_OIDC_DISCOVERY_URL
    key = f"ldaplan:oidc-discovery:{url}"
    document = cache.get(key)
    if document is None:
        try:
            response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            raise ProviderUnavailable(str(error)) from error
        missing = {"issuer", *ENDPOINTS.values()} - set(document)
        if missing:
            raise ProviderUnavailable(f"discovery document without {sorted(missing)}")
        cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    return document


def setting(name: str, *default):
    """A mozilla-django-oidc setting, its endpoints taken from the discovery document."""
    if name in ENDPOINTS:
        return discovery()[ENDPOINTS[name]]
    return import_from_settings(name, *default)


def issuer() -> str:
    return discovery()["issuer"]


def logout_url(request) -> str | None:
    """Where to end the provider's session too (RP-initiated logout), or None.

    Only for a session opened through the provider (its ID token is kept), and only
    when the provider offers it; read before the local session is flushed.
    """
    id_token = request.session.get("oidc_id_token")
    if not enabled() or not id_token:
        return None
    try:
        end_session = discovery().get("end_session_endpoint")
    except ProviderUnavailable:
        return None
    if not end_session:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(
                resolve_url(settings.LOGOUT_REDIRECT_URL)
            ),
            # ProConnect requires a state; nothing comes back that needs checking.
            "state": get_random_string(32),
        }
    )
    return f"{end_session}?{query}"
