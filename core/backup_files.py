"""The stored files of a backup: every file a row names (a ``FileField``), read and written
through its field's storage (a folder or an S3 bucket alike).

A backup that holds files is a ZIP archive (``core.backup``): the rows as ``donnees.json``
(the JSON backup, unchanged), each file under ``fichiers/<its name in the storage>``, and
``manifeste.json`` saying what it holds. Files are copied in chunks, never read whole
into memory, and stored as they are (PDFs, images and office documents are compressed
already).
"""

import json
import shutil
import zipfile

from django.core.files import File
from django.db import models

DATA_MEMBER = "donnees.json"
MANIFEST_MEMBER = "manifeste.json"
FILES_FOLDER = "fichiers/"
MANIFEST_FORMAT = "ldaplan-sauvegarde"
MANIFEST_VERSION = 1
CHUNK = 1024 * 1024


def file_fields(backed_up_models) -> list[tuple]:
    """(model, field) for every file field of the backed-up models. History tables keep a
    file's name as text: they name no file of their own."""
    return [
        (model, field)
        for model in backed_up_models
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def stored_files(backed_up_models, using: str) -> list[tuple]:
    """(storage, name) of every file the rows name, each once, in a stable order."""
    found = {}
    for model, field in file_fields(backed_up_models):
        names = (
            model._default_manager.using(using)
            .exclude(**{field.attname: ""})
            .values_list(field.attname, flat=True)
        )
        for name in names:
            found.setdefault(name, field.storage)
    return [(found[name], name) for name in sorted(found)]


def write_archive(path, data_path, files: list[tuple]) -> list[str]:
    """The ZIP at ``path``: the JSON at ``data_path``, the files, the manifest. Returns the
    names of the files the storage no longer has (listed in the manifest, not archived)."""
    missing = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        archive.write(data_path, DATA_MEMBER)
        for storage, name in files:
            try:
                source = storage.open(name, "rb")
            except OSError:
                missing.append(name)
                continue
            member = zipfile.ZipInfo(FILES_FOLDER + name)
            member.compress_type = zipfile.ZIP_STORED
            with source, archive.open(member, "w", force_zip64=True) as target:
                shutil.copyfileobj(source, target, CHUNK)
        manifest = {
            "format": MANIFEST_FORMAT,
            "version": MANIFEST_VERSION,
            "fichiers": [name for _storage, name in files if name not in missing],
            "fichiers_manquants": missing,
        }
        archive.writestr(MANIFEST_MEMBER, json.dumps(manifest, ensure_ascii=False, indent=1))
    return missing


def read_manifest(archive: zipfile.ZipFile) -> dict | None:
    """The archive's manifest, or None when it is not one of our backups."""
    names = set(archive.namelist())
    if DATA_MEMBER not in names or MANIFEST_MEMBER not in names:
        return None
    try:
        manifest = json.loads(archive.read(MANIFEST_MEMBER))
    except ValueError:
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        return None
    return manifest


def restore_files(archive: zipfile.ZipFile, files: list[tuple], written: list) -> list[str]:
    """Put back into their storages the files the restored rows name, adding each one
    written to ``written`` (storage, name) as it goes.

    A name the storage already has is left as it is (names are random and a file is never
    rewritten under its name). Returns the names the archive lacks."""
    members = set(archive.namelist())
    lacking = []
    for storage, name in files:
        if storage.exists(name):
            continue
        if FILES_FOLDER + name not in members:
            lacking.append(name)
            continue
        with archive.open(FILES_FOLDER + name) as content:
            saved = storage.save(name, File(content, name=name))
        written.append((storage, saved))
        if saved != name:
            raise OSError(f"{name} restored as {saved}")
    return lacking


def delete_files(files: list[tuple]) -> None:
    for storage, name in files:
        storage.delete(name)
