"""The data version: a number that changes on every save of the plan's data, and that
every process serving the site agrees on (``core.cache`` serves a stored page only while
the version it was built from is the current one).

Where it lives (``LDAPLAN_DATA_VERSION``):

- ``cache``: the shared cache (Redis, when ``REDIS_URL`` is set), for several servers;
- ``file``: a small file (``LDAPLAN_DATA_VERSION_FILE``), the default of one server
  without Redis. Reading it costs a file read, not a query, on every cached page;
- ``database``: the one row of ``core.models.DataVersion``, for several servers that
  share a database but no Redis (one query per cached page).

In the file, a save writes a new number, never written before (the time in nanoseconds,
past the previous number), by replacing the file whole. Two saves in two processes
cannot then leave an older number behind them: whichever file lands last holds a number
no page was stored under before both saves had committed.
"""

import os
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import THE_VERSION, DataVersion

DATA_VERSION_KEY = "ldaplan:data-version"
DATA_VERSION_AT_KEY = "ldaplan:data-version-at"


@dataclass(frozen=True)
class Version:
    """The data version and when it began (``None`` when the cache forgot it)."""

    number: int
    changed_at: datetime | None = None


def in_shared_cache() -> bool:
    return settings.LDAPLAN_DATA_VERSION == "cache"


def current_version(cached=None) -> Version:
    """The data version now; ``cached``: what a ``get_many`` of the shared cache already
    read (both version keys), to spare a round trip."""
    store = settings.LDAPLAN_DATA_VERSION
    if store == "file":
        return _file_version()
    if store == "database":
        row = DataVersion.objects.filter(pk=THE_VERSION).values_list("number", "changed_at")
        found = row.first()
        if found is None:
            DataVersion.objects.get_or_create(pk=THE_VERSION)
            found = row.first()
        return Version(*found)
    cached = (
        cached if cached is not None else cache.get_many([DATA_VERSION_KEY, DATA_VERSION_AT_KEY])
    )
    number = cached.get(DATA_VERSION_KEY)
    if number is None:
        # A counter begun anew (a first start, a Redis restarted or emptied) starts from a
        # number never used before, as the file does: a page some process still keeps
        # from an earlier count (``core.cache.cached_page``) never matches it.
        cache.add(DATA_VERSION_KEY, time.time_ns(), timeout=None)
        number = cache.get(DATA_VERSION_KEY)
    return Version(number, cached.get(DATA_VERSION_AT_KEY))


def data_version() -> int:
    return current_version().number


def bump_data_version() -> None:
    """Make every cached page stale, after the current transaction commits."""
    transaction.on_commit(_bump)


def _bump() -> None:
    store = settings.LDAPLAN_DATA_VERSION
    if store == "file":
        _write_file_version()
        return
    now = timezone.now()
    if store == "database":
        bumped = DataVersion.objects.filter(pk=THE_VERSION).update(
            number=F("number") + 1, changed_at=now
        )
        if not bumped:
            DataVersion.objects.get_or_create(pk=THE_VERSION, defaults={"number": 2})
        return
    try:
        cache.incr(DATA_VERSION_KEY)
    except ValueError:
        # No counter yet (or evicted): a number never used before, as above.
        cache.add(DATA_VERSION_KEY, time.time_ns(), timeout=None)
    cache.set(DATA_VERSION_AT_KEY, now, timeout=None)


# --- In a file ------------------------------------------------------------------------


def _version_file() -> Path:
    return Path(settings.LDAPLAN_DATA_VERSION_FILE)


def _read_file_number() -> int | None:
    try:
        return int(_version_file().read_text())
    except (FileNotFoundError, ValueError):
        # No file yet, or one being replaced on a system without atomic renames.
        return None


def _file_version() -> Version:
    number = _read_file_number()
    if number is None:
        number = _write_file_version()
    # The number is the time of the save, in nanoseconds since the epoch.
    return Version(number, datetime.fromtimestamp(number / 1e9, tz=UTC))


def _write_file_version() -> int:
    """A new number in the file, replaced whole (readers see the old file or the new)."""
    path = _version_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    number = max(time.time_ns(), (_read_file_number() or 0) + 1)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    draft.write_text(str(number))
    os.replace(draft, path)
    return number
