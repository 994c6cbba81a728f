"""The bench's goals, each figure of a run set against its goal with a pass/fail word.

A goal whose figure the run could not measure (a tool missing, a measure not built yet)
says « not measured » and fails: a goal is met only by a figure.
"""

from dataclasses import asdict, dataclass

PUBLIC_PAGES = ("overview", "axis", "measure", "bilan")
SCALES = ("1x", "100x")

MAX_QUERIES = 10
THROUGHPUT_MIN = 0.8  # requests per second of a cached anonymous page / /healthz
P95_MAX = 1.5  # p95 under wrk of a cached anonymous page / /healthz
UNCACHED_MAX = 10.0  # time to render a page without the page cache / /healthz
STAFF_P95_MAX = {"saisie": 10.0, "review": 10.0, "campaign": 10.0, "history": 10.0}
API_P95_MAX = 5.0
FIRST_CHART_S_MAX = 1.0
ASSETS_GZ_MAX = 250 * 1024  # JS + CSS transferred on the overview
EXPORT_S_MAX = {"xlsx": 2.0, "docx": 3.0, "pdf": 10.0}
IMPORT_S_MAX = 5.0


@dataclass(frozen=True)
class Goal:
    figure: str
    value: float | None
    limit: float
    at_least: bool = False  # True: the figure must reach the limit; False: stay under it

    @property
    def passed(self) -> bool:
        if self.value is None:
            return False
        return self.value >= self.limit if self.at_least else self.value <= self.limit

    def line(self) -> str:
        shown = "not measured" if self.value is None else f"{self.value:g}"
        sign = "≥" if self.at_least else "≤"
        word = "pass" if self.passed else "FAIL"
        return f"{word}  {self.figure}: {shown} (goal {sign} {self.limit:g})"

    def as_json(self) -> dict:
        return asdict(self) | {"passed": self.passed}


def _dig(summary: dict, *keys):
    """summary[k1][k2]…, or None where the run has no such figure."""
    value = summary
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def goals(summary: dict) -> list[Goal]:
    """Every goal of the bench, in the order the README's table shows them."""
    return [
        *_query_goals(summary),
        *_anonymous_goals(summary),
        *_uncached_goals(summary),
        *_staff_goals(summary),
        *_browser_and_file_goals(summary),
    ]


def _query_goals(summary: dict) -> list[Goal]:
    found = []
    for scale in SCALES:
        for page, count in (_dig(summary, "queries", scale) or {}).items():
            found.append(Goal(f"queries {page} at {scale}", count, MAX_QUERIES))
    for page, count in (_dig(summary, "queries", "1x") or {}).items():
        grown = _dig(summary, "queries", "100x", page)
        growth = None if grown is None else grown - count
        found.append(Goal(f"queries {page}: growth from 1x to 100x", growth, 0))
    return found


def _anonymous_goals(summary: dict) -> list[Goal]:
    found = []
    for cache in ("redis", "file"):
        for scale in SCALES:
            for page in PUBLIC_PAGES:
                where = f"{page}, cached, version in {cache}, {scale}"
                run = _dig(summary, "wrk", cache, scale) or {}
                found.append(
                    Goal(
                        f"throughput / healthz ({where})",
                        _dig(run, "rps_ratio", page),
                        THROUGHPUT_MIN,
                        at_least=True,
                    )
                )
                found.append(
                    Goal(f"wrk p95 / healthz ({where})", _dig(run, "p95_ratio", page), P95_MAX)
                )
    return found


def _uncached_goals(summary: dict) -> list[Goal]:
    return [
        Goal(
            f"uncached render / healthz ({page}, {state}, {scale})",
            _dig(summary, "uncached_ratio", scale, state, page),
            UNCACHED_MAX,
        )
        for scale in SCALES
        for state in ("cold", "warm")
        for page in PUBLIC_PAGES
    ]


def _staff_goals(summary: dict) -> list[Goal]:
    staff = summary.get("staff_p95_ratio") or {}
    found = [
        Goal(f"queries {page}, current plan 100x", count, MAX_QUERIES)
        for page, count in (summary.get("staff_queries") or {}).items()
    ]
    found += [
        Goal(f"staff p95 / healthz ({page}, current plan 100x)", staff.get(page), limit)
        for page, limit in STAFF_P95_MAX.items()
    ]
    found.append(
        Goal("API list p95 / healthz (current plan 100x)", staff.get("api_list"), API_P95_MAX)
    )
    return found


def _browser_and_file_goals(summary: dict) -> list[Goal]:
    found = [
        Goal(
            f"first chart drawn, s ({page}, median of 5 cold loads)",
            _dig(summary, "first_chart_s", page),
            FIRST_CHART_S_MAX,
        )
        for page in ("overview", "axis", "measure")
    ]
    assets = summary.get("overview_assets_gz")
    found.append(Goal("JS + CSS on the overview, bytes gzip", assets, ASSETS_GZ_MAX))
    for fmt, limit in EXPORT_S_MAX.items():
        seconds = _dig(summary, "export_s", "100x", fmt)
        found.append(Goal(f"export {fmt} at 100x, s", seconds, limit))
    rows, seconds = _dig(summary, "import", "rows"), _dig(summary, "import", "total_s")
    found.append(Goal(f"import of {rows} rows, s", seconds, IMPORT_S_MAX))
    return found
