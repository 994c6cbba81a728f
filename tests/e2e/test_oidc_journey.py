"""Issue #17's journey, in Chromium, through a real OpenID Connect provider on loopback.

An agent signs in with the provider for the first time and gets an account with no
role; she signs out (of the provider too); an administrator gives her the agents'
group and measure 1 in the Django admin; she signs in again through the provider
and enters a result. ldaplan's pages are checked like every journey's (conftest.py);
the provider's own pages (its development login form) are only driven.
"""

import copy
import re
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import YearResult
from measures.models import Measure
from tests.accounts import make_user
from tests.e2e.labels import entry_label
from tests.e2e.test_journeys import log_in, louez_solidaire
from tests.oidc.provider import Provider, require_prerequisites

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BUTTON = "Se connecter avec mon compte Ville (fictif)"
EMAIL = "camille.nouvelle@paris.example"


@pytest.fixture
def provider(live_server, settings, tmp_path):
    """The provider, knowing the live server's address; ldaplan configured to use it."""
    require_prerequisites()
    running = Provider(tmp_path, site=live_server.url)
    running.configure(settings, LDAPLAN_OIDC_BUTTON_LABEL=BUTTON)
    # What settings.py does when the provider is configured from the environment.
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"].append(running.issuer)
    settings.CONTENT_SECURITY_POLICY = policy
    yield running
    running.stop()


@pytest.fixture
def sso_journey(journey, provider):
    """The journey's browser may reach the provider too (other hosts stay blocked)."""
    # Playwright runs the route registered last first: this one before the journey's.
    journey.page.context.route(f"{provider.issuer}/**", lambda route: route.continue_())
    return journey


def through_the_provider(journey, provider, sub: str, landing: str):
    """From ldaplan's login page, the provider's form (and its consent), back to ``landing``."""
    page = journey.page
    journey.visit("/connexion/", "connexion")
    page.get_by_role("link", name=BUTTON).click()
    page.wait_for_url(f"{provider.issuer}/**")
    if page.get_by_placeholder("Enter any login").count():
        page.get_by_placeholder("Enter any login").fill(sub)
        page.get_by_placeholder("and password").fill("nimporte")
        page.get_by_role("button", name="Sign-in").click()
        page.wait_for_load_state("load")
    if page.url.startswith(provider.issuer):  # the provider asks consent once per grant
        with journey.navigating(landing):
            page.get_by_role("button", name="Continue").click()
    else:
        journey.arrive(landing)


def sign_out(journey, provider, name: str):
    """ldaplan's logout, then the provider's confirmation, back on the overview."""
    page = journey.page
    page.get_by_role("button", name=re.compile(r"^Se déconnecter")).click()
    page.wait_for_url(f"{provider.issuer}/**")
    with journey.navigating(name):
        page.get_by_role("button", name="Yes, sign me out").click()
    assert page.url.startswith(journey.url("/?state="))


def in_admin(journey, path: str, pick: tuple[str, str]):
    """An admin change page: moves one choice into a filter_horizontal box, saves."""
    page = journey.page
    page.goto(journey.url(path))
    select, label = pick
    page.locator(f"#{select}_from").select_option(label=label)
    page.locator(f"#{select}_add").click()
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.wait_for_load_state("load")
    assert page.locator(".messagelist .success").count() == 1, page.content()[:2000]


def test_first_sign_in_has_no_role_then_the_admin_gives_one(sso_journey, provider):
    journey = sso_journey
    page = journey.page
    admin = make_user("administratrice", roles.ADMINISTRATORS)
    admin.is_staff = admin.is_superuser = True
    admin.save()

    # First sign-in through the provider: an account, no role, the public overview.
    through_the_provider(journey, provider, "nouvelle-agente", "premiere-connexion")
    assert page.url == journey.url("/")
    agent = get_user_model().objects.get(email=EMAIL)
    assert not agent.groups.exists()
    assert not Measure.objects.filter(editors=agent).exists()
    assert page.get_by_role("button", name=f"Se déconnecter ({agent.username})").is_visible()
    sign_out(journey, provider, "deconnexion-fournisseur")

    # The administrator gives her the agents' group and measure 1, in the admin.
    log_in(journey, "administratrice", "saisie-admin")
    in_admin(journey, f"/admin/auth/user/{agent.pk}/change/", ("id_groups", roles.EDITORS))
    measure = Measure.objects.get(number=1)
    in_admin(
        journey, f"/admin/measures/measure/{measure.pk}/change/", ("id_editors", agent.username)
    )
    # A local account's logout stays local: straight back to the overview.
    page.goto(journey.url("/connexion/"))
    page.get_by_role("button", name="Se déconnecter (administratrice)").click()
    page.wait_for_url(journey.url("/"))

    # She signs in again (the provider asks her login again) and enters a result.
    through_the_provider(journey, provider, "nouvelle-agente", "saisie")
    indicator = louez_solidaire()
    with journey.navigating("saisie-mesure-1-2022"):
        page.get_by_role("link", name=re.compile(r"^Mesure 1\s: ")).click()
    page.get_by_label("Année", exact=True).select_option("2023")
    with journey.navigating("saisie-mesure-1-2023"):
        page.get_by_role("button", name="Afficher").click()
    form = page.locator(f"form[action*='/saisie/indicateurs/{indicator.pk}/2023/']")
    form.get_by_label(entry_label("Résultat 2023")).fill("80")
    with journey.navigating("saisie-brouillon"):
        form.get_by_role("button", name="Enregistrer le brouillon").click()
    draft = YearResult.objects.get(indicator=indicator, year=2023)
    assert (draft.value, draft.status) == (D(80), EntryStatus.DRAFT)
    assert draft.history.earliest().history_user == agent
