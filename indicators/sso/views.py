"""Sign-in through the provider, its callback, and logout: each failure a French message.

A refused or failed sign-in never ends on an error page: the person is back on the
login page with what went wrong and what to do.
"""

import logging

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from indicators.sso import provider
from indicators.sso.accounts import SsoRefused

logger = logging.getLogger(__name__)

UNAVAILABLE = _(
    "Votre fournisseur d'identité ne répond pas ou a refusé la demande : réessayez dans "
    "quelques minutes, ou connectez-vous avec votre identifiant et votre mot de passe."
)
EXPIRED = _(
    "Cette connexion n'a pas pu être vérifiée (lien expiré ou déjà utilisé) : recommencez "
    "depuis la page de connexion."
)
FAILED = _("La connexion par votre fournisseur d'identité n'a pas abouti : recommencez.")
INACTIVE = _("Ce compte est désactivé : adressez-vous à un administrateur.")


def _back_to_login(request, message):
    messages.error(request, message)
    return redirect(settings.LOGIN_URL)


class SsoLoginView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider; state, nonce and PKCE verifier stay in the session."""

    get_settings = staticmethod(provider.setting)

    def __init__(self, **kwargs):
        # The endpoint is read on GET, where a provider that is down gets a message.
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)

    def get(self, request):
        if not provider.enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider.setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except provider.ProviderUnavailable:
            logger.warning("OpenID Connect provider unavailable", exc_info=True)
            return _back_to_login(request, UNAVAILABLE)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class SsoCallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back; mozilla-django-oidc checks state and tokens."""

    get_settings = staticmethod(provider.setting)

    @property
    def failure_url(self):
        return reverse(settings.LOGIN_URL)

    def get(self, request):
        if not provider.enabled():
            raise Http404
        if "code" in request.GET and not request.session.get("oidc_states"):
            # No sign-in pending in this browser: a link used twice, or from another browser.
            return _back_to_login(request, EXPIRED)
        try:
            response = super().get(request)
        except SsoRefused as refusal:
            logger.warning("Single sign-on refused: %s", refusal)
            return _back_to_login(request, refusal.args[0])
        except SuspiciousOperation:
            # Unknown state (forged, or the code already used), or a nonce that differs.
            logger.warning("Single sign-on callback refused", exc_info=True)
            return _back_to_login(request, EXPIRED)
        except requests.HTTPError as error:
            logger.warning("OpenID Connect provider refusal", exc_info=True)
            # The token endpoint refuses a code already exchanged, or too old (400).
            status = error.response.status_code if error.response is not None else 500
            return _back_to_login(request, EXPIRED if 400 <= status < 500 else UNAVAILABLE)
        except (requests.RequestException, provider.ProviderUnavailable):
            logger.warning("OpenID Connect provider unavailable", exc_info=True)
            return _back_to_login(request, UNAVAILABLE)
        return response

    def login_failure(self):
        user = getattr(self, "user", None)
        message = INACTIVE if user is not None and not user.is_active else FAILED
        return _back_to_login(self.request, message)


class LoginView(auth_views.LoginView):
    """The login page, with the provider's button when single sign-on is configured."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if provider.enabled():
            url = reverse("sso_login")
            if context.get("next"):
                url += "?" + urlencode({"next": context["next"]})
            context["sso_login"] = {"url": url, "label": settings.LDAPLAN_OIDC_BUTTON_LABEL}
        return context


class LogoutView(auth_views.LogoutView):
    """Ends the local session, then the provider's when the session came from it."""

    def post(self, request, *args, **kwargs):
        provider_logout = provider.logout_url(request)  # before the session is flushed
        response = super().post(request, *args, **kwargs)
        if provider_logout and not request.user.is_authenticated:
            return HttpResponseRedirect(provider_logout)
        return response
