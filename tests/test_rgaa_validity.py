"""RGAA 4.1 on the sample pages: valid code (8.2), language of parts (8.7), acronyms (13.5, 13.6).

8.2 runs the Nu Html Checker (vnu, the W3C's checker), from npm's vnu-jar
(package.json devDependencies), on Java. Without Java or the jar the test is
skipped with what to install, unless ``LDAPLAN_REQUIRE_E2E=1`` (set by .ci/run)
turns the skip into a failure.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from measures.models import GlossaryTerm
from tests.rgaa_pages import (
    ALL_URLS,
    NOT_FOUND_URL,
    PUBLIC_URLS,
    parse,
    plain_text_of,
    plan_words,
    sample_html,
    sample_pages,
    text_of,
    unmarked_french,
)

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# What the checker still finds, outside this branch's templates: each error, as it says
# it. The test fails when one goes away, so that the list and the grid follow.
# Pages the checker is known to refuse, with its messages: none since the staff forms
# lost their empty action="" (a form without action posts to its own page).
KNOWN_ERRORS: dict[str, list[str]] = {}


def checker_or_reason() -> str | None:
    if not shutil.which("java"):
        return "Java est introuvable : apt-get install default-jre-headless (validateur HTML vnu)."
    if not VNU_JAR.exists():
        return f"vnu.jar manque ({VNU_JAR}) : lancez npm ci (ou make assets)."
    return None


def validate(files: list[Path]) -> list[dict]:
    reason = checker_or_reason()
    if reason:
        if os.environ.get("LDAPLAN_REQUIRE_E2E") == "1":
            pytest.fail(f"{reason} (LDAPLAN_REQUIRE_E2E=1 : ce test doit tourner ici)")
        pytest.skip(reason)
    run = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(run.stderr)["messages"]


def test_every_sample_page_is_valid_html(client, seed_plan, tmp_path):
    """RGAA 8.2: no error from the Nu Html Checker, French and English, and a 404."""
    files = {}
    for language in ("fr", "en"):
        for url, html in sample_pages(client, language).items():
            path = tmp_path / f"{language}{re.sub(r'[^a-z0-9]+', '-', url)}.html"
            path.write_text(html, encoding="utf-8")
            files[path.name] = url
        path = tmp_path / f"{language}-404.html"
        path.write_text(sample_html(client, NOT_FOUND_URL, language, status=404), "utf-8")
        files[path.name] = NOT_FOUND_URL
    messages = validate(sorted(tmp_path.glob("*.html")))
    errors: dict[str, list[str]] = {}
    for message in messages:
        if message["type"] in ("error", "non-document-error"):
            name = message.get("url", "").rsplit("/", 1)[-1]
            url = files.get(name, name)
            errors.setdefault(url, []).append(message["message"])
    # Each page known to fail fails the same way in both languages, and no other does.
    expected = {url: errors_ * 2 for url, errors_ in KNOWN_ERRORS.items()}
    assert errors == expected, json.dumps(errors, indent=2, ensure_ascii=False)
    assert len(files) == 2 * len(ALL_URLS) + 2


# 13.5 and 13.6: each acronym of the plan is explained where it appears, by the
# glossary's expansion, which has a source.


def test_every_acronym_on_the_sample_pages_has_its_glossary_expansion(client, seed_plan):
    terms = {term.acronym: term for term in GlossaryTerm.objects.all()}
    explained = {acronym for acronym, term in terms.items() if term.expansion}
    found = set()
    for language in ("fr", "en"):
        for url, html in sample_pages(client, language).items():
            document = parse(html)
            seen = set()
            for abbr in document.xpath("//abbr[contains(@class, 'glossary-term')]"):
                acronym = " ".join((abbr.text or "").split())
                assert acronym in explained, f"{url} : {acronym}"
                # RGAA 13.6: the alternative is the glossary's expansion, with its source.
                term = terms[acronym]
                assert abbr.get("title") == term.expansion, url
                assert term.source.strip(), acronym
                if language != "fr":
                    assert abbr.get("lang") == "fr", url
                # Its first occurrence is read out; the later ones have the title.
                hidden = abbr.xpath("span[contains(@class, 'glossary-expansion')]")
                if acronym not in seen:
                    assert [text_of(span) for span in hidden] == [f"({term.expansion})"], url
                else:
                    assert not hidden, url
                seen.add(acronym)
                found.add(acronym)
            # Nowhere in the text (outside <abbr>, the head and the forms' values)
            # an acronym that has an expansion is left bare.
            body = document.find("body")
            for skipped in body.xpath(".//abbr | .//script | .//textarea | .//select"):
                skipped.drop_tree()
            text = text_of(body)
            for acronym in explained:
                assert not re.search(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text), (
                    url,
                    acronym,
                )
            # Every page links the glossary, which lists all the terms.
            assert document.xpath("//footer//a[@href='/glossaire/']"), url
    assert len(found) >= 15


def test_the_glossary_page_gives_each_term_its_expansion_and_source(client, seed_plan):
    document = parse(sample_html(client, "/glossaire/"))
    for term in GlossaryTerm.objects.exclude(expansion=""):
        entry = document.xpath("//dt[@id=$id]/..", id=term.anchor)[0]
        assert text_of(entry.xpath("dd[contains(@class, 'glossary-expansion-text')]")[0]) == (
            " ".join(term.expansion.split())
        )
        assert term.source
        assert " ".join(term.source.split()) in plain_text_of(entry)


# 8.7: on the English pages, the plan's French words are in elements marked French.


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_english_pages_mark_every_french_word_of_the_plan(client, seed_plan, url):
    words = plan_words()
    assert {"logements", "captés", "bailleurs", "famille", "juillet"} <= words
    document = parse(sample_html(client, url, "en"))
    assert document.get("lang") == "en"
    assert unmarked_french(document, words) == []
