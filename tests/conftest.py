import pytest
from django.core.management import call_command


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
def _plain_static_storage(settings):
    """Pages render without collectstatic; the hashed storage is tested on its own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
