"""Reminders of the collection's deadline: who gets one, what it lists, and only once."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from indicators.notifications.models import NotificationPreferences, SentNotification
from indicators.notifications.reminders import send_reminders

pytestmark = pytest.mark.django_db

WEEK_BEFORE = date(2024, 3, 24)  # 7 days before the collection closes on 31 March 2024
DAY_AFTER = date(2024, 4, 1)
NBSP = "\xa0"


def test_the_reminder_lists_exactly_what_is_missing_with_a_link_to_each_form(campaign):
    send_reminders(WEEK_BEFORE)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["agathe@exemple.paris.fr"]
    assert message.subject == (
        f"[Logement d'abord] Saisie 2023{NBSP}: la collecte se termine le 31{NBSP}mars 2024"
    )
    page = "https://ldaplan.exemple.fr/saisie/mesures/1/?annee=2023"
    indicator = campaign.missing_indicator.pk
    row = campaign.missing_indicator.report_row.pk
    assert (
        f"La collecte se termine le 31{NBSP}mars 2024 (7 jours restants) et il vous reste "
        f"3 éléments à remplir{NBSP}:" in message.body
    )
    assert f"Mesure 1{NBSP}: Capter des logements" in message.body
    assert f"- 1 résultat 2023 : {page}#indicateur-{indicator}-2023" in message.body
    assert f"- 1 objectif 2024 : {page}#indicateur-{indicator}-2024" in message.body
    assert f"- 1 texte du bilan 2023 : {page}#texte-{row}-2023" in message.body
    assert "Mesure 2" not in message.body  # not hers


def test_an_agent_with_nothing_left_and_the_validators_get_no_reminder(campaign):
    report = send_reminders(WEEK_BEFORE)
    assert [(agent.username, left, sent) for agent, left, sent in report.agents] == [
        ("agathe", 3, True)
    ]
    assert {address for message in mail.outbox for address in message.to} == {
        "agathe@exemple.paris.fr"
    }


def test_running_the_command_twice_the_same_day_sends_nothing_twice(campaign):
    call_command("send_reminders", "--date", "2024-03-24", stdout=(first := _Output()))
    call_command("send_reminders", "--date", "2024-03-24", stdout=(second := _Output()))
    assert len(mail.outbox) == 1
    assert "Rappel envoyé à agathe (3 élément(s) à remplir)." in first.text
    assert "agathe a déjà reçu ce rappel." in second.text
    assert SentNotification.objects.filter(kind="reminders", key="2023:avant").count() == 1


def test_the_day_after_the_deadline_brings_the_second_reminder_once(campaign):
    send_reminders(WEEK_BEFORE)
    send_reminders(date(2024, 3, 28))  # still the first reminder's window: already sent
    send_reminders(DAY_AFTER)
    send_reminders(date(2024, 4, 2))
    assert [message.subject for message in mail.outbox] == [
        f"[Logement d'abord] Saisie 2023{NBSP}: la collecte se termine le 31{NBSP}mars 2024",
        f"[Logement d'abord] Saisie 2023 en retard{NBSP}: la collecte est close",
    ]
    assert "La collecte s'est terminée le 31" in mail.outbox[1].body


@pytest.mark.parametrize("day", [date(2024, 3, 23), date(2024, 4, 9), date(2024, 1, 10)])
def test_no_reminder_outside_the_two_windows(campaign, day):
    report = send_reminders(day)
    assert report.reason == "not-due"
    assert mail.outbox == []


def test_an_agent_who_turned_reminders_off_gets_none(campaign):
    NotificationPreferences.objects.create(
        user=campaign.agent,
        returned_entries=True,
        reminders=False,
        digest="off",
        bilan_published=False,
    )
    send_reminders(WEEK_BEFORE)
    assert mail.outbox == []


def test_a_dry_run_says_who_would_get_it_and_sends_and_records_nothing(campaign):
    call_command("send_reminders", "--date", "2024-03-24", "--dry-run", stdout=(out := _Output()))
    assert "agathe recevrait le rappel (3 élément(s) à remplir)." in out.text
    assert mail.outbox == []
    assert not SentNotification.objects.exists()


def test_nothing_is_mailed_in_demo_mode_unless_asked(campaign, settings):
    settings.LDAPLAN_DEMO = True
    call_command("send_reminders", "--date", "2024-03-24", stdout=(out := _Output()))
    assert mail.outbox == []
    assert not SentNotification.objects.exists()
    assert "Mode démonstration" in out.text
    settings.LDAPLAN_SEND_EMAIL = True
    call_command("send_reminders", "--date", "2024-03-24", stdout=_Output())
    assert len(mail.outbox) == 1


def test_a_bad_date_is_refused_in_french(campaign):
    with pytest.raises(CommandError, match="Date invalide"):
        call_command("send_reminders", "--date", "31/03/2024")


def test_no_reminder_without_a_closing_date_or_once_published(campaign):
    campaign.year.collection_closes_on = None
    campaign.year.collection_opens_on = None
    campaign.year.save()
    assert send_reminders(WEEK_BEFORE).reason == "no-deadline"
    campaign.year.published_on = date(2024, 3, 1)
    campaign.year.save()
    assert send_reminders(WEEK_BEFORE).reason == "published"
    assert mail.outbox == []


class _Output:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_the_command_says_in_french_when_no_reminder_is_due(campaign):
    call_command("send_reminders", "--date", "2024-03-01", stdout=(out := _Output()))
    assert out.text.strip() == (
        f"Aucun rappel n'est dû le 1er{NBSP}mars 2024 "
        f"(clôture de la collecte le 31{NBSP}mars 2024)."
    )
