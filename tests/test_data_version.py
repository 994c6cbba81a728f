"""The page cache without Redis: the data version in a file (the default) or in the
database, the pages in each process's memory, ``Last-Modified`` beside the ``ETag``; and
the defaults that turn it on.

The made-up 2024 result below is a test value, not the City's.
"""

import os
import secrets
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import F
from django.utils.http import http_date

from core.cache import current_version
from core.models import THE_VERSION, DataVersion
from indicators.bilan.editions import publish_edition
from indicators.models import Indicator, YearResult

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
MADE_UP = "4\u00a0321\u00a0logements"


@pytest.fixture
def page_cache_without_redis(settings):
    settings.LDAPLAN_PAGE_CACHE = True
    settings.LDAPLAN_DATA_VERSION = "database"
    cache.clear()
    yield
    cache.clear()


def publish_made_up_result_elsewhere() -> None:
    """What another process of the server does when an agent's value is published: the
    row is saved there (no signal reaches this process) and the version row is bumped."""
    indicator = Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")
    YearResult.objects.bulk_create(
        [YearResult(indicator=indicator, year=2024, value=D(4321), status="published")]
    )
    DataVersion.objects.filter(pk=THE_VERSION).update(number=F("number") + 1)


@pytest.mark.usefixtures("page_cache_without_redis")
def test_a_cached_page_costs_one_query_the_version(client, seed_plan, django_assert_num_queries):
    client.get("/axes/1/", {"annee": "2024"})
    with django_assert_num_queries(1):
        response = client.get("/axes/1/", {"annee": "2024"})
    assert response.status_code == 200
    assert "Louez solidaire" in response.content.decode()


@pytest.mark.usefixtures("page_cache_without_redis")
def test_a_save_in_another_process_makes_this_process_s_pages_stale(client, seed_plan):
    before = client.get("/axes/1/", {"annee": "2024"}).content.decode()
    assert MADE_UP not in before
    # This process still holds the page, built from the version it read.
    assert client.get("/axes/1/", {"annee": "2024"}).content.decode() == before
    publish_made_up_result_elsewhere()
    assert MADE_UP in client.get("/axes/1/", {"annee": "2024"}).content.decode()


@pytest.mark.usefixtures("page_cache_without_redis")
def test_a_save_here_bumps_the_version_row(seed_plan, django_capture_on_commit_callbacks):
    version = current_version()
    with django_capture_on_commit_callbacks(execute=True):
        YearResult.objects.create(
            indicator=Indicator.objects.filter(kind="annual_flow").first(),
            year=2024,
            value=D(1),
            status="published",
        )
    bumped = current_version()
    # (The value and its history record each bump it: one save, a newer version.)
    assert bumped.number > version.number
    assert bumped.changed_at > version.changed_at


@pytest.mark.usefixtures("page_cache_without_redis")
@pytest.mark.parametrize("path", ["/axes/1/", "/donnees/valeurs.csv", "/api/axes"])
def test_pages_and_data_carry_last_modified_and_answer_304_to_if_modified_since(
    client, seed_plan, path
):
    first = client.get(path)
    changed_at = current_version().changed_at
    assert first["Last-Modified"] == http_date(int(changed_at.timestamp()))
    again = client.get(path, headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 304
    assert again["Last-Modified"] == first["Last-Modified"]
    # An older copy is sent the page again.
    older = http_date(int(changed_at.timestamp()) - 3600)
    assert client.get(path, headers={"if-modified-since": older}).status_code == 200
    # After a save elsewhere, the reader's copy is stale.
    publish_made_up_result_elsewhere()
    DataVersion.objects.filter(pk=THE_VERSION).update(changed_at=changed_at.replace(year=2099))
    stale = client.get(path, headers={"if-modified-since": first["Last-Modified"]})
    assert stale.status_code == 200


def settings_seen_by_a_new_process(**env) -> list[str]:
    """``LDAPLAN_PAGE_CACHE`` and ``LDAPLAN_DATA_VERSION`` as a server started with ``env``
    reads them."""
    script = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'ldaplan.settings');"
        "django.setup(); from django.conf import settings as s;"
        "print(s.LDAPLAN_PAGE_CACHE, s.LDAPLAN_DATA_VERSION)"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LDAPLAN_", "REDIS_"))}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=base | {"SECRET_KEY": secrets.token_urlsafe(50), "LDAPLAN_HTTPS": "0"} | env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.split()


def test_the_page_cache_is_on_by_default_with_its_version_in_a_file():
    assert settings_seen_by_a_new_process(DEBUG="0") == ["True", "file"]
    # With Redis, the version is in Redis (several servers share it).
    assert settings_seen_by_a_new_process(DEBUG="0", REDIS_URL="redis://127.0.0.1:6379/14") == [
        "True",
        "cache",
    ]
    # While developing, a changed template is never served stale.
    assert settings_seen_by_a_new_process(DEBUG="1") == ["False", "file"]
    # Several servers without Redis share the database's version.
    assert settings_seen_by_a_new_process(DEBUG="0", LDAPLAN_DATA_VERSION="database") == [
        "True",
        "database",
    ]


def test_an_unknown_place_for_the_version_stops_the_server():
    with pytest.raises(subprocess.CalledProcessError) as refused:
        settings_seen_by_a_new_process(DEBUG="0", LDAPLAN_DATA_VERSION="memcache")
    assert "LDAPLAN_DATA_VERSION vaut « cache », « file » ou « database »" in refused.value.stderr


# --- In a file (one server, several processes) --------------------------------------------


@pytest.fixture
def page_cache_with_a_version_file(settings, tmp_path):
    settings.LDAPLAN_PAGE_CACHE = True
    settings.LDAPLAN_DATA_VERSION = "file"
    settings.LDAPLAN_DATA_VERSION_FILE = str(tmp_path / "data-version")
    cache.clear()
    yield tmp_path / "data-version"
    cache.clear()


def bump_in_another_process(version_file: Path) -> None:
    """What another worker of the server does once a save commits there."""
    script = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'ldaplan.settings');"
        "django.setup(); from core.data_version import _bump; _bump()"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LDAPLAN_", "REDIS_"))}
    env = base | {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "LDAPLAN_HTTPS": "0",
        "DEBUG": "0",
        "LDAPLAN_DATA_VERSION": "file",
        "LDAPLAN_DATA_VERSION_FILE": str(version_file),
    }
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, timeout=60)


def test_a_save_in_another_process_is_seen_through_the_version_file(
    client, seed_plan, page_cache_with_a_version_file, django_assert_num_queries
):
    before = client.get("/axes/1/", {"annee": "2024"}).content.decode()
    assert MADE_UP not in before
    # A stored page costs no query: the version is read from the file.
    with django_assert_num_queries(0):
        assert client.get("/axes/1/", {"annee": "2024"}).content.decode() == before
    indicator = Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")
    YearResult.objects.bulk_create(
        [YearResult(indicator=indicator, year=2024, value=D(4321), status="published")]
    )
    bump_in_another_process(page_cache_with_a_version_file)
    assert MADE_UP in client.get("/axes/1/", {"annee": "2024"}).content.decode()


def test_the_version_file_only_moves_forward(
    seed_plan, page_cache_with_a_version_file, django_capture_on_commit_callbacks
):
    numbers = [current_version().number]
    for value in (1, 2, 3):
        with django_capture_on_commit_callbacks(execute=True):
            YearResult.objects.create(
                indicator=Indicator.objects.filter(kind="annual_flow").first(),
                year=2030 + value,
                value=D(value),
                status="published",
            )
        numbers.append(current_version().number)
    assert numbers == sorted(set(numbers))
    # Its time is the time of the last save.
    assert current_version().changed_at.year >= 2026


def test_a_missing_or_unreadable_version_file_is_written_anew(page_cache_with_a_version_file):
    version_file = page_cache_with_a_version_file
    first = current_version()
    assert int(version_file.read_text()) == first.number
    version_file.write_text("pas un nombre")
    second = current_version()
    assert second.number > first.number
    version_file.unlink()
    assert current_version().number > second.number
    # No draft of the file is left beside it.
    assert [path.name for path in version_file.parent.iterdir()] == ["data-version"]


# --- Exports ----------------------------------------------------------------------------------


def test_a_frozen_edition_file_is_revalidated_by_its_own_tag(client, seed_plan):
    edition = publish_edition(2022)
    path = f"/bilan/2022/editions/{edition.number}/csv/"
    first = client.get(path)
    assert first.status_code == 200
    assert first["Last-Modified"] == http_date(int(edition.published_at.timestamp()))
    again = client.get(path, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    # The frozen file never changes: a later save leaves its tag as it was.
    publish_made_up_result_elsewhere()
    assert client.get(path)["ETag"] == first["ETag"]


@pytest.mark.usefixtures("page_cache_without_redis")
def test_a_live_export_is_revalidated_by_the_data_version(client, seed_plan):
    client.force_login(get_user_model().objects.create_superuser("admin", password=None))
    path = "/bilan/final/export/csv/"
    first = client.get(path)
    assert first.status_code == 200
    assert "Last-Modified" in first
    assert client.get(path, headers={"if-none-match": first["ETag"]}).status_code == 304
    publish_made_up_result_elsewhere()
    changed = client.get(path, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_a_version_file_the_server_cannot_write_stops_it_before_it_starts(settings, tmp_path):
    from django.core.checks import run_checks

    settings.LDAPLAN_DATA_VERSION = "file"
    not_a_folder = tmp_path / "fichier"
    not_a_folder.write_text("")
    settings.LDAPLAN_DATA_VERSION_FILE = str(not_a_folder / "data-version")
    errors = [error for error in run_checks() if error.id == "ldaplan.E001"]
    assert len(errors) == 1
    assert "ne peut pas être écrit" in errors[0].msg
    # A folder still to be made, under one the server writes, is fine.
    settings.LDAPLAN_DATA_VERSION_FILE = str(tmp_path / "var" / "neuf" / "data-version")
    assert not [error for error in run_checks() if error.id == "ldaplan.E001"]
    settings.LDAPLAN_DATA_VERSION = "database"
    settings.LDAPLAN_DATA_VERSION_FILE = str(not_a_folder / "data-version")
    assert not [error for error in run_checks() if error.id == "ldaplan.E001"]
