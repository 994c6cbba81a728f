"""Conditional requests on the public pages: an ``ETag`` from the page's key and the data
version, a ``304`` to a reader who revalidates an unchanged page, a new tag after any
save; none for staff, nor while the page cache (and its shared version) is off."""

from decimal import Decimal as D

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.urls import reverse

from indicators.models import Indicator, YearResult
from tests.accounts import login, make_user

pytestmark = pytest.mark.django_db


def publish_made_up_result(value: int) -> None:
    """A made-up 2024 result of Louez solidaire, published: a save that bumps the version."""
    YearResult.objects.create(
        indicator=Indicator.objects.get(label="Logements Louez solidaire captés dans l'année"),
        year=2024,
        value=D(value),
        status="published",
    )


PAGES = ("/", "/axes/1/", "/mesures/3/", "/bilan/2022/", "/bilan/final/")


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


@pytest.mark.usefixtures("page_cache")
@pytest.mark.parametrize("path", PAGES)
def test_an_unchanged_page_is_answered_304_without_rendering(
    client, seed_plan, path, django_assert_max_num_queries
):
    first = client.get(path)
    assert first.status_code == 200
    etag = first["ETag"]
    # Rendered once, stored: the revalidation reads the cache only.
    with django_assert_max_num_queries(0):
        again = client.get(path, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    # The page served from the cache carries the same tag.
    assert client.get(path)["ETag"] == etag


@pytest.mark.usefixtures("page_cache")
def test_a_save_changes_every_tag(client, seed_plan, django_capture_on_commit_callbacks):
    etag = client.get("/axes/1/")["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        publish_made_up_result(80)
    response = client.get("/axes/1/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag


@pytest.mark.usefixtures("page_cache")
def test_the_language_is_part_of_the_tag(client, seed_plan):
    french = client.get("/")["ETag"]
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/", headers={"if-none-match": french})
    assert english.status_code == 200
    assert english["ETag"] != french


@pytest.mark.usefixtures("page_cache")
def test_staff_pages_and_other_answers_carry_no_tag(client, seed_plan):
    login(client, make_user("agent-etag"))
    assert "ETag" not in client.get("/")
    client.logout()
    # A parameter the page does not read: served, not stored, not tagged.
    assert "ETag" not in client.get("/", {"utm_source": "lettre"})
    assert client.get("/mesures/99/").status_code == 404


def test_without_the_page_cache_no_tag_is_sent(client, seed_plan, settings):
    settings.LDAPLAN_PAGE_CACHE = False
    response = client.get("/")
    assert response.status_code == 200
    assert "ETag" not in response
    assert (
        client.get(reverse("indicators:overview"), headers={"if-none-match": "*"}).status_code
        == 200
    )


DATA_ANSWERS = ("/donnees/valeurs.csv", "/donnees/valeurs.json", "/api/indicateurs?limit=5")


@pytest.mark.usefixtures("page_cache")
@pytest.mark.parametrize("path", DATA_ANSWERS)
def test_open_data_and_api_answers_are_revalidated_by_the_data_version(
    client, seed_plan, path, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    first = client.get(path)
    assert first.status_code == 200
    etag = first["ETag"]
    with django_assert_max_num_queries(0):
        assert client.get(path, headers={"if-none-match": etag}).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        publish_made_up_result(81)
    changed = client.get(path, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_open_data_is_not_tagged_when_every_reader_must_log_in(client, seed_plan, settings):
    settings.LDAPLAN_PAGE_CACHE = True
    settings.LDAPLAN_LOGIN_REQUIRED = True
    assert "ETag" not in client.get("/donnees/valeurs.csv")


@pytest.mark.usefixtures("page_cache")
@pytest.mark.parametrize(
    ("url", "patched"),
    [
        ("/bilan/2022/export/pdf/", "indicators.bilan.views.export_bilan"),
        ("/bilan/final/export/pdf/", "indicators.bilan.final_views.load_final_bilan"),
    ],
)
def test_an_unchanged_bilan_file_is_written_once_per_data_version(
    client, seed_plan, monkeypatch, django_capture_on_commit_callbacks, url, patched
):
    from tests.bilan.helpers import exporter

    module_name, name = patched.rsplit(".", 1)
    module = __import__(module_name, fromlist=[name])
    real, calls = getattr(module, name), []

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    client.force_login(exporter())
    first = client.get(url)
    assert first.status_code == 200
    assert first.content.startswith(b"%PDF")
    second = client.get(url)
    assert (second.content, len(calls)) == (first.content, 1)
    with django_capture_on_commit_callbacks(execute=True):
        publish_made_up_result(82)
    assert client.get(url).status_code == 200
    assert len(calls) == 2


def test_without_the_page_cache_each_download_is_written(client, seed_plan, settings, monkeypatch):
    from tests.bilan.helpers import exporter

    settings.LDAPLAN_PAGE_CACHE = False
    import indicators.bilan.views as views

    real, calls = views.export_bilan, []
    monkeypatch.setattr(views, "export_bilan", lambda *a: calls.append(a) or real(*a))
    client.force_login(exporter())
    for _ in range(2):
        assert client.get("/bilan/2022/export/csv/").status_code == 200
    assert len(calls) == 2
