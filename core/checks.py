"""Checks run before the server starts (``manage.py check``, ``migrate``): settings that
would otherwise fail only at the first save."""

import os
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


@register()
def data_version_file_is_writable(app_configs=None, **kwargs) -> list[Error]:
    """With the data version in a file (the default without Redis), every save rewrites it:
    a folder the server cannot write would make each save fail after it is committed."""
    if settings.LDAPLAN_DATA_VERSION != "file":
        return []
    folder = Path(settings.LDAPLAN_DATA_VERSION_FILE).parent
    # The folder is made at the first save if missing: its nearest existing parent counts.
    existing = next((path for path in (folder, *folder.parents) if path.exists()), None)
    if existing is not None and existing.is_dir() and os.access(existing, os.W_OK | os.X_OK):
        return []
    return [
        Error(
            f"Le dossier de la version des données ({folder}) ne peut pas être écrit par le "
            "serveur : chaque enregistrement y écrit.",
            hint="Donnez à LDAPLAN_DATA_VERSION_FILE un fichier dans un dossier où le serveur "
            "écrit, ou mettez LDAPLAN_DATA_VERSION=database.",
            id="ldaplan.E001",
        )
    ]
