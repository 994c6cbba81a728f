"""A forgotten password, from the login page to logging in with the new one.

The e-mails are caught by pytest-django's ``mailoutbox``; every request goes through
the test client, middleware and templates included. Throttling has its own file
(test_password_reset_throttling.py).
"""

import re
import smtplib
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.urls import reverse

from indicators.sso.accounts import account_for

from .conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

SITE = "https://logement-dabord.paris.example"
ADDRESS = "agent.saisie@paris.example"
NEW_PASSWORD = "trois-pommes-sur-la-passerelle"
LINK = re.compile(re.escape(SITE) + r"(/mot-de-passe/nouveau/[^/\s]+/[^/\s]+/)")


@pytest.fixture(autouse=True)
def _fresh_counts_and_fast_hashes(settings):
    """Each test starts with no request counted; cheap hashes (the suite hashes a lot)."""
    settings.LDAPLAN_SITE_URL = SITE
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agent():
    return make_user("agent", password=PASSWORD, email=ADDRESS, first_name="Camille")


def ask(client, email, **extra):
    return client.post(reverse("password_reset"), {"email": email}, **extra)


def link_in(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def text(response) -> str:
    return response.content.decode()


def test_the_login_page_leads_to_the_forgotten_password_page(client):
    html = text(client.get(reverse("login")))
    assert f'<a href="{reverse("password_reset")}">Mot de passe oublié' in html
    page = client.get(reverse("password_reset"))
    assert page.status_code == 200
    assert "<h1>Mot de passe oublié</h1>" in text(page)
    assert 'for="id_email">Adresse électronique de votre compte' in text(page)


def test_the_whole_journey(client, agent, mailoutbox):
    response = ask(client, "Agent.Saisie@Paris.example")  # any case, as Django matches
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done") + "#contenu"
    assert "Lien envoyé" in text(client.get(response.url))

    [message] = mailoutbox
    assert message.to == [ADDRESS]
    assert message.subject == "[Logement d'abord] Choisir un nouveau mot de passe"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert message.body.startswith("Bonjour Camille,")
    assert "votre compte « agent »" in message.body
    assert "Ce lien est valable 1 heure et ne sert qu'une fois." in message.body
    assert "rien ne change sur votre compte" in message.body
    assert message.message().get_content_type() == "text/plain"

    # The link puts its token in the session and sends on to the form without it.
    form_page = client.get(link_in(message))
    assert form_page.status_code == 302
    assert form_page.url.endswith("/choix/")
    page = client.get(form_page.url)
    assert "<h1>Choisir un nouveau mot de passe</h1>" in text(page)

    weak = client.post(form_page.url, {"new_password1": "1234", "new_password2": "1234"})
    assert weak.status_code == 200
    assert "Ce mot de passe est trop court." in text(weak)
    assert "Le formulaire contient des erreurs" in text(weak)
    assert get_user_model().objects.get(pk=agent.pk).check_password(PASSWORD)

    done = client.post(
        form_page.url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302
    assert done.url == reverse("login") + "#messages"
    login_page = text(client.get(done.url))
    assert "Confirmation\u00a0: Votre nouveau mot de passe est enregistré" in login_page

    refused = client.post(reverse("login"), {"username": "agent", "password": PASSWORD})
    assert refused.status_code == 200
    logged_in = client.post(reverse("login"), {"username": "agent", "password": NEW_PASSWORD})
    assert logged_in.status_code == 302
    assert client.session["_auth_user_id"] == str(agent.pk)

    # The link served once: the password it was made for is no longer the account's.
    client.logout()
    used = client.get(link_in(message))
    assert used.status_code == 200
    assert "<h1>Lien invalide</h1>" in text(used)


def test_an_unknown_address_gets_the_same_page_and_no_mail(client, agent, mailoutbox):
    unknown = ask(client, "personne@paris.example")
    known = ask(client, ADDRESS)
    assert (unknown.status_code, unknown.url) == (known.status_code, known.url)
    assert [message.to for message in mailoutbox] == [[ADDRESS]]


def test_a_single_sign_on_account_gets_no_mail(client, mailoutbox):
    claims = {"email": "sso@paris.example", "email_verified": True, "given_name": "Dominique"}
    user = account_for("https://idp.example", "sub-1", claims, proconnect=False)
    assert not user.has_usable_password()
    response = ask(client, "sso@paris.example")
    assert response.url == reverse("password_reset_done") + "#contenu"
    assert mailoutbox == []


def test_an_inactive_account_gets_no_mail(client, agent, mailoutbox):
    agent.is_active = False
    agent.save()
    assert ask(client, ADDRESS).url == reverse("password_reset_done") + "#contenu"
    assert mailoutbox == []


def test_nothing_is_mailed_from_a_demo(client, agent, mailoutbox, settings):
    settings.LDAPLAN_DEMO = True
    settings.LDAPLAN_SEND_EMAIL = False
    assert ask(client, ADDRESS).url == reverse("password_reset_done") + "#contenu"
    assert mailoutbox == []


def test_a_mail_server_failure_shows_the_same_page(client, agent, monkeypatch, caplog):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("connexion perdue")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    response = ask(client, ADDRESS)
    assert response.url == reverse("password_reset_done") + "#contenu"
    assert f"Password reset e-mail not sent to user {agent.pk}" in caplog.text


def test_the_link_is_on_the_site_s_address_whatever_host_was_asked(
    client, agent, mailoutbox, settings
):
    settings.ALLOWED_HOSTS = ["testserver", "autre-nom.paris.example"]
    ask(client, ADDRESS, HTTP_HOST="autre-nom.paris.example")
    [message] = mailoutbox
    assert f"{SITE}/mot-de-passe/nouveau/" in message.body
    assert "autre-nom" not in message.body


def test_a_new_password_ends_a_login_lockout(client, agent, mailoutbox, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "agent", "password": f"faux-{attempt}"})
    locked = client.post(reverse("login"), {"username": "agent", "password": PASSWORD})
    assert locked.status_code == 429
    ask(client, ADDRESS)
    form_url = client.get(link_in(mailoutbox[0])).url
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert not AccessAttempt.objects.filter(username="agent").exists()
    response = client.post(reverse("login"), {"username": "agent", "password": NEW_PASSWORD})
    assert response.status_code == 302


def test_the_pages_are_english_for_an_english_reader(client, agent, mailoutbox, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = text(client.get(reverse("password_reset")))
    assert "<h1>Forgotten password</h1>" in page
    assert "Mot de passe oublié" not in page
    assert "Forgotten password?" in text(client.get(reverse("login")))
    done = text(client.get(ask(client, ADDRESS).url))
    assert "This link works for 1 hour, and only once." in done
    # The e-mails are French, as all of the site's are.
    assert mailoutbox[0].body.startswith("Bonjour Camille,")


def test_an_expired_link_is_refused(client, agent, mailoutbox, monkeypatch, settings):
    ask(client, ADDRESS)
    later = PasswordResetTokenGenerator()._now() + timedelta(
        seconds=settings.PASSWORD_RESET_TIMEOUT + 60
    )
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    response = client.get(link_in(mailoutbox[0]))
    assert response.status_code == 200
    assert "<h1>Lien invalide</h1>" in text(response)
    assert 'href="/mot-de-passe/oubli/"' in text(response)


HOSTILE_LINKS = [
    ("MQ", "pas-un-jeton"),  # user 1's id, a forged token
    ("!!!", "abc-def"),  # not base64
    ("OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5", "abc-def"),  # an id past any integer column
    ("YWJj", "abc-def"),  # "abc": not an id
    ("MQ", "choix"),  # the form's address without a token in the session
    ("AA", "x" * 300),
    ("%00", "%E2%80%AE"),
]


@pytest.mark.parametrize(("uid", "token"), HOSTILE_LINKS)
def test_a_hostile_link_gets_the_french_invalid_link_page(client, agent, uid, token):
    path = f"/mot-de-passe/nouveau/{uid}/{token}/"
    for response in (client.get(path), client.post(path, {"new_password1": NEW_PASSWORD})):
        assert response.status_code == 200, path
        assert "<h1>Lien invalide</h1>" in text(response)
    assert get_user_model().objects.get(pk=agent.pk).check_password(PASSWORD)
