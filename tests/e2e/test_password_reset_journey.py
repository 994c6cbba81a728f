"""A partner who forgot her password: from the login page to a new password, in the browser.

Every page of the way is checked like any other page of a journey (axe-core, 390 px
reflow, console, nothing fetched elsewhere) and photographed. The account is fictitious.
"""

import re

import pytest
from django.core import mail

from indicators import roles
from tests.accounts import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Nouvelle-phrase-de-passe-2026 (fictive)"


def ask_for_a_link(journey) -> str:
    """From the login page to the mailed link, which the function returns."""
    page = journey.page
    journey.visit("/connexion/", "connexion")
    with journey.navigating("mot-de-passe-oublie"):
        page.get_by_role("link", name="Mot de passe oublié ?").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Mot de passe oublié"
    page.get_by_label("Adresse électronique de votre compte").fill("Lea.Partenaire@Asso.example")
    with journey.navigating("lien-envoye"):
        page.get_by_role("button", name="Recevoir le lien").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Lien envoyé"

    (message,) = mail.outbox
    assert message.to == ["lea.partenaire@asso.example"]
    link = re.search(r"https?://\S+/mot-de-passe/nouveau/\S+/", message.body).group(0)
    assert link.startswith(journey.base_url)
    return link


def test_a_partner_chooses_a_new_password_from_the_mailed_link_and_signs_in(journey, settings):
    settings.LDAPLAN_DEMO = False
    settings.LDAPLAN_SITE_URL = journey.base_url
    partner = make_user("partenaire", roles.PARTNERS)
    partner.email = "lea.partenaire@asso.example"
    partner.first_name = "Léa"
    partner.save()
    page = journey.page

    link = ask_for_a_link(journey)
    with journey.navigating("choisir"):
        page.goto(link)
    assert page.url.endswith("/choix/")
    assert page.get_by_role("heading", level=1).inner_text() == "Choisir un nouveau mot de passe"

    # A password too short: the error summary takes the focus, the title says « Erreur ».
    fields = page.locator("input[type=password]")
    assert fields.count() == 2
    fields.nth(0).fill("1234")
    fields.nth(1).fill("1234")
    with journey.navigating("choisir-erreur"):
        page.get_by_role("button", name="Enregistrer le nouveau mot de passe").click()
    assert page.title().startswith("Erreur")
    assert page.evaluate("() => document.activeElement.closest('[role=alert]') !== null")
    assert "Ce mot de passe est trop court." in page.locator("main").inner_text()
    # Django judges the password on its confirmation field.
    assert fields.nth(1).get_attribute("aria-invalid") == "true"

    fields.nth(0).fill(NEW_PASSWORD)
    fields.nth(1).fill(NEW_PASSWORD)
    with journey.navigating("connexion-apres"):
        page.get_by_role("button", name="Enregistrer le nouveau mot de passe").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Connexion"
    assert "Votre nouveau mot de passe est enregistré" in page.locator("main").inner_text()

    # The old password no longer opens the account; the new one does.
    page.get_by_label("Nom d’utilisateur").fill("partenaire")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    with journey.navigating("ancien-refuse"):
        page.get_by_role("button", name="Se connecter").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Connexion"
    page.get_by_label("Nom d’utilisateur").fill("partenaire")
    page.get_by_label("Mot de passe").fill(NEW_PASSWORD)
    with journey.navigating("arrivee"):
        page.get_by_role("button", name="Se connecter").click()
    assert "/connexion/" not in page.url
    assert (
        page.get_by_role("navigation", name="Compte")
        .get_by_role("button", name="Se déconnecter")
        .is_visible()
    )

    # The link served once.
    with journey.navigating("lien-deja-servi"):
        page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == "Lien invalide"
    assert page.get_by_role("link", name="Demander un nouveau lien").is_visible()
