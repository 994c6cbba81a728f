"""The public pages' cache, invalidated on every save by a shared data version.

Anonymous readers all see the same published figures, so their pages are
cached whole (content and type only: headers such as the CSP are added per
request by the middleware). Each page is stored with the *data version* it
was built from, a counter in the shared cache that any save of the plan's
data bumps once its transaction commits; a page is served only while its
version is the current one, so one bump makes every cached page stale at
once, in every process that shares the cache (Redis when ``REDIS_URL`` is set).

With the default local-memory cache each process has its own counter, so the
page cache is only on by default when a shared cache is configured
(``LDAPLAN_PAGE_CACHE`` forces it on or off).
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import get_language

DATA_VERSION_KEY = "ldaplan:data-version"
PAGE_TIMEOUT = 24 * 3600  # seconds; a new data version makes old pages unreachable anyway


def data_version() -> int:
    version = cache.get(DATA_VERSION_KEY)
    if version is None:
        cache.add(DATA_VERSION_KEY, 1, timeout=None)
        version = cache.get(DATA_VERSION_KEY, 1)
    return version


def bump_data_version() -> None:
    """Make every cached page stale, after the current transaction commits."""

    def bump():
        try:
            cache.incr(DATA_VERSION_KEY)
        except ValueError:
            # No counter yet (or evicted): any new value differs from the old keys'.
            cache.add(DATA_VERSION_KEY, 2, timeout=None)

    transaction.on_commit(bump)


# The query parameters the cached pages read; any other one is ignored by the
# pages and left out of the key, so made-up parameters cannot fill the cache.
PAGE_PARAMETERS = ("annee", "ind-sort")


def page_key(request) -> str:
    params = "&".join(f"{name}={request.GET.get(name, '')}" for name in PAGE_PARAMETERS)
    raw = f"{get_language()}|{request.path}|{params}"
    return "ldaplan:page:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_page(key: str):
    """(current data version, stored page or None), in one round trip to the cache.

    A page is stored with the version it was built from; it is served only
    while that version is still the current one.
    """
    found = cache.get_many([DATA_VERSION_KEY, key])
    version = found.get(DATA_VERSION_KEY)
    if version is None:
        version = data_version()
    stored = found.get(key)
    if stored is not None and stored[0] == version:
        return version, stored
    return version, None


def public_page_cache(view):
    """Cache a public GET page for anonymous readers, until the data changes."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        cacheable = (
            settings.LDAPLAN_PAGE_CACHE
            and request.method == "GET"
            and not request.user.is_authenticated
        )
        if not cacheable:
            return view(request, *args, **kwargs)
        key = page_key(request)
        version, stored = cached_page(key)
        if stored is not None:
            _version, content, content_type = stored
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        # Only plain successful pages: nothing that sets a cookie (CSRF, session).
        if response.status_code == 200 and not response.cookies and not response.streaming:
            cache.set(key, (version, response.content, response["Content-Type"]), PAGE_TIMEOUT)
        return response

    return wrapper


DATA_APPS = {"measures", "indicators"}


def invalidate_on_change(sender, **kwargs) -> None:
    """Signal receiver: a saved or deleted row of the plan's data bumps the version."""
    if sender._meta.app_label in DATA_APPS:
        bump_data_version()
