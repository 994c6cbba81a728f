"""ldaplan benchmark: ratios measured side by side in one run (this machine is shared).

Run with `make bench`. Steps:
1. a fresh database (SQLite file, or the PostgreSQL of DATABASE_URL) with the
   seed plan (1×), then 99 generated plans (100×);
2. at each scale, for each page: SQL queries, and server time (Django test client,
   median and p95 of REQUESTS requests) as a ratio to /healthz, with the page cache and
   without it (warm, and cold: the first request after a new data version);
3. at each scale, gunicorn (2 workers, production settings) under wrk on loopback, a few
   seconds per URL, with the page cache in Redis then in each worker's memory (version
   in a file, the default): requests per second and p95 as ratios to /healthz;
4. export_bilan time for each format; the import of a filled collection workbook of
   IMPORT_ROWS indicator rows (preview, then confirmation), last;
5. at 100×, the first chart drawn in headless Chromium (bench/browser.py) and the bytes
   a browser transfers for a page (HTML, then JS + CSS, gzip as served);
6. every goal (bench/goals.py) with its figure and a pass/fail word, on stderr; one JSON
   summary on the last line, also written to bench/results/latest.json.
"""

import gzip
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from appserver import free_port, start_gunicorn, stop
from browser import first_chart_seconds
from goals import PUBLIC_PAGES, goals
from imports import IMPORT_ROWS, time_import

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "60"))
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "4"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")

PAGES = {
    "overview": "/",
    "axis": "/axes/1/",
    "measure": "/mesures/9/",
    "bilan": "/bilan/2022/",
    "api_list": "/api/indicateurs?limit=50",
    "saisie": "/saisie/mesures/1/?annee=2023",
}
STAFF_PAGES = {"saisie"}
# On the plan made 100× larger (grow_current_plan); history: measure 9's first copy (it has one).
GROWN_PLAN_PAGES = {
    "saisie": "/saisie/mesures/1/?annee=2023",
    "review": "/saisie/validation/",
    "campaign": "/saisie/avancement/",
    "history": "/mesures/21/historique/",
    "api_list": "/api/indicateurs?limit=50",
}
STAFF_REQUESTS = int(os.environ.get("BENCH_STAFF_REQUESTS", "10"))
COLD_LOADS = 5
VERSION_FILE = ROOT / "var" / "bench-data-version"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        # A database of its own, dropped and created anew.
        return urllib.parse.urlsplit(url)._replace(path="/ldaplan_bench").geturl()
    return f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"


def reset_database(url: str) -> None:
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    import psycopg2

    admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS ldaplan_bench")
        cursor.execute("CREATE DATABASE ldaplan_bench")
    admin.close()


def manage(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


# --- In-process measures (queries, server time, exports) ----------------------------


def setup_django(env: dict) -> None:
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ldaplan.settings")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()


def staff_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    return client


def count_queries(client, url: str) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def time_requests(client, url: str, count: int) -> dict:
    durations = []
    for _ in range(count):
        start = time.perf_counter()
        response = client.get(url)
        durations.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    durations.sort()
    return {
        "median": statistics.median(durations),
        "p95": durations[max(int(len(durations) * 0.95) - 1, 0)],
    }


def measure_pages(scale: str) -> dict:
    from django.conf import settings
    from django.test import Client

    public, staff = Client(), staff_client()
    queries, times = {}, {}
    settings.LDAPLAN_PAGE_CACHE = False
    # A running server has read what it keeps for the process (the glossary) with its
    # first page: the first page of this process is not one of those counted, or it
    # would count one query more at 1x than at 100x.
    public.get(PAGES["overview"])
    for name, url in PAGES.items():
        queries[name] = count_queries(staff if name in STAFF_PAGES else public, url)
    # Server time as readers get it: with the page cache (one process: local memory).
    settings.LDAPLAN_PAGE_CACHE = True
    times["healthz"] = time_requests(public, "/healthz", REQUESTS)
    for name, url in PAGES.items():
        times[name] = time_requests(staff if name in STAFF_PAGES else public, url, REQUESTS)
    settings.LDAPLAN_PAGE_CACHE = False
    base = times["healthz"]
    uncached = {"cold": {}, "warm": {}}
    for name in PUBLIC_PAGES:
        url = PAGES[name]
        uncached["warm"][name] = round(
            time_requests(public, url, REQUESTS // 3)["median"] / base["median"], 1
        )
        uncached["cold"][name] = round(cold_median(public, url) / base["median"], 1)
    return {
        "queries": queries,
        "server_time_ratio": {
            name: {
                "median": round(t["median"] / base["median"], 2),
                "p95": round(t["p95"] / base["p95"], 2),
            }
            for name, t in times.items()
            if name != "healthz"
        },
        "uncached_ratio": uncached,
        "healthz_p95_ms": round(base["p95"] * 1000, 2),
        "scale": scale,
    }


def measure_grown_plan() -> dict:
    """Staff pages (and the API list) on the current plan made 100 times larger: queries,
    and p95 as a ratio to /healthz's, without the page cache (staff never get it)."""
    from django.conf import settings
    from django.test import Client

    settings.LDAPLAN_PAGE_CACHE = False
    staff, public = staff_client(), Client()
    base = time_requests(public, "/healthz", REQUESTS)
    result = {"queries": {}, "p95_ratio": {}, "p95_ms": {}}
    for name, url in GROWN_PLAN_PAGES.items():
        client = public if name == "api_list" else staff
        result["queries"][name] = count_queries(client, url)
        timing = time_requests(client, url, STAFF_REQUESTS)
        result["p95_ratio"][name] = round(timing["p95"] / base["p95"], 1)
        result["p95_ms"][name] = round(timing["p95"] * 1000, 1)
    return result


def cold_median(client, url: str) -> float:
    """Median time of the first request after a new data version (a save), in seconds."""
    from core.data_version import _bump

    durations = []
    for _ in range(COLD_LOADS):
        _bump()
        start = time.perf_counter()
        response = client.get(url)
        durations.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(durations)


def time_exports() -> dict:
    from indicators.bilan.export import export_bilan
    from indicators.bilan.writers import EXPORT_FORMATS

    timings = {}
    # Every registered format, so that a new one is timed too.
    for fmt in EXPORT_FORMATS:
        start = time.perf_counter()
        export_bilan(2022, fmt)
        timings[fmt] = round(time.perf_counter() - start, 3)
    return timings


# --- gunicorn + wrk -------------------------------------------------------------------


def run_wrk(url: str) -> dict | None:
    """Requests per second and p95 latency (ms) of ``url`` under wrk, or None without wrk."""
    if not shutil.which("wrk"):
        return None
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{WRK_SECONDS}s", "-s", str(ROOT / "bench" / "p95.lua"), url],
        capture_output=True,
        text=True,
        check=True,
        timeout=WRK_SECONDS + 30,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"wrk saw {errors.group(1)} errors on {url}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p95_ms": int(re.search(r"p95_us (\d+)", output).group(1)) / 1000,
    }


def fetch_gzip(url: str) -> bytes:
    """A file as the server sends it to a browser asking for gzip."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") != "gzip":
            body = gzip.compress(body)  # what a gzip-serving proxy would send
        return body


def transferred_bytes(base: str, path: str) -> dict:
    """The HTML of a page and its JS and CSS, compressed as the server sends them."""
    html_gz = fetch_gzip(base + path)
    html = gzip.decompress(html_gz).decode()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+\.(?:js|css))"', html)
    return {"html": len(html_gz), "assets": sum(len(fetch_gzip(base + a)) for a in assets)}


WRK_PAGES = {"healthz": "/healthz"} | {name: PAGES[name] for name in PUBLIC_PAGES}


def measure_gunicorn(env: dict, *, with_redis: bool = True, browser: bool = False) -> dict:
    """Throughput and p95 under wrk, as ratios to /healthz. ``with_redis``: the page cache
    and its data version in Redis (several servers); without, the default of one server:
    the version in a file, the pages in each worker's memory. ``browser``: also the
    first chart drawn in Chromium and the bytes a chart page transfers."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cache_env = (
        {"REDIS_URL": REDIS_URL, "LDAPLAN_CACHE_PREFIX": f"bench-{secrets.token_hex(4)}"}
        if with_redis
        else {"LDAPLAN_DATA_VERSION": "file"}
    )
    server_env = {k: v for k, v in env.items() if k != "REDIS_URL"} | {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LDAPLAN_COLLECTED_STATIC": "1",
        **cache_env,
    }
    manage("collectstatic", "--noinput", "-v0", env=server_env)
    server = start_gunicorn(server_env, port)
    result = {}
    try:
        for path in WRK_PAGES.values():
            urllib.request.urlopen(base + path, timeout=30).read()  # warm the page cache
        runs = {name: run_wrk(base + path) for name, path in WRK_PAGES.items()}
        if browser:
            result["first_chart_s"] = first_chart_seconds(base)
            result["chart_page_gz"] = transferred_bytes(base, PAGES["axis"])
            result["overview_gz"] = transferred_bytes(base, PAGES["overview"])
    finally:
        stop(server)
    if runs["healthz"] is None:
        log("wrk is not installed (Debian: apt-get install wrk): throughput not measured")
        return result
    health = runs.pop("healthz")
    result["healthz"] = health
    result["rps_ratio"] = {name: round(run["rps"] / health["rps"], 2) for name, run in runs.items()}
    result["p95_ratio"] = {
        name: round(run["p95_ms"] / max(health["p95_ms"], 0.001), 2) for name, run in runs.items()
    }
    result["p95_ms"] = {name: run["p95_ms"] for name, run in runs.items()}
    return result


# --- The run ----------------------------------------------------------------------------


def main() -> int:
    url = database_url()
    env = os.environ | {
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        # Measured over plain HTTP on loopback.
        "LDAPLAN_HTTPS": "0",
    }
    env |= {"LDAPLAN_COLLECTED_STATIC": "0", "LDAPLAN_LOGIN_THROTTLING": "0"}
    env |= {"LDAPLAN_DATA_VERSION_FILE": str(VERSION_FILE)}
    log(f"database: {url}")
    reset_database(url)
    manage("migrate", "--noinput", "-v0", env=env)
    manage("seed_plan", env=env)
    setup_django(env)
    from django.db import connection

    summary = {"database": connection.vendor, "queries": {}, "server_time_ratio": {}}
    summary |= {"export_s": {}, "uncached_ratio": {}, "wrk": {"redis": {}, "file": {}}}
    for scale in ("1x", "100x"):
        if scale == "100x":
            log("generating 99 more plans (100x)")
            connection.close()
            manage("generate_scale_data", "--copies", "99", env=env)
        log(f"measuring at {scale}")
        result = measure_pages(scale)
        summary["export_s"][scale] = time_exports()
        summary["queries"][scale] = result["queries"]
        summary["server_time_ratio"][scale] = result["server_time_ratio"]
        summary["uncached_ratio"][scale] = result["uncached_ratio"]
        summary["healthz_p95_ms"] = result["healthz_p95_ms"]
        connection.close()
        log(f"gunicorn + wrk at {scale}, with Redis, then without (version in a file)")
        with_browser = scale == "100x"
        summary["wrk"]["redis"][scale] = measure_gunicorn(env, browser=with_browser)
        summary["wrk"]["file"][scale] = measure_gunicorn(env, with_redis=False)
    browser = summary["wrk"]["redis"]["100x"]
    summary["first_chart_s"] = browser.pop("first_chart_s", None)
    summary["chart_page_gz"] = browser.pop("chart_page_gz", None)
    overview = browser.pop("overview_gz", None)
    summary["overview_assets_gz"] = overview["assets"] if overview else None
    log("growing the current plan 100 times (staff pages)")
    connection.close()
    manage("grow_current_plan", "--factor", "100", "--submitted-year", "2023", env=env)
    grown = measure_grown_plan()
    summary |= {f"staff_{name}": grown[name] for name in ("p95_ratio", "p95_ms", "queries")}
    # Last: its made-up indicators (1 500 in the plan) would weigh on the pages above.
    log(f"importing a workbook of {IMPORT_ROWS} rows")
    summary["import"] = time_import()
    report(summary)
    return 0


def report(summary: dict) -> None:
    """Every goal with its figure and verdict (stderr), the summary (stdout, last line, and
    bench/results/latest.json)."""
    checked = goals(summary)
    summary["goals"] = [goal.as_json() for goal in checked]
    summary["goals_passed"] = sum(goal.passed for goal in checked)
    summary["goals_total"] = len(checked)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    for goal in checked:
        log(goal.line())
    log(f"{summary['goals_passed']} of {len(checked)} goals met")
    print(json.dumps(summary, separators=(",", ":"), ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
