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
from tests.e2e.test_journeys import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SAMPLE = rgaa.read_grid()["echantillon"]
# What the stylesheet may hide on a wide screen: the hint that a table scrolls
# sideways, only shown where it may (a phone, or 400 % zoom).
HIDDEN_ON_PURPOSE = {"scroll-hint"}
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
