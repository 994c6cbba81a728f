"""The second factor (TOTP) of password sessions: asked before every page when
LDAPLAN_TOTP_REQUIRED is on, enrolled once, verified at each login; never asked of a
single sign-on session. The setting is read at each request: the tests flip it."""

import re
from base64 import b32encode
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from indicators import roles
from indicators.models import Indicator, YearResult
from indicators.second_factor.policy import SSO_BACKEND

from .conftest import make_user
from .second_factor_helpers import (
    ENROL,
    VERIFY,
    code_for,
    enrolled_device,
    html,
    password_login,
    sent_to_second_factor,
    wrong_code_for,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_plan")]

ENTRY_HOME = reverse("entry:home")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def required(settings):
    settings.LDAPLAN_TOTP_REQUIRED = True


@pytest.fixture
def agent():
    return make_user("agent", roles.EDITORS, measures=[2], password="un-mot-de-passe-assez-long")


def test_setting_off_leaves_the_login_journey_unchanged(client, agent):
    response = password_login(client, "agent")
    assert response.status_code == 302
    assert response["Location"] == reverse("landing")
    assert client.get(ENTRY_HOME).status_code == 200
    # Nothing owed: the second factor's page sends on, and no device is made.
    assert client.get(VERIFY)["Location"] == reverse("landing")
    assert client.get(ENROL)["Location"] == reverse("landing")
    assert not TOTPDevice.objects.exists()


@pytest.mark.usefixtures("required")
def test_a_password_session_sees_no_page_before_its_code(client, agent):
    assert password_login(client, "agent").status_code == 302
    for path in (ENTRY_HOME, reverse("indicators:overview"), "/api/axes", "/mot-de-passe/"):
        assert sent_to_second_factor(client.get(path), path), path
    # A form posted goes nowhere: back to the page it came from, after the code.
    preferences = reverse("notifications:preferences")
    referer = "http://testserver/saisie/?annee=2023"
    response = client.post(preferences, {"digest": "daily"}, HTTP_REFERER=referer)
    assert sent_to_second_factor(response, "/saisie/?annee=2023")
    response = client.post(preferences, {}, HTTP_REFERER="https://ailleurs.example/saisie/")
    assert sent_to_second_factor(response, None)


@pytest.mark.usefixtures("required")
def test_a_post_that_would_write_is_refused(client, agent):
    indicator = Indicator.objects.filter(report_row__measure__number=2).order_by("pk").first()
    password_login(client, "agent")
    prefix = f"ind-{indicator.pk}-2023-"
    url = reverse("entry:indicator_year", args=[indicator.pk, 2023]) + "?annee=2023"
    response = client.post(
        url, {prefix + "result_value": "12", prefix + "target_comparator": "exactly"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert not YearResult.objects.filter(indicator=indicator, year=2023).exists()


@pytest.mark.usefixtures("required")
def test_the_admin_login_leads_to_the_second_factor_too(client):
    get_user_model().objects.create_superuser("chef", password="un-mot-de-passe-assez-long")
    response = password_login(client, "chef", url="/admin/login/?next=/admin/", next="/admin/")
    assert response["Location"] == "/admin/"
    assert sent_to_second_factor(client.get("/admin/"), "/admin/")


@pytest.mark.usefixtures("required")
def test_leaving_switching_language_and_the_health_check_stay_open(client, agent):
    password_login(client, "agent")
    assert client.get(reverse("healthz")).status_code == 200
    response = client.post(reverse("set_language"), {"language": "en", "next": VERIFY})
    assert response["Location"] == VERIFY
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.usefixtures("required")
def test_enrolment_shows_an_inline_qr_code_and_the_key_by_fours(client, agent):
    password_login(client, "agent")
    response = client.get(f"{VERIFY}?next=/saisie/")
    assert response["Location"] == f"{ENROL}?next=/saisie/"
    page = html(client.get(response["Location"]))
    device = TOTPDevice.objects.get(user=agent)
    assert not device.confirmed
    assert "<h1>Activer la double authentification</h1>" in page
    assert re.search(r'<svg role="img" aria-label="Code QR à scanner[^"]*"[^>]*>', page)
    assert "<img" not in page
    assert "<script" not in page
    key = b32encode(device.bin_key).decode()
    grouped = " ".join(key[i : i + 4] for i in range(0, len(key), 4))
    assert f'<code class="secret-key">{grouped}</code>' in page
    assert re.fullmatch(r"([A-Z2-7]{4} )+[A-Z2-7]{4}", grouped)
    assert 'inputmode="numeric"' in page
    assert 'autocomplete="one-time-code"' in page
    assert 'for="id_code">Code à 6 chiffres' in page
    assert '<input type="hidden" name="next" value="/saisie/">' in page
    assert 'action="/deconnexion/"' in page
    # Reloading keeps the key the app may have scanned already.
    client.get(ENROL)
    assert list(TOTPDevice.objects.filter(user=agent)) == [device]


@pytest.mark.usefixtures("required")
def test_a_correct_code_confirms_the_app_and_opens_the_landing_page(client, agent):
    password_login(client, "agent")
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=agent)
    key_before = client.session.session_key
    response = client.post(ENROL, {"code": code_for(device), "next": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("landing")
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.session.session_key != key_before
    page = client.get(response["Location"], follow=True)
    assert page.redirect_chain[-1][0] == ENTRY_HOME
    assert page.status_code == 200
    assert "Confirmation\u00a0: Votre application d'authentification est associée" in html(page)


@pytest.mark.usefixtures("required")
def test_a_wrong_code_is_refused_in_french_and_changes_nothing(client, agent):
    password_login(client, "agent")
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=agent)
    response = client.post(ENROL, {"code": wrong_code_for(device)})
    assert response.status_code == 400
    page = html(response)
    assert "<title>Erreur\u00a0: Activer la double authentification" in page
    assert "Ce code n'est pas le bon, ou il a expiré. Saisissez le code affiché" in page
    device.refresh_from_db()
    assert not device.confirmed
    assert device.throttling_failure_count == 1
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert sent_to_second_factor(client.get(ENTRY_HOME), ENTRY_HOME)
    letters = client.post(ENROL, {"code": "abcdef"})
    assert letters.status_code == 400
    assert "Le code compte 6 chiffres" in html(letters)


@pytest.mark.usefixtures("required")
def test_after_failures_codes_wait_and_the_page_says_how_long(client, agent, settings):
    device = enrolled_device(agent)
    password_login(client, "agent")
    # Five failures in a row: django-otp then waits 2⁴ = 16 seconds before checking a code.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=5, throttling_failure_timestamp=timezone.now()
    )
    response = client.post(VERIFY, {"code": code_for(device)})
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 16
    waited = re.search(
        "Trop d'essais[ \u00a0]: attendez (1[56]) secondes avant de saisir", html(response)
    )
    assert waited, html(response)
    assert DEVICE_ID_SESSION_KEY not in client.session
    # Once the wait is over, the right code goes through.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302
    assert DEVICE_ID_SESSION_KEY in client.session


@pytest.mark.usefixtures("required")
def test_each_login_asks_for_a_fresh_code(client, agent):
    device = enrolled_device(agent)
    password_login(client, "agent")
    response = client.get(ENTRY_HOME)
    assert sent_to_second_factor(response, ENTRY_HOME)
    page = client.get(response["Location"])
    assert "<h1>Code de vérification</h1>" in html(page)
    used = code_for(device)
    assert client.post(VERIFY, {"code": used, "next": ENTRY_HOME})["Location"] == ENTRY_HOME
    assert client.get(ENTRY_HOME).status_code == 200
    client.post(reverse("logout"))
    password_login(client, "agent")
    # The code used once is not accepted again; the app's next one is, after a second's wait.
    assert client.post(VERIFY, {"code": used}).status_code == 400
    too_soon = client.post(VERIFY, {"code": code_for(device, steps_ahead=1)})
    assert too_soon.status_code == 429
    assert re.search("attendez 1 seconde avant", html(too_soon))
    a_second_ago = timezone.now() - timedelta(seconds=1)
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=a_second_ago)
    assert client.post(VERIFY, {"code": code_for(device, steps_ahead=1)}).status_code == 302


def test_with_the_setting_off_an_enrolled_account_still_gives_its_code(client, agent):
    device = enrolled_device(agent)
    password_login(client, "agent")
    assert sent_to_second_factor(client.get(ENTRY_HOME), ENTRY_HOME)
    # No enrolment is offered with the setting off.
    assert client.get(ENROL)["Location"] == f"{VERIFY}"
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302
    assert client.get(ENTRY_HOME).status_code == 200


def test_with_the_setting_off_a_deleted_device_is_no_longer_asked(client, agent):
    device = enrolled_device(agent)
    password_login(client, "agent")
    device.delete()
    assert client.get(VERIFY)["Location"] == reverse("landing")
    assert client.get(ENTRY_HOME).status_code == 200


@pytest.mark.usefixtures("required")
def test_a_single_sign_on_session_is_never_asked(client, agent):
    enrolled_device(agent)
    client.force_login(agent, backend=SSO_BACKEND)
    assert client.get(ENTRY_HOME).status_code == 200
    assert client.get(VERIFY)["Location"] == reverse("landing")
    assert not TOTPDevice.objects.filter(confirmed=False).exists()


@pytest.mark.usefixtures("required")
@pytest.mark.parametrize(
    "elsewhere", ["https://ailleurs.example/", "//ailleurs.example/saisie/", "javascript:alert(1)"]
)
def test_a_next_address_off_the_site_is_ignored(client, agent, elsewhere):
    device = enrolled_device(agent)
    password_login(client, "agent")
    page = client.get(VERIFY, {"next": elsewhere})
    assert page.status_code == 200
    assert '<input type="hidden" name="next" value="">' in html(page)
    response = client.post(VERIFY, {"code": code_for(device), "next": elsewhere})
    assert response["Location"] == reverse("landing")


@pytest.mark.usefixtures("required")
def test_an_administrator_deletes_a_lost_device_and_the_person_enrols_again(client, agent):
    device = enrolled_device(agent)
    password_login(client, "agent")
    client.post(VERIFY, {"code": code_for(device)})
    assert client.get(ENTRY_HOME).status_code == 200

    admin = get_user_model().objects.create_superuser("chef", password=None)
    admin_client = type(client)()
    admin_client.force_login(admin, backend=SSO_BACKEND)
    index = html(admin_client.get("/admin/"))
    assert "Double authentification" in index
    assert "TOTP devices" in index
    changelist = reverse("admin:otp_totp_totpdevice_changelist")
    assert "agent" in html(admin_client.get(changelist))
    # The secret key is never shown to the administrator.
    change = html(admin_client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk])))
    assert device.key not in change
    delete = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.exists()

    # The session that gave its code on the deleted device owes one again: a new enrolment.
    assert sent_to_second_factor(client.get(ENTRY_HOME), ENTRY_HOME)
    assert client.get(VERIFY)["Location"] == ENROL
    assert client.get(ENROL).status_code == 200


def test_public_pages_cost_no_query_more_with_the_setting_on(client, settings):
    overview = reverse("indicators:overview")
    client.get(overview)  # the first request warms the process' caches
    counts = []
    for required in (False, True):
        settings.LDAPLAN_TOTP_REQUIRED = required
        with CaptureQueriesContext(connection) as queries:
            assert client.get(overview).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
