from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The base layer every app builds on.

    The review workflow shared by every entered value, saving entries, French
    number formatting, the public page cache, backups and the site's own pages
    (errors, accessibility statement, health check). It imports no other app
    of the project, and nothing in it imports the project package ``ldaplan``.
    """

    name = "core"
    verbose_name = _("Socle")

    def ready(self):
        from . import checks  # noqa: F401  (registers the checks)
