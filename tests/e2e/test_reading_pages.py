"""The public reading pages against RGAA 4.1: reflow, tab stops, figures, navigation, languages.

Each page is also checked like every page of a journey (conftest.py): axe-core
at 1 280 and 390 pixels, no console error, nothing fetched from another host.
"""

import re

import pytest

from tests.e2e.conftest import DESKTOP

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# 320 CSS pixels: a phone held upright, and a 1 280-pixel window zoomed to 400 %
# (WCAG 1.4.10, RGAA 10.11): nothing may scroll sideways but a table's own region.
REFLOW_WIDTH = 320

# Every public page type, with how many aria-current="page" it has: one where
# the main navigation or the footer has a link to the page itself (or the
# breadcrumb names it, on a measure page), none on the login page and the 404.
PUBLIC_PAGES = [
    ("vue-d-ensemble", "/", 1),
    ("axe-1", "/axes/1/?annee=2022", 1),
    ("mesure-3", "/mesures/3/?annee=2022", 1),
    # Sur toute la durée du plan: the breadcrumb names the page.
    ("mesure-3-duree", "/mesures/3/duree/", 1),
    ("axe-1-duree", "/axes/1/duree/", 1),
    # The axis's funding and an indicator's map: the breadcrumb names the page.
    ("axe-1-financements", "/axes/1/financements/", 1),
    ("carte-arrondissements", "/indicateurs/26/arrondissements/", 1),
    # Linked from the overview, which is its section: no navigation link to itself.
    ("comparaison", "/comparaison/", 0),
    # Bilan final: the breadcrumb names the page.
    ("bilan-final", "/bilan/final/", 1),
    ("bilan-2022", "/bilan/2022/", 1),
    ("donnees-ouvertes", "/donnees/", 1),
    ("glossaire", "/glossaire/", 1),
    ("accessibilite", "/accessibilite/", 1),
    ("plan-du-site", "/plan-du-site/", 1),
    ("tous-les-plans", "/plans/", 1),
    ("connexion", "/connexion/", 0),
]
NOT_FOUND = "/cette-page-n-existe-pas/"

# The tab stops of axis 1 in 2022, counted by pressing Tab: about 90 of the
# page's own (header and navigation ~15, 18 indicators with two links each in
# the table plus one « Données du graphique » each, the table's sort links and
# scroll regions, the milestones, the footer). Plotly's toolbar added about 90
# more (five buttons per chart); any per-chart toolbar would break this bound.
AXIS_1_TAB_STOPS_AT_MOST = 100

CHARTS_FIT = (
    "() => [...document.querySelectorAll('[data-drawn] svg.main-svg')]"
    ".every(svg => svg.getBoundingClientRect().width <= window.innerWidth)"
)


def scrolls_sideways_at(page, width: int) -> bool:
    """Whether the page is wider than a window ``width`` pixels wide."""
    page.set_viewport_size({"width": width, "height": 800})
    if page.locator("[data-figure]").count():
        page.wait_for_function(CHARTS_FIT)  # Plotly redraws on resize
    wider = page.evaluate(
        """() => document.documentElement.scrollWidth > document.documentElement.clientWidth
            // A chart wider than its card would be cut, not scrolled.
            // (the overview's bullets are drawn by the server: svg.bullet)
            || [...document.querySelectorAll('[data-drawn]')].some(el =>
                el.querySelector('svg.main-svg, svg.bullet').getBoundingClientRect().width
                > el.getBoundingClientRect().width + 1)"""
    )
    page.set_viewport_size(DESKTOP)
    return wider


def test_every_public_page_reflows_at_320_px_with_one_current_page(journey):
    page = journey.page
    for name, path, current in PUBLIC_PAGES:
        journey.visit(path, name)
        assert not scrolls_sideways_at(page, REFLOW_WIDTH), f"{path} déborde à 320 px"
        assert page.locator('[aria-current="page"]').count() == current, path
        assert page.get_by_role("navigation", name="Navigation principale").count() == 1, path
    url = journey.url(NOT_FOUND)
    journey.expected_statuses.add((404, url))
    response = page.goto(url)
    assert response.status == 404
    journey.arrive("page-404")
    assert not scrolls_sideways_at(page, REFLOW_WIDTH)
    assert page.locator('[aria-current="page"]').count() == 0
    assert page.get_by_role("navigation", name="Navigation principale").count() == 1


def test_wide_tables_scroll_in_a_named_region_with_a_visible_hint(journey):
    page = journey.page
    journey.visit("/axes/1/?annee=2022", "axe-1")
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 800})
    region = page.get_by_role("region", name="Indicateurs de l'axe 1 en 2022")
    assert region.get_attribute("tabindex") == "0"
    # The table is wider than the phone: it scrolls inside its region, said before it.
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    hint = region.locator("xpath=preceding-sibling::p[1]")
    assert hint.inner_text() == "Faites défiler le tableau horizontalement"
    assert hint.is_visible()
    milestones = page.get_by_role("region", name=re.compile(r"^Jalons de l'axe 1"))
    assert milestones.get_attribute("tabindex") == "0"
    page.set_viewport_size(DESKTOP)
    # On a wide screen the table fits: no hint.
    assert not hint.is_visible()


def test_axis_page_has_no_chart_toolbar_and_a_bounded_tab_count(journey):
    page = journey.page
    journey.visit("/axes/1/?annee=2022", "axe-1")
    assert page.locator(".modebar, .modebar-btn").count() == 0
    # Nothing in a drawing takes the focus.
    assert (
        page.evaluate(
            """() => [...document.querySelectorAll('[data-figure] *')]
            .filter(el => el.tabIndex >= 0 || el.matches('a[href], button, input')).length"""
        )
        == 0
    )
    page.locator("body").focus()
    stops = []
    for _ in range(AXIS_1_TAB_STOPS_AT_MOST + 50):
        page.keyboard.press("Tab")
        marker = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                if (!el.dataset.tabStop) el.dataset.tabStop = String(Math.random());
                return el.dataset.tabStop;
            }"""
        )
        if marker is None or (stops and marker == stops[0]):
            break
        stops.append(marker)
    # The last stop is the footer's: every stop of the page was counted.
    assert page.evaluate("() => !!document.querySelector('.site-footer [data-tab-stop]')")
    assert len(set(stops)) == len(stops)
    assert 60 <= len(stops) <= AXIS_1_TAB_STOPS_AT_MOST, len(stops)


def test_each_chart_is_a_group_named_by_its_caption_and_one_image(journey):
    page = journey.page
    journey.visit("/axes/1/?annee=2022", "axe-1")
    figures = page.evaluate(
        """() => [...document.querySelectorAll('figure.chart-figure')].map(figure => {
            const caption = figure.querySelector('figcaption');
            const images = figure.querySelectorAll('[role=img]');
            return {
                role: figure.getAttribute('role'),
                labelledby: figure.getAttribute('aria-labelledby'),
                captionId: caption.id,
                caption: caption.textContent.trim(),
                images: images.length,
                image: images.length ? images[0].getAttribute('aria-label') : '',
                // Plotly's other layers (legend, hover labels) are hidden.
                shownSvgs: [...figure.querySelectorAll('svg')]
                    .filter(svg => !svg.closest('[aria-hidden=true], [role=img]')).length,
            };
        })"""
    )
    assert len(figures) == 18
    for figure in figures:
        assert figure["role"] == "figure"
        assert figure["labelledby"] == figure["captionId"]
        assert figure["images"] == 1
        assert figure["image"].startswith("Graphique\xa0: ")
        assert figure["caption"] not in figure["image"]
        assert figure["shownSvgs"] == 0
    # As a screen reader meets it: a figure whose name is the caption.
    first = figures[0]["caption"]
    assert page.get_by_role("figure", name=first, exact=True).count() == 1
    assert page.locator("#js-plotly-tester").get_attribute("aria-hidden") == "true"


def test_escape_closes_a_chart_hover_label(journey):
    page = journey.page
    journey.visit("/mesures/3/?annee=2022", "mesure-3")
    # Back at desktop width after the phone's screenshot, Plotly redraws: wait until
    # every drawing is as wide as its container again, so the bar stays where it is.
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-drawn]')].every(el => Math.abs(
            el.querySelector('svg.main-svg').getBoundingClientRect().width
            - el.getBoundingClientRect().width) < 1)"""
    )
    # The middle of the first bar that has a size (a blank value is a bar of no size).
    x, y = page.evaluate(
        """() => {
            const path = [...document.querySelectorAll('[data-figure] .trace.bars .point path')]
                .find(p => p.getBBox().width > 0 && p.getBBox().height > 0);
            path.scrollIntoView({block: 'center'});
            const bar = path.getBoundingClientRect();
            return [bar.x + bar.width / 2, bar.y + bar.height / 2];
        }"""
    )
    labels = page.locator(".hoverlayer .hovertext")
    page.mouse.move(x, y, steps=5)
    labels.first.wait_for()
    assert labels.count() == 1
    page.keyboard.press("Escape")
    assert labels.count() == 0


def test_axis_table_measure_links_say_which_measure(journey):
    page = journey.page
    journey.visit("/axes/1/?annee=2022", "axe-1")
    links = page.evaluate(
        """() => [...document.querySelectorAll(
                'table.data-table:not(.compact) tbody td:first-of-type a')]
            .map(a => [a.textContent.trim(), a.getAttribute('href')])"""
    )
    assert links
    names = {}
    for name, href in links:
        assert re.fullmatch(r"Mesure \d+, \S.+", name), name
        names.setdefault(name, set()).add(href)
    # One name per measure page, one page per name.
    assert all(len(hrefs) == 1 for hrefs in names.values())
    assert len({frozenset(h) for h in names.values()}) == len(names)
    assert "Mesure 1, Louez solidaire et sans risque" in names


def test_french_fragments_of_english_pages_are_marked_french(journey):
    page = journey.page
    journey.visit("/mesures/3/?annee=2022", "mesure-3")
    with journey.navigating("measure-3-english"):
        page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    in_french = """els => els.map(el => {
        const marked = el.closest('[lang]');
        return [el.textContent.trim().slice(0, 40), marked ? marked.getAttribute('lang') : ''];
    })"""
    fragments = page.locator("h1 span[lang], article.indicator h3, .year-texts > div > div")
    found = fragments.evaluate_all(in_french)
    assert len(found) >= 7  # the title, 5 indicators, the bilan and the action plan
    assert {lang for _text, lang in found} == {"fr"}
    assert page.locator("h1").inner_text() == "Measure 3 — Pensions de Famille"
    # The units in the English captions are the plan's French words.
    caption = page.locator("#legende-figure-10")
    assert caption.inner_text() == "43\xa0logements in 2022 (no numeric target)."
    assert caption.locator("span[lang=fr]").inner_text() == "logements"
    assert page.locator("figcaption span[lang=fr]").count() == 5

    journey.visit("/axes/1/?annee=2022", "axis-1-english")
    labels = page.locator("table.data-table:not(.compact) tbody th a").evaluate_all(in_french)
    assert len(labels) == 18
    assert {lang for _text, lang in labels} == {"fr"}

    journey.visit("/bilan/2022/", "bilan-2022-english")
    axes = page.get_by_role("heading", level=2).filter(has=page.locator("[lang=fr]"))
    headings = page.locator("table.bilan-table [role=heading]").evaluate_all(in_french)
    assert {lang for _text, lang in headings} == {"fr"}
    assert axes.count() + len(headings) >= 5


def test_bilan_has_a_heading_per_axis_and_reads_as_blocks_on_a_phone(journey):
    page = journey.page
    journey.visit("/bilan/2022/", "bilan-2022")
    table = page.locator("table.bilan-table").first
    axes = table.get_by_role("heading", level=2)
    assert axes.count() == 5
    assert axes.first.inner_text().startswith("1. Mobiliser l'offre de logement")
    # The desktop keeps the report's table.
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
    page.set_viewport_size({"width": 390, "height": 844})
    first_row = table.locator("tbody tr[id^=ligne-]").first
    cells = first_row.locator("td").evaluate_all(
        """cells => cells.map(td => [
            getComputedStyle(td).display,
            getComputedStyle(td, '::before').content,
        ])"""
    )
    assert cells == [
        ["block", '"Ambition de la Ville 2021-2026"'],
        ["block", '"Bilan 2022"'],
        ["block", '"#"'],
        ["block", '"Plan d\'action 2023"'],
    ]
    assert first_row.evaluate("tr => getComputedStyle(tr).display") == "block"
    assert not page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    page.set_viewport_size(DESKTOP)


def test_site_map_lists_every_public_page_and_is_in_every_footer(journey):
    page = journey.page
    journey.visit("/bilan/2022/", "bilan-2022")
    with journey.navigating("plan-du-site"):
        page.get_by_role("contentinfo").get_by_role("link", name="Plan du site").click()
    main = page.get_by_role("main")
    hrefs = main.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    expected = ["/", "/bilan/", "/bilan/2022/", "/donnees/", "/glossaire/", "/accessibilite/"]
    expected += ["/plans/"]
    expected += ["/connexion/"] + [f"/axes/{n}/" for n in range(1, 6)]
    expected += [f"/mesures/{n}/" for n in range(1, 13)]
    assert set(expected) <= set(hrefs)
    assert len(hrefs) == len(set(hrefs))
