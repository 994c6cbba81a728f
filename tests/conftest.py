import pytest
from django.core.management import call_command

from measures import glossary


@pytest.fixture
def seed_plan(db):
    """The 2022 report loaded from fixtures/plan.json."""
    call_command("loaddata", "plan", verbosity=0)


@pytest.fixture(autouse=True)
def _no_page_cache_unless_asked(settings):
    """Tests roll their transactions back, so no save ever bumps the cache version:
    the page cache stays off except in the tests about it (tests/test_page_cache.py)."""
    settings.LDAPLAN_PAGE_CACHE = False


@pytest.fixture(autouse=True)
def _data_version_file_of_the_run(settings, tmp_path_factory):
    """A save writes the data version's file (core.data_version): the run's own, never
    the checkout's var/data-version."""
    settings.LDAPLAN_DATA_VERSION_FILE = str(tmp_path_factory.getbasetemp() / "data-version")


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Pages render without collectstatic; the hashed storage is tested on its own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# The fixtures that give a test the database (directly or through another fixture).
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


def _uses_database(request) -> bool:
    return bool(
        request.node.get_closest_marker("django_db")
        or DATABASE_FIXTURES.intersection(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def _glossary_kept_as_by_a_running_server(request, django_db_blocker, monkeypatch):
    """A running server reads the glossary's terms once and keeps them between requests
    (``measures.glossary.current_abbreviations``); each test starts that way, so that
    the pinned query counts are a page's own, however long a test takes to build its data
    (the terms do not age during a test). A test that changes a term leaves the next one
    to read the terms again (its changes were rolled back).

    A test without the database reads no page: it gets no terms. (pytest-django sets
    the test database up only when a collected test asks for it, so a run of such
    tests alone has no tables to read.)"""
    monkeypatch.setattr(glossary, "MAX_AGE", float("inf"))
    if _uses_database(request):
        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            glossary.current_abbreviations()
    changes_before = glossary.changes
    yield
    if glossary.changes != changes_before:
        glossary.forget_abbreviations()
