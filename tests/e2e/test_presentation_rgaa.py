"""The sample pages of the RGAA audit (docs/rgaa/grille.json) against the criteria of
presentation: focus (10.7), text zoom (10.4), text spacing (10.12), pages without
stylesheets (10.2, 10.3), hidden content (10.8), text and background colours (10.5),
contrast of interface components (3.3).

Every page of the sample is opened, the staff ones by a validator (fictif) who is
also an editor of measure 1; the scripts run in the page are in presentation_scripts.py.
"""

from collections import Counter

import pytest

from core import rgaa
from indicators import roles
from tests.accounts import make_user
from tests.e2e.presentation_scripts import (
    COLOURS,
    FOCUS_RING,
    FOCUSABLE,
    HEADINGS_IN_SOURCE_ORDER,
    HIDDEN_BY_CSS,
    HIDDEN_CONTENT,
    RECORD_UNFOCUSED,
    TEXT_COLOURS,
    TEXT_INTACT,
    TEXT_SPACING,
    WORDS_WITH_AND_WITHOUT_CSS,
)
from tests.e2e.test_journeys import log_in, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SAMPLE = rgaa.read_grid()["echantillon"]
# What the stylesheet may hide on a wide screen: the hint that a table scrolls
# sideways, only shown where it may (a phone, or 400 % zoom); the page's address and
# date, printed only (on screen, the address bar says both).
HIDDEN_ON_PURPOSE = {"scroll-hint", "print-source"}
# WCAG 1.4.11 and RGAA 3.3: a component's edge or a focus ring against what is around it.
COMPONENT_CONTRAST = 3
TAB_STOPS_AT_MOST = 400
CHARTS_DRAWN = (
    "() => [...document.querySelectorAll('[data-figure]')]"
    ".every(el => el.hasAttribute('data-drawn'))"
)


def open_page(journey, path: str):
    page = journey.page
    page.goto(journey.url(path))
    page.wait_for_load_state("load")
    page.wait_for_function(CHARTS_DRAWN)


def sample_pages(journey):
    """Open each sample page in turn (public ones first, then staff ones logged in)."""
    user = make_user("valideur", roles.REVIEWERS, measures=[1])
    user.groups.add(*user.groups.model.objects.filter(name=roles.EDITORS))
    logged_in = False
    for sample in sorted(SAMPLE, key=lambda s: s["acces"] != "public"):
        if sample["acces"] != "public" and not logged_in:
            log_in(journey, "valideur", "apres-connexion")
            logged_in = True
        open_page(journey, sample["url"])
        yield sample["url"]
    assert logged_in, "l'échantillon compte des pages du personnel"


def test_every_focusable_element_of_the_sample_shows_a_contrasting_focus_ring(journey):
    page = journey.page
    for url in sample_pages(journey):
        page.evaluate(RECORD_UNFOCUSED, FOCUSABLE)
        page.locator("body").focus()
        stops = []
        for _ in range(TAB_STOPS_AT_MOST):
            page.keyboard.press("Tab")
            ring = page.evaluate(FOCUS_RING)
            if ring is None or (stops and ring["stop"] == stops[0]["stop"]):
                break
            stops.append(ring)
        assert len(stops) >= 5, f"{url} : {len(stops)} arrêts de tabulation"
        for ring in stops:
            where = f"{url} : {ring['what']}"
            assert ring["changed"], f"focus invisible : {where}"
            assert ring["width"] >= 2, f"anneau de focus trop fin : {where}"
            assert ring["contrast"] >= COMPONENT_CONTRAST, f"anneau peu contrasté : {where}"


def test_sample_pages_keep_their_text_at_200_percent_text_zoom(journey):
    page = journey.page
    # The browser's own text size setting (not a page zoom): medium is 32 px, not 16.
    session = page.context.new_cdp_session(page)
    session.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    for url in sample_pages(journey):
        assert page.evaluate("() => getComputedStyle(document.body).fontSize") == "32px", url
        problems = page.evaluate(TEXT_INTACT)
        assert problems == [], f"{url} à 200 % du texte : " + "\n".join(problems)


def test_sample_pages_keep_their_text_with_wcag_text_spacing(journey):
    page = journey.page
    for url in sample_pages(journey):
        body = page.locator("body")
        page.add_style_tag(content=TEXT_SPACING)
        assert body.evaluate("el => getComputedStyle(el).letterSpacing") == "1.92px", url
        problems = page.evaluate(TEXT_INTACT)
        assert problems == [], f"{url} avec l'espacement du texte : " + "\n".join(problems)


def test_sample_pages_without_stylesheets_keep_their_content_in_order(journey):
    page = journey.page
    for url in sample_pages(journey):
        words = page.evaluate(WORDS_WITH_AND_WITHOUT_CSS)
        missing = Counter(words["shown"]) - Counter(words["bare"])
        assert not missing, f"{url} : sans styles, il manque {sorted(missing)[:20]}"
        assert words["bareHeadings"] == words["styledHeadings"], url
        assert page.evaluate(HEADINGS_IN_SOURCE_ORDER) == [], url
        hidden = page.evaluate(HIDDEN_BY_CSS)
        unexpected = [el for el in hidden if not set(el["className"].split()) & HIDDEN_ON_PURPOSE]
        assert not unexpected, f"{url} : caché par les styles {unexpected}"


def test_hidden_content_holds_nothing_focusable_and_hidden_text_is_read(journey):
    page = journey.page
    for url in sample_pages(journey):
        found = page.evaluate(HIDDEN_CONTENT, FOCUSABLE)
        assert found["reachable"] >= 5, url
        assert found["hiddenFocusable"] == [], url
        assert found["mutedTexts"] == [], url


def test_every_text_is_painted_on_a_declared_background(journey):
    page = journey.page
    for url in sample_pages(journey):
        texts = page.evaluate(TEXT_COLOURS)
        assert len(texts) > 20, url
        orphans = [t for t in texts if t["background"] is None]
        assert not orphans, f"{url} : texte sans fond déclaré {orphans[:5]}"
        # The colour and the background found are a pair meant for each other.
        faint = [t for t in texts if t["ratio"] < COMPONENT_CONTRAST]
        assert not faint, f"{url} : {faint[:5]}"


COMPONENT_EDGES = (
    """(selector) => {"""
    + COLOURS
    + """
    return [...document.querySelectorAll(selector)].filter(el => el.checkVisibility())
        .map(el => {
            const s = getComputedStyle(el);
            const around = backgroundOf(el.parentElement) || 'rgb(255, 255, 255)';
            const edge = parseFloat(s.borderTopWidth) >= 1 && s.borderTopStyle !== 'none'
                ? contrast(s.borderTopColor, around) : 0;
            const fill = opaque(s.backgroundColor) ? contrast(s.backgroundColor, around) : 0;
            return {what: el.outerHTML.slice(0, 100), ratio: Math.max(edge, fill)};
        });
}"""
)
# Fields and buttons whose edge the stylesheet draws; native check boxes are drawn by
# Chromium itself. Text-only buttons (.link-button) are read as links: their text's
# contrast is RGAA 3.2's.
COMPONENTS = (
    "input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea, "
    "button:not(.link-button), .button, .badge"
)


def test_fields_buttons_and_badges_stand_out_at_3_to_1(journey):
    page = journey.page
    seen = Counter()
    for url in sample_pages(journey):
        for component in page.evaluate(COMPONENT_EDGES, COMPONENTS):
            seen[component["what"].split()[0]] += 1
            assert component["ratio"] >= COMPONENT_CONTRAST, f"{url} : {component}"
    # Fields, buttons and badges were all met, on the sample.
    assert {"<input", "<button", "<select", "<span"} <= set(seen), seen


# --- The charts under the pointer and the keyboard: 10.13, 12.11, 13.10, 13.11 ---------

AXIS_1 = "/axes/1/?annee=2022"
CHARTS_STEADY = """() => [...document.querySelectorAll('[data-drawn]')].every(el => Math.abs(
    el.querySelector('svg.main-svg').getBoundingClientRect().width
    - el.getBoundingClientRect().width) < 1)"""
# The middle of the first result bar that has a size, in a history chart.
BAR_MIDDLE = """() => {
    const path = [...document.querySelectorAll(
            '[data-figure]:not([data-compact]) .trace.bars .point path')]
        .find(p => p.getBBox().width > 0 && p.getBBox().height > 0);
    path.scrollIntoView({block: 'center'});
    const bar = path.getBoundingClientRect();
    return {figure: path.closest('[data-figure]').dataset.figure,
        x: bar.x + bar.width / 2, y: bar.y + bar.height / 2,
        left: bar.left, right: bar.right, top: bar.top, bottom: bar.bottom};
}"""
ON_LABEL = "([x, y]) => !!document.elementFromPoint(x, y).closest('.hoverlayer .hovertext')"


def hover_bar(journey, path: str) -> dict:
    page = journey.page
    # Opened at desktop width only: a chart redrawn after a resize loses its hover label.
    open_page(journey, path)
    page.wait_for_function(CHARTS_STEADY)
    bar = page.evaluate(BAR_MIDDLE)
    page.mouse.move(bar["x"], bar["y"], steps=5)
    page.locator(".hoverlayer .hovertext").first.wait_for()
    return bar


def test_chart_hover_label_can_be_hovered_stays_and_closes_with_escape(journey):
    page = journey.page
    labels = page.locator(".hoverlayer .hovertext")
    bar = hover_bar(journey, AXIS_1)
    text = labels.first.text_content()
    assert text.startswith("Résultat 2022")
    # Hoverable: the label's arrow points at the bar's top corner. The pointer goes up the
    # bar to the label's height, then sideways onto the label, which stays as it was.
    box = labels.first.bounding_box()
    near = [bar["right"] - 8, max(box["y"] + box["height"] / 2, bar["top"] + 3)]
    assert box["y"] < near[1] < box["y"] + box["height"], (box, bar)
    page.mouse.move(*near, steps=10)
    assert labels.first.text_content() == text
    # One move from the bar onto the label: between the bar's edge and the label's arrow
    # lies a pixel of plot where the neighbouring bar is the closest, and a move stepped
    # through it shows that bar's label instead (a hand's move rarely lands on it).
    onto = [box["x"] + box["width"] / 2, near[1]]
    page.mouse.move(*onto)
    assert page.evaluate(ON_LABEL, onto), page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).outerHTML.slice(0, 120)", onto
    )
    # Moves over the label leave it as it is.
    page.mouse.move(onto[0] + box["width"] / 4, onto[1], steps=5)
    assert labels.count() == 1
    assert labels.first.text_content() == text
    # Persistent: nothing closes it while the pointer stays.
    page.wait_for_timeout(2000)
    assert labels.count() == 1
    # Leaving the label for the page around the chart closes it.
    page.mouse.move(onto[0], box["y"] - 400 if box["y"] > 400 else box["y"] + 400, steps=10)
    assert labels.count() == 0
    # Dismissable: Escape closes it, the pointer still on the bar.
    page.mouse.move(bar["x"] + 1, bar["y"], steps=2)
    labels.first.wait_for()
    page.keyboard.press("Escape")
    assert labels.count() == 0


# Every hover label's value and the text of its chart's data table: Plotly's labels, and
# the <title> of each mark of a chart drawn by the server (the overview's bullets).
HOVERS_AND_TABLES = """() => {
    const tableOf = el => el.closest('figure').querySelector('details.chart-data');
    const read = (el, id, hovers) => {
        const details = tableOf(el);
        return {id, hovers, table: details ? details.textContent : '',
            summaryTabIndex: details ? details.querySelector('summary').tabIndex : null};
    };
    const plotted = [...document.querySelectorAll('[data-figure]')].map(el => {
        const figure = JSON.parse(document.getElementById(el.dataset.figure).textContent);
        const hovers = figure.data.filter(t => t.hoverinfo !== 'skip')
            .flatMap(t => t.customdata || []).concat(
                (figure.layout.annotations || []).map(a => a.hovertext || ''))
            .filter(Boolean);
        return read(el, el.dataset.figure, hovers);
    });
    const served = [...document.querySelectorAll('.chart-svg')].map(el =>
        read(el, el.id, [...el.querySelectorAll('svg title')].map(t => t.textContent)));
    return plotted.concat(served);
}"""


def plain(text: str) -> str:
    """Without its spaces: a table cell puts a derivation on a line of its own (<br>)."""
    return "".join(text.split())


def test_chart_hover_values_are_in_a_data_table_the_keyboard_opens(journey):
    page = journey.page
    for path, name in (
        ("/", "vue-d-ensemble"),
        (AXIS_1, "axe-1"),
        ("/mesures/3/?annee=2022", "mesure-3"),
    ):
        journey.visit(path, name)
        charts = page.evaluate(HOVERS_AND_TABLES)
        assert sum(len(chart["hovers"]) for chart in charts) >= 5, path
        for chart in charts:
            if not chart["hovers"]:
                continue
            assert chart["summaryTabIndex"] == 0, chart["id"]
            table = plain(chart["table"])
            for hover in chart["hovers"]:
                value = plain(hover.split(":", 1)[1])
                assert value in table, f"{path} {chart['id']} : « {hover} » hors du tableau"
    # By the keyboard alone: Tab to the first « Données du graphique », Enter opens it.
    page.locator("body").focus()
    tab_to(page, "figure.chart-figure details.chart-data > summary")
    page.keyboard.press("Enter")
    details = page.locator("figure.chart-figure details.chart-data").first
    assert details.evaluate("el => el.open")
    assert details.locator("table").first.is_visible()


CHART_RANGES = """(id) => {
    const layout = document.querySelector(`[data-figure="${id}"]`)._fullLayout;
    return [layout.xaxis.range, layout.yaxis.range, layout.dragmode];
}"""


def test_charts_ignore_drag_wheel_and_double_click_and_clicks_can_be_cancelled(journey):
    page = journey.page
    bar = hover_bar(journey, AXIS_1)
    before = page.evaluate(CHART_RANGES, bar["figure"])
    assert before[2] is False
    # A drag (zoom box or pan), the wheel (zoom) and a double click (autoscale).
    page.mouse.down()
    page.mouse.move(bar["x"] + 120, bar["y"] + 60, steps=10)
    assert page.locator(".zoombox, .zoomlayer path").count() == 0
    page.mouse.up()
    page.mouse.move(bar["x"], bar["y"])
    page.mouse.wheel(0, -300)
    page.mouse.dblclick(bar["x"], bar["y"])
    assert page.evaluate(CHART_RANGES, bar["figure"]) == before
    # A legend entry is not a switch: pressing it hides no series.
    legend = page.locator(f"[data-figure='{bar['figure']}'] .legend .traces").first
    legend.click()
    assert page.evaluate(
        "(id) => document.querySelector(`[data-figure='${id}']`)._fullData"
        ".every(t => t.visible === true)",
        bar["figure"],
    )
    # A press then a release elsewhere does nothing: « Données du graphique » stays closed.
    summary = page.locator("figure.chart-figure details.chart-data > summary").first
    summary.scroll_into_view_if_needed()
    box = summary.bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 5, box["y"] + box["height"] + 80, steps=5)
    page.mouse.up()
    assert not summary.evaluate("el => el.parentElement.open")
    summary.click()
    assert summary.evaluate("el => el.parentElement.open")


# Links of the content that are not shaped as buttons: each must be underlined, not told
# from the text around it by its colour alone (RGAA 3.1).
LINKS_BY_COLOUR_ALONE = """() => [...document.querySelectorAll('main a[href]:not(.button)')]
    .filter(a => a.checkVisibility() && a.textContent.trim()
        && !getComputedStyle(a).textDecorationLine.includes('underline'))
    .map(a => a.outerHTML.slice(0, 120))"""


def test_links_in_text_are_underlined(journey):
    page = journey.page
    for url in sample_pages(journey):
        assert page.evaluate(LINKS_BY_COLOUR_ALONE) == [], url
