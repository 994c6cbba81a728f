"""Backing up the whole database, and the files its rows name, and restoring them into an
empty one.

The rows are written in Django's JSON fixture format (``dumpdata``), readable by
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

A ``.zip`` backup holds that JSON and every stored file the rows name (the pièces
justificatives, from the default storage: a folder or an S3 bucket), see
``core.backup_files``; a ``.json`` backup holds the rows only, and is refused once rows
name stored files, so that no backup silently lacks them. Both restore; a JSON backup
made before the files existed restores as before.

``restore`` empties the database (``flush``) and loads the rows in one transaction,
putting the archive's files back in the same transaction: if anything fails, the
database is left as it was and the files written for it are deleted.
"""

import datetime
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.serializers import json as json_serializer
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils.translation import gettext as _

from .backup_files import (
    CHUNK,
    DATA_MEMBER,
    delete_files,
    read_manifest,
    restore_files,
    stored_files,
    write_archive,
)
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
ARCHIVE_SUFFIX = ".zip"
SUFFIXES = (ARCHIVE_SUFFIX, SUFFIX)


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


def _refuse_files_outside_an_archive(files: list) -> None:
    if files:
        raise BackupError(
            _(
                "La base nomme %(count)s fichier(s) enregistré(s) (pièces justificatives) : "
                "une sauvegarde .json ne les contiendrait pas. Sauvegardez-la dans un "
                "fichier .zip, qui garde aussi les fichiers."
            )
            % {"count": len(files)}
        )


def _temporary(folder: Path | None, suffix: str) -> str:
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".sauvegarde-", suffix=suffix)
    os.close(handle)
    return temporary


def write_backup(output, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Write the backup to ``output``: a ``.zip`` path (the rows and the stored files), a
    ``.json`` path or a text stream (e.g. ``sys.stdout``: the rows only, refused when rows
    name stored files). Returns the names of the files the storage no longer had."""
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
        _refuse_files_outside_an_archive(stored_files(backed_up_models(), using))
        call_command("dumpdata", stdout=output, **options)
        return []
    path = Path(output)
    if path.suffix not in SUFFIXES:
        raise BackupError(_("Le fichier de sauvegarde doit finir par « .zip » ou « .json »."))
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside, then renamed: an interrupted backup never replaces a good one.
    temporaries = [_temporary(path.parent, SUFFIX)]
    missing = []
    try:
        call_command("dumpdata", output=temporaries[0], **options)
        # Listed once the rows are written: every file they name is in the list (one
        # removed meanwhile is said missing; one added meanwhile is kept for nothing).
        files = stored_files(backed_up_models(), using)
        if path.suffix == SUFFIX:
            _refuse_files_outside_an_archive(files)
            os.replace(temporaries[0], path)
        else:
            temporaries.append(_temporary(path.parent, ARCHIVE_SUFFIX))
            missing = write_archive(temporaries[1], temporaries[0], files)
            os.replace(temporaries[1], path)
    finally:
        for temporary in temporaries:
            if os.path.exists(temporary):
                os.unlink(temporary)
    return missing


@dataclass(frozen=True)
class Restored:
    rows: int
    files: int = 0
    # Files the rows name that were already missing when the backup was made.
    missing_files: tuple[str, ...] = ()


def restore_backup(path, *, force: bool = False, using: str = DEFAULT_DB_ALIAS) -> Restored:
    """Empty the database and load the backup at ``path``, all or nothing; from a ``.zip``,
    put its files back into their storage too.

    A database that holds data is refused unless ``force``.
    """
    path = Path(path)
    if path.suffix not in SUFFIXES:
        raise BackupError(_("Le fichier de sauvegarde doit finir par « .zip » ou « .json »."))
    if not path.is_file():
        raise BackupError(_("Fichier introuvable : %(path)s") % {"path": path})
    if not force and not database_is_empty(using):
        raise BackupError(
            _(
                "La base de données n'est pas vide : la restauration remplacerait tout ce "
                "qu'elle contient. Relancez avec --force pour le faire quand même."
            )
        )
    if path.suffix == SUFFIX:
        _load(path, using)
        return Restored(rows=_row_count(using))
    return _restore_archive(path, using)


def _load(data_path, using: str, after_load=lambda: None) -> None:
    """Empty the database and load ``data_path``, then ``after_load()``, in one transaction."""
    with transaction.atomic(using=using):
        version = DataVersion.objects.using(using).filter(pk=THE_VERSION).first()
        call_command("flush", interactive=False, database=using, verbosity=0)
        call_command("loaddata", str(data_path), database=using, verbosity=0)
        after_load()
        if version is not None:
            version.save(using=using)  # as it was (flush emptied its table), then bumped
        bump_data_version()


def _row_count(using: str) -> int:
    return sum(model._default_manager.using(using).count() for model in backed_up_models())


class _FilesPutBack:
    """Called once the archive's rows are loaded, in their transaction: puts the files they
    name back into their storages; refuses (and so undoes the load) when the archive lacks
    one that was there when it was made."""

    def __init__(self, archive: zipfile.ZipFile, manifest: dict, using: str):
        self.archive, self.using = archive, using
        self.known_missing = set(manifest.get("fichiers_manquants", ()))
        self.written: list[tuple] = []
        self.missing: tuple[str, ...] = ()

    def __call__(self) -> None:
        files = stored_files(backed_up_models(), self.using)
        lacking = restore_files(self.archive, files, self.written)
        unexpected = sorted(set(lacking) - self.known_missing)
        if unexpected:
            raise BackupError(
                _("L'archive n'a pas le fichier %(name)s : la base n'a pas été modifiée.")
                % {"name": unexpected[0]}
            )
        self.missing = tuple(lacking)


def _restore_archive(path: Path, using: str) -> Restored:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise BackupError(_("Cette archive n'est pas une sauvegarde lisible.")) from None
    with archive:
        manifest = read_manifest(archive)
        if manifest is None:
            raise BackupError(_("Cette archive n'est pas une sauvegarde de ldaplan."))
        data_path = _temporary(None, SUFFIX)
        files = _FilesPutBack(archive, manifest, using)
        try:
            with archive.open(DATA_MEMBER) as data, open(data_path, "wb") as target:
                shutil.copyfileobj(data, target, CHUNK)
            _load(data_path, using, after_load=files)
        except BaseException:
            # The rows are as they were: the files written for them go too.
            delete_files(files.written)
            raise
        finally:
            os.unlink(data_path)
    return Restored(rows=_row_count(using), files=len(files.written), missing_files=files.missing)
