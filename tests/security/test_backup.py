"""`backup` and `restore`: a round trip on a populated database gives it back identical."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from core.backup import EXCLUDED, database_is_empty
from core.cache import current_version
from core.entries import save_entry, transition
from core.workflow import SUBMIT, VALIDATE
from indicators.entry.exchanges import ThreadKey, post_message
from indicators.models import BilanEdition, BilanEditionFile, EntryMessage, YearResult
from measures.models import BilanEntry, ReportingYear

pytestmark = pytest.mark.django_db(transaction=True)


def populate(world):
    """Entries through the workflow (so with history), texts, a published edition."""
    editor, validator = world.users["editor"], world.users["validator"]
    key = {"indicator": world.indicator, "year": 2023}
    entry = save_entry(
        YearResult, key, {"value": Decimal("74.5")}, user=editor, expected_revision=None
    )
    entry = save_entry(
        YearResult, key, {"value": Decimal("76.25")}, user=editor, expected_revision=1
    )
    transition(YearResult, entry.pk, SUBMIT, user=editor)
    transition(YearResult, entry.pk, VALIDATE, user=validator)
    post_message(
        ThreadKey("resultat", world.indicator.pk, 2023),
        author=validator,
        text="Chiffre « 76,25 » confirmé par la DLH ? (fictif)\nDeuxième ligne",
    )
    save_entry(
        BilanEntry,
        {"report_row": world.row, "reporting_year": ReportingYear.objects.get(year=2022)},
        {"bilan_text": "**Fait** : 3 conventions « signées » — ✓\n\nÉté 2023 <b>"},
        user=editor,
        expected_revision=None,
    )
    edition = BilanEdition.objects.create(
        reporting_year=ReportingYear.objects.get(year=2022),
        number=1,
        published_at=timezone.now(),
        published_by=validator,
        snapshot={"bilan": [{"texte": "é"}]},
        table_html="<table></table>",
    )
    BilanEditionFile.objects.create(
        edition=edition,
        format="pdf",
        filename="bilan-2022-perspectives-2023.pdf",
        content_type="application/pdf",
        content=bytes(range(256)),
    )


def all_models():
    """Every table a backup should hold, the many-to-many ones included."""
    excluded = {label for label in EXCLUDED if "." not in label}
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label not in excluded
        and model._meta.label_lower not in EXCLUDED
        and model._meta.managed
    ]


def content():
    """Every row of every table. Groups (created by ``migrate``) are compared by name, and
    many-to-many links by what they link: a fixture does not keep their own ids."""
    rows = {}
    for model in all_models():
        if model._meta.label_lower == "auth.group":
            values = sorted(model.objects.values_list("name"))
        elif model._meta.auto_created:
            values = sorted(
                tuple(str(getattr(link, field.name)) for field in model._meta.concrete_fields[1:])
                for link in model.objects.all()
            )
        else:
            values = list(model.objects.order_by("pk").values())
        rows[model._meta.label] = values
    return rows


def backup(path):
    call_command("backup", output=str(path), stderr=StringIO())
    return path.read_text()


def test_round_trip_gives_back_identical_content(world, tmp_path):
    populate(world)
    before = content()
    assert before["indicators.HistoricalYearResult"], "the history is part of the test"
    assert before["indicators.EntryMessage"], "the internal threads are part of the test"
    assert before["indicators.HistoricalEntryMessage"]
    first = backup(tmp_path / "sauvegarde.json")

    call_command("flush", interactive=False, verbosity=0)
    assert database_is_empty()
    out = StringIO()
    call_command("restore", str(tmp_path / "sauvegarde.json"), stdout=out)

    assert "Sauvegarde restaurée" in out.getvalue()
    assert content() == before
    assert backup(tmp_path / "encore.json") == first
    # What the tables hold is the same to the microsecond, the binary files to the byte.
    restored = BilanEditionFile.objects.get()
    assert bytes(restored.content) == bytes(range(256))
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.password == world.users["admin"].password
    message = EntryMessage.objects.get()
    assert message.text.startswith("Chiffre « 76,25 » confirmé")
    assert message.author.username == world.users["validator"].username


def test_backup_holds_history_users_and_groups_but_no_sessions_or_throttling_logs(world, tmp_path):
    populate(world)
    models = {row["model"] for row in json.loads(backup(tmp_path / "s.json"))}
    assert {
        "indicators.historicalyearresult",
        "measures.historicalbilanentry",
        "indicators.entrymessage",
        "indicators.historicalentrymessage",
        "auth.user",
        "auth.group",
        "measures.measure",
    } <= models
    assert not models & {"contenttypes.contenttype", "auth.permission", "sessions.session"}
    assert not {model for model in models if model.startswith("axes.")}


def test_restore_refuses_a_database_that_holds_data(world, tmp_path):
    path = tmp_path / "sauvegarde.json"
    backup(path)
    YearResult.objects.create(indicator=world.indicator, year=2026, value=Decimal(1))
    with pytest.raises(CommandError, match="pas vide"):
        call_command("restore", str(path))
    assert YearResult.objects.filter(year=2026).exists()
    # --force replaces it: the row added after the backup is gone.
    call_command("restore", str(path), "--force", stdout=StringIO())
    assert not YearResult.objects.filter(year=2026).exists()


def test_a_broken_backup_leaves_the_database_as_it_was(world, tmp_path):
    path = tmp_path / "sauvegarde.json"
    backup(path)
    data = json.loads(path.read_text())
    # A result pointing to an indicator that does not exist: the load fails at the end.
    broken = next(row for row in data if row["model"] == "indicators.yearresult")
    broken["fields"]["indicator"] = 999_999
    path.write_text(json.dumps(data))
    before = content()
    with pytest.raises(CommandError, match="pas été modifiée"):
        call_command("restore", str(path), "--force")
    assert content() == before


@pytest.mark.parametrize("name", ["sauvegarde.txt", "sauvegarde", "absente.json"])
def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path, name):
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / name))


def test_backup_to_standard_output_is_the_same_json(world, tmp_path):
    out = StringIO()
    call_command("backup", output="-", stdout=out)
    assert json.loads(out.getvalue()) == json.loads(backup(tmp_path / "s.json"))


def test_a_restore_moves_the_data_version_on_never_back(world, tmp_path, settings):
    """A page cached before the restore is never served after it, whatever the backup's age."""
    settings.LDAPLAN_DATA_VERSION = "database"
    path = tmp_path / "sauvegarde.json"
    backup(path)
    populate(world)  # saves after the backup: the version moves on
    before = current_version().number
    call_command("restore", str(path), force=True, stdout=StringIO())
    assert current_version().number > before
    assert "core.dataversion" not in {row["model"] for row in json.loads(path.read_text())}
