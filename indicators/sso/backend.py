"""The authentication backend: mozilla-django-oidc's, with ldaplan's checks and accounts.

mozilla-django-oidc checks the state, the nonce and the ID token's signature against
the provider's keys (JWKS); it leaves the audience unchecked and never reads the
issuer, which this backend checks, with the token's expiry. ProConnect's user-info
answer is a JWT: its signature, issuer and audience are checked the same way.
"""

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from indicators.sso import provider
from indicators.sso.accounts import SsoRefused, account_for

ID_TOKEN_CLAIMS = ["iss", "aud", "sub", "exp", "iat"]
TOKEN_REFUSED = _(
    "La réponse de votre fournisseur d'identité n'a pas pu être vérifiée (jeton expiré, "
    "destiné à une autre application ou mal signé) : la connexion est refusée."
)


class SsoBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # No network and no settings here: Django builds a backend for every request
        # of a signed-in person, with single sign-on configured or not.
        self.UserModel = get_user_model()

    get_settings = staticmethod(provider.setting)

    # What mozilla-django-oidc reads as attributes, read when a sign-in needs them.
    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: provider.setting("OIDC_OP_TOKEN_ENDPOINT"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: provider.setting("OIDC_OP_USER_ENDPOINT"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: provider.setting("OIDC_OP_JWKS_ENDPOINT"))
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)
    OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        # Only the callback view passes the PKCE verifier: a password login never gets here.
        if not provider.enabled() or request is None or "code_verifier" not in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def _decode(self, token: str, key, required: list[str]) -> dict:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SsoRefused(TOKEN_REFUSED)
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=provider.issuer(),
                options={"require": required},
            )
        except jwt.InvalidTokenError as error:
            raise SsoRefused(TOKEN_REFUSED) from error

    def _verify_jws(self, payload, key):
        """The ID token: signature, issuer, audience (this client), expiry."""
        return self._decode(payload, key, ID_TOKEN_CLAIMS)

    def retrieve_matching_jwk(self, token):
        try:
            return super().retrieve_matching_jwk(token)
        except (SuspiciousOperation, jwt.PyJWTError) as error:
            raise SsoRefused(TOKEN_REFUSED) from error

    def get_userinfo(self, access_token, id_token, payload):
        response = requests.get(
            self.OIDC_OP_USER_ENDPOINT,
            headers={"Authorization": f"Bearer {access_token}"},
            timeout=settings.OIDC_TIMEOUT,
        )
        response.raise_for_status()
        if response.headers.get("content-type", "").lower().startswith("application/jwt"):
            # ProConnect: a JWT signed with the provider's key, for this client.
            token = response.text.strip()
            claims = self._decode(token, self.retrieve_matching_jwk(token), ["sub"])
        else:
            claims = response.json()
        # OpenID Connect Core 5.3.2: the answer is about whoever the ID token is about.
        if claims.get("sub") != payload.get("sub"):
            raise SsoRefused(TOKEN_REFUSED)
        return claims

    def get_user(self, user_id):
        # Django's own check, which mozilla-django-oidc leaves out: a deactivated
        # account's sessions end at its next request.
        return ModelBackend.get_user(self, user_id)

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        return account_for(
            payload["iss"], payload["sub"], claims, proconnect=settings.LDAPLAN_OIDC_PROCONNECT
        )
