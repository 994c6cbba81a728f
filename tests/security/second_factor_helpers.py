"""Codes as an authenticator app computes them, and a password login through the form."""

import time
from html import unescape
from urllib.parse import urlencode

from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import PASSWORD

VERIFY = reverse("second_factor")
ENROL = reverse("second_factor_enrol")


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the app shows now (or ``steps_ahead`` periods later: the device accepts the
    next one, and a code already used is not accepted again)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code_for(device: TOTPDevice) -> str:
    """Six digits the device refuses: none of the codes around now."""
    near = {code_for(device, steps) for steps in range(-3, 4)}
    return next(code for code in ("123456", "654321", "000000", "999999") if code not in near)


def password_login(client, username: str, url: str = "/connexion/", **data):
    return client.post(url, {"username": username, "password": PASSWORD, **data})


def enrolled_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Application d'authentification")


def sent_to_second_factor(response, next_path: str | None) -> bool:
    expected = (
        VERIFY if next_path is None else f"{VERIFY}?{urlencode({'next': next_path}, safe='/')}"
    )
    return response.status_code == 302 and response["Location"] == expected


def html(response) -> str:
    """The page's text with its entities read (« d'essais », not « d&#x27;essais »)."""
    return unescape(response.content.decode())
