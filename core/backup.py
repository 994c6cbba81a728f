"""Backing up the whole database to one JSON file, and restoring it into an empty one.

The file is Django's JSON fixture format (``dumpdata``), readable by
``loaddata``, with:

* every model of the project, the history tables included, and the users,
  groups and their permissions, each row with its primary key; groups (which
  ``migrate`` creates) and the permissions and content types rows point to are
  named by natural key (group name, app label and code name), so the file
  loads into any freshly migrated database;
* not the content types and permissions themselves (``migrate`` creates them),
  nor sessions and the login-throttling logs (``axes``): they are not data;
* dates and times to the microsecond (``DjangoJSONEncoder`` keeps the
  millisecond only): a restored database is the same, not nearly the same.

``restore`` empties the database (``flush``) and loads the file in one
transaction: if anything fails, the database is left as it was.
"""

import datetime
import os
import tempfile
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.serializers import json as json_serializer
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils.translation import gettext as _

from .cache import bump_data_version
from .models import THE_VERSION, DataVersion

FORMAT = "ldaplan_json"
# The data version (core.models) is the server's, not the data's: a restore moves it on
# rather than back, so that no page cached before the restore is served after it.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "core.dataversion"]
# Rows that migrate itself creates: a database holding only these is empty.
CREATED_BY_MIGRATE = {"auth.group"}
# Rows data migrations seed (the glossary's terms, and the history of the three
# completed by measures 0007): a database holding only these and the above is empty too.
SEEDED_BY_MIGRATIONS = {"measures.glossaryterm", "measures.historicalglossaryterm"}
SUFFIX = ".json"


class BackupError(Exception):
    """A backup or restore that cannot be done; ``str(error)`` is the French reason."""


class Serializer(json_serializer.Serializer):
    """Django's JSON serializer, with dates and times to the microsecond, and every
    row's primary key but those of the rows ``migrate`` creates (found by name)."""

    def get_dump_object(self, obj):
        data = super().get_dump_object(obj)
        if "pk" not in data and obj._meta.label_lower not in CREATED_BY_MIGRATE:
            data = {"pk": self._value_from_field(obj, obj._meta.pk), **data}
        return data

    def _value_from_field(self, obj, field):
        value = super()._value_from_field(obj, field)
        if isinstance(value, (datetime.datetime, datetime.time)):
            return value.isoformat()
        return value


Deserializer = json_serializer.Deserializer


def _register() -> None:
    if FORMAT not in serializers.get_serializer_formats():
        serializers.register_serializer(FORMAT, __name__)


def backed_up_models() -> list:
    """The models whose rows a backup holds."""
    excluded_apps = {label for label in EXCLUDED if "." not in label}
    excluded_models = {label for label in EXCLUDED if "." in label}
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in excluded_apps
        and model._meta.label_lower not in excluded_models
        and model._meta.managed
        and not model._meta.proxy
    ]


def database_is_empty(using: str = DEFAULT_DB_ALIAS) -> bool:
    """True when no model a backup holds has a row, but those ``migrate`` creates."""
    return not any(
        model._default_manager.using(using).exists()
        for model in backed_up_models()
        if model._meta.label_lower not in CREATED_BY_MIGRATE | SEEDED_BY_MIGRATIONS
    )


def write_backup(output, using: str = DEFAULT_DB_ALIAS) -> None:
    """Write the backup to ``output``, a path or a text stream (e.g. ``sys.stdout``)."""
    _register()
    options = {
        "format": FORMAT,
        "exclude": EXCLUDED,
        "use_natural_foreign_keys": True,
        "use_natural_primary_keys": True,
        "indent": 1,
        "database": using,
        "verbosity": 0,
    }
    if not isinstance(output, (str, Path)):
        call_command("dumpdata", stdout=output, **options)
        return
    path = Path(output)
    if path.suffix != SUFFIX:
        raise BackupError(_("Le fichier de sauvegarde doit finir par « .json »."))
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside, then renamed: an interrupted backup never replaces a good one.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".sauvegarde-", suffix=SUFFIX)
    os.close(handle)
    try:
        call_command("dumpdata", output=temporary, **options)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def restore_backup(path, *, force: bool = False, using: str = DEFAULT_DB_ALIAS) -> int:
    """Empty the database and load the backup at ``path``, all or nothing.

    A database that holds data is refused unless ``force``. Returns the number
    of rows loaded.
    """
    path = Path(path)
    if path.suffix != SUFFIX:
        raise BackupError(_("Le fichier de sauvegarde doit finir par « .json »."))
    if not path.is_file():
        raise BackupError(_("Fichier introuvable : %(path)s") % {"path": path})
    if not force and not database_is_empty(using):
        raise BackupError(
            _(
                "La base de données n'est pas vide : la restauration remplacerait tout ce "
                "qu'elle contient. Relancez avec --force pour le faire quand même."
            )
        )
    with transaction.atomic(using=using):
        version = DataVersion.objects.using(using).filter(pk=THE_VERSION).first()
        call_command("flush", interactive=False, database=using, verbosity=0)
        call_command("loaddata", str(path), database=using, verbosity=0)
        if version is not None:
            version.save(using=using)  # as it was (flush emptied its table), then bumped
        bump_data_version()
    return sum(model._default_manager.using(using).count() for model in backed_up_models())
