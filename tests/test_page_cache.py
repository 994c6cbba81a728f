"""The public page cache: served from the cache, invalidated by any save, across processes."""

import os
import secrets
import subprocess
import sys
import time
import uuid
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from core.cache import PAGE_TIMEOUT, data_version
from core.data_version import DATA_VERSION_AT_KEY, DATA_VERSION_KEY
from indicators.models import Indicator, YearResult

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def page_cache(settings):
    """The page cache with its version in the shared cache, as with Redis (the local
    memory stands in for it: one process); ``tests/test_data_version.py`` has the
    version in the database."""
    settings.LDAPLAN_PAGE_CACHE = True
    settings.LDAPLAN_DATA_VERSION = "cache"
    cache.clear()
    yield
    cache.clear()


def publish_result(value):
    indicator = Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")
    return YearResult.objects.create(
        indicator=indicator, year=2024, value=value, status="published"
    )


@pytest.mark.usefixtures("page_cache")
def test_a_cached_page_costs_no_query(client, seed_plan, django_assert_num_queries):
    client.get(reverse("indicators:axis", args=[1]))
    with django_assert_num_queries(0):
        response = client.get(reverse("indicators:axis", args=[1]))
    assert response.status_code == 200
    assert "Louez solidaire" in response.content.decode()


@pytest.mark.usefixtures("page_cache")
def test_cached_page_still_gets_its_security_headers(client, seed_plan):
    client.get("/")
    response = client.get("/")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.usefixtures("page_cache")
def test_a_save_makes_the_cached_pages_stale(client, seed_plan, django_capture_on_commit_callbacks):
    before = client.get(reverse("indicators:axis", args=[1]), {"annee": "2024"}).content.decode()
    assert "4\u00a0321\u00a0logements" not in before
    version = data_version()
    with django_capture_on_commit_callbacks(execute=True):
        publish_result(D(4321))
    assert data_version() > version
    after = client.get(reverse("indicators:axis", args=[1]), {"annee": "2024"}).content.decode()
    assert "4\u00a0321\u00a0logements" in after


@pytest.mark.usefixtures("page_cache")
def test_a_page_read_again_under_the_same_version_is_not_fetched_again(
    client, seed_plan, monkeypatch, django_capture_on_commit_callbacks
):
    """Each process keeps a copy of the pages it read from the shared cache: read again
    under the same version, a page costs the shared cache the version only."""
    fetched = []
    real_get = cache.get
    monkeypatch.setattr(
        cache, "get", lambda key, *a, **kw: fetched.append(key) or real_get(key, *a, **kw)
    )
    url = reverse("indicators:axis", args=[1])
    client.get(url)  # built and stored
    client.get(url)  # fetched from the shared cache once, kept
    fetched.clear()
    for _ in range(3):
        assert "Louez solidaire" in client.get(url).content.decode()
    assert set(fetched) == {DATA_VERSION_KEY, DATA_VERSION_AT_KEY}
    with django_capture_on_commit_callbacks(execute=True):
        publish_result(D(4321))
    html = client.get(url, {"annee": "2024"}).content.decode()
    assert "4\u00a0321\u00a0logements" in html


@pytest.mark.usefixtures("page_cache")
def test_a_shared_cache_emptied_never_serves_a_process_s_older_copy(client, seed_plan):
    """Redis restarted or emptied: its counter begins anew from a number never used, so a
    copy a process kept from before is not served, even for data changed without a save
    going through the site (here an update in the database itself)."""
    url = reverse("indicators:axis", args=[1])
    client.get(url, {"annee": "2024"})
    client.get(url, {"annee": "2024"})
    publish_result(D(1))
    YearResult.objects.filter(year=2024).update(value=D(4321))
    cache.clear()
    html = client.get(url, {"annee": "2024"}).content.decode()
    assert "4\u00a0321\u00a0logements" in html


@pytest.mark.usefixtures("page_cache")
def test_logged_in_readers_are_never_served_a_cached_page(client, seed_plan, admin_user):
    client.get("/")
    client.force_login(admin_user)
    html = client.get("/").content.decode()
    assert "Se déconnecter" in html


# Two processes sharing one Redis: a save in one invalidates the pages of the other.

TWO_PROCESS_SCRIPT = """
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ldaplan.settings")
django.setup()
from django.core.cache import cache
from core.cache import DATA_VERSION_KEY, bump_data_version, data_version
action = sys.argv[1]
if action == "read":
    print(data_version())
elif action == "bump":
    from django.db import transaction
    with transaction.atomic():
        bump_data_version()
    print(cache.get(DATA_VERSION_KEY))
"""


def run_process(action: str, env: dict) -> int:
    result = subprocess.run(
        [sys.executable, "-c", TWO_PROCESS_SCRIPT, action],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return int(result.stdout.strip().splitlines()[-1])


def redis_url() -> str:
    # Only the two child processes use Redis; the suite itself keeps its local cache.
    url = os.environ.get("LDAPLAN_TEST_REDIS_URL", "")
    if not url:
        if os.environ.get("LDAPLAN_REQUIRE_REDIS") == "1":
            pytest.fail("LDAPLAN_REQUIRE_REDIS=1 but LDAPLAN_TEST_REDIS_URL is not set")
        pytest.skip("LDAPLAN_TEST_REDIS_URL is not set: this test needs a Redis server")
    return url


def test_invalidation_crosses_processes_through_redis():
    env = os.environ | {
        "REDIS_URL": redis_url(),
        # A prefix of its own: this test never touches another run's keys.
        "LDAPLAN_CACHE_PREFIX": f"ldaplan-test-{uuid.uuid4().hex}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        "LDAPLAN_HTTPS": "0",
        # The children share only Redis; their own database is a throw-away one.
        "DATABASE_URL": "sqlite://:memory:",
    }
    first_seen = run_process("read", env)
    bumped = run_process("bump", env)
    seen_by_another_process = run_process("read", env)
    assert bumped == first_seen + 1
    assert seen_by_another_process == bumped


@pytest.mark.usefixtures("page_cache")
def test_made_up_parameters_share_one_cache_entry(client, seed_plan, django_assert_num_queries):
    client.get("/axes/1/", {"annee": "2022"})
    with django_assert_num_queries(0):
        client.get("/axes/1/", {"annee": "2022", "x": "1"})
    with django_assert_num_queries(0):
        client.get("/axes/1/", {"annee": "2022", "utm": "a" * 200})


def cached_entries() -> int:
    """How many pages the local-memory cache holds (the data version is one more key)."""
    return sum(1 for key in cache._cache if ":page:" in key)


@pytest.mark.usefixtures("page_cache")
@pytest.mark.parametrize(
    "query",
    [
        {"annee": "02022"},
        {"annee": "٢٠٢٢"},  # Arabic-Indic digits
        {"annee": "２０２２"},  # full-width digits
        {"ind-sort": "n-importe-quoi"},
        {"ind-sort": "-label,status"},
    ],
    ids=["leading zero", "arabic-indic", "full-width", "unknown column", "two columns"],
)
def test_odd_spellings_of_what_a_page_reads_are_answered_without_the_cache(
    client, seed_plan, query
):
    client.get("/axes/1/", {"annee": "2022"})
    before = cached_entries()
    for _ in range(2):
        response = client.get("/axes/1/", query)
        assert response.status_code in (200, 404)
    assert cached_entries() == before


@pytest.mark.usefixtures("page_cache")
def test_what_a_page_reads_is_cached_once_per_value(client, seed_plan):
    for sort in ("label", "-label", "label"):
        client.get("/axes/1/", {"annee": "2022", "ind-sort": sort})
    assert cached_entries() == 2


@pytest.mark.usefixtures("page_cache")
def test_repeated_parameters_never_share_a_cached_page(client, seed_plan):
    plain = client.get("/axes/1/?annee=2022").content
    before = cached_entries()
    repeated = client.get("/axes/1/?annee=2022&annee=2023").content
    assert repeated != plain  # the page read the last value, 2023
    assert cached_entries() == before
    assert client.get("/axes/1/?annee=2022").content == plain


@pytest.mark.usefixtures("page_cache")
def test_parameters_a_page_does_not_read_never_reach_a_cached_page(client, seed_plan):
    marker = "piege-a-cache"
    with_extra = client.get("/axes/1/", {"annee": "2022", "utm_source": marker})
    assert marker in with_extra.content.decode()  # the language switcher's « next »
    assert cached_entries() == 0
    plain = client.get("/axes/1/", {"annee": "2022"}).content.decode()
    assert marker not in plain
    # Once the plain page is cached, a link with extra parameters is served it.
    assert marker not in client.get("/axes/1/", {"annee": "2022", "x": marker}).content.decode()


@pytest.mark.usefixtures("page_cache")
def test_a_flash_message_is_shown_to_its_reader_and_never_cached(client, seed_plan):
    # An anonymous reader carrying a message cookie (as after a redirect with a message).
    message = Message(messages.SUCCESS, "Brouillon enregistré : 42")
    client.cookies["messages"] = CookieStorage(HttpRequest())._encode([message])

    assert "Brouillon enregistré : 42" in client.get("/").content.decode()
    client.cookies.pop("messages", None)
    assert "Brouillon enregistré" not in client.get("/").content.decode()
    other_reader = Client()
    assert "Brouillon enregistré" not in other_reader.get("/").content.decode()


@pytest.mark.usefixtures("page_cache")
def test_cached_pages_expire_even_if_never_read_again(client, seed_plan):
    """A page of an older data version is never served; it also leaves the cache in time."""
    client.get("/axes/1/", {"annee": "2022"})
    keys = [key for key in cache._cache if ":page:" in key]
    assert len(keys) == 1
    expires_in = cache._expire_info[keys[0]] - time.time()
    assert 0 < expires_in <= PAGE_TIMEOUT
