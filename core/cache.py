"""The public pages' cache, invalidated on every save by a shared data version.

Anonymous readers all see the same published figures, so their pages are
cached whole (content and type only: headers such as the CSP are added per
request by the middleware). Each page is stored with the *data version* it
was built from, a counter that any save of the plan's data bumps once its
transaction commits; a page is served only while its version is the current
one, so one bump makes every cached page stale at once, in every process.

Where the counter lives (``LDAPLAN_DATA_VERSION``, see ``core.data_version``): in the
shared cache (Redis, when ``REDIS_URL`` is set: several servers), in a file (the default
without Redis: the processes of one server) or in the database (several servers without
Redis); without Redis each process keeps its own copy of the pages in its local memory,
served only while the version is theirs. Either way the page cache is on by default
outside development (``LDAPLAN_PAGE_CACHE`` forces it on or off).

While the cache is on, each cacheable page also carries an ``ETag`` made of its key and
the data version, and a ``Last-Modified`` from the time of the version; a reader
revalidating with either (``If-None-Match``, ``If-Modified-Since``) gets a ``304``
without the page being rendered.
"""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import wraps
from types import MappingProxyType

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language

from .data_version import (
    DATA_VERSION_AT_KEY,
    DATA_VERSION_KEY,
    Version,
    bump_data_version,
    current_version,
    data_version,
    in_shared_cache,
)

__all__ = ["bump_data_version", "data_version"]  # read from here by the signals and tests

PAGE_TIMEOUT = 24 * 3600  # seconds; a new data version makes old pages unreachable anyway


def is_year_text(value: str) -> bool:
    """Four ASCII digits: « 2022 », not « 02022 », « ٢٠٢٢ » nor « ２０２２ »."""
    return len(value) == 4 and value.isascii() and value.isdigit()


# What a cached page may read from its query string, and the values it may
# cache: each value is checked by its function. Pages pass their own.
YEAR_PARAMETER = "annee"
DEFAULT_READS = MappingProxyType({YEAR_PARAMETER: is_year_text})


@dataclass(frozen=True)
class CachePlan:
    """What the cache may do for one request: look a page up, store the answer."""

    key: str | None
    may_store: bool


NO_CACHE = CachePlan(key=None, may_store=False)


def cache_plan(request, reads: Mapping[str, Callable[[str], bool]]) -> CachePlan:
    """The key of the page a request asks for, built from the values it reads only.

    A value the page reads must be given once and in its one accepted spelling
    (a year as four ASCII digits, a known column to sort by): anything else is
    answered without the cache, so made-up values cannot fill it. Parameters the
    page does not read may still be served the cached page (a link with
    ``?utm_source=``), but the answer rendered for them is not stored: they would
    show in its links (the language switcher's ``next``, the sort links).
    """
    read = {}
    for name, accepts in reads.items():
        values = request.GET.getlist(name)
        if len(values) > 1 or (values and not accepts(values[0])):
            return NO_CACHE
        if values:
            read[name] = values[0]
    params = "&".join(f"{name}={read[name]}" for name in sorted(read))
    raw = f"{get_language()}|{request.path}|{params}"
    # « page:2 »: a page is stored with its headers since the anonymous fast path
    # (core.anonymous_pages); pages stored before in their older shape are never read.
    key = "ldaplan:page:2:" + hashlib.sha256(raw.encode()).hexdigest()
    return CachePlan(key=key, may_store=set(request.GET) <= set(read))


def has_messages(request) -> bool:
    """Whether a flash message waits for this reader (« Brouillon enregistré… »)."""
    return len(messages.get_messages(request)) > 0


def shows_per_user_content(request, response) -> bool:
    """Whether the page showed something meant for this reader alone."""
    storage = getattr(request, "_messages", None)
    return bool(response.cookies) or (storage is not None and storage.used)


# The pages this process last read from the shared cache, with the version each was built
# from: a page read again under the same version is not fetched again (a cached page weighs
# tens of kilobytes; the version, a few bytes, is read each time). At most
# ``LOCAL_PAGES_KEPT`` pages, the least recently read forgotten first.
LOCAL_PAGES_KEPT = 200
_local_pages: OrderedDict[str, tuple] = OrderedDict()
_local_pages_lock = threading.Lock()


def _local_copy(key: str, number: int) -> tuple | None:
    with _local_pages_lock:
        stored = _local_pages.get(key)
        if stored is None or stored[0] != number:
            return None
        _local_pages.move_to_end(key)
        return stored


def _keep_local_copy(key: str, stored: tuple) -> None:
    with _local_pages_lock:
        _local_pages[key] = stored
        _local_pages.move_to_end(key)
        while len(_local_pages) > LOCAL_PAGES_KEPT:
            _local_pages.popitem(last=False)


def cached_page(key: str) -> tuple[Version, tuple | None]:
    """(current data version, stored page or None): the version from the shared cache and
    the page from this process's copy when it has one of that version (else one more
    round trip); or the version from its file or row and the page from this process's
    memory.

    A page is stored with the version it was built from; it is served only
    while that version is still the current one.
    """
    if in_shared_cache():
        version = current_version(cache.get_many([DATA_VERSION_KEY, DATA_VERSION_AT_KEY]))
        stored = _local_copy(key, version.number)
        if stored is None:
            stored = cache.get(key)
            if stored is not None and stored[0] == version.number:
                _keep_local_copy(key, stored)
    else:
        version, stored = current_version(), cache.get(key)
    if stored is not None and stored[0] == version.number:
        return version, stored
    return version, None


def page_etag(key: str, version: Version) -> str:
    """The page's entity tag: its cache key (path, language, parameters read) and the data
    version it was built from; a save changes the version, so every tag."""
    return quote_etag(f"{version.number}-{key.rsplit(':', 1)[-1][:24]}")


@dataclass(frozen=True)
class Validators:
    """What a reader revalidates an answer with: its tag, and the time of its version."""

    etag: str
    last_modified: int | None  # seconds since the epoch

    @classmethod
    def of(cls, key: str, version: Version) -> "Validators":
        changed_at = version.changed_at
        return cls(page_etag(key, version), int(changed_at.timestamp()) if changed_at else None)

    def apply(self, response):
        response.headers["ETag"] = self.etag
        if self.last_modified is not None:
            response.headers["Last-Modified"] = http_date(self.last_modified)
        return response


def not_modified_answer(request, validators: Validators):
    """A ``304`` carrying ``validators`` when the reader already holds them, else None."""
    answer = get_conditional_response(
        request, etag=validators.etag, last_modified=validators.last_modified
    )
    return validators.apply(answer) if answer is not None else None


def public_page_cache(view=None, *, reads: Mapping[str, Callable[[str], bool]] = DEFAULT_READS):
    """Cache a public GET page for anonymous readers, until the data changes.

    ``reads``: the query parameters the page reads and the values it may cache
    (see ``cache_plan``). Used bare (``@public_page_cache``) the page reads the year.
    """
    if view is None:
        return lambda view: public_page_cache(view, reads=reads)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        cacheable = (
            settings.LDAPLAN_PAGE_CACHE
            and request.method == "GET"
            and not request.user.is_authenticated
            # The reader's own flash message must reach them, and nobody else.
            and not has_messages(request)
        )
        plan = cache_plan(request, reads) if cacheable else NO_CACHE
        if plan.key is None:
            return view(request, *args, **kwargs)
        version, stored = cached_page(plan.key)
        validators = Validators.of(plan.key, version)
        # A reader who holds this very page (same path, language and data version) is told
        # it has not changed: no rendering, no body.
        not_modified = not_modified_answer(request, validators)
        if not_modified is not None:
            return not_modified
        if stored is not None:
            return stored_answer(stored, validators)
        response = view(request, *args, **kwargs)
        # Only plain successful pages, the same for every reader: stored once the whole
        # stack has answered (core.anonymous_pages.store_final_page), with the headers and
        # the glossary the middleware add on the way out.
        if (
            plan.may_store
            and response.status_code == 200
            and not response.streaming
            and not shows_per_user_content(request, response)
        ):
            response.page_cache_entry = (plan.key, version.number)
            validators.apply(response)
        return response

    # What the page reads from its query string: the anonymous fast path builds the same
    # key before the view is reached (core.anonymous_pages.fast_path_key).
    wrapper.page_cache_reads = reads
    return wrapper


def stored_answer(stored: tuple, validators: Validators) -> HttpResponse:
    """A stored page as it was answered (content, type, security and language headers),
    tagged for this version."""
    _version, content, headers = stored
    response = HttpResponse(content, headers=dict(headers))
    response["Content-Length"] = str(len(content))
    # Its acronyms are already wrapped in <abbr> (ldaplan.middleware.GlossaryMiddleware).
    response.is_final_page = True
    return validators.apply(response)


DATA_APPS = {"measures", "indicators"}


def invalidate_on_change(sender, **kwargs) -> None:
    """Signal receiver: a saved or deleted row of the plan's data bumps the version.

    A model no public page reads says so with ``shown_on_public_pages = False`` (its
    history model, which names it ``instance_type``, follows it): saving one leaves the
    cached pages as they are.
    """
    model = getattr(sender, "instance_type", sender)
    if not getattr(model, "shown_on_public_pages", True):
        return
    if sender._meta.app_label in DATA_APPS:
        bump_data_version()


# The open data files and the API read published data only, the same for every reader.
DATA_FILE_PREFIXES = ("/donnees/", "/api/")


def conditional_data_answer(request, get_response):
    """An open data file or API answer with an ``ETag`` from its address, the language and
    the data version, and its ``Last-Modified``; ``304`` to a reader who holds it already,
    before anything is read.

    Only while the page cache is on, and not when the site asks every reader to log in
    first (the login check runs after this).
    """
    if not (
        settings.LDAPLAN_PAGE_CACHE
        and not settings.LDAPLAN_LOGIN_REQUIRED
        and request.method in ("GET", "HEAD")
        and request.path_info.startswith(DATA_FILE_PREFIXES)
    ):
        return get_response(request)
    raw = f"{get_language()}|{request.get_full_path()}"
    validators = Validators.of(hashlib.sha256(raw.encode()).hexdigest(), current_version())
    not_modified = not_modified_answer(request, validators)
    if not_modified is not None:
        return not_modified
    response = get_response(request)
    if response.status_code == 200 and not response.streaming:
        validators.apply(response)
    return response


def revalidated_by_data_version(request, key: str, respond: Callable[[], HttpResponse]):
    """``respond()`` tagged by the data version (``ETag`` from ``key``, ``Last-Modified``)
    while the page cache is on; ``304``, before anything is built, to a reader who holds
    the answer of this version already. For a file written from the data (an export)."""
    if not settings.LDAPLAN_PAGE_CACHE:
        return respond()
    validators = Validators.of(hashlib.sha256(key.encode()).hexdigest(), current_version())
    not_modified = not_modified_answer(request, validators)
    if not_modified is not None:
        return not_modified
    response = respond()
    return validators.apply(response) if response.status_code == 200 else response


def built_for_data_version(key: str, build: Callable[[], object]):
    """``build()``, kept in the shared cache under ``key`` until the data changes.

    For what is slow to make and the same for everyone who may have it (a bilan's PDF
    before its edition is frozen): made once per data version, not once per download.
    Only while the page cache is on.
    """
    if not settings.LDAPLAN_PAGE_CACHE:
        return build()
    cache_key = "ldaplan:built:" + hashlib.sha256(key.encode()).hexdigest()
    version, stored = cached_page(cache_key)
    if stored is not None:
        return stored[1]
    built = build()
    cache.set(cache_key, (version.number, built), PAGE_TIMEOUT)
    return built
