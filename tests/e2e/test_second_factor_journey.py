"""The second factor in a real browser: a password login, the enrolment of an app from the
key the page shows (as an authenticator app would read it), a wrong code, then the right
one and the person's own page.

See conftest.py for what is checked on every page (axe-core, console, other hosts, width).
"""

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from indicators import roles
from tests.accounts import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def app_code(key_shown: str, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the key typed from the page."""
    totp = TOTP(b32decode(key_shown.replace(" ", "")))
    totp.time = time.time() + steps_ahead * 30
    return f"{totp.token():06d}"


def test_a_password_account_enrols_its_app_then_reaches_its_page(journey, settings):
    settings.LDAPLAN_TOTP_REQUIRED = True
    make_user("agent", roles.EDITORS, measures=[2])
    page = journey.page
    journey.visit("/connexion/", "connexion")
    page.get_by_label("Nom d’utilisateur").fill("agent")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    with journey.navigating("second-facteur-activation"):
        page.get_by_role("button", name="Se connecter").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Activer la double authentification"
    )
    assert page.get_by_role("img", name="Code QR à scanner", exact=False).is_visible()
    key = page.locator("code.secret-key").inner_text()

    code = page.get_by_label("Code à 6 chiffres")
    assert code.get_attribute("inputmode") == "numeric"
    assert code.get_attribute("autocomplete") == "one-time-code"
    wrong = next(c for c in ("123456", "654321") if c not in {app_code(key, s) for s in (-1, 0, 1)})
    code.fill(wrong)
    with journey.navigating("second-facteur-code-faux", status=400):
        page.get_by_role("button", name="Activer").click()
    assert page.title().startswith("Erreur")
    assert page.get_by_text("Ce code n'est pas le bon, ou il a expiré.").first.is_visible()
    assert not TOTPDevice.objects.get(user__username="agent").confirmed

    # django-otp makes the next check wait a second after a failure.
    page.wait_for_timeout(1100)
    page.get_by_label("Code à 6 chiffres").fill(app_code(key))
    with journey.navigating("saisie-apres-second-facteur"):
        page.get_by_role("button", name="Activer").click()
    assert page.url.endswith("/saisie/")
    assert page.get_by_text(
        "Confirmation\u00a0: Votre application d'authentification est associée"
    ).is_visible()
    assert TOTPDevice.objects.get(user__username="agent").confirmed
