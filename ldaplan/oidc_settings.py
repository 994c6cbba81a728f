"""Single sign-on settings from the environment: any OpenID Connect provider, ProConnect included.

Off unless ``LDAPLAN_OIDC_DISCOVERY_URL`` is set: demo mode and local accounts need no
provider. The provider's endpoints (authorization, token, user info, keys, logout) are
read from its discovery document when first needed (indicators/sso/provider.py), never
at start-up: a provider that is down must not stop the site from starting.

The library is mozilla-django-oidc: small, maintained, and the one French public-sector
Django services use with ProConnect. It gets its ``OIDC_*`` settings from here.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def _true(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def domain_groups(value: str) -> dict[str, str]:
    """``domain:group`` pairs, comma-separated: the group a new account of that domain gets.

    >>> domain_groups("partenaire.example:Partenaires, Asso.example : Partenaires")
    {'partenaire.example': 'Partenaires', 'asso.example': 'Partenaires'}
    """
    pairs = {}
    for item in filter(None, (part.strip() for part in value.split(","))):
        domain, separator, group = item.partition(":")
        if not separator or not domain.strip() or not group.strip():
            raise ImproperlyConfigured(
                f"LDAPLAN_OIDC_DOMAIN_GROUPS: {item!r} is not « domain:group »."
            )
        pairs[domain.strip().lower()] = group.strip()
    return pairs


def claim_groups(value: str) -> tuple[tuple[str, str, str], ...]:
    """``claim=value:group`` triples, comma-separated: the group a new account gets when the
    provider's claim has that value (or, for a list such as ``groups``, holds it).

    >>> claim_groups("siret=21750001600019:Agents de saisie, groups = bailleurs : Partenaires")
    (('siret', '21750001600019', 'Agents de saisie'), ('groups', 'bailleurs', 'Partenaires'))
    """
    triples = []
    for item in filter(None, (part.strip() for part in value.split(","))):
        claim, equals, rest = item.partition("=")
        # The group is after the last colon: a claim's value may hold one (an URN, say).
        claim_value, colon, group = rest.rpartition(":")
        if not (equals and colon and claim.strip() and claim_value.strip() and group.strip()):
            raise ImproperlyConfigured(
                f"LDAPLAN_OIDC_CLAIM_GROUPS: {item!r} is not « claim=value:group »."
            )
        triples.append((claim.strip(), claim_value.strip(), group.strip()))
    return tuple(triples)


def oidc_settings(environ) -> dict:
    """The Django settings the environment asks for.

    >>> oidc_settings({})["LDAPLAN_OIDC_ENABLED"]
    False
    >>> settings = oidc_settings({
    ...     "LDAPLAN_OIDC_DISCOVERY_URL": "https://idp.example.org/.well-known/openid-configuration",
    ...     "LDAPLAN_OIDC_CLIENT_ID": "ldaplan", "LDAPLAN_OIDC_CLIENT_SECRET": "s3cret",
    ...     "LDAPLAN_OIDC_PROCONNECT": "1"})
    >>> settings["OIDC_RP_SCOPES"], settings["LDAPLAN_OIDC_PROVIDER_ORIGIN"]
    ('openid email given_name usual_name', 'https://idp.example.org')
    """
    discovery_url = environ.get("LDAPLAN_OIDC_DISCOVERY_URL", "").strip()
    if not discovery_url:
        return {"LDAPLAN_OIDC_ENABLED": False, "LDAPLAN_OIDC_PROVIDER_ORIGIN": ""}
    parts = urlsplit(discovery_url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImproperlyConfigured(
            "LDAPLAN_OIDC_DISCOVERY_URL must be the provider's discovery address "
            "(https://…/.well-known/openid-configuration)."
        )
    client_id = environ.get("LDAPLAN_OIDC_CLIENT_ID", "").strip()
    client_secret = environ.get("LDAPLAN_OIDC_CLIENT_SECRET", "").strip()
    if not client_id or not client_secret:
        raise ImproperlyConfigured(
            "LDAPLAN_OIDC_CLIENT_ID and LDAPLAN_OIDC_CLIENT_SECRET are required with "
            "LDAPLAN_OIDC_DISCOVERY_URL (both are given by the provider)."
        )
    proconnect = _true(environ.get("LDAPLAN_OIDC_PROCONNECT", ""))
    # ProConnect names its scopes after the claims they release.
    default_scopes = "openid email given_name usual_name" if proconnect else "openid email profile"
    return {
        "LDAPLAN_OIDC_ENABLED": True,
        "LDAPLAN_OIDC_DISCOVERY_URL": discovery_url,
        # The logout form's redirection to the provider must be allowed by the CSP.
        "LDAPLAN_OIDC_PROVIDER_ORIGIN": f"{parts.scheme}://{parts.netloc}",
        "LDAPLAN_OIDC_PROCONNECT": proconnect,
        # Empty: the login page's own wording (« Se connecter avec votre compte professionnel »).
        "LDAPLAN_OIDC_BUTTON_LABEL": environ.get("LDAPLAN_OIDC_BUTTON_LABEL", "").strip(),
        # A new account gets no role, unless its address's domain is given one here.
        "LDAPLAN_OIDC_DOMAIN_GROUPS": domain_groups(environ.get("LDAPLAN_OIDC_DOMAIN_GROUPS", "")),
        # …or a claim's value is (ProConnect's `siret`, with the `siret` scope asked).
        "LDAPLAN_OIDC_CLAIM_GROUPS": claim_groups(environ.get("LDAPLAN_OIDC_CLAIM_GROUPS", "")),
        "OIDC_RP_CLIENT_ID": client_id,
        "OIDC_RP_CLIENT_SECRET": client_secret,
        "OIDC_RP_SCOPES": environ.get("LDAPLAN_OIDC_SCOPES", "").strip() or default_scopes,
        "OIDC_RP_SIGN_ALGO": environ.get("LDAPLAN_OIDC_SIGN_ALGO", "").strip() or "RS256",
        # Authorization code flow with PKCE, state and nonce, all checked.
        "OIDC_USE_PKCE": True,
        "OIDC_USE_NONCE": True,
        # Kept for the provider's logout (id_token_hint).
        "OIDC_STORE_ID_TOKEN": True,
        "OIDC_TIMEOUT": int(environ.get("LDAPLAN_OIDC_TIMEOUT", "10")),
    }
