"""RGAA 4.1 on the sample pages' markup: data tables (5.1-5.7), page titles (8.6), no tag
for presentation only (8.9), headings (9.1).

Each test reads every sample page of the audit grid (tests/rgaa_pages.py) as the
server sends it and walks its HTML with lxml: the grid cites these tests.
"""

import re
from itertools import pairwise

import pytest

from indicators.models import Indicator
from measures.models import Axis, Measure
from tests.accounts import indicator_post, indicator_url
from tests.rgaa_pages import (
    ALL_URLS,
    NOT_FOUND_URL,
    PUBLIC_URLS,
    SITE_SUFFIX,
    accessible_name,
    by_id,
    log_agent_in,
    parse,
    plain_text_of,
    sample_html,
    sample_pages,
    text_of,
)

pytestmark = pytest.mark.django_db

# Names that say a table is a table, not what it holds.
GENERIC_NAMES = {"tableau", "table", "données", "data", "tableau de données", "résultats"}

# The tables of each sample page that are not an indicator's own (those are named
# after their indicator: see test_every_table_has_a_pertinent_caption_unique_on_its_page).
PAGE_TABLES = {
    "/": set(),
    "/axes/1/?annee=2022": {
        "Indicateurs de l'axe 1 en 2022",
        "Jalons de l'axe 1, statut à la fin de 2022",
    },
    "/mesures/3/?annee=2022": {"Jalons de la mesure 3, statut à la fin de 2022"},
    "/bilan/2022/": {
        "Bilan 2022 & perspectives 2023 : ambitions, bilan 2022 et plan d'action 2023"
    },
    "/donnees/": {
        "Colonnes des fichiers",
        "Colonnes de la feuille « Indicateurs »",
        "Colonnes des fichiers des financements",
        "Colonnes des fichiers des partenaires",
        "Colonnes des fichiers des chiffres par arrondissement",
    },
    "/glossaire/": set(),
    "/plan-du-site/": set(),
    "/accessibilite/": set(),
    "/connexion/": set(),
    "/mot-de-passe/oubli/": set(),
    "/saisie/mesures/1/": set(),
    "/saisie/validation/": set(),
}


def tables_of(document):
    return document.xpath("//table")


def indicator_heading(table):
    """The heading of the indicator (an axis or measure page's article, an overview card)
    that a table belongs to, or None."""
    holder = table.xpath(
        "ancestor::*[self::article[contains(@class, 'indicator')] or self::li"
        "[contains(@class, 'card')]][1]"
    )
    return plain_text_of(holder[0].xpath(".//h3")[0]) if holder else None


@pytest.fixture
def pages(client, seed_plan):
    return {url: parse(html) for url, html in sample_pages(client).items()}


def test_the_sample_pages_are_the_grid_s():
    assert set(PAGE_TABLES) == set(ALL_URLS)


# 5.4 and 5.5: each table has a title tied to it, which says what it holds.


def test_every_table_has_a_pertinent_caption_unique_on_its_page(pages):
    counted = 0
    for url, document in pages.items():
        names, others = [], set()
        for table in tables_of(document):
            counted += 1
            caption = table.find("caption")
            # The caption, when there is one, is the table's first child (HTML, RGAA 5.4).
            assert caption is None or table.index(caption) == 0, url
            name = accessible_name(document, table)
            assert name, f"{url} : tableau sans titre"
            assert name.casefold() not in GENERIC_NAMES, f"{url} : {name}"
            names.append(name)
            # The scrolling region around a table is named like it.
            region = table.getparent()
            if region.get("role") == "region":
                assert accessible_name(document, region) == name, url
            heading = indicator_heading(table)
            if heading is None:
                others.add(name)
                continue
            # An indicator's tables name it, and say which of its figures they hold.
            own = plain_text_of(caption)
            assert own.endswith(heading), f"{url} : {own} ≠ {heading}"
            assert own[: -len(heading)].strip() in {
                "Objectifs et résultats annuels :",
                "Cibles et valeurs de référence :",
                "Données du graphique :",
            }, own
        assert len(names) == len(set(names)), f"{url} : titres en double"
        assert others == PAGE_TABLES[url], url
    assert counted >= 40


def test_english_tables_are_named_in_english_around_the_plan_s_words(client, seed_plan):
    document = parse(sample_html(client, "/axes/1/?annee=2022", "en"))
    names = [accessible_name(document, table) for table in tables_of(document)]
    assert "Axis 1 indicators in 2022" in names
    assert "Annual targets and results: Logements Louez solidaire captés dans l'année" in names
    caption = document.xpath("//table/caption[starts-with(., 'Annual targets')]")[0]
    label = caption.xpath("string(span[@lang='fr'])")
    assert label == "Logements Louez solidaire captés dans l'année"


# 5.6 and 5.7: headers declared as such, and each data cell tied to its headers.


def table_cells(table):
    """Each cell of ``table`` with the rows and columns it covers (HTML's table model)."""
    rows = [row for row in table.iter("tr") if row.xpath("ancestor::table[1]")[0] is table]
    taken, cells = set(), []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            height, width = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            taken |= {(r + dr, c + dc) for dr in range(height) for dc in range(width)}
            cells.append((cell, range(r, r + height), range(c, c + width)))
            c += width
    return cells, max((c for _r, c in taken), default=-1) + 1


def headers_of(table, cell, rows, columns, cells):
    """The column, row and row-group headers of a data cell."""
    if cell.get("headers"):
        ids = cell.get("headers").split()
        found = [other for other, _r, _c in cells if other.get("id") in ids]
        assert len(found) == len(ids), ids
        assert all(h.tag == "th" for h in found), ids
        scopes = {h.get("scope") for h in found}
        return found, scopes
    found = []
    for other, other_rows, other_columns in cells:
        scope = other.get("scope")
        if other.tag != "th":
            continue
        # A column header above the cell, a row header before it in its rows
        # (HTML's table model), the header of its group of rows.
        above = set(other_columns) & set(columns) and other_rows[-1] < rows[0]
        before = set(other_rows) & set(rows) and other_columns[-1] < columns[0]
        same_group = other.xpath("ancestor::tbody[1]") == cell.xpath("ancestor::tbody[1]")
        if (
            (scope == "col" and above)
            or (scope == "row" and before)
            or (scope == "rowgroup" and same_group)
        ):
            found.append(other)
    return found, {h.get("scope") for h in found}


def checked_cells(url, document, table) -> int:
    """Check a table's header cells and that each data cell has its headers; how many."""
    cells, width = table_cells(table)
    referenced = {i for cell, _r, _c in cells for i in cell.get("headers", "").split()}
    headers = [cell for cell, _r, _c in cells if cell.tag == "th"]
    assert headers, f"{url} : {accessible_name(document, table)} sans en-tête"
    for header in headers:
        assert text_of(header), f"{url} : en-tête vide"
        assert (
            header.get("scope") in {"col", "row", "rowgroup", "colgroup"}
            or header.get("id") in referenced
        ), f"{url} : <th> sans scope ni id : {text_of(header)}"
        if header.getparent().getparent().tag == "thead":
            assert header.get("scope") == "col", url
    has_row_headers = any(h.get("scope") == "row" for h in headers)
    checked = 0
    for cell, rows, columns in cells:
        if cell.tag != "td":
            continue
        _found, scopes = headers_of(table, cell, rows, columns, cells)
        where = f"{url} : « {text_of(cell)[:40]} » ({accessible_name(document, table)})"
        assert "col" in scopes, f"{where} sans en-tête de colonne"
        # A message in place of the rows (« Aucun jalon. ») spans them all.
        if has_row_headers and len(columns) < width:
            assert "row" in scopes, f"{where} sans en-tête de ligne"
        if table.xpath(".//th[@scope='rowgroup']"):
            assert "rowgroup" in scopes, f"{where} hors de son axe"
        checked += 1
    return checked


def test_every_header_is_a_scoped_th_and_every_data_cell_has_its_headers(pages):
    checked = sum(
        checked_cells(url, document, table)
        for url, document in pages.items()
        for table in tables_of(document)
    )
    assert checked > 300


def test_the_history_an_agent_sees_on_a_measure_page_has_its_headers(client, seed_plan):
    log_agent_in(client)
    indicator = Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")
    client.post(indicator_url(indicator, 2023), indicator_post(indicator, 2023, result_value="74"))
    document = parse(sample_html(client, "/mesures/1/?annee=2022"))
    history = document.xpath("//section[@aria-labelledby='historique']//table")
    assert len(history) == 1
    assert checked_cells("/mesures/1/", document, history[0]) >= 6
    assert history[0].xpath("string(.//tbody/tr[1]/*[1]/@scope)") == "row"


def test_the_bilan_cells_are_read_with_their_column_and_their_axis(client, seed_plan):
    document = parse(sample_html(client, "/bilan/2022/"))
    table = document.xpath("//table[contains(@class, 'bilan-table')]")[0]
    cells, _width = table_cells(table)
    first = next(cell for cell in cells if cell[0].tag == "td")
    found, _scopes = headers_of(table, *first, cells)
    assert [text_of(header) for header in found] == [
        "Ambition de la Ville 2021-2026",
        f"1. {Axis.objects.get(number=1).title}",
    ]


# 5.1 and 5.2: a complex table (groups of rows, cells over several rows) has a summary
# that says how it reads.


def is_complex(table) -> bool:
    cells, _width = table_cells(table)
    return (
        any(
            cell.get("scope") in {"rowgroup", "colgroup"}
            or len(rows) > 1
            or (cell.tag == "th" and len(columns) > 1)
            for cell, rows, columns in cells
        )
        or len(table.xpath("thead/tr")) > 1
    )


def test_every_complex_table_has_a_summary_that_says_how_it_reads(pages):
    complex_tables = 0
    for url, document in pages.items():
        for table in tables_of(document):
            if not is_complex(table):
                continue
            complex_tables += 1
            assert table.get("aria-describedby"), f"{url} : {accessible_name(document, table)}"
            summary = text_of(by_id(document, table.get("aria-describedby")))
            # It names each column and says how rows are grouped and spanned.
            for header in table.xpath("thead//th"):
                assert f"« {text_of(header)} »" in summary, (url, text_of(header))
            assert "regroupées par axe" in summary
            assert "s'étend sur ces lignes" in summary
    assert complex_tables == 1  # the bilan


# 8.6: each page's title says which page it is, and the site.


def expected_titles():
    axis, measure = Axis.objects.get(number=1), Measure.objects.get(number=3)
    return {
        "/": "Vue d'ensemble 2022",
        "/axes/1/?annee=2022": f"Axe 1 — {axis.title} — 2022",
        "/mesures/3/?annee=2022": f"Mesure 3 — {measure.title} — 2022",
        "/bilan/2022/": "Bilan 2022 & perspectives 2023",
        "/donnees/": "Données ouvertes",
        "/glossaire/": "Glossaire des sigles",
        "/plan-du-site/": "Plan du site",
        "/accessibilite/": "Déclaration d'accessibilité",
        "/connexion/": "Connexion",
        "/mot-de-passe/oubli/": "Mot de passe oublié",
        "/saisie/mesures/1/": "Saisie — Mesure 1 — Louez solidaire et sans risque",
        "/saisie/validation/": "Validation",
    }


def title_of(document) -> str:
    return " ".join(document.findtext(".//title").split())


def test_every_page_title_names_its_page_and_the_site(client, pages):
    titles = {url: title_of(document) for url, document in pages.items()}
    assert titles == {url: title + SITE_SUFFIX for url, title in expected_titles().items()}
    assert len(set(titles.values())) == len(titles)
    # An error says so first.
    missing = parse(sample_html(client, NOT_FOUND_URL, status=404))
    assert title_of(missing) == "Page introuvable" + SITE_SUFFIX
    # The English pages have titles of their own, the plan's names kept.
    english = {url: title_of(parse(sample_html(client, url, "en"))) for url in PUBLIC_URLS}
    assert english["/axes/1/?annee=2022"].startswith("Axis 1 — Mobiliser l'offre")
    assert english["/mesures/3/?annee=2022"].startswith("Measure 3 — Pensions de Famille — 2022")
    assert len(set(english.values())) == len(english)
    assert not set(english.values()) & set(titles.values())


# 8.9: no element used only for how it looks.

PRESENTATIONAL = "//b | //i | //u | //s | //strike | //font | //center | //big | //tt | //blink"


def test_no_tag_is_used_only_for_presentation(pages):
    for url, document in pages.items():
        body = document.find("body")
        assert not body.xpath(PRESENTATIONAL), url
        for paragraph in body.iter("p"):
            assert text_of(paragraph) or len(paragraph), f"{url} : paragraphe vide"
        for line_break in body.iter("br"):
            # A <br> ends a line of text inside a cell or a paragraph, never makes space.
            before = line_break.getprevious()
            text_before = before.tail if before is not None else line_break.getparent().text
            assert (text_before or "").strip() or before is not None, f"{url} : <br> en tête"
            assert before is None or before.tag != "br" or (before.tail or "").strip(), url
            after = line_break.getnext()
            assert (line_break.tail or "").strip() or after is not None, f"{url} : <br> final"
        for table in body.iter("table"):
            # No table for layout: each has header cells and no presentation role.
            assert table.xpath(".//th"), url
            assert table.get("role") not in {"presentation", "none"}, url
        # No run of spaces or blank lines drawn with characters.
        assert not re.search("\xa0{2,}|(?:&nbsp;){2,}", text_of(body)), url


# 9.1: headings give the page its outline.


def heading_level(element) -> int:
    if element.get("role") == "heading":
        return int(element.get("aria-level"))
    return int(element.tag[1])


def test_every_page_has_one_h1_and_an_outline_without_gaps(pages):
    for url, document in pages.items():
        main = document.xpath("//main")[0]
        headings = document.xpath("//h1 | //h2 | //h3 | //h4 | //h5 | //h6 | //*[@role='heading']")
        levels = [heading_level(heading) for heading in headings]
        assert levels.count(1) == 1, url
        assert levels[0] == 1, url
        assert headings[0].xpath("ancestor::main"), url
        for previous, level in pairwise(levels):
            assert level <= previous + 1, f"{url} : niveau {previous} puis {level}"
        assert all(text_of(heading) for heading in headings), url
        # Each section and each indicator's article is named by a heading of its own.
        for part in main.xpath(".//section | .//article"):
            labelled = part.get("aria-labelledby")
            own = part.xpath("./h2 | ./h3 | ./*/h2 | ./*/h3")
            assert labelled or own, f"{url} : <{part.tag}> sans titre"
            if labelled:
                named = by_id(document, labelled)
                assert re.fullmatch(r"h[1-6]", named.tag), f"{url} : {labelled}"
