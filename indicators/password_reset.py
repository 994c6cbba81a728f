"""A forgotten password: Django's reset views, in French, throttled, for local accounts.

Django mails nothing to an address without an account, to an inactive account, or to an
account without a usable password (those the single sign-on makes, indicators/sso): the
page after asking is the same either way, so it tells no one who has an account here.
Requests are counted by django-ratelimit, in the cache, per client address and per
address typed; over either limit nothing is sent and a French page says when to try
again (429).
"""

import logging
import math

from axes.helpers import get_client_ip_address
from axes.utils import reset as forget_login_failures
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.core.mail import EmailMessage
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

from indicators.notifications.mailing import SUBJECT_PREFIX, absolute_url, mail_enabled
from indicators.sso import provider

logger = logging.getLogger(__name__)


def link_lifetime(seconds: int) -> str:
    """How long a reset link works, in words of the active language: « 1 heure »."""
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("%(count)d heure", "%(count)d heures", hours) % {"count": hours}
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


def client_address(_group, request) -> str:
    """The client's address as the login throttling reads it (django-axes, through
    django-ipware): behind the proxy, each client is counted, not the proxy."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "")


def seconds_to_wait(request, email: str) -> int | None:
    """Count this request against both limits; the seconds left to wait when it is over
    either, else None. A cache that cannot count refuses (django-ratelimit fails closed)."""
    address = email.casefold()
    limits = (
        ("password-reset:ip", settings.LDAPLAN_PASSWORD_RESET_RATE_PER_IP, client_address),
        (
            "password-reset:address",
            settings.LDAPLAN_PASSWORD_RESET_RATE_PER_ADDRESS,
            lambda _group, _request: address,
        ),
    )
    waits = []
    for group, rate, key in limits:
        usage = get_usage(request, group=group, key=key, rate=rate, method="POST", increment=True)
        if usage is not None and usage["should_limit"]:
            waits.append(max(usage["time_left"], 1))
    return max(waits, default=None)


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form and its choice of accounts; the e-mail in French, its link on the
    site's own address (LDAPLAN_SITE_URL), never on the Host header a request sent."""

    email = forms.EmailField(
        label=_("Adresse électronique de votre compte"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        if not mail_enabled():
            return
        path = reverse(
            "password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        # The e-mails are French, whatever language the page was read in.
        with translation.override("fr"):
            context = {
                **context,
                "reset_url": absolute_url(path),
                "lifetime": link_lifetime(settings.PASSWORD_RESET_TIMEOUT),
            }
            subject = render_to_string(subject_template_name, context)
            body = render_to_string(email_template_name, context)
        message = EmailMessage(
            subject=SUBJECT_PREFIX + " ".join(subject.splitlines()).strip(" "),
            body=body,
            from_email=from_email,
            to=[to_email],
            # RFC 3834: no out-of-office reply to a robot.
            headers={"Auto-Submitted": "auto-generated"},
        )
        try:
            message.send()
        except Exception:
            # The same page either way: an error shown only when the account exists
            # would tell who has one. The server's log says what failed.
            logger.exception("Password reset e-mail not sent to user %s", context["user"].pk)


class PasswordResetView(auth_views.PasswordResetView):
    """Asking for a link: the address typed, then the same « sent » page in every case."""

    form_class = PasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    # At the page's content: the form posted to its error summary's anchor, which a
    # redirection without its own anchor would keep.
    success_url = format_lazy("{}#contenu", reverse_lazy("password_reset_done"))

    def get_context_data(self, **kwargs):
        # Single sign-on accounts have no password here: the page says where theirs is.
        return super().get_context_data(**kwargs) | {"sso_enabled": provider.enabled()}

    def form_valid(self, form):
        wait = seconds_to_wait(self.request, form.cleaned_data["email"])
        if wait is None:
            return super().form_valid(form)
        logger.warning("Password reset requests over the limit: nothing sent")
        response = render(
            self.request,
            "registration/password_reset_throttled.html",
            {"minutes": math.ceil(wait / 60)},
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return context | {"lifetime": link_lifetime(settings.PASSWORD_RESET_TIMEOUT)}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link: a new password, then the login page saying it is saved."""

    template_name = "registration/password_reset_confirm.html"
    # The address the form is on once Django has put the link's token in the session.
    reset_url_token = "choix"
    # The login page opens at its confirmation, which takes the focus.
    success_url = format_lazy("{}#messages", reverse_lazy("login"))

    def form_valid(self, form):
        response = super().form_valid(form)
        # A new password also ends a lockout for guessing the old one (django-axes).
        forget_login_failures(username=self.user.get_username())
        messages.success(
            self.request,
            _("Votre nouveau mot de passe est enregistré : connectez-vous avec lui."),
        )
        return response
