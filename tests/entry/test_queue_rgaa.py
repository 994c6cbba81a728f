"""RGAA 4.1 in the HTML of the validation queue and the other staff pages (issue #21).

The queue is filled with made-up 2023 entries (``queue_world``, « fictif »). The browser
checks (names computed by Chromium, focus, reflow, keyboard) are in
tests/e2e/test_staff_rgaa.py; these pin what the server sends.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.workflow import EntryStatus
from indicators.models import MilestoneYearStatus, YearResult, YearTarget
from tests.accounts import PASSWORD, login
from tests.entry.html_tree import parse
from tests.entry.queue_world import fill_queue

pytestmark = pytest.mark.django_db
NBSP = "\xa0"
RETURN_NOTE_NEEDED = "Indiquez le motif du renvoi pour que l'agent puisse reprendre."


@pytest.fixture
def world(seed_plan):
    return fill_queue()


def statuses(world) -> list[str]:
    entries = [
        YearResult.objects.get(pk=world.result.pk),
        YearTarget.objects.get(pk=world.target.pk),
        *MilestoneYearStatus.objects.filter(pk__in=[s.pk for s in world.milestone_statuses]),
        YearResult.objects.get(pk=world.validated.pk),
    ]
    return [entry.status for entry in entries]


def post_queue(client, section, action, tokens, note=""):
    return client.post(
        reverse("entry:review"),
        {"liste": section, "action": action, "entries": tokens, "note": note},
    )


def checked_boxes(page) -> list[str]:
    return [
        box.attrs["value"]
        for box in page.tags("input")
        if box.attrs.get("type") == "checkbox" and "checked" in box.attrs
    ]


def test_a_return_without_a_note_is_an_alert_with_the_note_invalid_and_the_boxes_kept(
    client, world
):
    login(client, world.reviewer)
    before = statuses(world)
    tokens = world.submitted_tokens[:2]
    response = post_queue(client, "soumises", "renvoyer", tokens)
    assert response.status_code == 400
    page = parse(response.content.decode())
    assert page.tags("title")[0].text.startswith(f"Erreur{NBSP}: Validation")
    # The summary is an alert, in the list posted, and the URL's fragment the form posts to.
    summary = page.by_id("erreurs-soumises")
    assert (summary.attrs["role"], summary.attrs["tabindex"]) == ("alert", "-1")
    assert RETURN_NOTE_NEEDED in summary.text
    assert "Rien n'a été modifié." in summary.text
    (link,) = summary.tags("a")
    assert link.attrs["href"] == "#id_note"
    (form,) = page.find_all(
        lambda e: e.tag == "form" and "erreurs-soumises" in e.attrs.get("action", "")
    )
    assert form.attrs["action"] == "?#erreurs-soumises"
    # The field is invalid and its message tied to it; the other list's field is not.
    note = page.by_id("id_note")
    assert note.attrs["aria-invalid"] == "true"
    assert note.attrs["aria-describedby"] == "id_note_error"
    assert page.by_id("id_note_error").text == RETURN_NOTE_NEEDED
    other = page.by_id("id_publish_note")
    assert "aria-invalid" not in other.attrs
    assert not page.find_all(lambda e: e.attrs.get("id") == "erreurs-validees")
    # No status message stands for the error (the campaign's banner is one, about the campaign).
    for status in page.find_all(lambda e: e.attrs.get("role") == "status"):
        assert "modifié" not in status.text
        assert "motif" not in status.text
    assert sorted(checked_boxes(page)) == sorted(tokens)
    assert statuses(world) == before


def test_a_refused_publication_names_the_line_in_an_alert_of_its_own_list(client, world):
    login(client, world.reviewer)
    before = statuses(world)
    # A submitted line cannot be published: refused, all or nothing.
    tokens = [f"resultat:{world.validated.pk}", f"resultat:{world.result.pk}"]
    response = post_queue(client, "validees", "publier", tokens)
    assert response.status_code == 400
    page = parse(response.content.decode())
    assert page.tags("title")[0].text.startswith(f"Erreur{NBSP}:")
    summary = page.by_id("erreurs-validees")
    assert summary.attrs["role"] == "alert"
    assert "Résultat « Logements Louez solidaire captés dans l'année », 2023" in summary.text
    assert not page.find_all(lambda e: e.attrs.get("id") == "erreurs-soumises")
    assert sorted(checked_boxes(page)) == sorted(tokens)
    assert statuses(world) == before


def test_a_refusal_is_said_even_when_its_list_has_emptied_meanwhile(client, world):
    login(client, world.reviewer)
    # Someone published the only validated line since the page was read (made up).
    YearResult.objects.filter(pk=world.validated.pk).update(status=EntryStatus.PUBLISHED)
    response = post_queue(client, "validees", "publier", [f"resultat:{world.validated.pk}"])
    assert response.status_code == 400
    page = parse(response.content.decode())
    summary = page.by_id("erreurs-validees")
    assert summary.attrs["role"] == "alert"
    assert "Résultat « Logements sociaux captés pour Un chez-soi d'abord », 2023" in summary.text
    assert "0 saisie validée à publier" in page.by_id("validees").text


def test_no_box_checked_is_an_alert_and_a_done_action_a_status(client, world):
    login(client, world.reviewer)
    response = post_queue(client, "soumises", "valider", [])
    assert response.status_code == 400
    summary = parse(response.content.decode()).by_id("erreurs-soumises")
    assert summary.attrs["role"] == "alert"
    assert "Cochez au moins une saisie." in summary.text

    done = post_queue(client, "soumises", "valider", world.submitted_tokens[:1])
    assert done.status_code == 302
    # It opens at the confirmation, not at the refusal's anchor the form posted to.
    assert done["Location"] == f"{reverse('entry:review')}#messages"
    page = parse(client.get(done["Location"]).content.decode())
    said = [e.text for e in page.find_all(lambda e: e.attrs.get("role") == "status")]
    assert f"Confirmation{NBSP}: 1 saisie(s) validée(s)." in said
    assert not page.find_all(lambda e: e.attrs.get("role") == "alert")
    assert not page.tags("title")[0].text.startswith("Erreur")


def test_each_box_of_the_queue_has_its_own_label_saying_what_it_selects(client, world):
    login(client, world.reviewer)
    page = parse(client.get(reverse("entry:review")).content.decode())
    boxes = [box for box in page.tags("input") if box.attrs.get("type") == "checkbox"]
    labels = {}
    for box in boxes:
        (label,) = page.find_all(
            lambda e, box=box: e.tag == "label" and e.attrs.get("for") == box.attrs["id"]
        )
        labels[box.attrs["value"]] = label.text
    louez = "Logements Louez solidaire captés dans l'année — 2023"
    first, second = (f"jalon:{status.pk}" for status in world.milestone_statuses)
    assert labels == {
        f"resultat:{world.result.pk}": f"Résultat {louez}",
        f"objectif:{world.target.pk}": f"Objectif {louez}",
        first: "Statut de jalon Réunir les bailleurs (jalon fictif) — 2023 (mesure 1)",
        second: "Statut de jalon Réunir les bailleurs (jalon fictif) — 2023 (mesure 2)",
        f"resultat:{world.validated.pk}": (
            "Résultat Logements sociaux captés pour Un chez-soi d'abord — 2023"
        ),
    }
    # The two « Motif du renvoi » say which list they return.
    assert page.by_id("id_note").attrs["name"] == "note"
    note_labels = [
        label.text
        for label in page.tags("label")
        if label.attrs.get("for") in ("id_note", "id_publish_note")
    ]
    assert note_labels == [
        "Motif du renvoi des saisies soumises",
        "Motif du renvoi des saisies validées",
    ]


def test_login_and_password_fields_say_their_purpose(client, world):
    page = parse(client.get(reverse("login")).content.decode())
    purposes = {
        field.attrs["name"]: field.attrs.get("autocomplete")
        for field in page.tags("input")
        if field.attrs.get("type") in ("text", "password", "email")
    }
    assert purposes == {"username": "username", "password": "current-password"}

    login(client, world.reviewer)
    page = parse(client.get(reverse("password_change")).content.decode())
    purposes = {
        field.attrs["name"]: field.attrs.get("autocomplete")
        for field in page.tags("input")
        if field.attrs.get("type") in ("text", "password", "email")
    }
    assert purposes == {
        "old_password": "current-password",
        "new_password1": "new-password",
        "new_password2": "new-password",
    }


STAFF_PAGES = [
    reverse("entry:home"),
    reverse("entry:review"),
    reverse("notifications:preferences"),
    reverse("password_change"),
]


# Fields about their user (WCAG 1.3.5's purposes), by name, and the autocomplete each needs.
PURPOSES = {
    r"e-?mail|courriel": "email",
    r"phone|t[ée]l[ée]phone|\btel\b": "tel",
    r"first_name|pr[ée]nom": "given-name",
    r"last_name|family": "family-name",
    r"address|adresse": "street-address",
}


def test_no_staff_page_asks_about_its_user_without_saying_the_field_s_purpose(client, world):
    """Besides the login and password fields, the staff pages ask nothing about their
    user (the e-mail address is shown on the preferences page, never typed there); any
    such field would need its autocomplete."""
    pages = [(world.reviewer, url) for url in STAFF_PAGES]
    pages.append((world.editor, reverse("entry:measure", args=[1]) + "?annee=2023"))
    fields = 0
    for user, url in pages:
        login(client, user)
        response = client.get(url)
        assert response.status_code == 200, url
        page = parse(response.content.decode())
        for field in page.find_all(lambda e: e.tag in ("input", "select", "textarea")):
            if field.attrs.get("type") in ("hidden", "submit", "checkbox", "radio"):
                continue
            fields += 1
            name = field.attrs.get("name", "")
            for pattern, purpose in PURPOSES.items():
                if re.search(pattern, name, re.IGNORECASE):
                    assert field.attrs.get("autocomplete") == purpose, (url, name)
    assert fields > 20  # the queue's and the entry page's fields were read


def test_a_session_lasts_longer_than_20_hours_and_no_page_refreshes_itself(client, world):
    # WCAG 2.2.1's exception: a time limit of more than 20 hours needs no control.
    assert settings.SESSION_COOKIE_AGE >= 20 * 3600
    login(client, world.reviewer)
    for url in [*STAFF_PAGES, reverse("entry:completeness")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Refresh" not in response.headers, url
        page = parse(response.content.decode())
        assert not page.find_all(lambda e: e.attrs.get("http-equiv", "").lower() == "refresh")
        # No script at all: nothing can send the page elsewhere after a delay.
        assert not page.tags("script"), url


PUBLIC_SAMPLE = ["/", "/axes/1/?annee=2022", "/mesures/3/?annee=2022", "/bilan/2022/"]
PUBLIC_SAMPLE += ["/donnees/", "/glossaire/", "/plan-du-site/", "/accessibilite/", "/connexion/"]


def test_no_public_page_of_the_sample_has_a_time_limit(client, world):
    """The public pages run one script of the site's, the charts': it sets no timer and
    never changes the page's address; no page refreshes itself."""
    charts = (Path(settings.BASE_DIR) / "static" / "js" / "charts.js").read_text()
    for word in ("setTimeout", "setInterval", "location", "reload", "requestIdleCallback"):
        assert word not in charts, word
    for url in PUBLIC_SAMPLE:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Refresh" not in response.headers, url
        page = parse(response.content.decode())
        assert not page.find_all(lambda e: e.attrs.get("http-equiv", "").lower() == "refresh")
        sources = {script.attrs.get("src") for script in page.tags("script")} - {None}
        allowed = {"/static/js/charts.js", "/static/vendor/plotly/plotly-basic.min.js"}
        assert sources <= allowed, url
        for script in page.tags("script"):
            assert "src" in script.attrs or script.attrs.get("type") == "application/json", url


def test_a_form_posted_after_the_session_ended_changes_nothing_and_says_so(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.reviewer)
    queue_url = reverse("entry:review") + "?mesure=1"
    page = client.get(queue_url)
    token = page.cookies[settings.CSRF_COOKIE_NAME].value
    before = statuses(world)
    # Two weeks later: the session has expired.
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.post(
        queue_url,
        {
            "csrfmiddlewaretoken": token,
            "liste": "soumises",
            "action": "valider",
            "entries": world.submitted_tokens,
        },
        HTTP_REFERER=f"http://testserver{queue_url}",
    )
    assert statuses(world) == before
    assert response.status_code == 302
    # Back to the queue once logged in again: the page the form was on.
    assert response["Location"] == (
        "/connexion/?next=%2Fsaisie%2Fvalidation%2F%3Fmesure%3D1#contenu"
    )
    login_page = parse(client.get(response["Location"]).content.decode())
    (message,) = login_page.find_all(lambda e: "message" in e.attrs.get("class", "").split())
    assert message.text == (
        f"Erreur{NBSP}: Votre session a pris fin{NBSP}: "
        "ce que vous venez d'envoyer n'a pas été enregistré. "
        "Reconnectez-vous, puis recommencez."
    )
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    logged_in = client.post(
        response["Location"],
        {
            "csrfmiddlewaretoken": token,
            "username": world.reviewer.username,
            "password": PASSWORD,
        },
    )
    assert logged_in["Location"] == queue_url
    assert client.get(queue_url).status_code == 200
    assert statuses(world) == before


def test_only_a_post_sent_to_the_login_page_is_said_to_be_lost(client, world):
    # A reader who changes the language on the login page is not told of a lost form.
    response = client.post(reverse("set_language"), {"language": "fr", "next": reverse("login")})
    assert response.status_code == 302
    assert "session a pris fin" not in client.get(reverse("login")).content.decode()
    # An expired session's GET: the login page, no message either.
    response = client.get(reverse("entry:review"))
    assert response["Location"] == "/connexion/?next=/saisie/validation/"
    assert "session a pris fin" not in client.get(response["Location"]).content.decode()
