"""ldaplan load test: 50 clients for 60 s against gunicorn and PostgreSQL, on loopback.

Run with `make load` (not part of `make test`). Steps:

1. a fresh PostgreSQL database (LOAD_DATABASE_URL, by default
   postgres://postgres@127.0.0.1:5432/ldaplan_load, dropped and created again),
   migrated, with the seed plan and one staff account per client;
2. collectstatic, then gunicorn with production settings (DEBUG off, a random
   key, hashed static files; 2 workers, GUNICORN_CMD_ARGS adds options) on a
   free port of 127.0.0.1;
3. LOAD_CLIENTS threads (50) for LOAD_SECONDS (60), each with its own session,
   in a fixed mix: 90 % reading (public pages and open data read anonymously, the
   bilan's exports) and 10 % agents' saves through the entry form (page read, CSRF
   token and revision taken from it, POST of a value no other save writes);
4. the checks: no error (no 5xx, no 400, no dropped connection), and no lost
   or duplicated save: each value whose POST was answered "saved" is in the
   history exactly once, each value answered "conflict" (409: someone saved
   the same entry in between) is nowhere, and each entry's revision is the
   number of saves it was answered for;
5. the figures on standard output; the exit status is 1 if a check failed.

Only loopback addresses are used; every loop is bounded in time and count.
"""

import io
import os
import random
import re
import secrets
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from http.cookiejar import CookieJar
from pathlib import Path

from appserver import free_port, start_gunicorn, stop

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get(
    "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ldaplan_load"
)
CLIENTS = int(os.environ.get("LOAD_CLIENTS", "50"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
# A bound on the number of requests too, whatever the speed of the machine.
MAX_REQUESTS_PER_CLIENT = int(os.environ.get("LOAD_MAX_REQUESTS", "5000"))
REQUEST_TIMEOUT = 120  # seconds: a request queued behind PDF exports may wait
PASSWORD = secrets.token_urlsafe(16)

# (share of the iterations, kind); a kind is one request, or two for a save.
# The year's mix: mostly readers, a tenth of agents saving.
MIX = [
    (60, "page"),
    (20, "open data"),
    (10, "export"),
    (10, "save"),
]
PAGES = ["/", "/axes/1/", "/axes/3/", "/mesures/2/", "/mesures/9/", "/bilan/2022/"]
OPEN_DATA = ["/donnees/valeurs.csv", "/donnees/valeurs.json", "/api/indicateurs"]
EXPORT_FORMATS = ["csv", "json", "xlsx", "ods", "docx", "pdf"]
SAVE_YEARS = [2023, 2024]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- The database and the server ---------------------------------------------------------


def server_env() -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LDAPLAN_")}
    return env | {
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LDAPLAN_COLLECTED_STATIC": "1",
        "LDAPLAN_DEMO": "0",
        # Served over plain HTTP on loopback.
        "LDAPLAN_HTTPS": "0",
        "DJANGO_SETTINGS_MODULE": "ldaplan.settings",
    }


def fresh_database() -> None:
    import psycopg2

    parts = urllib.parse.urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    assert parts.hostname in ("127.0.0.1", "localhost", "::1"), "loopback only"
    admin = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def prepare(env: dict) -> list[tuple[int, int, str]]:
    """Migrate, seed, create the staff accounts; the (indicator, year, page) slots to save."""
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.core.management import call_command

    from indicators import roles
    from indicators.models import Indicator, Kind

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_plan", verbosity=0, stdout=io.StringIO())
    log("collectstatic (hashed and compressed files)")
    call_command("collectstatic", verbosity=0, interactive=False)
    groups = Group.objects.filter(name__in=[roles.EDITORS, roles.REVIEWERS])
    every_row = Permission.objects.get(codename="enter_all_measures")
    for number in range(CLIENTS):
        user = get_user_model().objects.create_user(f"charge-{number}", password=PASSWORD)
        user.groups.add(*groups)
        user.user_permissions.add(every_row)
    indicators = Indicator.objects.filter(report_row__measure__isnull=False).exclude(
        kind=Kind.SHARE
    )
    return [
        (indicator.pk, year, f"/saisie/mesures/{indicator.report_row.measure.number}/")
        for indicator in indicators.select_related("report_row__measure")
        for year in SAVE_YEARS
    ]


# --- The clients -------------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer to look at, not to follow


@dataclass
class Save:
    indicator: int
    year: int
    value: Decimal
    status: int


@dataclass
class Client:
    number: int
    base: str
    slots: list
    timings: dict = field(default_factory=lambda: defaultdict(list))
    statuses: Counter = field(default_factory=Counter)
    errors: list = field(default_factory=list)
    saves: list = field(default_factory=list)
    requests: int = 0

    def __post_init__(self):
        self.staff = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect
        )
        self.public = urllib.request.build_opener(NoRedirect)
        self.random = random.Random(self.number)

    def call(self, kind, opener, path, data=None, expect=(200,)):
        """One request; its status, body and time are recorded under ``kind``."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        started = time.monotonic()
        try:
            with opener.open(self.base + path, data=body, timeout=REQUEST_TIMEOUT) as response:
                status, content = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, content = error.code, error.read()
        except OSError as error:
            self.errors.append(f"{kind} {path}: {error!r}")
            return None, b""
        finally:
            self.requests += 1
        self.timings[kind].append(time.monotonic() - started)
        self.statuses[status] += 1
        if status not in expect:
            self.errors.append(f"{kind} {path}: HTTP {status}")
        return status, content

    def log_in(self):
        _status, page = self.call("login", self.staff, "/connexion/")
        token = csrf_token(page)
        status, _ = self.call(
            "login",
            self.staff,
            "/connexion/",
            {
                "username": f"charge-{self.number}",
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
            },
            expect=(302,),
        )
        if status != 302:
            raise RuntimeError(f"client {self.number} could not log in")

    def save(self, sequence: int):
        indicator, year, page = self.random.choice(self.slots)
        status, html = self.call("entry page", self.staff, f"{page}?annee={year}")
        if status != 200:
            return
        html = html.decode()
        prefix = f"ind-{indicator}-{year}-"
        # Distinct from every other save and from the seed's values.
        value = Decimal(1_000_000 * (self.number + 1) + sequence)
        data = {
            "csrfmiddlewaretoken": csrf_token(html),
            prefix + "result_value": str(value),
            prefix + "result_revision": hidden_value(html, prefix + "result_revision"),
            prefix + "target_comparator": "exactly",
        }
        status, _ = self.call(
            "save",
            self.staff,
            f"/saisie/indicateurs/{indicator}/{year}/?annee={year}",
            data,
            expect=(302, 409),
        )
        if status in (302, 409):
            self.saves.append(Save(indicator, year, value, status))

    def run(self, deadline: float):
        try:
            self.loop(deadline)
        except Exception as error:  # counted as an error, never lost with its thread
            self.errors.append(f"client {self.number} stopped: {error!r}")

    def loop(self, deadline: float):
        self.log_in()
        kinds = [kind for share, kind in MIX for _ in range(share)]
        sequence = 0
        while time.monotonic() < deadline and self.requests < MAX_REQUESTS_PER_CLIENT:
            kind = self.random.choice(kinds)
            if kind == "page":
                self.call("page", self.public, self.random.choice(PAGES))
            elif kind == "open data":
                self.call("open data", self.public, self.random.choice(OPEN_DATA))
            elif kind == "export":
                fmt = self.random.choice(EXPORT_FORMATS)
                self.call(f"export {fmt}", self.staff, f"/bilan/2022/export/{fmt}/")
            else:
                sequence += 1
                self.save(sequence)


def csrf_token(html) -> str:
    html = html.decode() if isinstance(html, bytes) else html
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def hidden_value(html: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html)
    if tag is None:
        raise RuntimeError(f"no field {name} on the entry page")
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return value.group(1) if value else ""


# --- The checks ----------------------------------------------------------------------------


def check_saves(clients) -> dict:
    """Lost, duplicated or phantom saves, from the history and the entries themselves."""
    from indicators.models import YearResult

    history = Counter(YearResult.history.values_list("value", flat=True))
    saves = [save for client in clients for save in client.saves]
    saved = [save for save in saves if save.status == 302]
    refused = [save for save in saves if save.status == 409]
    lost = [save for save in saved if history[save.value] == 0]
    duplicated = [save for save in saved if history[save.value] > 1]
    phantom = [save for save in refused if history[save.value] > 0]
    per_slot = Counter((save.indicator, save.year) for save in saved)
    wrong_revision = []
    for (indicator, year), count in per_slot.items():
        entry = YearResult.objects.filter(indicator_id=indicator, year=year).open().get()
        values = {save.value for save in saved if (save.indicator, save.year) == (indicator, year)}
        if entry.revision != count or entry.value not in values:
            wrong_revision.append((indicator, year, entry.revision, count))
    return {
        "saves answered saved": len(saved),
        "saves answered conflict (409)": len(refused),
        "entries saved to": len(per_slot),
        "lost saves": len(lost),
        "duplicated saves": len(duplicated),
        "refused saves found in the history": len(phantom),
        "entries whose revision is not their number of saves": len(wrong_revision),
    }


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(clients, elapsed, save_checks) -> bool:
    timings = defaultdict(list)
    for client in clients:
        for kind, values in client.timings.items():
            timings[kind].extend(values)
    statuses = sum((client.statuses for client in clients), Counter())
    errors = [error for client in clients for error in client.errors]
    total = sum(len(values) for values in timings.values())
    print(f"ldaplan load test: {CLIENTS} clients, {elapsed:.0f} s, gunicorn 2 workers, PostgreSQL")
    print(
        f"requests: {total} ({total / elapsed:.1f}/s); statuses: {dict(sorted(statuses.items()))}"
    )
    print(f"{'kind':<14}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for kind in sorted(timings):
        values = timings[kind]
        print(
            f"{kind:<14}{len(values):>7}{statistics.median(values) * 1000:>9.0f}"
            f"{percentile(values, 0.95) * 1000:>9.0f}{max(values) * 1000:>9.0f}"
        )
    for name, count in save_checks.items():
        print(f"{name}: {count}")
    print(f"errors: {len(errors)}")
    for error in errors[:20]:
        print(f"  {error}")
    bad = (
        errors
        or save_checks["lost saves"]
        or save_checks["duplicated saves"]
        or save_checks["refused saves found in the history"]
        or save_checks["entries whose revision is not their number of saves"]
        or not save_checks["saves answered saved"]
    )
    print("RESULT:", "FAILED" if bad else "OK (0 errors, 0 lost or duplicated saves)")
    return not bad


def main() -> int:
    env = server_env()
    log(f"fresh database {DATABASE_URL}")
    fresh_database()
    slots = prepare(env)
    port = free_port()
    log(f"gunicorn on 127.0.0.1:{port}")
    server = start_gunicorn(env, port)
    try:
        clients = [Client(number, f"http://127.0.0.1:{port}", slots) for number in range(CLIENTS)]
        log(f"{CLIENTS} clients for {SECONDS:.0f} s")
        started = time.monotonic()
        deadline = started + SECONDS
        threads = [
            threading.Thread(target=client.run, args=(deadline,), daemon=True) for client in clients
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 3 * REQUEST_TIMEOUT)
        elapsed = time.monotonic() - started
    finally:
        stop(server)
    return 0 if report(clients, elapsed, check_saves(clients)) else 1


if __name__ == "__main__":
    sys.exit(main())
