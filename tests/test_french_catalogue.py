"""The interface's French is set the French way: a no-break space before « : », « ; »,
« % », « ! », « ? », and French plural forms (« 0 élément »), through the French
catalogue that ``make catalogues`` fills; the report's own texts are left as published."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from core.formatting import nbsp_before_punctuation
from measures.abbreviations import unwrap
from measures.models import BilanEntry
from tests.test_translations import read_catalogue

NBSP = "\u00a0"
LOCALE = settings.BASE_DIR / "locale"
FRENCH = LOCALE / "fr" / "LC_MESSAGES" / "django.po"
ENGLISH = LOCALE / "en" / "LC_MESSAGES" / "django.po"


def test_the_french_catalogue_has_every_string_of_the_english_one_and_no_other():
    french = {(e["msgid"], e.get("msgid_plural")) for e in read_catalogue(FRENCH)}
    english = {(e["msgid"], e.get("msgid_plural")) for e in read_catalogue(ENGLISH)}
    assert french == english, "make catalogues"


def test_each_french_string_is_its_msgid_with_french_spacing_and_nothing_is_fuzzy():
    entries = read_catalogue(FRENCH)
    assert len(entries) > 500
    for entry in entries:
        assert "fuzzy" not in entry["flags"], entry["msgid"]
        if "msgid_plural" in entry:
            assert entry["msgstr"] == {
                "msgstr[0]": nbsp_before_punctuation(entry["msgid"]),
                "msgstr[1]": nbsp_before_punctuation(entry["msgid_plural"]),
            }
        else:
            assert entry["msgstr"] == {"msgstr": nbsp_before_punctuation(entry["msgid"])}
    header = FRENCH.read_text(encoding="utf-8").split("\n\n")[0]
    assert "#, fuzzy" not in header  # msgfmt leaves a fuzzy header (and its plural rule) out
    assert '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' in header


def test_the_compiled_french_catalogue_is_up_to_date():
    compiled = FRENCH.with_suffix(".mo")
    assert compiled.exists(), "make messages"
    assert compiled.stat().st_mtime >= FRENCH.stat().st_mtime, "make messages"


def test_french_plural_forms_and_spacing_at_run_time():
    one, many = "%(count)s élément reste à remplir", "%(count)s éléments restent à remplir"
    with translation.override("fr"):
        assert [ngettext(one, many, n) % {"count": n} for n in (0, 1, 2)] == [
            "0 élément reste à remplir",
            "1 élément reste à remplir",
            "2 éléments restent à remplir",
        ]
        assert gettext("Mesure inconnue : le filtre par mesure est ignoré.") == (
            f"Mesure inconnue{NBSP}: le filtre par mesure est ignoré."
        )
    with translation.override("en"):
        assert ngettext(one, many, 0) % {"count": 0} == "0 items are still to fill in"


@pytest.mark.django_db
def test_a_page_sets_its_own_words_the_french_way_and_the_report_s_as_published(client, seed_plan):
    html = client.get(reverse("indicators:measure", args=[7])).content.decode()
    assert f"Axe 3{NBSP}: " in html  # the page's own words
    plan = BilanEntry.objects.get(report_row__measure__number=7).action_plan_text
    assert "au sein des 5 sites : 3 PSA" in plan  # the report, as published
    assert "au sein des 5 sites : 3 PSA" in unwrap(html)  # under the glossary's <abbr>
