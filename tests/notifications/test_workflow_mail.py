"""E-mails the workflow causes: the returned entry to its agent, the validators' digest."""

from datetime import timedelta
from smtplib import SMTPRecipientsRefused

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone

from core.entries import transition
from core.workflow import RETURN, SUBMIT
from indicators.models import YearResult
from indicators.notifications.digests import send_digests
from indicators.notifications.models import (
    NotificationPreferences,
    SentNotification,
    SubmittedEntry,
)
from tests.notifications.campaign import submit_result

pytestmark = pytest.mark.django_db
NBSP = "\xa0"


def _return(entry, reviewer, note="Le chiffre 2023 est celui de 2022 (fictif)."):
    return transition(YearResult, entry.pk, RETURN, user=reviewer, note=note)


def test_a_returned_entry_mails_its_agent_once_the_return_is_committed(
    campaign, django_capture_on_commit_callbacks
):
    entry = submit_result(campaign.missing_indicator, 2023, campaign.agent)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _return(entry, campaign.reviewer)
        assert mail.outbox == []  # not before the commit
    assert len(_mail_callbacks(callbacks)) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["agathe@exemple.paris.fr"]
    assert (
        message.subject == f"[Logement d'abord] Saisie à reprendre{NBSP}: Résultat, mesure 1, 2023"
    )
    assert "Valerie vous renvoie cette saisie pour reprise" in message.body
    assert "Le chiffre 2023 est celui de 2022 (fictif)." in message.body
    anchor = f"#indicateur-{campaign.missing_indicator.pk}-2023"
    assert f"https://ldaplan.exemple.fr/saisie/mesures/1/?annee=2023{anchor}" in message.body
    html = message.alternatives[0][0]
    assert f'href="https://ldaplan.exemple.fr/saisie/mesures/1/?annee=2023{anchor}"' in html
    assert "Le chiffre 2023 est celui de 2022 (fictif)." in html


def test_a_return_is_mailed_once_and_a_later_return_again(
    campaign, django_capture_on_commit_callbacks
):
    entry = submit_result(campaign.missing_indicator, 2023, campaign.agent)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        entry = _return(entry, campaign.reviewer)
    _mail_callbacks(callbacks)[0]()  # the same commit's notice again: recorded, not resent
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        transition(YearResult, entry.pk, SUBMIT, user=campaign.agent)
        _return(entry, campaign.reviewer, note="Toujours pas (fictif).")
    assert len(mail.outbox) == 2
    assert "Toujours pas (fictif)." in mail.outbox[1].body


def test_a_rolled_back_return_sends_nothing_and_an_agent_may_turn_returns_off(
    campaign, django_capture_on_commit_callbacks
):
    entry = submit_result(campaign.missing_indicator, 2023, campaign.agent)
    NotificationPreferences.objects.create(
        user=campaign.agent,
        returned_entries=False,
        reminders=True,
        digest="off",
        bilan_published=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        _return(entry, campaign.reviewer)
    assert mail.outbox == []


def _three_submissions_by_two_agents(campaign):
    other = YearResult.objects.create(
        indicator=campaign.done_indicator, year=2022, value=11, entered_by=campaign.done_agent
    )
    transition(YearResult, other.pk, SUBMIT, user=campaign.done_agent)
    submit_result(campaign.missing_indicator, 2023, campaign.agent)
    submit_result(campaign.missing_indicator, 2022, campaign.agent)


def test_three_submissions_by_two_agents_make_one_digest_per_validator(campaign):
    _three_submissions_by_two_agents(campaign)
    send_digests(timezone.localdate())
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "valerie@exemple.paris.fr",
        "victor@exemple.paris.fr",
    ]
    message = mail.outbox[0]
    assert message.subject.startswith("[Logement d'abord] 3 saisies soumises à valider le ")
    lines = [line for line in message.body.splitlines() if line.startswith("- ")]
    assert lines == [
        "- Résultat 2022 — mesure 1 — Logements captés (fictif) (saisi par agathe)",
        "- Résultat 2023 — mesure 1 — Logements captés (fictif) (saisi par agathe)",
        "- Résultat 2022 — mesure 2 — Places ouvertes (fictif) (saisi par bruno)",
    ]
    assert "https://ldaplan.exemple.fr/saisie/validation/" in message.body
    assert message.alternatives[0][0].count("<li>") == 3


def test_the_digest_is_sent_once_per_day_whatever_the_runs(campaign):
    _three_submissions_by_two_agents(campaign)
    today = timezone.localdate().isoformat()
    call_command("send_digests", "--date", today, stdout=_Sink())
    call_command("send_digests", "--date", today, stdout=_Sink())
    assert len(mail.outbox) == 2


def test_a_validator_with_the_digest_off_gets_none_and_other_days_list_nothing(campaign):
    NotificationPreferences.objects.create(
        user=campaign.second_reviewer,
        returned_entries=False,
        reminders=False,
        digest="off",
        bilan_published=False,
    )
    _three_submissions_by_two_agents(campaign)
    SubmittedEntry.objects.update(submitted_at=timezone.now() - timedelta(days=1))
    assert send_digests(timezone.localdate()).items == []
    send_digests(timezone.localdate() - timedelta(days=1))
    assert [message.to for message in mail.outbox] == [["valerie@exemple.paris.fr"]]


def _mail_callbacks(callbacks):
    """The e-mails' own callbacks among those run at commit (the page cache has its own)."""
    return [callback for callback in callbacks if callback.__name__ == "send_return_notice"]


class _Sink:
    def write(self, text):
        pass

    def flush(self):
        pass


def test_a_mail_server_that_refuses_does_not_undo_the_return(
    campaign, django_capture_on_commit_callbacks, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.notifications.test_workflow_mail.RefusingBackend"
    entry = submit_result(campaign.missing_indicator, 2023, campaign.agent)
    with django_capture_on_commit_callbacks(execute=True):
        _return(entry, campaign.reviewer)
    entry.refresh_from_db()
    assert entry.status == "returned"
    assert not SentNotification.objects.exists()  # not recorded: it was not sent
    assert "Error calling" in caplog.text


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise SMTPRecipientsRefused({"agathe@exemple.paris.fr": (550, b"refused")})


def test_the_digest_forgets_submissions_older_than_a_month_but_not_in_a_dry_run(campaign):
    _three_submissions_by_two_agents(campaign)
    today = timezone.localdate()
    old, kept = list(SubmittedEntry.objects.order_by("pk"))[:2]
    SubmittedEntry.objects.filter(pk=old.pk).update(
        submitted_at=timezone.now() - timedelta(days=40)
    )
    SubmittedEntry.objects.filter(pk=kept.pk).update(
        submitted_at=timezone.now() - timedelta(days=20)
    )
    assert send_digests(today, dry_run=True).forgotten == 0
    assert SubmittedEntry.objects.count() == 3
    report = send_digests(today)
    assert report.forgotten == 1
    assert not SubmittedEntry.objects.filter(pk=old.pk).exists()
    # Twenty days old: still there for a missed day's digest.
    assert send_digests(today - timedelta(days=20)).items[0].pk == kept.pk
    # The entry itself is untouched.
    assert YearResult.objects.filter(pk=old.entry_pk).exists()
