"""The code typed from the authenticator app, checked by django-otp (and throttled by it)."""

import math

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

WRONG_CODE = _(
    "Ce code n'est pas le bon, ou il a expiré. Saisissez le code affiché maintenant par "
    "votre application."
)
NOT_A_CODE = _(
    "Le code compte 6 chiffres, sans lettres : saisissez celui que votre application affiche."
)


def seconds_until(moment) -> int:
    return max(1, math.ceil((moment - timezone.now()).total_seconds()))


class CodeForm(forms.Form):
    """Six digits (spaces ignored) that the device accepts. After a wrong code django-otp
    makes the device wait (1, 2, 4, 8… seconds): a code typed before is not checked, and
    ``wait`` says how long is left."""

    code = forms.CharField(
        label=_("Code à 6 chiffres"),
        help_text=_(
            "Affiché par votre application d'authentification ; il change toutes les 30 secondes."
        ),
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "size": 8}
        ),
    )

    def __init__(self, device: TOTPDevice, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device
        self.wait: int | None = None

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise forms.ValidationError(NOT_A_CODE, code="format")
        # The device's row is locked while it is checked: two codes posted at once are
        # counted one after the other (django-otp's throttling, its last step used).
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=self.device.pk)
            allowed, refusal = device.verify_is_allowed()
            accepted = allowed and device.verify_token(code)
        self.device = device
        if not allowed:
            locked_until = (refusal or {}).get("locked_until")
            self.wait = seconds_until(locked_until) if locked_until else 1
            raise forms.ValidationError(
                ngettext(
                    "Trop d'essais : attendez %(count)d seconde avant de saisir un nouveau code.",
                    "Trop d'essais : attendez %(count)d secondes avant de saisir un nouveau code.",
                    self.wait,
                )
                % {"count": self.wait},
                code="throttled",
            )
        if not accepted:
            raise forms.ValidationError(WRONG_CODE, code="wrong")
        return code

    @property
    def status(self) -> int:
        """The page's status: 200 until posted, 429 while throttled, 400 when refused."""
        if not self.is_bound:
            return 200
        return 429 if self.wait is not None else 400
