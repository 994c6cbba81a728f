"""The preferences page and the unsubscribe link (no sign-in needed; a forged token changes
nothing)."""

import pytest
from django.core import mail
from django.urls import reverse

from indicators import roles
from indicators.notifications.models import NotificationPreferences
from indicators.notifications.reminders import send_reminders
from indicators.notifications.tokens import unsubscribe_token
from tests.notifications.campaign import person
from tests.notifications.test_reminders import WEEK_BEFORE

pytestmark = pytest.mark.django_db
PAGE = "/compte/courriels/"


def test_the_page_needs_an_account(client, campaign):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")


def test_each_role_sees_its_own_choices_with_its_defaults(client, campaign):
    client.force_login(campaign.agent)
    page = client.get(PAGE).content.decode()
    assert 'id="id_returned_entries" checked' in page
    assert 'name="reminders"' in page
    assert 'name="digest"' not in page
    client.force_login(campaign.reviewer)
    page = client.get(PAGE).content.decode()
    assert 'name="digest"' in page
    assert 'name="reminders"' not in page
    client.force_login(person("paula", roles.PARTNERS))
    page = client.get(PAGE).content.decode()
    assert 'name="bilan_published"' in page
    assert 'name="digest"' not in page
    assert 'name="returned_entries"' not in page


def test_the_header_of_staff_pages_links_to_the_page(client, campaign):
    client.force_login(campaign.agent)
    assert f'href="{PAGE}"' in client.get(reverse("entry:home")).content.decode()


def test_a_partner_subscribes_to_the_bilan(client, campaign):
    partner = person("paula", roles.PARTNERS)
    client.force_login(partner)
    response = client.post(PAGE, {"bilan_published": "on"}, follow=True)
    assert "Vos préférences de courriel sont enregistrées." in response.content.decode()
    assert NotificationPreferences.objects.get(user=partner).bilan_published is True


def test_a_bad_choice_is_refused_in_french_and_nothing_is_saved(client, campaign):
    client.force_login(campaign.reviewer)
    response = client.post(PAGE, {"digest": "hourly"})
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not NotificationPreferences.objects.exists()


def test_the_unsubscribe_link_of_a_reminder_works_without_signing_in(client, campaign):
    send_reminders(WEEK_BEFORE)
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    assert link in mail.outbox[0].body
    path = link.removeprefix("https://ldaplan.exemple.fr")
    page = client.get(path)
    assert page.status_code == 200
    assert "rappels de la campagne de saisie" in page.content.decode()
    assert not NotificationPreferences.objects.exists()  # a GET (a mail scanner) changes nothing
    done = client.post(path)
    assert "C'est fait" in done.content.decode()
    assert NotificationPreferences.objects.get(user=campaign.agent).reminders is False
    # Only that e-mail: the agent's returned entries still come.
    assert NotificationPreferences.objects.get(user=campaign.agent).returned_entries is True
    mail.outbox.clear()
    send_reminders(WEEK_BEFORE.replace(day=25))
    assert mail.outbox == []


@pytest.mark.parametrize(
    "token",
    [
        "pas-un-jeton",
        "eyJ1IjoxLCJ0IjoicmVtaW5kZXJzIn0:1xZAYU:faux",
    ],
)
def test_a_forged_or_damaged_token_is_refused_in_french_and_changes_nothing(
    client, campaign, token
):
    response = client.post(f"{PAGE}desabonnement/{token}/")
    assert response.status_code == 400
    assert "Lien de désabonnement non valable" in response.content.decode()
    assert "Rien n'a été changé" in response.content.decode()
    assert not NotificationPreferences.objects.exists()


def test_a_token_cannot_be_turned_to_another_person(client, campaign):
    token = unsubscribe_token(campaign.agent, "reminders")
    _payload, *signature = token.split(":")
    other = unsubscribe_token(campaign.done_agent, "reminders").split(":")[0]
    response = client.post(f"{PAGE}desabonnement/{':'.join([other, *signature])}/")
    assert response.status_code == 400
    assert not NotificationPreferences.objects.exists()


def test_an_administrator_reads_the_choices_and_what_was_sent(client, campaign):
    send_reminders(WEEK_BEFORE)
    admin_user = person("admin-courriels", roles.ADMINISTRATORS)
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    for model in ("notificationpreferences", "sentnotification", "submittedentry"):
        assert client.get(reverse(f"admin:notifications_{model}_changelist")).status_code == 200
    sent = client.get(reverse("admin:notifications_sentnotification_changelist")).content.decode()
    assert "2023:avant" in sent
