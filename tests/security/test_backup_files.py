"""`backup` and `restore` with stored files: the pièces justificatives go into a .zip beside
the rows and come back into the storage, byte for byte; a .json backup, which could not hold
them, is refused once there are some; a damaged archive changes nothing."""

import json
import zipfile
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from core.workflow import EntryStatus
from indicators.models import Attachment, Visibility, YearResult
from tests.entry.attachment_files import docx, make_attachment, pdf, read_stored
from tests.security.test_backup import content, populate

pytestmark = pytest.mark.django_db(transaction=True)


# The tables this feature adds or that its files hang on (test_backup.py compares them all).
TABLES = (
    "indicators.Attachment",
    "indicators.HistoricalAttachment",
    "indicators.YearResult",
    "indicators.HistoricalYearResult",
    "measures.BilanEntry",
    "auth.User",
)


def rows() -> dict:
    """The tables, the content types named (a flush numbers them anew: a backup names them)."""
    every = content()
    named = {ct.pk: ct.natural_key() for ct in ContentType.objects.all()}
    return {
        table: [
            row | {"content_type_id": named[row["content_type_id"]]}
            if "content_type_id" in row
            else row
            for row in every[table]
        ]
        for table in TABLES
    }


def use_storage(settings, folder):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }


@pytest.fixture
def with_files(world, settings, tmp_path):
    """The populated world, with a public file of a published result and an internal one
    of a draft, in the server's storage."""
    use_storage(settings, tmp_path / "serveur")
    populate(world)
    published = YearResult.objects.create(
        indicator=world.indicator, year=2021, value=Decimal(5), status=EntryStatus.PUBLISHED
    )
    draft = YearResult.objects.get(indicator=world.indicator, year=2023)
    return [
        make_attachment(published, title="Rapport « public »", content=pdf()),
        make_attachment(draft, Visibility.INTERNAL, title="Note", content=docx()),
    ]


def backup(path) -> str:
    err = StringIO()
    call_command("backup", output=str(path), stderr=err)
    return err.getvalue()


def test_a_zip_backup_round_trip_gives_back_the_rows_and_the_files(
    client, with_files, settings, tmp_path
):
    before = rows()
    assert before["indicators.Attachment"]
    assert before["indicators.HistoricalAttachment"]
    files = {a.file.name: read_stored(a) for a in with_files}
    path = tmp_path / "sauvegarde.zip"
    backup(path)
    with zipfile.ZipFile(path) as archive:
        assert {f"fichiers/{name}" for name in files} < set(archive.namelist())
        manifest = json.loads(archive.read("manifeste.json"))
    assert manifest["fichiers"] == sorted(files)
    assert manifest["fichiers_manquants"] == []

    # Another server: an empty database and an empty storage.
    call_command("flush", interactive=False, verbosity=0)
    use_storage(settings, tmp_path / "nouveau-serveur")
    out = StringIO()
    call_command("restore", str(path), stdout=out)

    assert "Sauvegarde restaurée" in out.getvalue()
    assert "2 fichier(s)" in out.getvalue()
    assert rows() == before
    for attachment in Attachment.objects.all():
        assert read_stored(attachment) == files[attachment.file.name]
    public = Attachment.objects.get(title="Rapport « public »")
    response = client.get(reverse("attachment", args=[public.key]))
    assert b"".join(response.streaming_content) == pdf()


def test_a_json_backup_is_refused_once_rows_name_files(with_files, tmp_path):
    with pytest.raises(CommandError, match=r"Sauvegardez-la dans un fichier \.zip"):
        call_command("backup", output=str(tmp_path / "sauvegarde.json"), stderr=StringIO())
    with pytest.raises(CommandError, match="pièces justificatives"):
        call_command("backup", output="-", stdout=StringIO())
    assert not (tmp_path / "sauvegarde.json").exists()


def test_a_json_backup_made_before_any_file_still_restores(world, settings, tmp_path):
    use_storage(settings, tmp_path / "serveur")
    populate(world)
    before = rows()
    call_command("backup", output=str(tmp_path / "ancienne.json"), stderr=StringIO())
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(tmp_path / "ancienne.json"), stdout=StringIO())
    assert rows() == before


def test_an_archive_lacking_a_file_changes_nothing(with_files, settings, tmp_path):
    path = tmp_path / "sauvegarde.zip"
    backup(path)
    damaged = tmp_path / "abimee.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            if info.filename != "fichiers/" + with_files[1].file.name:
                target.writestr(info, source.read(info))
    YearResult.objects.create(indicator=with_files[0].entry.indicator, year=2026, value=1)
    before = rows()
    use_storage(settings, tmp_path / "nouveau-serveur")

    with pytest.raises(CommandError, match="L'archive n'a pas le fichier pieces/"):
        call_command("restore", str(damaged), "--force")

    assert rows() == before
    # The file written for the refused restore went with it.
    assert not (tmp_path / "nouveau-serveur" / "pieces").exists() or not list(
        (tmp_path / "nouveau-serveur" / "pieces").iterdir()
    )


def test_a_file_missing_from_the_storage_is_said_and_the_backup_still_made(
    with_files, settings, tmp_path
):
    lost = with_files[1]
    lost.file.storage.delete(lost.file.name)
    path = tmp_path / "sauvegarde.zip"
    said = backup(path)
    assert f"Fichier absent du stockage, non sauvegardé : {lost.file.name}" in said
    call_command("flush", interactive=False, verbosity=0)
    use_storage(settings, tmp_path / "nouveau-serveur")
    err = StringIO()
    call_command("restore", str(path), stdout=StringIO(), stderr=err)
    assert f"Fichier déjà absent lors de la sauvegarde : {lost.file.name}" in err.getvalue()
    assert Attachment.objects.count() == 2


@pytest.mark.parametrize(
    ("members", "reason"),
    [({"donnees.json": b"[]"}, "pas une sauvegarde de ldaplan"), (None, "pas une sauvegarde")],
)
def test_a_zip_that_is_not_a_backup_is_refused(db, tmp_path, members, reason):
    path = tmp_path / "autre.zip"
    if members is None:
        path.write_bytes(b"pas un zip")
    else:
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in members.items():
                archive.writestr(name, data)
    with pytest.raises(CommandError, match=reason):
        call_command("restore", str(path))
