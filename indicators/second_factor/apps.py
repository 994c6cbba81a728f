"""django-otp's TOTP app, named in French in the admin, and the login signal of the second
factor (indicators/second_factor/policy.py)."""

from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig


class TotpConfig(DefaultConfig):
    """The same app (label ``otp_totp``, its own migrations), with French names."""

    verbose_name = _("Double authentification")

    def ready(self):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from indicators.second_factor.policy import remember_enrolment

        super().ready()
        # Display names only: migrations read the model's declared options, not these.
        TOTPDevice._meta.verbose_name = _("application d'authentification")
        TOTPDevice._meta.verbose_name_plural = _("applications d'authentification")
        user_logged_in.connect(remember_enrolment, dispatch_uid="ldaplan_second_factor_login")
