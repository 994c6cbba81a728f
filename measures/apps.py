from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Structure du plan")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .glossary import GlossaryTerm, glossary_changed

        # A term edited in the administration is on every page at once.
        for signal in (post_save, post_delete):
            signal.connect(glossary_changed, sender=GlossaryTerm, dispatch_uid=f"glossary_{signal}")
