"""RGAA 4.1 on the two staff pages of the sample, full of work: the entry page of
measure 1 and the validation queue, each with something in every list (made-up
values, « fictif »).

8.7: in English, the plan's French words (titles, labels, units, comments typed in
French) are in elements marked French. 11.2: on a page of many forms, each field's
label says which indicator, milestone or text it is about, so that no two fields are
announced alike. 11.5 and 11.6: the queue's boxes and filters are grouped under a
legend saying what they choose.
"""

from collections import Counter

import pytest
from django.urls import reverse

from tests.accounts import login
from tests.entry.queue_world import LOUEZ_SOLIDAIRE, fill_queue
from tests.rgaa_pages import parse, plan_words, sample_html, text_of, unmarked_french

pytestmark = pytest.mark.django_db

ENTRY_PAGE = "/saisie/mesures/1/"
FIELDS = "//main//input[not(@type='hidden')] | //main//select | //main//textarea"


@pytest.fixture
def world(seed_plan):
    return fill_queue()


def page_of(client, user, url: str, language: str = "fr"):
    login(client, user)
    return parse(sample_html(client, url, language))


def label_of(document, field) -> str:
    (label,) = document.xpath("//label[@for=$id]", id=field.get("id"))
    return text_of(label)


QUEUE_PAGE = "/saisie/validation/"
HISTORY_PAGE = "/mesures/1/historique/"


@pytest.mark.parametrize(
    ("who", "url"), [("editor", ENTRY_PAGE), ("reviewer", QUEUE_PAGE), ("editor", HISTORY_PAGE)]
)
def test_english_staff_pages_mark_every_french_word_of_the_plan(client, world, who, url):
    words = plan_words()
    assert {"logements", "captés", "fictif", "bailleurs"} <= words
    document = page_of(client, getattr(world, who), url, "en")
    assert document.get("lang") == "en"
    assert unmarked_french(document, words) == []
    # A field holding French text is French too: read, and spell-checked, as French.
    for area in document.xpath("//main//textarea"):
        assert area.get("lang") == "fr", area.get("name")


def test_english_entry_page_keeps_its_interface_in_english(client, world):
    document = page_of(client, world.editor, ENTRY_PAGE, "en")
    headings = [text_of(h) for h in document.xpath("//main//h2")]
    assert headings[:3] == ["Indicators", "Milestones", "2023 review texts"]
    title = document.xpath("//h1")[0]
    assert text_of(title).startswith("2023 data entry — Measure 1 — ")
    assert title.xpath(".//*[@lang='fr']"), "the measure's title is marked French"


def test_every_field_of_the_entry_page_is_named_after_what_it_is_about(client, world):
    document = page_of(client, world.editor, ENTRY_PAGE)
    fields = document.xpath(FIELDS)
    labels = [label_of(document, field) for field in fields]
    assert len(labels) > 40, len(labels)
    # Announced alone, as a screen reader does when moving from field to field, no two
    # fields sound alike.
    assert [label for label, count in Counter(labels).items() if count > 1] == []
    louez = [
        label_of(document, field)
        for field in document.xpath(
            "//article[h3[starts-with(., $label)]]//form//*[@name]", label=LOUEZ_SOLIDAIRE
        )
        if field.tag in ("input", "select", "textarea") and field.get("type") != "hidden"
    ]
    legend = f"Résultat 2023 et objectif 2023 — {LOUEZ_SOLIDAIRE}"
    assert f"Résultat 2023 ({legend})" in louez, louez
    assert f"Objectif 2024 (Objectif 2024 (plan d'action 2024) — {LOUEZ_SOLIDAIRE})" in louez
    assert all(LOUEZ_SOLIDAIRE in label for label in louez), louez
    # What is added is for the ear: the eye reads the short label under its legend.
    for field in document.xpath("//form[contains(@class, 'entry-form')]//*[@name]"):
        if field.tag not in ("input", "select", "textarea") or field.get("type") == "hidden":
            continue
        (label,) = document.xpath("//label[@for=$id]", id=field.get("id"))
        hidden = label.xpath(".//*[contains(@class, 'visually-hidden')]")
        assert len(hidden) == 1, label_of(document, field)


def test_the_queue_groups_its_boxes_and_its_filters_under_a_legend(client, world):
    document = page_of(client, world.reviewer, reverse("entry:review"))
    boxes = document.xpath("//main//input[@type='checkbox']")
    filters = document.xpath("//main//select")
    assert len(boxes) == 5
    assert len(filters) == 2
    legends = {}
    for field in boxes + filters:
        (fieldset,) = field.xpath("ancestor::fieldset[1]")
        legend = fieldset.find("legend")
        assert legend is not None, field.get("id")
        legends.setdefault(text_of(legend), []).append(field.get("name"))
    assert legends == {
        "Saisies soumises à sélectionner": ["entries"] * 4,
        "Saisies validées à sélectionner": ["entries"],
        "Filtrer la file": ["mesure", "type"],
    }


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_template_syntax_shows_on_a_filled_staff_page(client, world, language):
    """A Django comment {# … #} spans one line only: longer, it is printed as text."""
    for user, url in ((world.editor, ENTRY_PAGE), (world.reviewer, QUEUE_PAGE)):
        document = page_of(client, user, url, language)
        for script in document.xpath("//script | //style"):
            script.drop_tree()
        shown = document.find("body").text_content()
        assert [mark for mark in ("{#", "#}", "{%", "%}", "{{", "}}") if mark in shown] == [], url
