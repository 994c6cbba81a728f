"""An agent follows the link of the reminder e-mail: signs in, lands on the form of the
first thing left to fill."""

import re
from datetime import date

import pytest
from django.core import mail

from indicators import roles
from indicators.bilan.editions import open_reporting_year
from indicators.notifications.reminders import send_reminders
from indicators.plans import current_plan
from tests.accounts import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_agent_opens_the_reminder_link_signs_in_and_lands_on_the_first_missing_form(
    journey, settings
):
    settings.LDAPLAN_DEMO = False
    settings.LDAPLAN_SITE_URL = journey.base_url
    year = open_reporting_year(current_plan(), 2023)
    year.collection_closes_on = date(2024, 3, 31)
    year.save()
    agent = make_user("agent", roles.EDITORS, measures=[3])
    agent.email = "agent@exemple.paris.fr"
    agent.save()

    send_reminders(date(2024, 3, 24))
    (reminder,) = mail.outbox
    html = reminder.alternatives[0][0]
    # The first link of the list: the first thing left on the first measure.
    link = re.search(r'<li><a href="([^"]+#[^"]+)"', html).group(1)
    assert link.startswith(f"{journey.base_url}/saisie/mesures/3/?annee=2023#")
    anchor = link.split("#", 1)[1]

    page = journey.page
    with journey.navigating("connexion-depuis-le-rappel"):
        page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == "Connexion"
    page.get_by_label("Nom d’utilisateur").fill("agent")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    with journey.navigating("saisie-au-premier-manque"):
        page.get_by_role("button", name="Se connecter").click()
    assert page.url == link
    target = page.locator(f"#{anchor}")
    assert target.count() == 1
    # The anchor is the form itself (or holds it): its fields are right there.
    assert target.locator("input:not([type=hidden]), select, textarea").count() >= 1
    assert target.is_visible()
    assert page.evaluate(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }",
        anchor,
    )

    # Her e-mail choices, from the header; then the reminder's unsubscribe link.
    with journey.navigating("courriels"):
        page.get_by_role("navigation", name="Compte").get_by_role("link", name="Courriels").click()
    assert page.get_by_label("Rappels avant et après la clôture de la collecte").is_checked()
    unsubscribe = reminder.extra_headers["List-Unsubscribe"].strip("<>")
    with journey.navigating("desabonnement"):
        page.goto(unsubscribe)
    with journey.navigating("desabonnement-fait"):
        page.get_by_role("button", name="Me désabonner").click()
    assert page.get_by_role("status").inner_text().startswith("C'est fait")
    with journey.navigating("courriels-apres"):
        page.goto(journey.url("/compte/courriels/"))
    assert not page.get_by_label("Rappels avant et après la clôture de la collecte").is_checked()
