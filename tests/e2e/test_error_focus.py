"""After an invalid submit, every form's error summary has the focus (RGAA 11.10, 7.5):
a screen reader reads what was refused first, without hunting for it.

Forms that post to their summary (« #erreurs-… ») get it from the browser; the login
form, which passes the reader on to the page they asked for, focuses it on load, so a
link to one form of a page (a reminder's) still lands on that form after logging in.
"""

from datetime import date

import pytest

from indicators import roles
from measures.models import Plan, ReportingYear
from tests.accounts import PASSWORD, make_user
from tests.e2e.test_journeys import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOCUSED_SUMMARY = """() => {
    const el = document.activeElement;
    return el.getAttribute('role') === 'alert' && el.classList.contains('form-errors')
        ? el.id : null;
}"""


def summary_in_focus(page) -> str | None:
    """The id of the error summary that has the focus, if one has it."""
    return page.evaluate(FOCUSED_SUMMARY)


def test_a_refused_login_focuses_its_summary_and_a_deep_link_survives_the_login(journey):
    make_user("agent", roles.EDITORS, measures=[1])
    page = journey.page
    asked = "/saisie/mesures/1/?annee=2022#saisie-jalons"
    with journey.navigating("connexion-demandee"):
        page.goto(journey.url(asked))
    page.get_by_label("Nom d’utilisateur").fill("agent")
    page.get_by_label("Mot de passe").fill("pas-le-bon-mot-de-passe")
    with journey.navigating("connexion-refusee", status=200):
        page.get_by_role("button", name="Se connecter").click()
    assert page.title().startswith("Erreur")
    assert summary_in_focus(page) == "erreurs-connexion"

    page.get_by_label("Mot de passe").fill(PASSWORD)
    with journey.navigating("saisie-demandee"):
        page.get_by_role("button", name="Se connecter").click()
    # The page asked for, at the place asked for: the login kept the link's fragment.
    assert page.url == journey.url(asked)
    journey.finish()


def test_a_refused_password_change_focuses_its_summary(journey):
    make_user("partenaire", roles.PARTNERS)
    log_in(journey, "partenaire", "accueil")
    page = journey.page
    journey.visit("/mot-de-passe/", "mot-de-passe")
    page.locator("#id_old_password").fill(PASSWORD)
    page.locator("#id_new_password1").fill("1234")
    page.locator("#id_new_password2").fill("1234")
    with journey.navigating("mot-de-passe-refuse", status=200):
        page.get_by_role("button", name="Enregistrer le nouveau mot de passe").click()
    assert summary_in_focus(page) == "erreurs-mot-de-passe"
    assert page.title().startswith("Erreur")
    journey.finish()


def test_a_calendar_out_of_order_focuses_its_summary_then_its_confirmation(journey):
    ReportingYear.objects.create(plan=Plan.objects.get(), year=2023)
    make_user("administratrice", roles.ADMINISTRATORS)
    log_in(journey, "administratrice", "saisie-accueil")
    page = journey.page
    journey.visit("/saisie/campagne/2023/", "calendrier")
    opens = page.get_by_label("Ouverture de la collecte")
    closes = page.get_by_label("Clôture de la collecte")
    opens.fill("2024-04-15")
    closes.fill("2024-03-01")
    with journey.navigating("calendrier-refuse", status=400):
        page.get_by_role("button", name="Enregistrer").click()
    assert summary_in_focus(page) == "erreurs-calendrier"

    closes.fill("2024-05-31")
    with journey.navigating("calendrier-enregistre"):
        page.get_by_role("button", name="Enregistrer").click()
    # The confirmation has the focus, not a fragment left over from the refusal.
    assert page.evaluate("() => document.activeElement.id") == "messages"
    assert ReportingYear.objects.get(year=2023).collection_closes_on == date(2024, 5, 31)
    journey.finish()


def test_an_empty_message_in_an_entry_s_exchanges_focuses_its_summary(journey):
    ReportingYear.objects.create(plan=Plan.objects.get(), year=2023)
    make_user("agent", roles.EDITORS, measures=[1])
    log_in(journey, "agent", "saisie-accueil")
    page = journey.page
    journey.visit("/saisie/mesures/1/", "saisie-mesure-1")
    thread = page.locator("details.exchange-new").first
    thread.locator("summary").click()
    with journey.navigating("message-vide", status=400):
        thread.get_by_role("button", name="Envoyer le message").click()
    focused = summary_in_focus(page)
    assert focused is not None
    assert focused.startswith("erreurs-")
    assert page.locator(f"#{focused}").inner_text().strip()
    journey.finish()
