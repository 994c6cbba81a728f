"""The RGAA audit's sample pages (docs/rgaa/grille.json « echantillon »), as the server sends them.

Shared by the tests that prove the grid's criteria on those pages
(tests/test_rgaa_structure.py, tests/test_rgaa_validity.py): each page is read
with the test client, in French or in English, the staff pages by an agent who
enters and validates the data of measure 1, then parsed by lxml.
"""

import re
from pathlib import Path

import lxml.html
import polib
from django.conf import settings
from django.contrib.auth import get_user_model

from core import rgaa
from indicators import roles
from indicators.models import Indicator, Milestone, PeriodTarget, YearResult, YearTarget
from measures.models import Axis, Measure, Plan
from tests.accounts import login, make_user

GRID = rgaa.read_grid(Path(settings.BASE_DIR) / "docs" / "rgaa" / "grille.json")
SAMPLE = GRID["echantillon"]
PUBLIC_URLS = [page["url"] for page in SAMPLE if page["acces"] == "public"]
STAFF_URLS = [page["url"] for page in SAMPLE if page["acces"] != "public"]
ALL_URLS = PUBLIC_URLS + STAFF_URLS
NOT_FOUND_URL = "/cette-page-n-existe-pas/"
SITE_SUFFIX = " — Plan parisien pour le logement d'abord"


def log_agent_in(client):
    """An agent who enters measure 1 and validates: every staff sample page opens."""
    user = get_user_model().objects.filter(username="agente-rgaa").first()
    if user is None:
        user = make_user("agente-rgaa", roles.REVIEWERS, measures=[1])
        user.groups.add(*user.groups.model.objects.filter(name=roles.EDITORS))
    login(client, user)


def sample_html(client, url: str, language: str = "fr", status: int = 200) -> str:
    """The page at ``url`` in ``language``; the client must be logged in for a staff page."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def sample_pages(client, language: str = "fr") -> dict[str, str]:
    """Every sample page's HTML by URL: the public ones, then the staff ones."""
    pages = {url: sample_html(client, url, language) for url in PUBLIC_URLS}
    log_agent_in(client)
    pages |= {url: sample_html(client, url, language) for url in STAFF_URLS}
    client.logout()
    return pages


def parse(html: str):
    return lxml.html.document_fromstring(html)


def text_of(element) -> str:
    """An element's text with its white space collapsed."""
    return " ".join(element.text_content().split())


def plain_text_of(element) -> str:
    """An element's text without the glossary's spoken expansions (the page's own words)."""
    copy = lxml.html.fromstring(lxml.html.tostring(element))
    for expansion in copy.xpath(".//*[contains(@class, 'glossary-expansion')]"):
        expansion.drop_tree()
    return text_of(copy)


def by_id(document, identifier: str):
    found = document.xpath("//*[@id=$id]", id=identifier)
    assert len(found) == 1, f"id {identifier!r} : {len(found)} éléments"
    return found[0]


def accessible_name(document, element) -> str:
    """The name a screen reader gives ``element``: aria-labelledby, aria-label, then a
    table's caption (the steps of accname that the site uses)."""
    if element.get("aria-labelledby"):
        return " ".join(
            text_of(by_id(document, identifier))
            for identifier in element.get("aria-labelledby").split()
        )
    if element.get("aria-label"):
        return " ".join(element.get("aria-label").split())
    caption = element.find("caption")
    if element.tag == "table" and caption is not None:
        return text_of(caption)
    return ""


# 8.7: on the English pages, the plan's French words are in elements marked French.


def plan_words() -> set[str]:
    """The words of the plan's own texts that the English interface never uses."""
    texts = [text for plan in Plan.objects.all() for text in (plan.title, plan.programme)]
    texts += list(Axis.objects.values_list("title", flat=True))
    texts += list(Measure.objects.values_list("title", flat=True))
    for indicator in Indicator.objects.all():
        texts += [indicator.label, str(indicator.unit), indicator.producer, indicator.source]
        texts.append(indicator.source_location)
    texts += list(PeriodTarget.objects.values_list("label", flat=True))
    for milestone in Milestone.objects.all():
        texts += [milestone.title, milestone.due_label]
    for result in YearResult.objects.all():
        texts += [result.comment, result.producer, result.source, result.source_location]
    for target in YearTarget.objects.all():
        texts += [target.derivation, target.comment, target.source, target.source_location]
    english = polib.pofile(str(Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES/django.po"))
    interface = " ".join(entry.msgstr for entry in english).casefold()
    interface_words = set(re.findall(r"[^\W\d_]+", interface))
    words = set(re.findall(r"[^\W\d_]{4,}", " ".join(filter(None, texts)).casefold()))
    return words - interface_words


def unmarked_french(document, words: set[str]) -> list[str]:
    """The text runs of an English page, outside any lang="fr", that hold a plan word."""
    found = []
    body = document.find("body")
    for element in body.iter():
        # Code (a file's column names, a URL) is in no human language.
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "code"):
            continue
        marked = element.xpath("ancestor-or-self::*[@lang][1]/@lang")
        if marked and marked[0] == "fr":
            continue
        runs = [element.text] + [child.tail for child in element]
        for run in runs:
            hits = set(re.findall(r"[^\W\d_]{4,}", (run or "").casefold())) & words
            if hits:
                found.append(f"<{element.tag}> {' '.join((run or '').split())[:80]} {sorted(hits)}")
    return found
