"""« Échanges »: the internal thread beside each entry, on the entry page and in the queue.

Every message text here is made up, and says so: « (fictif) ».
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from core.entries import save_entry, transition
from core.workflow import PUBLISH, RETURN, SUBMIT, VALIDATE, EntryStatus, WorkflowError
from indicators.entry.exchanges import ThreadKey
from indicators.models import MESSAGE_MAX_LENGTH, EntryMessage, Milestone, YearResult
from measures.models import CommitmentMark
from tests.accounts import login

pytestmark = pytest.mark.django_db

MESSAGE = "La source DLH donne 73, pas 75 : à vérifier (fictif)"


def thread_url(kind, subject, year=None, page_year=2022):
    if year is None:
        return reverse("entry:exchange", args=[kind, subject]) + f"?annee={page_year}"
    return reverse("entry:exchange_year", args=[kind, subject, year]) + f"?annee={page_year}"


def field_name(kind, subject, year=None):
    return ThreadKey(kind, subject, year).anchor + "-text"


def post(client, kind, subject, year=None, text=MESSAGE, **extra):
    data = {field_name(kind, subject, year): text} | extra
    return client.post(thread_url(kind, subject, year), data)


def entry_page(client, number=1, year=2022):
    return client.get(reverse("entry:measure", args=[number]), {"annee": year}).content.decode()


def submitted_result(indicator, editor, year=2022, value=75):
    entry = save_entry(
        YearResult,
        {"indicator": indicator, "year": year},
        {"value": Decimal(value)},
        user=editor,
        expected_revision=None,
    )
    return transition(YearResult, entry.pk, SUBMIT, user=editor)


# --- Posting -------------------------------------------------------------------------------


def test_an_agent_of_the_measure_posts_on_a_result_and_is_back_at_the_thread(
    client, editor, louez_solidaire
):
    login(client, editor)
    response = post(client, "resultat", louez_solidaire.pk, 2022)
    anchor = f"echanges-resultat-{louez_solidaire.pk}-2022"
    assert response.status_code == 302
    assert response.url == f"{reverse('entry:measure', args=[1])}?annee=2022#{anchor}"
    message = EntryMessage.objects.get()
    assert (message.kind, message.indicator, message.year) == ("resultat", louez_solidaire, 2022)
    assert (message.author, message.text, message.is_return_note) == (editor, MESSAGE, False)

    html = client.get(response.url).content.decode()
    thread = html[html.index(f'id="{anchor}"') :]
    thread = thread[: thread.index("</details>")]
    assert "Message ajouté aux échanges." in thread  # the confirmation, in the thread
    assert f'id="{anchor}-message"' in thread
    assert MESSAGE in thread
    assert "agent" in thread
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT[\d:.]+[+-]\d\d:\d\d">le ', thread)
    heading = f"Échanges internes sur le résultat 2022 de l'indicateur « {louez_solidaire.label} »"
    assert heading.replace("'", "&#x27;") in thread
    assert f'<ol class="exchange-messages" aria-labelledby="{anchor}-titre">' in thread


def test_a_validator_posts_from_the_queue_and_is_back_at_the_filtered_queue(
    client, editor, reviewer, louez_solidaire
):
    entry = submitted_result(louez_solidaire, editor)
    login(client, reviewer)
    queue = client.get(reverse("entry:review")).content.decode()
    anchor = f"echanges-resultat-{louez_solidaire.pk}-2022"
    # The thread's fields sit in the batch form and post to their own form, after it.
    assert f'form="{anchor}-formulaire"' in queue
    assert re.search(rf'<form method="post" action="[^"]+" id="{anchor}-formulaire"', queue)

    url = reverse("entry:exchange_year", args=["resultat", louez_solidaire.pk, 2022])
    response = client.post(
        f"{url}?mesure=1&type=resultat",
        {field_name("resultat", louez_solidaire.pk, 2022): MESSAGE, "retour": "validation"},
    )
    assert response.status_code == 302
    assert response.url == f"{reverse('entry:review')}?mesure=1&type=resultat#{anchor}"
    assert EntryMessage.objects.get().author == reviewer
    html = client.get(response.url).content.decode()
    assert MESSAGE in html
    assert "Message ajouté aux échanges." in html
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED  # a message changes nothing of the entry


def test_a_reviewer_who_enters_no_measure_goes_back_to_the_queue(client, reviewer, louez_solidaire):
    """A validator may take part in any thread; without an entry page, back to the queue."""
    login(client, reviewer)
    response = post(client, "objectif", louez_solidaire.pk, 2023)
    assert response.status_code == 302
    assert response.url.startswith(reverse("entry:review") + "#echanges-objectif-")


@pytest.mark.parametrize("who", ["partner", "other_editor"])
def test_who_does_not_enter_the_measure_nor_review_is_refused(
    client, request, who, louez_solidaire
):
    login(client, request.getfixturevalue(who))
    assert post(client, "resultat", louez_solidaire.pk, 2022).status_code == 403
    assert not EntryMessage.objects.exists()


def test_the_threads_are_not_shown_to_another_measure_s_agent(
    client, editor, other_editor, louez_solidaire
):
    login(client, editor)
    post(client, "resultat", louez_solidaire.pk, 2022)
    login(client, other_editor)
    assert client.get(reverse("entry:measure", args=[1])).status_code == 403
    assert MESSAGE not in entry_page(client, number=5)


def test_anonymous_is_sent_to_the_login_page_and_nothing_is_saved(client, seed_plan):
    response = post(client, "resultat", 1, 2022)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not EntryMessage.objects.exists()


def test_the_agent_and_the_validator_both_write_to_the_same_thread(
    client, editor, reviewer, louez_solidaire
):
    login(client, editor)
    post(client, "resultat", louez_solidaire.pk, 2022, text="Premier message (fictif)")
    login(client, reviewer)
    post(client, "resultat", louez_solidaire.pk, 2022, text="Réponse du validateur (fictif)")
    login(client, editor)
    html = entry_page(client)
    assert html.index("Premier message (fictif)") < html.index("Réponse du validateur (fictif)")


# --- Refused messages ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_an_empty_message_is_refused_in_french_and_nothing_is_saved(
    client, editor, louez_solidaire, text
):
    login(client, editor)
    response = post(client, "resultat", louez_solidaire.pk, 2022, text=text)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Écrivez un message avant de l&#x27;envoyer\xa0: rien n&#x27;a été enregistré." in html
    # The form is open, where the error is.
    anchor = f"echanges-resultat-{louez_solidaire.pk}-2022"
    assert re.search(rf'id="{anchor}".*?<details class="exchange-new" open>', html, re.S)
    assert not EntryMessage.objects.exists()


def test_a_too_long_message_is_refused_and_given_back_as_typed(client, editor, louez_solidaire):
    login(client, editor)
    text = "Trop long (fictif) " + "x" * MESSAGE_MAX_LENGTH
    response = post(client, "resultat", louez_solidaire.pk, 2022, text=text)
    assert response.status_code == 400
    html = response.content.decode()
    assert f"Un message fait au plus {MESSAGE_MAX_LENGTH} caractères (celui-ci en a 2019)" in html
    assert text in html
    assert not EntryMessage.objects.exists()


def test_an_empty_message_from_the_queue_comes_back_in_the_queue(
    client, editor, reviewer, louez_solidaire
):
    submitted_result(louez_solidaire, editor)
    login(client, reviewer)
    response = client.post(
        thread_url("resultat", louez_solidaire.pk, 2022),
        {field_name("resultat", louez_solidaire.pk, 2022): "", "retour": "validation"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Écrivez un message avant de l&#x27;envoyer" in html
    assert "saisie soumise" in html  # the queue's page, with its line
    assert not EntryMessage.objects.exists()


@pytest.mark.parametrize(
    ("kind", "year"),
    [("inconnu", 2022), ("resultat", 2019), ("engagement", 2022), ("texte", 2024)],
)
def test_an_unknown_subject_is_not_found(client, editor, louez_solidaire, kind, year):
    """An unknown kind, a year outside the plan, a year on a commitment, a bilan year
    not opened: 404, nothing saved."""
    login(client, editor)
    subject = louez_solidaire.pk if kind != "texte" else louez_solidaire.report_row_id
    assert post(client, kind, subject, year).status_code == 404
    assert not EntryMessage.objects.exists()


# --- Every kind of entry ---------------------------------------------------------------------


def subjects(louez_solidaire, commitment):
    """(kind, subject pk, year, what the form's label says) on the page of measure 1's
    agent, for 2022; the milestone of measure 2."""
    milestone = Milestone.objects.get(report_row__measure__number=2)
    row = louez_solidaire.report_row
    label = louez_solidaire.label
    return [
        ("resultat", louez_solidaire.pk, 2022, f"le résultat 2022 de l'indicateur « {label} »", 1),
        ("objectif", louez_solidaire.pk, 2023, f"l'objectif 2023 de l'indicateur « {label} »", 1),
        ("jalon", milestone.pk, 2022, f"le statut 2022 du jalon « {milestone.title} »", 2),
        ("texte", row.pk, 2022, f"les textes du bilan 2022 de la ligne « {row.title} »", 1),
        (
            "engagement",
            commitment.pk,
            None,
            f"l'engagement 1 du plan d'action 2022 de la ligne « {row.title} »",
            1,
        ),
    ]


def test_every_kind_of_entry_has_its_thread_on_the_entry_page(
    client, editor, louez_solidaire, commitment
):
    login(client, editor)
    for kind, subject, year, phrase, measure in subjects(louez_solidaire, commitment):
        text = f"Message sur {kind} (fictif)"
        assert post(client, kind, subject, year, text=text).status_code == 302, kind
        html = entry_page(client, measure)
        label = f"Message sur {phrase}".replace("'", "&#x27;")
        field_id = "id_" + field_name(kind, subject, year)
        assert f'<label for="{field_id}">{label} <span aria-hidden="true">*</span></label>' in html
        assert text in html, kind
    assert EntryMessage.objects.count() == 5


def test_each_form_label_names_its_entry_once(client, editor, commitment):
    login(client, editor)
    html = entry_page(client)
    labels = re.findall(r'<label for="id_echanges-[^"]+">([^<]+)<', html)
    assert len(labels) > 5
    assert len(labels) == len(set(labels))


def test_the_form_is_collapsed_and_no_heading_shows_for_an_empty_thread(client, editor):
    login(client, editor)
    html = entry_page(client)
    assert '<details class="exchange-new">' in html
    assert '<details class="exchange-new" open>' not in html
    assert "Échanges internes sur" not in html


# --- Revisions and returns -------------------------------------------------------------------


def test_the_thread_survives_a_new_revision_of_the_entry(
    client, editor, reviewer, louez_solidaire, settings
):
    settings.LDAPLAN_SEPARATION_OF_DUTIES = True
    first = submitted_result(louez_solidaire, editor)
    login(client, editor)
    post(client, "resultat", louez_solidaire.pk, 2022, text="Sur la première version (fictif)")
    transition(YearResult, first.pk, VALIDATE, user=reviewer)
    transition(YearResult, first.pk, PUBLISH, user=reviewer)
    # A correction is a new row for the same indicator and year.
    correction = submitted_result(louez_solidaire, editor, value=80)
    assert correction.pk != first.pk
    assert "Sur la première version (fictif)" in entry_page(client)
    login(client, reviewer)
    queue = client.get(reverse("entry:review")).content.decode()
    assert "Sur la première version (fictif)" in queue


def test_the_return_note_becomes_the_first_message_of_the_thread(
    client, editor, reviewer, louez_solidaire
):
    entry = submitted_result(louez_solidaire, editor)
    login(client, reviewer)
    note = "Le chiffre ne correspond pas à la source (fictif)"
    response = client.post(
        reverse("entry:review"),
        {"action": "renvoyer", "entries": [f"resultat:{entry.pk}"], "note": note},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.review_note) == (EntryStatus.RETURNED, note)  # as before
    first = EntryMessage.objects.get()
    assert (first.text, first.author, first.is_return_note) == (note, reviewer, True)
    assert (first.kind, first.indicator, first.year) == ("resultat", louez_solidaire, 2022)

    login(client, editor)
    post(client, "resultat", louez_solidaire.pk, 2022, text="Corrigé avec la source (fictif)")
    html = entry_page(client)
    thread = html[html.index(f'id="echanges-resultat-{louez_solidaire.pk}-2022"') :]
    assert thread.index("<strong>Motif du renvoi</strong>") < thread.index(note)
    assert thread.index(note) < thread.index("Corrigé avec la source (fictif)")


def test_a_return_by_any_caller_keeps_its_note_in_the_thread(editor, reviewer, commitment):
    """The note is kept by ``transition`` itself: a caller cannot return without it."""
    entry = save_entry(
        CommitmentMark,
        {"commitment": commitment},
        {"outcome": "done", "comment": ""},
        user=editor,
        expected_revision=None,
    )
    transition(CommitmentMark, entry.pk, SUBMIT, user=editor)
    transition(CommitmentMark, entry.pk, RETURN, user=reviewer, note="Préciser (fictif)")
    message = EntryMessage.objects.get()
    assert (message.kind, message.commitment, message.year) == ("engagement", commitment, None)


def test_a_refused_batch_return_writes_no_message(client, editor, reviewer, louez_solidaire):
    """All or nothing: a batch whose second line cannot be returned leaves no note anywhere."""
    entry = submitted_result(louez_solidaire, editor)
    draft = save_entry(
        YearResult,
        {"indicator": louez_solidaire, "year": 2021},
        {"value": Decimal(3)},
        user=editor,
        expected_revision=None,
    )
    login(client, reviewer)
    client.post(
        reverse("entry:review"),
        {
            "action": "renvoyer",
            "entries": [f"resultat:{entry.pk}", f"resultat:{draft.pk}"],
            "note": "Renvoi (fictif)",
        },
    )
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED
    assert not EntryMessage.objects.exists()


def test_a_return_without_a_note_is_still_refused(editor, reviewer, louez_solidaire):
    entry = submitted_result(louez_solidaire, editor)
    with pytest.raises(WorkflowError):
        transition(YearResult, entry.pk, RETURN, user=reviewer, note="  ")
    assert not EntryMessage.objects.exists()


def test_an_agent_who_cannot_open_the_queue_goes_back_to_the_entry_page(
    client, editor, louez_solidaire
):
    login(client, editor)
    response = post(client, "resultat", louez_solidaire.pk, 2022, retour="validation")
    assert response.status_code == 302
    assert response.url.startswith(reverse("entry:measure", args=[1]))
