"""The entry page of a measure (« Saisie de la mesure 1 », a page of the RGAA sample) in
a browser: what a screen reader is told after a save, a refusal or a submission, the
names of its buttons, its labels and groups, its reflow at 320 px and its tab order.

See conftest.py for what is checked on every page (axe-core, console, other hosts).
"""

from decimal import Decimal as D

import pytest

from core.entries import transition
from core.workflow import SUBMIT
from indicators import roles
from indicators.entry.services import record_year
from indicators.models import Indicator, YearResult
from tests.accounts import make_user
from tests.e2e.labels import entry_label
from tests.e2e.test_journeys import LOUEZ_SOLIDAIRE, focused, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ENTRY_PAGE = "/saisie/mesures/1/"  # opens on 2022, the year being collected in the seed plan
NBSP = "\xa0"


def buttons(page) -> list[dict]:
    """{name, visible} of every button of the page: its accessible name as Chromium
    computes it (its accessibility tree, what a screen reader is given), the words it shows."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
        found = []
        for node in nodes:
            if node.get("ignored") or node.get("role", {}).get("value") != "button":
                continue
            remote = cdp.send("DOM.resolveNode", {"backendNodeId": node["backendDOMNodeId"]})
            # Not the browser's own buttons (a date field's « Show date picker »): the page's.
            in_page = cdp.send(
                "Runtime.callFunctionOn",
                {
                    "objectId": remote["object"]["objectId"],
                    "functionDeclaration": "function () { return this.getRootNode() === document }",
                    "returnByValue": True,
                },
            )["result"]["value"]
            if not in_page:
                continue
            # The words drawn on screen: the button's text without what is visually hidden.
            visible = cdp.send(
                "Runtime.callFunctionOn",
                {
                    "objectId": remote["object"]["objectId"],
                    "functionDeclaration": """function () {
                        const copy = this.cloneNode(true);
                        copy.querySelectorAll('.visually-hidden').forEach(el => el.remove());
                        return copy.textContent.replace(/\\s+/g, ' ').trim();
                    }""",
                    "returnByValue": True,
                },
            )["result"]["value"]
            found.append({"name": node["name"]["value"], "visible": visible})
        return found
    finally:
        cdp.detach()


def measure_1_drafts(editor):
    """Drafts on measure 1 for 2022 and 2023 (fictifs): « Soumettre » buttons to name."""
    indicators = list(
        Indicator.objects.filter(report_row__measure__number=1).order_by(
            "report_row__position", "position"
        )[:2]
    )
    for indicator in indicators:
        record_year(indicator, 2022, user=editor, result=D(12), target=D(21))
    record_year(indicators[0], 2023, user=editor, target=D(30))
    return indicators


def test_every_button_of_the_entry_page_names_what_it_acts_on(journey):
    editor = make_user("agent", roles.EDITORS, measures=[1, 2])
    first, second = measure_1_drafts(editor)
    page = journey.page
    log_in(journey, "agent", "saisie")
    journey.visit(ENTRY_PAGE, "saisie-mesure-1")

    found = buttons(page)
    names = [button["name"] for button in found]
    # Five « Soumettre » (two results, three targets), a save per form, a preview.
    assert len(found) >= 15, found
    duplicates = sorted({name for name in names if names.count(name) > 1})
    assert not duplicates, f"boutons de même nom : {duplicates}"
    for button in found:
        # WCAG 2.5.3: what is shown starts the name a voice command would say.
        assert button["visible"], button
        assert button["name"].startswith(button["visible"]), button
    expected = [
        f"Soumettre (le résultat 2022 de l'indicateur « {first.label} »)",
        f"Soumettre (l'objectif 2022 de l'indicateur « {first.label} »)",
        f"Soumettre (l'objectif 2023 de l'indicateur « {first.label} »)",
        f"Soumettre (le résultat 2022 de l'indicateur « {second.label} »)",
        "Enregistrer le brouillon (le résultat 2022 et l'objectif 2022 de l'indicateur "
        f"« {first.label} »)",
        f"Enregistrer le brouillon (l'objectif 2023 de l'indicateur « {first.label} »)",
        "Aperçu (les textes du bilan 2022 de la ligne « Louez solidaire et sans risque »)",
    ]
    for name in expected:
        assert page.get_by_role("button", name=name, exact=True).count() == 1, name
    assert sum(button["visible"] == "Soumettre" for button in found) == 5
    # A thread's button, once its « Ajouter un message » is open, names its thread too.
    page.get_by_text("Ajouter un message sur le résultat 2022").first.click()
    opened = [b["name"] for b in buttons(page) if b["visible"] == "Envoyer le message"]
    assert opened == [f"Envoyer le message (le résultat 2022 de l'indicateur « {first.label} »)"]


def test_a_refused_save_opens_at_its_focused_error_summary_linking_each_field(journey):
    make_user("agent", roles.EDITORS, measures=[1, 2])
    indicator = Indicator.objects.get(label=LOUEZ_SOLIDAIRE)
    anchor = f"indicateur-{indicator.pk}-2022"
    page = journey.page
    log_in(journey, "agent", "saisie")
    journey.visit(ENTRY_PAGE, "saisie-mesure-1")

    # Before anything is typed: the asterisk is explained above the first form, and the
    # number's format is shown under the field and read with it.
    explained = page.get_by_text("Les champs marqués d'un astérisque (*) sont obligatoires.")
    assert explained.is_visible()
    assert page.evaluate(
        """() => {
            const sentence = document.getElementById('champs-obligatoires');
            const form = document.querySelector('form.entry-form');
            return !!(sentence.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )
    form = page.locator(f"#{anchor}")
    result = form.get_by_label(entry_label("Résultat 2022"))
    target = form.get_by_label(entry_label("Objectif 2022"))
    hint = f"Un nombre entier, par exemple 1{NBSP}910."
    assert form.get_by_text(hint).first.is_visible()
    assert page.evaluate(
        "(el) => el.getAttribute('aria-describedby').split(' ')"
        ".map(id => document.getElementById(id).textContent)",
        result.element_handle(),
    ) == [hint]

    result.fill("8O")  # a letter O for a zero
    target.fill("-3")
    with journey.navigating("saisie-erreurs", status=400):
        form.get_by_role("button", name="Enregistrer le brouillon").click()
    assert page.title().startswith(f"Erreur{NBSP}:")
    # The page opens at the summary, which has the focus, in view: a screen reader reads it.
    summary = page.locator(f"#{anchor}-message")
    assert summary.get_attribute("role") == "alert"
    assert focused(page)["id"] == f"{anchor}-message"
    assert focused(page)["inView"], focused(page)
    links = summary.get_by_role("link")
    assert links.all_inner_texts() == [
        f"Résultat 2022{NBSP}: Saisissez un nombre, par exemple 1 910 ou 12,5.",
        f"Objectif 2022{NBSP}: Une valeur ne peut pas être négative. Saisissez 0 ou plus.",
    ]
    # Each link leads to its field, which says it is wrong and reads its message and hint.
    result_id = f"id_ind-{indicator.pk}-2022-result_value"
    links.first.click()
    assert focused(page)["id"] == result_id
    result = page.locator(f"#{result_id}")
    assert result.get_attribute("aria-invalid") == "true"
    assert result.get_attribute("aria-describedby").split() == [
        f"{result_id}_helptext",
        f"{result_id}_error",
    ]
    assert page.locator(f"#{result_id}_error").inner_text() == (
        "Saisissez un nombre, par exemple 1 910 ou 12,5."
    )
    links.nth(1).click()
    assert focused(page)["id"] == f"id_ind-{indicator.pk}-2022-target_value"


def focused_message(page) -> dict:
    """The focused element's role and text, and whether it is in the window."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const box = el.getBoundingClientRect();
            return {
                id: el.id,
                role: el.getAttribute('role') || el.closest('[role]')?.getAttribute('role'),
                // Collapsed like the page's white space; a no-break space stays one.
                text: el.textContent.replace(/[ \\t\\n\\r]+/g, ' ').trim(),
                inView: box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight,
            };
        }"""
    )


def test_a_save_and_a_submission_are_said_where_the_form_is_and_focused(journey):
    editor = make_user("agent", roles.EDITORS, measures=[1, 2])
    indicator = Indicator.objects.get(label=LOUEZ_SOLIDAIRE)
    anchor = f"indicateur-{indicator.pk}-2022"
    page = journey.page
    log_in(journey, "agent", "saisie")
    journey.visit(ENTRY_PAGE, "saisie-mesure-1")

    page.locator(f"#{anchor}").get_by_label(entry_label("Résultat 2022")).fill("80")
    with journey.navigating("saisie-brouillon"):
        page.locator(f"#{anchor}").get_by_role("button", name="Enregistrer le brouillon").click()
    saved = focused_message(page)
    assert saved["id"] == f"{anchor}-message", saved
    assert saved["role"] == "status", saved
    assert saved["inView"], saved
    assert saved["text"] == (
        f"Confirmation{NBSP}: Résultat 2022 de « {LOUEZ_SOLIDAIRE} » enregistré comme brouillon."
    )

    with journey.navigating("saisie-soumise"):
        page.get_by_role("button", name="Soumettre (le résultat 2022 de l'indicateur").click()
    submitted = focused_message(page)
    assert submitted["id"] == f"{anchor}-message", submitted
    assert submitted["role"] == "status", submitted
    assert submitted["inView"], submitted
    assert submitted["text"] == f"Confirmation{NBSP}: Saisie soumise à validation."

    # Submitting every draft says so at the top of the page, which opens there, focused.
    record_year(indicator, 2023, user=editor, target=D(90))  # a draft (fictif)
    with journey.navigating("saisie-tout-soumis"):
        page.get_by_role("button", name="Soumettre tous les brouillons de la mesure").click()
    everything = focused_message(page)
    assert everything["id"] == "messages", everything
    assert everything["role"] == "status", everything
    assert everything["inView"], everything
    assert everything["text"] == f"Confirmation{NBSP}: 1 saisie(s) soumise(s) à validation."


# --- Labels and groups (RGAA 11.1, 11.4 to 11.7) ------------------------------------------

FIELDS = """() => [...document.querySelectorAll(
        'main input:not([type=hidden]), main select, main textarea')]
    .filter(el => el.getClientRects().length)  // drawn: not in a closed « Ajouter un message »
    .map(el => {
        const label = el.labels && el.labels[0];
        const box = el.getBoundingClientRect();
        const labelBox = label ? label.getBoundingClientRect() : null;
        const fieldset = el.closest('fieldset');
        const legend = fieldset && fieldset.querySelector(':scope > legend');
        return {
            id: el.id,
            label: label ? label.textContent.trim() : '',
            // The gap from the label's bottom to the field's top, and their left edges.
            gap: labelBox ? box.top - labelBox.bottom : null,
            leftShift: labelBox ? Math.abs(box.left - labelBox.left) : null,
            inEntryForm: !!el.closest('form.entry-form'),
            legend: legend ? legend.textContent.replace(/[ \\t\\n\\r]+/g, ' ').trim() : '',
        };
    })"""


def test_entry_fields_are_labelled_beside_their_field_and_grouped_under_a_legend(journey):
    make_user("agent", roles.EDITORS, measures=[1, 2])
    page = journey.page
    log_in(journey, "agent", "saisie")
    journey.visit(ENTRY_PAGE, "saisie-mesure-1")

    fields = page.evaluate(FIELDS)
    entry_fields = [field for field in fields if field["inEntryForm"]]
    assert len(entry_fields) > 40, len(entry_fields)
    for field in fields:
        # A label of its own, right above the field, on the same left edge.
        assert field["label"], field
        if field["id"] != "annee":  # the year selector: its label is beside it, on its left
            assert 0 <= field["gap"] <= 12, field
            assert field["leftShift"] <= 2, field
    for field in entry_fields:
        # Grouped by form, under a legend naming the year and what the form is about.
        assert field["legend"], field
        assert any(str(year) in field["legend"] for year in (2022, 2023)) or field[
            "legend"
        ].startswith(("Engagement", "Bilan et plan d'action")), field
    legends = page.evaluate(
        """() => [...document.querySelectorAll('form.entry-form > fieldset > legend')]
            .map(l => l.textContent.replace(/[ \\t\\n\\r]+/g, ' ').trim())"""
    )
    # Read alone, when a screen reader moves from form to form, no two legends are alike.
    assert len(legends) == len(set(legends)), legends
    assert f"Résultat 2022 et objectif 2022 — {LOUEZ_SOLIDAIRE}" in legends
    assert f"Objectif 2023 (plan d'action 2023) — {LOUEZ_SOLIDAIRE}" in legends


# --- The other forms of the sample: login, review queue, year selector (RGAA 11.4, 11.8) --

BESIDE = """() => [...document.querySelectorAll(
        'main input:not([type=hidden]), main select, main textarea, .toolbar select')]
    .filter(el => el.getClientRects().length)
    .map(el => {
        const label = el.labels && el.labels[0];
        if (!label) return {id: el.id, label: ''};
        const f = el.getBoundingClientRect(), l = label.getBoundingClientRect();
        const above = f.top - l.bottom >= 0 && f.top - l.bottom <= 12
            && Math.abs(f.left - l.left) <= 2;
        const sameLine = l.top < f.bottom && l.bottom > f.top;
        const gap = Math.max(l.left - f.right, f.left - l.right);
        return {id: el.id, label: label.textContent.trim(),
                beside: above || (sameLine && gap >= 0 && gap <= 16)};
    })"""


def assert_labels_beside_fields(page, least: int):
    fields = page.evaluate(BESIDE)
    assert len(fields) >= least, fields
    for field in fields:
        assert field["label"], field
        assert field["beside"], field


def test_the_sample_s_other_forms_have_their_labels_beside_their_fields(journey):
    editor = make_user("agent", roles.EDITORS, measures=[1])
    make_user("valideur", roles.REVIEWERS)
    indicator = Indicator.objects.get(label=LOUEZ_SOLIDAIRE)
    recorded = record_year(indicator, 2023, user=editor, result=D(80))  # fictif
    transition(YearResult, recorded.result.pk, SUBMIT, user=editor)
    page = journey.page

    journey.visit("/mesures/3/?annee=2022", "mesure-3")
    assert_labels_beside_fields(page, 1)  # the year selector
    journey.visit("/connexion/", "connexion")
    assert_labels_beside_fields(page, 2)
    page.get_by_label("Nom d’utilisateur").fill("valideur")
    page.get_by_label("Mot de passe").fill("pas-le-bon (fictif)")
    with journey.navigating("connexion-refusee", status=200):
        page.get_by_role("button", name="Se connecter").click()
    # The refusal says what to type again (RGAA 11.11).
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in (
        page.get_by_role("alert").inner_text()
    )

    log_in(journey, "valideur", "saisie-validateur")
    journey.visit("/saisie/validation/", "file-de-validation")
    assert_labels_beside_fields(page, 4)  # two filters, a box, the return note
    # The queue's lists of choices: one kind of item each, in order, no group needed.
    measures = page.locator("#filtre-mesure option").all_inner_texts()
    assert measures[0] == "Toutes les mesures"
    assert measures[-1] == "Lignes sans numéro"
    numbers = [int(text.split()[1]) for text in measures[1:-1]]
    assert all(text.startswith("Mesure ") for text in measures[1:-1])
    assert numbers == sorted(numbers)
    assert page.locator("select optgroup").count() == 0
