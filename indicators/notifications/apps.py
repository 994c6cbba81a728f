from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "indicators.notifications"
    label = "notifications"
    verbose_name = _("Courriels")

    def ready(self):
        # The workflow and the bilan's publication only send signals; the e-mails
        # listen here, so neither knows about them.
        from indicators.notifications import receivers  # noqa: F401
