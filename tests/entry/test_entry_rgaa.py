"""The entry page's forms against RGAA 4.1 (criteria 7.5, 11.3, 11.8, 11.10, 11.12), read
from the HTML the server sends; the browser side is in tests/e2e/test_entry_rgaa.py.

The page is parsed with lxml (installed with python-docx) to read labels, fields and
their attributes as a browser builds them.
"""

import json
import re
from decimal import Decimal as D

import lxml.html
import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from core.workflow import EntryStatus
from indicators.entry.services import record_year
from indicators.models import Indicator, TargetChangeReason, YearResult
from tests.accounts import indicator_post, indicator_url, login

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


def entry_page(client, number: int = 1, year: int = 2022):
    response = client.get(reverse("entry:measure", args=[number]), {"annee": year})
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def text(element) -> str:
    return re.sub(r"[ \t\n\r]+", " ", element.text_content()).strip()


def entry_forms(tree) -> list:
    return tree.xpath("//form[contains(@class, 'entry-form')]")


# --- 7.5 Status messages -----------------------------------------------------------------


def test_a_submission_is_said_next_to_its_form_where_the_page_opens(
    client, editor, louez_solidaire
):
    login(client, editor)
    draft = record_year(louez_solidaire, 2022, user=editor, result=D(80)).result
    submit = reverse("entry:submit", args=["resultat", draft.pk]) + "?annee=2022"
    anchor = f"indicateur-{louez_solidaire.pk}-2022"

    response = client.post(submit, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"?annee=2022#{anchor}-message")
    html = response.content.decode()
    # Focusable, so the browser focuses it when the page opens at it, and said in words.
    assert (
        f'<p class="message form-notice success" role="status" id="{anchor}-message" '
        f'tabindex="-1">Confirmation{NBSP}: Saisie soumise à validation.</p>'
    ) in html
    draft.refresh_from_db()
    assert draft.status == EntryStatus.SUBMITTED

    # Submitted twice: the refusal is an alert, next to the same form.
    html = client.post(submit, follow=True).content.decode()
    notice = re.search(
        rf'<p class="message form-notice error" role="alert" id="{anchor}-message" '
        r'tabindex="-1">([^<]*)</p>',
        html,
    )
    assert notice, html
    assert notice.group(1).startswith(f"Erreur{NBSP}: ")


def test_every_message_of_the_site_says_its_kind_in_words(db):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    html = render_to_string(
        "base.html",
        {
            "messages": [
                Message(constants.SUCCESS, "Enregistré (fictif)."),
                Message(constants.ERROR, "Refusé (fictif)."),
                Message(constants.WARNING, "À vérifier (fictif)."),
                Message(constants.INFO, "Rien à faire (fictif)."),
            ]
        },
        request=request,
    )
    items = [text(li) for li in lxml.html.fromstring(html).xpath("//ul[@id='messages']/li")]
    # Not by colour alone: the kind is the first word read.
    assert items == [
        f"Confirmation{NBSP}: Enregistré (fictif).",
        f"Erreur{NBSP}: Refusé (fictif).",
        f"Attention{NBSP}: À vérifier (fictif).",
        "Rien à faire (fictif).",
    ]
    assert 'id="messages" tabindex="-1"' in html


# --- 11.3 Labels the same from form to form, page to page ---------------------------------


def visible_text(label) -> str:
    """A label as the eye reads it: without the legend it ends with for the ear (11.2)."""
    copy = lxml.html.fromstring(lxml.html.tostring(label))
    for hidden in copy.xpath(".//*[contains(@class, 'visually-hidden')]"):
        hidden.drop_tree()
    return text(copy)


def labels_by_field(tree) -> dict:
    """{field name without its form's prefix: the set of its visible labels, years as
    « AAAA »}."""
    found = {}
    for label in tree.xpath("//form[contains(@class, 'entry-form')]//label[@for]"):
        name = re.sub(r"^id_[a-z]+-\d+(-\d+)?-", "", label.get("for"))
        found.setdefault(name, set()).add(re.sub(r"\b20\d\d\b", "AAAA", visible_text(label)))
    return found


def test_a_field_has_the_same_label_in_every_form_and_on_every_entry_page(
    client, editor, commitment
):
    login(client, editor)
    measure_1 = labels_by_field(entry_page(client, 1))
    measure_2 = labels_by_field(entry_page(client, 2))
    next_year = labels_by_field(entry_page(client, 1, 2023))
    for labels in (measure_1, measure_2, next_year):
        # One label per function, whichever indicator or year the form is about.
        assert all(len(texts) == 1 for texts in labels.values()), labels
    for name in measure_1.keys() & measure_2.keys() & next_year.keys():
        assert measure_1[name] == measure_2[name] == next_year[name], name
    # The year selector is labelled alike on the entry pages and the public ones.
    public = lxml.html.fromstring(
        client.get(reverse("indicators:measure", args=[3]), {"annee": 2022}).content.decode()
    )
    for tree in (public, entry_page(client, 1)):
        assert [text(label) for label in tree.xpath("//label[@for='annee']")] == ["Année"]
    assert measure_1["result_value"] == {"Résultat AAAA"}
    assert measure_1["target_value"] == {"Objectif AAAA"}
    assert measure_1["outcome"] == {"Réalisation *"}


# --- 11.8 Lists of choices ---------------------------------------------------------------


def test_every_list_of_choices_is_short_and_of_one_kind(client, editor, commitment):
    login(client, editor)
    tree = entry_page(client)
    selects = tree.xpath("//select")
    assert selects
    options = {}
    for select in selects:
        assert not select.xpath(".//optgroup")
        name = re.sub(r"^[a-z]+-\d+(-\d+)?-", "", select.get("name"))
        options.setdefault(name, [text(o) for o in select.xpath(".//option")])
    # Few items, each of the same kind: no group is needed to find one's way.
    assert options == {
        "annee": ["2021", "2022", "2023", "2024", "2025", "2026"],
        "result_bound": ["valeur exacte", "plus de", "au moins"],
        "target_comparator": options["target_comparator"],
        "change_reason": ["—", *(str(label) for _value, label in TargetChangeReason.choices)],
        "outcome": options["outcome"],
    }
    assert all(len(items) <= 8 for items in options.values()), options


# --- 11.10 Input control ----------------------------------------------------------------


def test_required_fields_are_marked_and_the_asterisk_explained_before_the_forms(
    client, editor, commitment
):
    login(client, editor)
    tree = entry_page(client)
    explained = tree.get_element_by_id("champs-obligatoires")
    assert text(explained) == "Les champs marqués d'un astérisque (*) sont obligatoires."
    # Before the first form (in the document's order).
    order = list(tree.iter())
    assert order.index(explained) < order.index(entry_forms(tree)[0])
    marked = 0
    for form in entry_forms(tree):
        for label in form.xpath(".//label[@for]"):
            field = tree.get_element_by_id(label.get("for"))
            has_star = bool(label.xpath("./span[@aria-hidden='true' and text()='*']"))
            # The asterisk is shown, and « required » is what a screen reader says.
            required = field.get("required") is not None or field.get("aria-required") == "true"
            assert has_star == required, text(label)
            marked += has_star
    assert marked >= 5


@pytest.mark.parametrize(
    ("label", "hint"),
    [
        (
            "Logements Louez solidaire captés dans l'année",
            f"Un nombre entier, par exemple 1{NBSP}910.",
        ),
        ("Financement de l'État (AMI LDA)", f"Un nombre, par exemple 1{NBSP}910,5."),
    ],
)
def test_each_value_shows_its_format_before_anything_is_typed(client, editor, label, hint):
    login(client, editor)
    indicator = Indicator.objects.get(label__startswith=label)
    tree = entry_page(client)
    for name in ("result_value", "target_value"):
        field = tree.get_element_by_id(f"id_ind-{indicator.pk}-2022-{name}")
        (described,) = field.get("aria-describedby").split()
        assert text(tree.get_element_by_id(described)) == hint


def test_a_share_shows_its_format_and_keeps_it_with_its_error(client, seed_plan, editor):
    share = Indicator.objects.filter(kind="share", report_row__measure__isnull=False).first()
    share.report_row.measure.editors.add(editor)
    login(client, editor)
    field_id = f"id_ind-{share.pk}-2022-result_value"
    tree = entry_page(client, share.report_row.measure.number)
    assert tree.get_element_by_id(field_id).get("aria-describedby") == f"{field_id}_helptext"
    assert text(tree.get_element_by_id(f"{field_id}_helptext")) == (
        "Un pourcentage de 0 à 100, par exemple 12,5."
    )
    response = client.post(
        indicator_url(share, 2022), indicator_post(share, 2022, result_value="120")
    )
    tree = lxml.html.fromstring(response.content.decode())
    field = tree.get_element_by_id(field_id)
    assert field.get("aria-invalid") == "true"
    assert field.get("aria-describedby").split() == [f"{field_id}_helptext", f"{field_id}_error"]


def test_a_refused_form_opens_at_its_summary_linking_each_field_in_error(
    client, editor, louez_solidaire
):
    login(client, editor)
    anchor = f"indicateur-{louez_solidaire.pk}-2022"
    response = client.post(
        indicator_url(louez_solidaire, 2022),
        indicator_post(louez_solidaire, 2022, result_value="8O", target_value="-3"),
    )
    assert response.status_code == 400
    tree = lxml.html.fromstring(response.content.decode())
    assert text(tree.find(".//title")).startswith(f"Erreur{NBSP}:")
    # The form posts to its summary: refused, the page opens there and focuses it.
    form = tree.get_element_by_id(anchor)
    assert form.get("action").endswith(f"#{anchor}-message")
    summary = tree.get_element_by_id(f"{anchor}-message")
    assert (summary.get("role"), summary.get("tabindex")) == ("alert", "-1")
    assert summary.getparent().tag == "fieldset"
    links = [(a.get("href"), text(a)) for a in summary.xpath(".//a")]
    prefix = f"id_ind-{louez_solidaire.pk}-2022"
    assert links == [
        (
            f"#{prefix}-result_value",
            f"Résultat 2022{NBSP}: Saisissez un nombre, par exemple 1 910 ou 12,5.",
        ),
        (
            f"#{prefix}-target_value",
            f"Objectif 2022{NBSP}: Une valeur ne peut pas être négative. Saisissez 0 ou plus.",
        ),
    ]
    for name in ("result_value", "target_value"):
        field = tree.get_element_by_id(f"{prefix}-{name}")
        assert field.get("aria-invalid") == "true"
        assert f"{prefix}-{name}_error" in field.get("aria-describedby").split()


# --- 11.12 Data that changes the published figures: drafts until submitted ---------------


def public_result(indicator, year: int):
    """The result a visitor's chart draws for ``year``, on a fresh public page."""
    cache.clear()
    html = Client().get(reverse("indicators:measure", args=[1]), {"annee": year}).content
    figure = lxml.html.fromstring(html.decode()).get_element_by_id(f"figure-{indicator.pk}")
    trace = next(t for t in json.loads(figure.text)["data"] if t["name"] == "Résultat")
    return dict(zip(trace["x"], trace["y"], strict=True))[year]


def test_an_entry_is_a_draft_its_editor_can_read_back_and_correct_until_submitted(
    client, editor, louez_solidaire
):
    login(client, editor)
    field_id = f"id_ind-{louez_solidaire.pk}-2022-result_value"

    client.post(
        indicator_url(louez_solidaire, 2022),
        indicator_post(louez_solidaire, 2022, result_value="81", target_value="20"),
    )
    draft = YearResult.objects.get(indicator=louez_solidaire, year=2022, status=EntryStatus.DRAFT)
    # Saved, it is read back in its form, which can still be changed, and is not public.
    tree = entry_page(client)
    assert tree.get_element_by_id(field_id).get("value") == "81"
    assert tree.get_element_by_id(f"indicateur-{louez_solidaire.pk}-2022").xpath(
        "./fieldset[not(@disabled)]"
    )
    assert public_result(louez_solidaire, 2022) == 73

    revision = tree.get_element_by_id(f"id_ind-{louez_solidaire.pk}-2022-result_revision")
    client.post(
        indicator_url(louez_solidaire, 2022),
        indicator_post(
            louez_solidaire,
            2022,
            result_value="80",
            target_value="20",
            result_revision=revision.get("value"),
        ),
    )
    draft.refresh_from_db()
    assert (draft.value, draft.status) == (D(80), EntryStatus.DRAFT)

    # Only « Soumettre », a separate action, sends it on: then it is no longer changed here.
    client.post(reverse("entry:submit", args=["resultat", draft.pk]) + "?annee=2022")
    draft.refresh_from_db()
    assert draft.status == EntryStatus.SUBMITTED
    tree = entry_page(client)
    assert tree.get_element_by_id(f"indicateur-{louez_solidaire.pk}-2022").xpath(
        "./fieldset[@disabled]"
    )


def test_the_queue_acts_only_on_the_entries_explicitly_checked(
    client, editor, reviewer, louez_solidaire
):
    """The review queue's publication changes the public figures: each entry is checked
    by hand first, an explicit confirmation (RGAA 11.12); unchecked, nothing changes."""
    draft = record_year(louez_solidaire, 2022, user=editor, result=D(81)).result  # fictif
    client.force_login(editor)
    client.post(reverse("entry:submit", args=["resultat", draft.pk]) + "?annee=2022")
    login(client, reviewer)
    response = client.post(reverse("entry:review"), {"action": "valider-publier", "note": ""})
    # Refused in the queue's own error summary (an alert), nothing changed.
    assert response.status_code == 400
    assert "Cochez au moins une saisie." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == EntryStatus.SUBMITTED
    assert public_result(louez_solidaire, 2022) == 73
