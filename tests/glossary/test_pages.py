"""Every page of the seeded 2022 plan explains its acronyms, and the glossary page lists them."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from indicators.roles import EDITORS
from measures.abbreviations import unwrap
from measures.models import GlossaryTerm
from tests.accounts import login, make_user

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/?annee=2022",
    *[f"/axes/{number}/?annee=2022" for number in range(1, 6)],
    *[f"/mesures/{number}/?annee=2022" for number in range(1, 13)],
    "/bilan/2022/",
    "/donnees/",
    "/glossaire/",
    "/accessibilite/",
]
# Text in these is never wrapped: the <head> (its <title>), scripts, form options…
UNWRAPPED = {"head", "script", "style", "textarea", "title", "select", "option", "svg", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class TextChecker(HTMLParser):
    """Each visible text node: the acronyms in it, and whether it sits in an <abbr>."""

    def __init__(self, acronyms):
        super().__init__(convert_charrefs=True)
        self.pattern = re.compile(
            r"(?<![\w-])(?:"
            + "|".join(r"\s+".join(map(re.escape, a.split())) for a in acronyms)
            + r")(?![\w-])"
        )
        self.stack: list[str] = []
        self.bare: list[str] = []  # acronyms found outside any <abbr>
        self.wrapped: list[str] = []  # the text of each <abbr class="glossary-term">

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if UNWRAPPED & set(self.stack) or ("span" in self.stack[-1:] and "abbr" in self.stack):
            return
        if "abbr" in self.stack:
            self.wrapped.append(data)
            return
        self.bare += [match.group() for match in self.pattern.finditer(data)]


def check(html: str) -> TextChecker:
    acronyms = GlossaryTerm.objects.exclude(expansion="").values_list("acronym", flat=True)
    checker = TextChecker(acronyms)
    checker.feed(html)
    return checker


def assert_explained(html: str, url: str) -> None:
    checker = check(html)
    assert checker.bare == [], f"{url}: not in an <abbr>: {checker.bare}"
    expanded = set(GlossaryTerm.objects.exclude(expansion="").values_list("acronym", flat=True))
    for inner in checker.wrapped:
        assert " ".join(inner.split()) in expanded, f"{url}: <abbr>{inner}</abbr>"
    # Never two in one word, never inside a word.
    for added in re.finditer(r'<abbr class="glossary-term".*?</abbr>', html, re.DOTALL):
        before, after = html[added.start() - 1], html[added.end()]
        assert not re.match(r"[\w-]", before), f"{url}: {html[added.start() - 20 : added.end()]}"
        assert not re.match(r"[\w-]", after), f"{url}: {html[added.start() : added.end() + 20]}"


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_acronym_of_a_public_page_is_explained_once_per_word(client, seed_plan, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert_explained(html, url)
    # The first occurrence of each term is read out; the page links to the glossary.
    titles = re.findall(r'<abbr class="glossary-term" title="([^"]*)"', html)
    assert html.count('class="visually-hidden glossary-expansion"') == len(set(titles))
    assert f'href="{reverse("glossary")}"' in html


@pytest.mark.parametrize("url", PUBLIC_PAGES[:-2])
def test_the_page_underneath_is_unchanged(client, seed_plan, settings, url):
    wrapped = client.get(url).content.decode()
    settings.MIDDLEWARE = [m for m in django_settings.MIDDLEWARE if "Glossary" not in m]
    assert unwrap(wrapped) == Client().get(url).content.decode()


def test_the_pages_that_show_the_report_s_texts_explain_their_acronyms(client, seed_plan):
    for url, term in (("/bilan/2022/", "UNAF0"), ("/mesures/7/?annee=2022", "CHU"), ("/", "ARPP")):
        assert 'title="' in client.get(url).content.decode().split(f">{term}")[0][-120:], url


def test_the_report_s_texts_read_the_same_once_tags_are_stripped(client, seed_plan):
    html = unwrap(client.get("/bilan/2022/").content.decode())
    # The markup renderer leaves apostrophes as they are.
    assert "des ménages prioritaires</strong> labellisés ARPP</p>" in html
    assert "entre la Ville de Paris et les deux fédérations de FJT - l'UNAF0 et l'URHAJ." in html


def test_an_agent_s_entry_pages_explain_their_acronyms(client, seed_plan):
    login(client, make_user("agent", EDITORS, measures=[5]))
    for url in (reverse("entry:home"), reverse("entry:measure", args=[5])):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert_explained(html, url)
        assert 'class="glossary-term" title="aide sociale à l&#x27;enfance"' in html


def test_english_pages_mark_the_expansions_french(client, seed_plan):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/axes/2/?annee=2022").content.decode()
    assert '<abbr class="glossary-term" title="aide sociale à l&#x27;enfance" lang="fr">' in html
    assert_explained(html, "/axes/2/ (en)")


def test_the_administration_is_left_alone(admin_client, seed_plan):
    html = admin_client.get(reverse("admin:measures_glossaryterm_changelist")).content.decode()
    assert "ASE" in html
    assert "glossary-term" not in html


def test_exports_and_data_are_left_alone(client, seed_plan):
    response = client.get(reverse("opendata:values_csv"))
    assert b"<abbr" not in response.content


def test_an_edited_term_shows_on_the_pages_at_once(admin_client, seed_plan):
    term = GlossaryTerm.objects.get(acronym="ESPEX")
    response = admin_client.post(
        reverse("admin:measures_glossaryterm_change", args=[term.pk]),
        {"acronym": "ESPEX", "expansion": "Équipe sociale", "definition": "", "source": "X"},
    )
    assert response.status_code == 302
    html = admin_client.get("/mesures/6/?annee=2022").content.decode()
    assert '<abbr class="glossary-term" title="Équipe sociale">ESPEX' in html


# The glossary page.


def test_the_glossary_lists_every_term_alphabetically_with_its_anchor(client, db):
    html = client.get(reverse("glossary")).content.decode()
    anchors = re.findall(r'<dt id="([^"]+)"', html)
    assert anchors[:5] == ["AFFIL", "AMI-LDA", "AMI2-LDA", "AORIF", "ARPP"]
    assert len(anchors) == GlossaryTerm.objects.count() == 28
    assert "Dihal" in anchors  # « Dihal » sorts with the D's, whatever its case
    assert anchors.index("DAP") < anchors.index("Dihal") < anchors.index("DRIHL")


def test_the_glossary_shows_expansion_definition_and_source(client, db):
    html = client.get(reverse("glossary")).content.decode()
    entry = re.search(r'<dt id="ELIAHS".*?</div>', html, re.DOTALL).group()
    assert (
        "Équipes de Liaison Intersectorielle d&#x27;Accompagnement entre Habitat et Soins" in entry
    )
    assert "troubles psycho-sociaux" in entry
    assert "Source\xa0:" in entry
    assert "présentation des axes, axe 2" in entry


def test_the_glossary_says_what_is_left_to_complete(client, db):
    # Every term of the report is sourced now: one emptied as an administrator could.
    GlossaryTerm.objects.filter(acronym="AORIF").update(expansion="", definition="", source="")
    html = client.get(reverse("glossary")).content.decode()
    entry = re.search(r'<dt id="AORIF".*?</div>', html, re.DOTALL).group()
    assert "Forme développée à compléter par l'administrateur." in entry
    assert "Définition à compléter par l'administrateur." in entry
    entry = re.search(r'<dt id="CHU".*?</div>', html, re.DOTALL).group()
    assert "Centre d&#x27;hébergement d&#x27;urgence" in entry
    assert "Définition à compléter" in entry


def test_the_glossary_in_english_keeps_the_terms_french(client, db):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("glossary")).content.decode()
    assert "<h1>Glossary of acronyms</h1>" in html
    assert (
        '<dd class="glossary-expansion-text" lang="fr">aide sociale à l&#x27;enfance</dd>' in html
    )
    assert "Definition to be completed by the administrator." in html


def test_the_glossary_page_costs_its_query_and_the_navigation_s(
    client, seed_plan, django_assert_num_queries
):
    with django_assert_num_queries(2):  # the terms; the axes of the navigation
        client.get(reverse("glossary"))
