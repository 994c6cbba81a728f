"""A public page printed on A4 by Chromium: the page's own content only, its address and
date, charts redrawn to the paper's width, tables whole.

The axis page is printed twice: laid out at the width of an A4 page's content with print
styles on (everything must fit, no table row may be split), then for real, to a PDF whose
text must hold every indicator row of the page's table and the source line.
"""

import io
import unicodedata

import pytest
from pypdf import PdfReader

from indicators.models import Indicator
from tests.e2e.conftest import TIMEOUT_MS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXIS_1 = "/axes/1/?annee=2022"
# A4 (210 mm) less the stylesheet's 12 mm margins, in CSS pixels (96 per inch).
A4_CONTENT_WIDTH = round((210 - 2 * 12) / 25.4 * 96)


def squeezed(text: str) -> str:
    """Text without any whitespace (a PDF's lines break where the page's did), its
    ligatures undone (« ﬁ » is « fi »)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture
def page(browser, live_server, plan):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def drawn(page, path: str):
    page.goto(page.base_url + path)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-figure]').length"
        " === document.querySelectorAll('[data-drawn]').length"
    )


def test_an_axis_page_laid_out_for_a4_fits_the_paper_and_keeps_its_rows_whole(page):
    drawn(page, AXIS_1)
    page.set_viewport_size({"width": A4_CONTENT_WIDTH, "height": 1100})
    page.emulate_media(media="print")
    # Each chart is redrawn to the width of the paper.
    page.wait_for_function(
        "width => [...document.querySelectorAll('[data-drawn] svg.main-svg')]"
        ".every(svg => svg.getBoundingClientRect().right <= width + 1)",
        arg=A4_CONTENT_WIDTH,
    )
    layout = page.evaluate(
        """() => ({
            wider: document.documentElement.scrollWidth,
            tables: [...document.querySelectorAll('main table')].map(t => ({
                right: t.getBoundingClientRect().right,
                header: t.tHead ? getComputedStyle(t.tHead).display : 'none',
                rowsKeptWhole: [...t.rows].every(
                    r => getComputedStyle(r).breakInside === 'avoid'),
            })),
            navigation: getComputedStyle(document.querySelector('.site-header')).display,
            source: getComputedStyle(document.querySelector('.print-source')).display,
            sourceText: document.querySelector('.print-source').innerText,
        })"""
    )
    assert layout["wider"] <= A4_CONTENT_WIDTH, "la page déborde du papier"
    assert layout["tables"], "la page a des tableaux"
    for table in layout["tables"]:
        assert table["right"] <= A4_CONTENT_WIDTH + 1
        assert table["header"] == "table-header-group"  # repeated on each printed page
        assert table["rowsKeptWhole"]
    assert layout["navigation"] == "none"
    assert layout["source"] == "block"
    assert layout["sourceText"].startswith(f"Source\u00a0: {page.base_url}{AXIS_1}")
    assert "page du " in layout["sourceText"]


def test_the_printed_pdf_holds_every_row_of_the_axis_table_and_its_source(page):
    drawn(page, AXIS_1)
    pdf = page.pdf(format="A4", print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    text = squeezed("\n".join(p.extract_text() for p in reader.pages))
    assert 1 < len(reader.pages) < 40
    labels = Indicator.objects.filter(report_row__ambition__axis__number=1).values_list(
        "label", flat=True
    )
    assert len(labels) == 18
    missing = [label for label in labels if squeezed(label) not in text]
    assert not missing, f"lignes absentes du PDF : {missing}"
    assert squeezed(f"Source : {page.base_url}") in text
    # Neither the header's links nor the footer's are printed.
    assert squeezed("Se connecter") not in text
    assert squeezed("Glossaire des sigles") not in text


def test_a_page_printed_before_its_charts_are_all_drawn_prints_every_chart(page):
    # The charts are drawn one per frame (static/js/charts.js): a page printed before the
    # others are drawn must not print them blank, so what is left is drawn at once. Here
    # printing starts as the page's parsing ends, when only the first chart is drawn.
    page.add_init_script(
        """document.addEventListener('DOMContentLoaded', () => {
            const withDrawing = () => [...document.querySelectorAll('[data-figure]')]
                .filter(el => el.querySelector('svg.main-svg')).length;
            const before = withDrawing();
            window.dispatchEvent(new Event('beforeprint'));
            window.printCounts = {before: before, after: withDrawing()};
        });"""
    )
    page.goto(page.base_url + AXIS_1)
    counts = page.evaluate("() => window.printCounts")
    figures = page.locator("[data-figure]").count()
    assert figures == Indicator.objects.filter(report_row__ambition__axis__number=1).count()
    assert counts == {"before": 1, "after": figures}
