from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicateurs et jalons")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .roles import ensure_roles

        # After the permissions exist, so run after every app's migrations.
        post_migrate.connect(ensure_roles, dispatch_uid="ldaplan_ensure_roles")
