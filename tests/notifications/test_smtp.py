"""Real messages through Django's SMTP backend to a local SMTP server (tools/smtp_sink.py),
read back from what the server received: recipients, subject, links, French text, and
nobody mailed twice."""

from collections import Counter

import pytest
from django.utils import timezone

from core.entries import transition
from core.workflow import RETURN
from indicators.models import YearResult
from indicators.notifications.digests import send_digests
from indicators.notifications.reminders import send_reminders
from tests.notifications.campaign import submit_result
from tests.notifications.test_reminders import WEEK_BEFORE

pytestmark = pytest.mark.django_db(transaction=True)
NBSP = "\xa0"


def _subject(message) -> str:
    # Django folds a long encoded subject onto the next line; the space of the fold goes.
    return str(message["Subject"]).strip()


def _parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_reminders_digest_and_return_go_through_a_real_smtp_server(campaign, smtp_settings):
    before = smtp_settings.names()
    send_reminders(WEEK_BEFORE)
    send_reminders(WEEK_BEFORE)
    entry = submit_result(campaign.missing_indicator, 2023, campaign.agent)
    submit_result(campaign.done_indicator, 2022, campaign.done_agent)
    send_digests(timezone.localdate())
    send_digests(timezone.localdate())
    # A real commit (transaction=True): the return's notice goes once the return is saved.
    transition(YearResult, entry.pk, RETURN, user=campaign.reviewer, note="Source manquante.")

    received = smtp_settings.messages(before)
    assert sorted((m["X-Sink-Rcpt-To"], _subject(m).split(" le ")[0]) for m in received) == [
        (
            "agathe@exemple.paris.fr",
            f"[Logement d'abord] Saisie 2023{NBSP}: la collecte se termine",
        ),
        (
            "agathe@exemple.paris.fr",
            f"[Logement d'abord] Saisie à reprendre{NBSP}: Résultat, mesure 1, 2023",
        ),
        ("valerie@exemple.paris.fr", "[Logement d'abord] 2 saisies soumises à valider"),
        ("victor@exemple.paris.fr", "[Logement d'abord] 2 saisies soumises à valider"),
    ]
    assert max(Counter((m["To"], _subject(m)) for m in received).values()) == 1
    for message in received:
        assert message["From"] == "Plan Logement d'abord <ne-pas-repondre@exemple.fr>"
        assert (
            str(message["List-Unsubscribe"])
            .strip()
            .startswith("<https://ldaplan.exemple.fr/compte/courriels/desabonnement/")
        )
        text, html = _parts(message)
        assert text.startswith("Bonjour ")
        assert '<html lang="fr">' in html
        assert "Ne plus recevoir ces courriels" in text
        assert "Ne plus recevoir ces courriels" in html

    reminder = next(m for m in received if "collecte" in _subject(m))
    text, html = _parts(reminder)
    anchor = f"https://ldaplan.exemple.fr/saisie/mesures/1/?annee=2023#indicateur-{campaign.missing_indicator.pk}-2023"
    assert f"- 1 résultat 2023 : {anchor}" in text
    assert f'href="{anchor}"' in html
    assert f"il vous reste 3 éléments à remplir{NBSP}:" in text

    digest = next(m for m in received if m["To"] == "valerie@exemple.paris.fr")
    text, _html = _parts(digest)
    assert "- Résultat 2023 — mesure 1 — Logements captés (fictif) (saisi par agathe)" in text
    assert "- Résultat 2022 — mesure 2 — Places ouvertes (fictif) (saisi par bruno)" in text

    returned = next(m for m in received if "reprendre" in _subject(m))
    assert "Source manquante." in _parts(returned)[0]
