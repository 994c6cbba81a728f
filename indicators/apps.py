from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicateurs et jalons")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

        from core.cache import invalidate_on_change
        from core.signals import entry_transitioned

        from .entry.exchanges import record_return_note
        from .roles import ensure_roles

        # After the permissions exist, so run after every app's migrations.
        post_migrate.connect(ensure_roles, dispatch_uid="ldaplan_ensure_roles")
        # Any change to the plan's data makes the cached public pages stale.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(invalidate_on_change, dispatch_uid=f"ldaplan_cache_{signal}")
        # A returned entry's note opens (or goes on with) its internal thread.
        entry_transitioned.connect(record_return_note, dispatch_uid="ldaplan_return_note_thread")
