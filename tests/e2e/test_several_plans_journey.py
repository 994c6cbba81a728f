"""Two plans in the browser: the successor is current, the 2021-2026 plan archived.

THE SUCCESSOR PLAN IS MADE UP (« successeur fictif », 2027-2032, copied from the seed's
structure with no figure): the City has not published one.

A reader finds the old plan from the footer's « Tous les plans », reads its bilan 2022
at the plan's own address, follows a measure's link and stays in that plan; an agent of
the new plan opening the old plan's entry page is told it is closed and led on.
"""

import datetime

import pytest

from indicators import plans, roles
from measures.models import Measure, Plan
from tests.accounts import make_user
from tests.e2e.test_journeys import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SUCCESSOR = "Plan pour le logement d'abord (successeur fictif)"


def successor_current_and_seed_archived() -> tuple[Plan, Plan]:
    seed = Plan.objects.get()
    successor = plans.copy_plan_structure(seed, title=SUCCESSOR, start_year=2027, end_year=2032)
    plans.make_current(successor)
    seed.refresh_from_db()
    plans.archive(seed, datetime.date(2027, 3, 1))
    return seed, successor


def test_a_reader_reads_the_archived_plan_at_its_address_and_an_agent_is_led_on(journey):
    seed, successor = successor_current_and_seed_archived()
    page = journey.page
    journey.visit("/", "plan-en-cours")
    assert SUCCESSOR in page.get_by_role("heading", level=1).inner_text()
    assert "2027-2032" in page.locator(".brand-subtitle").inner_text()

    with journey.navigating("tous-les-plans"):
        page.get_by_role("contentinfo").get_by_role("link", name="Tous les plans").click()
    main = page.get_by_role("main")
    assert "archivé le 1 mars 2027 (lecture seule)" in main.inner_text()
    with journey.navigating("ancien-plan"):
        main.get_by_role("link", name="Plan parisien pour le logement d'abord 2021-2026").click()
    assert page.url.endswith(f"/plans/{seed.slug}/")
    assert "archivé le 1 mars 2027" in page.locator(".plan-banner").inner_text()
    assert "2021-2026" in page.locator(".brand-subtitle").inner_text()

    with journey.navigating("ancien-bilan"):
        page.get_by_role("navigation", name="Navigation principale").get_by_role(
            "link", name="Bilan annuel"
        ).click()
    assert f"/plans/{seed.slug}/bilan/" in page.url
    assert "captation de 73 nouveaux logements" in page.get_by_role("main").inner_text()
    with journey.navigating("ancienne-mesure-1"):
        page.get_by_role("main").get_by_role("link", name="Mesure 1", exact=True).first.click()
    assert f"/plans/{seed.slug}/mesures/1/" in page.url
    assert "Louez solidaire" in page.get_by_role("heading", level=1).inner_text()

    # An agent of the new plan's measure 1, at the old plan's entry page.
    agent = make_user("agent-nouveau-plan", roles.EDITORS)
    Measure.objects.get(axis__plan=successor, number=1).editors.add(agent)
    log_in(journey, "agent-nouveau-plan", "accueil-saisie")
    closed = journey.url(f"/plans/{seed.slug}/saisie/mesures/1/")
    with journey.navigating("saisie-fermee", status=403):
        page.goto(closed)
    assert "sa saisie est fermée" in page.get_by_role("main").inner_text()
    with journey.navigating("retour-plan-en-cours"):
        page.get_by_role("link", name="Aller au plan en cours").click()
    assert page.url == journey.url("/")
    assert SUCCESSOR in page.get_by_role("heading", level=1).inner_text()
