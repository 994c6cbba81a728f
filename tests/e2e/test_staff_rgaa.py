"""The validation queue and the other staff pages against RGAA 4.1, in Chromium (issue #21).

The queue holds made-up 2023 entries (tests/entry/queue_world.py, « fictif »): a result
and a target of the same indicator and year, two milestones of the same title, a
validated result. Every page reached is also checked like any page of a journey
(conftest.py): axe-core at 1 280 and 390 pixels, no console error, nothing from
another host. The entry page (/saisie/mesures/<n>/) is tested elsewhere.
"""

import re
from datetime import date
from urllib.parse import urlsplit

import pytest

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import YearResult, YearTarget
from measures.models import ReportingYear
from tests.accounts import PASSWORD, make_user
from tests.e2e.conftest import DESKTOP
from tests.e2e.staff_pages import accessible_names, check_field_labels, check_tab_order
from tests.e2e.test_journeys import log_in
from tests.entry.queue_world import fill_queue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# 320 CSS pixels: a phone held upright, or 1 280 pixels zoomed to 400 % (RGAA 10.11).
REFLOW_WIDTH = 320
NBSP = "\xa0"


def open_queue(journey, world):
    log_in(journey, world.reviewer.username, "accueil-validateur")
    journey.visit("/saisie/validation/", "file-de-validation")


def test_queue_boxes_and_buttons_have_unique_names_that_say_what_they_do(journey):
    world = fill_queue()
    page = journey.page
    open_queue(journey, world)
    # Every line's thread open: its fields and its button are on the page too.
    page.evaluate("() => document.querySelectorAll('main details').forEach(d => d.open = true)")

    boxes = [box for box in accessible_names(page, "checkbox") if box["inMain"]]
    names = [box["name"] for box in boxes]
    assert len(names) == 5
    assert len(set(names)) == len(names), names
    louez = "Logements Louez solidaire captés dans l'année — 2023"
    milestone = "Réunir les bailleurs (jalon fictif) — 2023"
    assert names == [
        f"Résultat {louez}",
        f"Objectif {louez}",
        f"Statut de jalon {milestone} (mesure 1)",
        f"Statut de jalon {milestone} (mesure 2)",
        "Résultat Logements sociaux captés pour Un chez-soi d'abord — 2023",
    ]

    buttons = [button for button in accessible_names(page, "button") if button["inMain"]]
    names = [button["name"] for button in buttons]
    # Filter, the lists' actions (3 + 2), one « Envoyer le message » per line.
    assert len(names) == 1 + 5 + 5, names
    assert len(set(names)) == len(names), names
    for button in buttons:
        assert button["seen"], button
        assert button["seen"] in button["name"], button  # the visible text is in the name
    assert "Renvoyer pour reprise les saisies soumises cochées" in names
    assert "Renvoyer pour reprise les saisies validées cochées" in names
    assert (
        "Envoyer le message (le statut 2023 du jalon « Réunir les bailleurs (jalon fictif) » "
        "(mesure 2))" in names
    )
    fields = [f["name"] for f in accessible_names(page, "textbox") if f["inMain"]]
    assert len(set(fields)) == len(fields) == 2 + 5, fields


def test_a_refused_return_takes_the_focus_to_its_alert_and_keeps_the_boxes(journey):
    world = fill_queue()
    page = journey.page
    open_queue(journey, world)
    result = page.get_by_label(re.compile(r"^Résultat Logements Louez solidaire"))
    target = page.get_by_label(re.compile(r"^Objectif Logements Louez solidaire"))
    result.check()
    target.check()
    with journey.navigating("file-renvoi-sans-motif", status=400):
        page.get_by_role("button", name="Renvoyer pour reprise les saisies soumises").click()
    assert page.title().startswith(f"Erreur{NBSP}: Validation")
    # The summary is an alert, has the focus, and its link leads to the field.
    alert = page.get_by_role("alert")
    assert alert.inner_text().startswith("Rien n'a été modifié.")
    assert page.evaluate("() => document.activeElement.id") == "erreurs-soumises"
    assert page.evaluate("() => document.activeElement.getAttribute('role')") == "alert"
    note = page.get_by_label("Motif du renvoi des saisies soumises")
    assert note.get_attribute("aria-invalid") == "true"
    described = note.evaluate(
        "el => document.getElementById(el.getAttribute('aria-describedby')).textContent"
    )
    assert described.strip() == "Indiquez le motif du renvoi pour que l'agent puisse reprendre."
    assert result.is_checked()
    assert target.is_checked()
    assert not page.get_by_label(re.compile(r"^Statut de jalon")).first.is_checked()
    assert YearResult.objects.get(pk=world.result.pk).status == EntryStatus.SUBMITTED

    alert.get_by_role("link").click()
    assert page.evaluate("() => document.activeElement.id") == "id_note"
    note.fill("La source manque (motif fictif).")
    with journey.navigating("file-renvoyee"):
        page.get_by_role("button", name="Renvoyer pour reprise les saisies soumises").click()
    assert not page.title().startswith("Erreur")
    # The page opens at its confirmation, which has the focus (RGAA 7.5).
    assert urlsplit(page.url).fragment == "messages"
    assert page.evaluate("() => document.activeElement.id") == "messages"
    status = page.locator("main [role=status]", has_text="renvoyée")
    assert status.inner_text() == f"Confirmation{NBSP}: 2 saisie(s) renvoyée(s) pour reprise."
    assert YearResult.objects.get(pk=world.result.pk).status == EntryStatus.RETURNED
    assert YearTarget.objects.get(pk=world.target.pk).status == EntryStatus.RETURNED


def staff_pages(world) -> list[tuple[str, str, str]]:
    """(who, name, path) of every staff page of this area, the queue full, the calendar
    with changes; who is None for the login page."""
    reporting_year = ReportingYear.objects.get(year=2023)
    reporting_year.collection_opens_on = date(2024, 1, 8)
    reporting_year.collection_closes_on = date(2024, 3, 31)
    reporting_year.save()
    return [
        (None, "connexion", "/connexion/"),
        (world.reviewer.username, "saisie-accueil", "/saisie/"),
        (world.reviewer.username, "file-de-validation", "/saisie/validation/"),
        (world.reviewer.username, "historique", "/mesures/1/historique/"),
        (world.reviewer.username, "courriels", "/compte/courriels/"),
        (world.reviewer.username, "mot-de-passe", "/mot-de-passe/"),
        ("administratrice", "saisie-accueil-admin", "/saisie/?annee=2023"),
        ("administratrice", "avancement", "/saisie/avancement/?annee=2023"),
        ("administratrice", "calendrier", "/saisie/campagne/2023/"),
    ]


def administrator():
    admin = make_user("administratrice", roles.ADMINISTRATORS)
    admin.is_staff = True
    admin.save()
    return admin


def each_staff_page(journey, world):
    """Visit every staff page (logging in as whoever may see it), yielding (name, path)."""
    who_now = None
    for who, name, path in staff_pages(world):
        if who != who_now:
            journey.page.context.clear_cookies()
            if who:
                log_in(journey, who, f"accueil-{who}")
            who_now = who
        journey.visit(path, name)
        yield name, path


def test_every_staff_page_reflows_at_320_px_its_tables_in_named_regions(journey):
    world = fill_queue()
    administrator()
    page = journey.page
    for _name, path in each_staff_page(journey, world):
        assert page.get_by_role("navigation", name="Navigation principale").count() == 1, path
        page.set_viewport_size({"width": REFLOW_WIDTH, "height": 800})
        assert page.evaluate(
            "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), f"{path} déborde à 320 px"
        tables = page.evaluate(
            """() => [...document.querySelectorAll('main table')].map(table => {
                const region = table.closest('[role=region]');
                return {
                    region: !!region,
                    tabindex: region && region.getAttribute('tabindex'),
                    label: region && (region.getAttribute('aria-label') || '').trim(),
                    scrolls: region && getComputedStyle(region).overflowX === 'auto',
                };
            })"""
        )
        for table in tables:
            assert table == {**table, "region": True, "tabindex": "0", "scrolls": True}, path
            assert table["label"], path
        page.set_viewport_size(DESKTOP)
    # The two tables of this area were seen: the board's and the calendar's changes.
    assert page.url.endswith("/saisie/campagne/2023/")
    assert page.locator("main table").count() == 1


def test_every_staff_page_tabs_in_page_order_and_lets_the_focus_go(journey):
    world = fill_queue()
    administrator()
    page = journey.page
    for _name, path in each_staff_page(journey, world):
        for width in (DESKTOP["width"], REFLOW_WIDTH):
            page.set_viewport_size({"width": width, "height": 800})
            check_tab_order(page, f"{path} ({width} px)")
        page.set_viewport_size(DESKTOP)


# The public pages of the audit's sample (docs/rgaa/grille.json), the login page aside.
PUBLIC_SAMPLE = [
    ("vue-d-ensemble", "/"),
    ("axe-1", "/axes/1/?annee=2022"),
    ("mesure-3", "/mesures/3/?annee=2022"),
    ("bilan-2022", "/bilan/2022/"),
    ("donnees-ouvertes", "/donnees/"),
    ("glossaire", "/glossaire/"),
    ("plan-du-site", "/plan-du-site/"),
    ("accessibilite", "/accessibilite/"),
]


def test_every_public_sample_page_tabs_in_page_order_and_lets_the_focus_go(journey):
    for name, path in PUBLIC_SAMPLE:
        journey.visit(path, name)
        check_tab_order(journey.page, path, at_least=10)


def test_every_field_of_the_staff_and_public_pages_has_its_own_label(journey):
    world = fill_queue()
    administrator()
    checked = 0
    for name, path in PUBLIC_SAMPLE:
        journey.visit(path, name)
        checked += check_field_labels(journey.page, path)
    for _name, path in each_staff_page(journey, world):
        checked += check_field_labels(journey.page, path)
    assert checked >= 25, checked  # the filters, the queue, the forms of each page


def test_a_form_posted_after_the_session_ended_says_so_and_leads_back(journey):
    world = fill_queue()
    page = journey.page
    open_queue(journey, world)
    page.get_by_label(re.compile(r"^Résultat Logements Louez solidaire")).check()
    # The session ends (two weeks later, or logged out in another tab).
    page.context.clear_cookies(name="sessionid")
    with journey.navigating("connexion-session-finie"):
        page.get_by_role("button", name="Valider la sélection").click()
    assert page.url.endswith("/connexion/?next=%2Fsaisie%2Fvalidation%2F#contenu")
    # The page opens at its <main>, whose first words are the message.
    assert page.evaluate("() => document.activeElement.id") == "contenu"
    message = page.locator("main .message.error")
    assert message.inner_text() == (
        f"Erreur{NBSP}: Votre session a pris fin{NBSP}: "
        "ce que vous venez d'envoyer n'a pas été enregistré. "
        "Reconnectez-vous, puis recommencez."
    )
    assert YearResult.objects.get(pk=world.result.pk).status == EntryStatus.SUBMITTED
    page.get_by_label("Nom d’utilisateur").fill(world.reviewer.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    with journey.navigating("file-apres-reconnexion"):
        page.get_by_role("button", name="Se connecter").click()
    assert urlsplit(page.url).path == "/saisie/validation/"
    assert page.get_by_role("heading", name="File de validation").is_visible()
    assert YearResult.objects.get(pk=world.result.pk).status == EntryStatus.SUBMITTED
