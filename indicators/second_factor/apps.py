"""django-otp's TOTP app, named in French in the admin, and the login signal of the second
factor (indicators/second_factor/policy.py)."""

from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig


class TotpConfig(DefaultConfig):
    """The same app (label ``otp_totp``, its own migrations), with a French name. Its model
    keeps django-otp's name (« TOTP devices »): a name changed at run time would also
    change the permissions' names that ``migrate`` and ``flush`` write, so a backup would
    no longer restore identical."""

    verbose_name = _("Double authentification")

    def ready(self):
        from indicators.second_factor.policy import remember_enrolment

        super().ready()
        user_logged_in.connect(remember_enrolment, dispatch_uid="ldaplan_second_factor_login")
