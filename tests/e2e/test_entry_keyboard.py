"""The entry page of a measure (« Saisie de la mesure 1 », a page of the RGAA sample) by
keyboard and on a narrow screen: no horizontal scrolling at 320 px (RGAA 10.11), the tab
order follows the reading order (12.8), the focus goes through the whole page and out,
both ways (12.9).

See conftest.py for what is checked on every page (axe-core, console, other hosts).
"""

from itertools import pairwise

import pytest

from indicators import roles
from tests.accounts import make_user
from tests.e2e.test_entry_rgaa import ENTRY_PAGE
from tests.e2e.test_journeys import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOCUS_BOX = """() => {
    const el = document.activeElement;
    // A field's cell of the form's grid: the fields of one row share its top.
    const box = (el.closest('.field') || el).getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(), id: el.id,
        text: (el.textContent || '').replace(/[ \\t\\n\\r]+/g, ' ').trim().slice(0, 60),
        top: box.top + window.scrollY, bottom: box.bottom + window.scrollY,
        left: box.left, right: box.right, isBody: el === document.body,
    };
}"""


def tab_through(page, key: str, limit: int = 600) -> list[dict]:
    """The elements the focus goes through, pressing ``key`` from the top of the page
    until it leaves the page (back to the body) or comes back to where it started."""
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        element = page.evaluate(FOCUS_BOX)
        if element["isBody"] or (seen and element == seen[0]):
            return seen
        # A date field takes three stops (day, month, year): one element.
        if not seen or element != seen[-1]:
            seen.append(element)
    raise AssertionError(f"le focus reste pris dans la page après {limit} touches {key}")


def test_entry_page_reflows_at_320_px_and_tabs_in_reading_order_without_trap(journey):
    make_user("agent", roles.EDITORS, measures=[1, 2])
    page = journey.page
    log_in(journey, "agent", "saisie")
    journey.visit(ENTRY_PAGE, "saisie-mesure-1")

    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    ), "la page de saisie défile horizontalement à 320 px"
    page.screenshot(path=journey.folder / "saisie-320px.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})

    forward = tab_through(page, "Tab")
    assert forward[0]["text"] == "Aller au contenu", forward[0]
    # The whole page is reached, to the footer's last link, and the focus goes on out.
    assert forward[-1]["text"] == "Tous les plans", forward[-1]
    fields = page.locator(
        "main input:not([type=hidden]):not([disabled]), main select, main textarea, "
        "main button, main a[href], main summary"
        # What a closed <details> holds is not on the page (its summary is): Chromium gives
        # it boxes all the same, so it is left out by hand.
    ).evaluate_all(
        "els => els.filter(el => el.getClientRects().length"
        " && !(el.tagName !== 'SUMMARY' && el.closest('details:not([open])'))).length"
    )
    assert sum(1 for element in forward if element["top"] > 0) >= fields
    # Each stop is on the same line further right, or further down the page.
    for before, after in pairwise(forward):
        same_line = after["top"] < before["bottom"] - 1 and after["bottom"] > before["top"] + 1
        if same_line:
            assert after["left"] > before["left"], f"{before} → {after}"
        else:
            assert after["top"] >= before["bottom"] - 1, f"{before} → {after}"
    # And back from the footer to the top with Shift+Tab: no trap either way.
    page.evaluate("() => document.activeElement.blur()")
    page.keyboard.press("End")
    backward = tab_through(page, "Shift+Tab")
    assert [element["text"] for element in reversed(backward)] == [
        element["text"] for element in forward
    ]
