"""Browser journeys: Debian's headless Chromium, driven by Playwright, on the live server.

Every page a journey reaches is checked the same way (``Journey.arrive``): its
charts are drawn (an SVG per figure, as many traces as the data has), each
named and with its sentence; axe-core finds no violation of impact serious or
critical; a screenshot is taken at desktop and at phone width into
``var/screenshots/<test name>/``. A journey also fails on any JavaScript
console error and on any request to a host other than the live server (such a
request is blocked, then reported).

Without Chromium the journeys are skipped with the package to install, unless
``LDAPLAN_REQUIRE_E2E=1`` (set by ``.ci/run``) turns the skip into a failure.
"""

import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

# Debian's package; LDAPLAN_CHROMIUM points elsewhere on another system.
CHROMIUM = Path(os.environ.get("LDAPLAN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A test-only asset from npm (package.json devDependencies), never served by the site.
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
BLOCKING_IMPACTS = {"serious", "critical"}
# Playwright's own waits (navigation, clicks, downloads), in milliseconds.
TIMEOUT_MS = 15_000


def missing_prerequisite() -> str | None:
    """Why the journeys cannot run here, or None."""
    if not CHROMIUM.exists():
        return (
            f"Chromium est introuvable ({CHROMIUM}) : installez le paquet Debian "
            "« chromium » (apt-get install chromium) pour lancer les parcours dans le navigateur."
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright manque : pip install -e '.[dev]' (ou make install-dev)."
    if not AXE_SCRIPT.exists():
        return f"axe-core manque ({AXE_SCRIPT}) : lancez npm ci (ou make assets)."
    return None


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for all the journeys."""
    reason = missing_prerequisite()
    if reason:
        if os.environ.get("LDAPLAN_REQUIRE_E2E") == "1":
            pytest.fail(f"{reason} (LDAPLAN_REQUIRE_E2E=1 : ces tests doivent tourner ici)")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an event loop in this thread; the ORM calls
        # the tests make between two browser steps are still plain synchronous ones.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


@pytest.fixture
def plan(transactional_db):
    """The seed plan in the live server's database (flushed after each journey)."""
    call_command("loaddata", "plan", verbosity=0)


class Journey:
    """A page in the browser, with what every journey checks on every page it reaches."""

    def __init__(self, page, base_url: str, folder: Path):
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.base_url))
        self.folder = folder
        self.console_errors: list[tuple[str, str]] = []
        # (status, URL) of pages a journey means to get as errors (a form's 400).
        self.expected_statuses: set[tuple[int, str]] = set()
        self.foreign_requests: list[str] = []
        self.pages: list[str] = []
        self.axe_findings: list[dict] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append((f"exception: {error}", "")))
        page.context.route("**/*", self._on_request)

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append((message.text, message.location.get("url", "")))

    def _on_request(self, route):
        url = route.request.url
        scheme = urlsplit(url).scheme
        if scheme in ("data", "blob") or url == self.origin or url.startswith(self.origin + "/"):
            route.continue_()
        else:
            self.foreign_requests.append(url)
            route.abort()

    def url(self, path: str) -> str:
        return self.base_url + path

    def visit(self, path: str, name: str):
        self.page.goto(self.url(path))
        self.arrive(name)

    def arrive(self, name: str):
        """Check the page now shown, then photograph it at both widths."""
        page = self.page
        page.wait_for_load_state("load")
        self.pages.append(f"{name}: {page.url}")
        self.check_clean()
        self.check_references()
        self.check_charts()
        number = len(self.pages)
        self.check_axe(name, "desktop")
        page.screenshot(path=self.folder / f"{number:02d}-{name}-desktop.png", full_page=True)
        page.set_viewport_size(PHONE)
        # Plotly redraws its responsive charts on resize: wait until they fit.
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-drawn] svg.main-svg')]"
            ".every(svg => svg.getBoundingClientRect().width <= window.innerWidth)"
        )
        # Reflow: nothing but a table's own scrolling region is wider than a phone.
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), (
            f"{page.url} est plus large que l'écran d'un téléphone"
        )
        self.check_axe(name, "phone")
        page.screenshot(path=self.folder / f"{number:02d}-{name}-phone.png", full_page=True)
        page.set_viewport_size(DESKTOP)

    def check_references(self):
        """Every id that an aria-describedby, aria-labelledby or label points to exists."""
        broken = self.page.evaluate(
            """() => [...document.querySelectorAll(
                    '[aria-describedby], [aria-labelledby], label[for]')]
                .flatMap(el => [
                    ...(el.getAttribute('aria-describedby') || '').split(/\\s+/),
                    ...(el.getAttribute('aria-labelledby') || '').split(/\\s+/),
                    el.getAttribute('for') || '',
                ])
                .filter(id => id && !document.getElementById(id))"""
        )
        assert not broken, f"{self.page.url} : références vers des id absents {broken}"

    def check_charts(self):
        """Every figure drawn, with as many traces as its data, a name and its sentence."""
        page = self.page
        if not page.locator("[data-figure]").count():
            return
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-figure]')]"
            ".every(el => el.hasAttribute('data-drawn'))"
        )
        charts = page.evaluate(
            """() => [...document.querySelectorAll('[data-figure]')].map(el => {
                const figure = JSON.parse(document.getElementById(el.dataset.figure).textContent);
                const drawing = el.querySelector('svg.main-svg[role=img]');
                const caption = el.closest('figure').querySelector('figcaption');
                return {
                    id: el.dataset.figure,
                    compact: el.hasAttribute('data-compact'),
                    // Plotly draws a trace that has points, even when all are blank.
                    traces: figure.data.filter(t => t.x.length > 0).length,
                    drawn: el.querySelectorAll('.cartesianlayer .trace').length,
                    // A blank value is a bar of no size, never a bar of 0.
                    bars: figure.data.filter(t => t.type === 'bar')
                        .flatMap(t => t.orientation === 'h' ? t.x : t.y)
                        .filter(v => v !== null && v !== 0).length,
                    drawnBars: [...el.querySelectorAll('.trace.bars .point path')]
                        .filter(p => p.getBBox().width > 0 && p.getBBox().height > 0).length,
                    name: drawing ? drawing.getAttribute('aria-label') : '',
                    sentence: caption ? caption.textContent.trim() : '',
                    table: !!el.closest('figure').querySelector('table'),
                };
            })"""
        )
        for chart in charts:
            assert chart["drawn"] == chart["traces"], chart
            assert chart["drawnBars"] == chart["bars"], chart
            assert chart["name"].strip(), chart
            assert chart["sentence"], chart
            assert chart["compact"] or chart["table"], chart

    def check_axe(self, name: str, width: str):
        """axe-core on the page: every finding is kept, serious and critical ones fail."""
        page = self.page
        if not page.evaluate("() => typeof window.axe === 'object'"):
            # Evaluated by the DevTools protocol: the page's CSP stays as it is.
            page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;undefined")
        violations = page.evaluate(
            """async () => (await window.axe.run(document, {resultTypes: ['violations']}))
                .violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ')),
                }))"""
        )
        for violation in violations:
            self.axe_findings.append({"page": name, "width": width, "url": page.url, **violation})
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, f"axe-core sur {page.url} ({width}) :\n" + json.dumps(
            blocking, indent=2
        )

    @contextmanager
    def navigating(self, name: str, status: int = 200):
        """The action inside the block leads to a new page, which answers ``status``.

        The page is then checked like any other (``arrive``). When the status is
        an error on purpose (a form's 400), Chromium logs « Failed to load
        resource » for it: that line, for that page only, is not an error.
        """
        with self.page.expect_navigation() as navigation:
            yield
        response = navigation.value
        assert response.status == status, f"{response.url} : {response.status}"
        if status >= 400:
            self.expected_statuses.add((status, response.url.split("#")[0]))
        self.arrive(name)

    def unexpected_console_errors(self) -> list[str]:
        expected = {
            (f"Failed to load resource: the server responded with a status of {status}", url)
            for status, url in self.expected_statuses
        }
        return [
            f"{text} ({url})"
            for text, url in self.console_errors
            if not any(text.startswith(t) and url.split("#")[0] == u for t, u in expected)
        ]

    def check_clean(self):
        errors = self.unexpected_console_errors()
        assert not errors, "Erreurs de la console :\n" + "\n".join(errors)
        assert not self.foreign_requests, "Requêtes vers un autre hôte :\n" + "\n".join(
            self.foreign_requests
        )

    def finish(self):
        """What every journey must end with: no console error, nothing fetched elsewhere."""
        (self.folder / "axe-findings.json").write_text(
            json.dumps(self.axe_findings, indent=2, ensure_ascii=False), encoding="utf-8"
        )
        (self.folder / "pages.txt").write_text("\n".join(self.pages) + "\n", encoding="utf-8")
        self.check_clean()


@pytest.fixture
def journey(browser, live_server, plan, request):
    """A fresh browser context on the live server; checked when the test ends."""
    folder = SCREENSHOTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    # A browser that prefers English: the site must still answer in French.
    context = browser.new_context(viewport=DESKTOP, locale="en-US", accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    current = Journey(page, live_server.url, folder)
    yield current
    try:
        current.finish()
    finally:
        context.close()
