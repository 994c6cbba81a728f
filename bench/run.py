"""ldaplan benchmark: ratios measured side by side in one run (this machine is shared).

Run with `make bench`. Steps:
1. a fresh database (SQLite file, or the PostgreSQL of DATABASE_URL) with the
   seed plan (1×), then 99 generated plans (100×);
2. for each page: SQL queries at 1× and 100×, and server time (Django test
   client, median and p95 of REQUESTS requests) as a ratio to /healthz;
3. gunicorn (2 workers, production settings, Redis cache) under wrk on
   loopback, a few seconds per URL: requests per second and ratio to /healthz;
4. export_bilan time for each format at 1× and 100×; at 100×, the import of a filled
   collection workbook of IMPORT_ROWS indicator rows (preview, then confirmation);
5. bytes a browser transfers for a chart page (HTML + JS + CSS, gzip as served);
6. one JSON summary on the last line, also written to bench/results/latest.json.
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
TARGETS = {
    "max_queries": 10,
    "p95_ratio_max": 3.0,
    "rps_ratio_min": 0.5,
    "export_s_max": {"xlsx": 2.0, "docx": 3.0, "pdf": 10.0},
    "page_bytes_gz_max": 500 * 1024,
    "import_s_max": 5.0,
}


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
    uncached = {
        name: time_requests(public, PAGES[name], REQUESTS // 3) for name in ("overview", "axis")
    }
    base = times["healthz"]
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
        "uncached_p95_ms": {name: round(t["p95"] * 1000, 1) for name, t in uncached.items()},
        "healthz_p95_ms": round(base["p95"] * 1000, 2),
        "scale": scale,
    }


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


def run_wrk(url: str) -> float | None:
    if not shutil.which("wrk"):
        return None
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{WRK_SECONDS}s", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=WRK_SECONDS + 30,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"wrk saw {errors.group(1)} errors on {url}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def transferred_bytes(base: str, path: str) -> int:
    """HTML + its JS and CSS, compressed as the server sends them."""

    def fetch(url: str) -> bytes:
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
            if response.headers.get("Content-Encoding") != "gzip":
                body = gzip.compress(body)  # what a gzip-serving proxy would send
            return body

    html_gz = fetch(base + path)
    html = gzip.decompress(html_gz).decode()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+\.(?:js|css))"', html)
    return len(html_gz) + sum(len(fetch(base + asset)) for asset in assets)


def measure_gunicorn(env: dict, *, with_redis: bool = True) -> dict:
    """Throughput under wrk. ``with_redis``: the page cache and its data version in Redis
    (several servers); without, the default of one server: the version in the database,
    the pages in each worker's memory."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cache_env = (
        {"REDIS_URL": REDIS_URL, "LDAPLAN_CACHE_PREFIX": f"bench-{secrets.token_hex(4)}"}
        if with_redis
        else {"LDAPLAN_DATA_VERSION": "database"}
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
    try:
        for path in ("/", "/axes/1/"):
            urllib.request.urlopen(base + path, timeout=30).read()  # warm the page cache
        rps = {
            name: run_wrk(base + path)
            for name, path in (("healthz", "/healthz"), ("overview", "/"), ("axis", "/axes/1/"))
        }
        page_bytes = transferred_bytes(base, "/axes/1/")
    finally:
        stop(server)
    if rps["healthz"] is None:
        log("wrk is not installed (Debian: apt-get install wrk): throughput not measured")
        return {"rps": None, "rps_ratio": None, "page_bytes_gz": page_bytes}
    return {
        "rps": {name: round(value, 1) for name, value in rps.items()},
        "rps_ratio": {
            name: round(value / rps["healthz"], 2)
            for name, value in rps.items()
            if name != "healthz"
        },
        "page_bytes_gz": page_bytes,
    }


# --- The run ----------------------------------------------------------------------------


def verdicts(summary: dict) -> list[str]:
    missed = []
    for scale in ("1x", "100x"):
        for page, count in summary["queries"][scale].items():
            if count > TARGETS["max_queries"]:
                missed.append(f"{page}: {count} queries at {scale} (> {TARGETS['max_queries']})")
    for page, count in summary["queries"]["1x"].items():
        if summary["queries"]["100x"][page] != count:
            missed.append(f"{page}: queries grow from 1x to 100x")
    for page in ("overview", "axis"):
        ratio = summary["server_time_ratio"]["100x"][page]["p95"]
        if ratio > TARGETS["p95_ratio_max"]:
            missed.append(f"{page}: p95 {ratio}x the trivial view (> {TARGETS['p95_ratio_max']})")
        if summary["rps_ratio"] and summary["rps_ratio"][page] < TARGETS["rps_ratio_min"]:
            missed.append(f"{page}: throughput {summary['rps_ratio'][page]}x (< 0.5)")
    for fmt, limit in TARGETS["export_s_max"].items():
        if summary["export_s"]["100x"][fmt] > limit:
            missed.append(f"export {fmt}: {summary['export_s']['100x'][fmt]} s (> {limit})")
    if summary["import"]["total_s"] > TARGETS["import_s_max"]:
        missed.append(
            f"import of {summary['import']['rows']} rows: {summary['import']['total_s']} s "
            f"(> {TARGETS['import_s_max']})"
        )
    if summary["page_bytes_gz"] > TARGETS["page_bytes_gz_max"]:
        missed.append(f"chart page: {summary['page_bytes_gz']} bytes gzip (> 500 KB)")
    return missed


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
    log(f"database: {url}")
    reset_database(url)
    manage("migrate", "--noinput", "-v0", env=env)
    manage("seed_plan", env=env)
    setup_django(env)
    from django.db import connection

    summary = {"database": connection.vendor, "queries": {}, "server_time_ratio": {}}
    summary["export_s"] = {}
    log("measuring at 1x")
    one = measure_pages("1x")
    summary["export_s"]["1x"] = time_exports()
    log("generating 99 more plans (100x)")
    connection.close()
    manage("generate_scale_data", "--copies", "99", env=env)
    log("measuring at 100x")
    hundred = measure_pages("100x")
    summary["export_s"]["100x"] = time_exports()
    for scale, result in (("1x", one), ("100x", hundred)):
        summary["queries"][scale] = result["queries"]
        summary["server_time_ratio"][scale] = result["server_time_ratio"]
    summary["uncached_p95_ms"] = hundred["uncached_p95_ms"]
    summary["healthz_p95_ms"] = hundred["healthz_p95_ms"]
    log("gunicorn + wrk")
    connection.close()
    summary |= measure_gunicorn(env)
    log("gunicorn + wrk without Redis (the page cache's version in the database)")
    without_redis = measure_gunicorn(env, with_redis=False)
    summary["rps_ratio_without_redis"] = without_redis["rps_ratio"]
    # Last: its made-up indicators (1 500 in the plan) would weigh on the pages above.
    log(f"importing a workbook of {IMPORT_ROWS} rows")
    summary["import"] = time_import()
    summary["missed_targets"] = verdicts(summary)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(summary, indent=2) + "\n")
    for line in summary["missed_targets"]:
        log(f"target missed: {line}")
    print(json.dumps(summary, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
