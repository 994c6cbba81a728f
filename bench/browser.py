"""The first chart drawn, as a reader's browser sees it: headless Chromium (Playwright,
Debian's chromium) on loopback against the production-like server of the bench."""

import os
import statistics
from pathlib import Path

CHROMIUM = Path(os.environ.get("LDAPLAN_CHROMIUM", "/usr/bin/chromium"))
LOADS = 5
FIRST_CHART_PAGES = {"overview": "/", "axis": "/axes/1/", "measure": "/mesures/3/"}


def first_chart_seconds(base: str) -> dict | None:
    """Median over ``LOADS`` cold loads (a new browser context each: no cache, no cookie)
    of the time from the navigation's start to the first chart drawn (charts.js marks a
    drawn chart ``data-drawn``), per page; None without Playwright or Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not CHROMIUM.exists():
        return None
    timings = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            for name, path in FIRST_CHART_PAGES.items():
                loads = []
                for _ in range(LOADS):
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    page.goto(base + path, wait_until="commit")
                    page.wait_for_selector("[data-drawn]", state="attached", timeout=30_000)
                    # performance.now() counts from the navigation's start.
                    loads.append(page.evaluate("performance.now()") / 1000)
                    context.close()
                timings[name] = round(statistics.median(loads), 3)
        finally:
            browser.close()
    return timings
