"""The two pages of the second factor: enrol an authenticator app, then give its code."""

from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from indicators.second_factor import policy
from indicators.second_factor.forms import CodeForm

DEVICE_NAME = "Application d'authentification"


def grouped_key(device: TOTPDevice) -> str:
    """The secret in base32, by groups of 4, as authenticator apps ask to type it."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's ``otpauth://`` address as an inline SVG image (no script, no other host),
    named for screen readers; the key is written out beside it for whoever cannot scan."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", svgclass="qr-code", lineclass=None, omitsize=False
    )
    label = _(
        "Code QR à scanner avec votre application d'authentification ; la même clé est "
        "écrite en toutes lettres sous le code."
    )
    # segno's markup holds only its own path data; the label is escaped here.
    return format_html('<svg role="img" aria-label="{}"', label) + mark_safe(svg[len("<svg") :])


def _render(request, template, form, context=None):
    context = {"form": form, "next": policy.asked_next(request) or "", **(context or {})}
    response = render(request, f"registration/{template}", context, status=form.status)
    if form.wait is not None:
        response["Retry-After"] = str(form.wait)
    return response


def _verified(request, device):
    """The session holds the device that gave the code, under a new session key: the
    session has gained rights, so an identifier seen before it did is worth nothing."""
    request.session.cycle_key()
    django_otp.login(request, device)


def _nothing_owed(request, next_to):
    """With the setting off, an enrolment remembered at login whose device an administrator
    has since deleted: nothing is owed any more."""
    request.session.pop(policy.ENROLLED, None)
    return redirect(next_to)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    """The code of the account's app; without one, its enrolment."""
    next_to = policy.next_url(request)
    if not policy.code_due(request):
        return redirect(next_to)
    device = policy.confirmed_device(request.user)
    if device is None:
        if not settings.LDAPLAN_TOTP_REQUIRED:
            return _nothing_owed(request, next_to)
        return redirect(policy.page_url("second_factor_enrol", policy.asked_next(request)))
    form = CodeForm(device, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        _verified(request, form.device)
        return redirect(next_to)
    return _render(request, "second_factor_verify.html", form)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request):
    """An app added by its QR code (or its key typed), confirmed by a first code."""
    next_to = policy.next_url(request)
    if not policy.code_due(request):
        return redirect(next_to)
    if policy.confirmed_device(request.user) is not None:
        return redirect(policy.page_url("second_factor", policy.asked_next(request)))
    if not settings.LDAPLAN_TOTP_REQUIRED:
        return _nothing_owed(request, next_to)
    # The same key until it is confirmed: reloading the page does not undo a scan.
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=DEVICE_NAME, confirmed=False)
    form = CodeForm(device, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        form.device.confirmed = True
        form.device.save(update_fields=["confirmed"])
        _verified(request, form.device)
        request.session[policy.ENROLLED] = True
        messages.success(
            request,
            _(
                "Votre application d'authentification est associée à votre compte : à chaque "
                "connexion par mot de passe, saisissez le code qu'elle affiche."
            ),
        )
        return redirect(next_to)
    context = {"qr_code": qr_code_svg(device), "key": grouped_key(device)}
    return _render(request, "second_factor_enrol.html", form, context)
