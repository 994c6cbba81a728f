"""The fast path: an anonymous reader's cached public page, answered before sessions,
authentication, CSRF and messages run.

Most readers of the dashboard are anonymous and read pages that are the same for all
of them (``core.cache.public_page_cache``). For them the middleware that make a page
personal (sessions, the account, the second factor, flash messages, CSRF) have nothing
to do, yet they ran on every cached page. ``AnonymousPageCacheMiddleware`` (in
``ldaplan.middleware``) sits just after the plan's address is read: when a request can
only be an anonymous reader's it looks the page up with the very key the view would
use, and answers from the cache without going further.

A request takes the fast path only when all of these hold:

- the page cache is on and the site does not ask every reader to log in first
  (``LDAPLAN_LOGIN_REQUIRED``: the login check must run);
- it is a GET whose only cookie, if any, is the language cookie: a session cookie
  (logged in, a second factor pending, flash messages kept in the session), a
  messages cookie or a CSRF cookie sends it the usual way, where the page decides
  (the language is part of the key, as on the usual way);
- its address resolves to a view cached by ``public_page_cache``, whose parameters are
  checked and normalised as on the usual way (``core.cache.cache_plan``).

A page is stored once the whole stack has answered (``store_final_page``), so that its
security headers, its language headers and its glossary are those of a page rendered
for an anonymous reader; only the headers of one answer are left out.
"""

from django.conf import settings
from django.core.cache import cache
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .cache import (
    PAGE_TIMEOUT,
    Validators,
    cache_plan,
    cached_page,
    not_modified_answer,
    stored_answer,
)

# Headers that belong to one answer, never to the page kept for the next readers.
PER_ANSWER_HEADERS = frozenset({"set-cookie", "etag", "last-modified", "content-length", "date"})


def fast_path_key(request, language: str) -> str | None:
    """The cache key of the page an anonymous reader asks for, or None when the request
    must go the usual way. ``language``: the reader's, from the language cookie."""
    if not settings.LDAPLAN_PAGE_CACHE or settings.LDAPLAN_LOGIN_REQUIRED:
        return None
    if request.method != "GET" or not set(request.COOKIES) <= {settings.LANGUAGE_COOKIE_NAME}:
        return None
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    reads = getattr(match.func, "page_cache_reads", None)
    if reads is None:
        return None
    with translation.override(language):
        return cache_plan(request, reads).key


def fast_answer(request, key: str):
    """The stored page (or a ``304``) for ``key`` at the current data version, or None
    when it must be rendered."""
    version, stored = cached_page(key)
    validators = Validators.of(key, version)
    not_modified = not_modified_answer(request, validators)
    if not_modified is not None:
        # Whoever caches the answer keeps one per language cookie.
        patch_vary_headers(not_modified, ("Cookie",))
        return not_modified
    if stored is not None:
        return stored_answer(stored, validators)
    return None


def store_final_page(response) -> None:
    """Keep a page the view marked as the same for every reader (``page_cache_entry``),
    as the whole stack answered it, unless something on the way out made it personal."""
    entry = getattr(response, "page_cache_entry", None)
    if entry is None or response.status_code != 200 or response.streaming or response.cookies:
        return
    key, version = entry
    headers = tuple(
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in PER_ANSWER_HEADERS
    )
    cache.set(key, (version, response.content, headers), PAGE_TIMEOUT)
