"""Who owes a code, where they go to give it, and where they go back to."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import QueryDict
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_totp.models import TOTPDevice

from indicators.sso.backend import SsoBackend

# The backend Django writes in the session of a single sign-on: those sessions owe no code.
SSO_BACKEND = f"{SsoBackend.__module__}.{SsoBackend.__qualname__}"
# Written at each login (``remember_enrolment``): whether the account had a confirmed
# device then, so that with the setting off the pages need no query to know.
ENROLLED = "ldaplan_second_factor_enrolled"


def signed_in_with_password(request) -> bool:
    """Any backend but single sign-on counts as a password (fail closed)."""
    backend = request.session.get(BACKEND_SESSION_KEY)
    return backend is not None and backend != SSO_BACKEND


def code_expected(request) -> bool:
    """Whether this session is asked for a code at all (given or not)."""
    if not signed_in_with_password(request):
        return False
    return settings.LDAPLAN_TOTP_REQUIRED or bool(request.session.get(ENROLLED))


def code_due(request) -> bool:
    """Whether this session must still give a code before reading anything."""
    user = request.user
    return code_expected(request) and user.is_authenticated and not user.is_verified()


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def remember_enrolment(sender, request, user, **kwargs):
    """On ``user_logged_in``: whether this account gives a code even with the setting off."""
    if request is None or getattr(user, "backend", None) == SSO_BACKEND:
        return
    request.session[ENROLLED] = confirmed_device(user) is not None


def safe_local_url(request, url: str | None) -> str | None:
    """``url`` when it stays on this site (path and query only), else None."""
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def asked_next(request) -> str | None:
    """The ``next`` the page was given, when it stays on this site."""
    return safe_local_url(request, request.POST.get("next") or request.GET.get("next"))


def next_url(request) -> str:
    """Where to go once the code is given: a local ``next``, else the person's landing page."""
    return asked_next(request) or resolve_url(settings.LOGIN_REDIRECT_URL)


def page_url(name: str, next_to: str | None) -> str:
    """A second factor page's address, keeping where to go next."""
    url = reverse(name)
    if not next_to:
        return url
    query = QueryDict(mutable=True)
    query["next"] = next_to
    return f"{url}?{query.urlencode(safe='/')}"
