"""Pièces justificatives: what may be attached (told from the bytes, within the size limit), to
which entry (an editable one only), by whom; and their removal. Every refusal says why in
French and changes nothing, in the database or in the storage."""

import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.workflow import EntryStatus
from indicators.models import Attachment, YearResult
from tests.accounts import login
from tests.entry.attachment_files import (
    attachment_storage,  # noqa: F401 (a fixture)
    docx,
    macro_docx,
    make_attachment,
    odt,
    pdf,
    plain_zip,
    png,
    read_stored,
    stored_names,
    xlsx,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("attachment_storage")]

MB = 1024 * 1024


@pytest.fixture
def draft(louez_solidaire, editor):
    return YearResult.objects.create(
        indicator=louez_solidaire, year=2023, value=Decimal(80), entered_by=editor
    )


def upload(client, entry, name, content, *, title="Convention signée (fictif)", **extra):
    prefix = f"piece-resultat-{entry.pk}-"
    data = {
        prefix + "title": title,
        prefix + "visibility": extra.pop("visibility", "public"),
        prefix + "file": SimpleUploadedFile(name, content),
    }
    url = reverse("entry:attachment_add", args=["resultat", entry.pk])
    return client.post(f"{url}?annee=2023", data | extra)


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    ("name", "make", "media_type"),
    [
        ("Convention 2023.pdf", pdf, "application/pdf"),
        ("photo.PNG", png, "image/png"),
        (
            "compte-rendu.docx",
            docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("tableau.xlsx", xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("compte-rendu.odt", odt, "application/vnd.oasis.opendocument.text"),
    ],
)
def test_real_documents_and_images_are_attached(client, editor, draft, name, make, media_type):
    login(client, editor)
    content = make()
    response = upload(client, draft, name, content)

    assert response.status_code == 302
    assert response.url.endswith(f"?annee=2023#indicateur-{draft.indicator_id}-2023-message")
    assert said(response) == ["Pièce « Convention signée (fictif) » jointe (public)."]
    attachment = Attachment.objects.get()
    assert attachment.entry == draft
    assert (attachment.original_name, attachment.media_type) == (name, media_type)
    assert attachment.size == len(content)
    assert attachment.uploaded_by == editor
    assert read_stored(attachment) == content
    # A random name in the storage, with the type's extension: never the sender's name.
    extension = name.rpartition(".")[2].lower()
    assert re.fullmatch(rf"pieces/[0-9a-f]{{32}}\.{extension}", attachment.file.name)


def test_the_sent_name_is_kept_cleaned_of_folders_and_invisible_characters(client, editor, draft):
    login(client, editor)
    upload(client, draft, "C:\\fakepath\\Bilan\u202e  2023.pdf", pdf())
    assert Attachment.objects.get().original_name == "Bilan 2023.pdf"


HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'
NOT_ACCEPTED = "Ce fichier n'est pas un PDF, un document bureautique ou une image : "


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        (
            "photo.png",
            pdf(),
            "Le nom « photo.png » ne correspond pas au contenu du fichier, qui est un PDF : "
            "il devrait finir par « .pdf ».",
        ),
        ("rapport.pdf", HTML, NOT_ACCEPTED + "c'est une page web (HTML)."),
        (
            "compte-rendu.docx",
            plain_zip(),
            NOT_ACCEPTED + "c'est une archive ZIP, pas un document bureautique.",
        ),
        ("logo.png", SVG, NOT_ACCEPTED + "c'est une image SVG, qui peut contenir du code."),
        ("outil.pdf", b"MZ\x90\x00" + b"\x00" * 60, NOT_ACCEPTED + "c'est un programme."),
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n", NOT_ACCEPTED + "c'est un script."),
        ("notes.pdf", b"quelques notes", NOT_ACCEPTED + "son contenu n'est pas reconnu."),
        ("vide.pdf", b"", "Ce fichier est vide : choisissez la pièce à joindre."),
        (
            "protege.pdf",
            pdf(b"\n/Encrypt 5 0 R"),
            "Ce PDF est chiffré ou protégé par un mot de passe : joignez-le sans.",
        ),
        (
            "macros.docx",
            macro_docx(),
            "Ce document contient des macros : enregistrez-le sans macros (DOCX, XLSX, PPTX).",
        ),
        (
            "ancien.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
            "Les anciens formats Office (.doc, .xls, .ppt) et les documents protégés par un mot "
            "de passe ne sont pas acceptés : enregistrez-le en PDF, DOCX, XLSX, ODT ou ODS, "
            "sans mot de passe.",
        ),
        (
            "tableau.docx",
            xlsx(),
            "Le nom « tableau.docx » ne correspond pas au contenu du fichier, qui est un "
            "classeur Excel (XLSX) : il devrait finir par « .xlsx ».",
        ),
        ("abime.docx", b"PK\x03\x04" + b"\x00" * 40, "Ce document est endommagé"),
    ],
)
def test_a_file_refused_on_its_content_is_said_why_and_nothing_is_kept(
    client, editor, draft, name, content, reason
):
    login(client, editor)
    response = upload(client, draft, name, content)

    assert response.status_code == 302
    [message] = said(response)
    # Read with plain spaces: the French catalogue puts an unbreakable one before « : ».
    message = message.replace("\xa0", " ")
    assert message.startswith("La pièce n'a pas été jointe. " + reason)
    assert not Attachment.objects.exists()
    assert stored_names() == []


def test_a_file_over_the_limit_is_refused_naming_the_limit_and_never_kept(
    client, editor, draft, settings
):
    settings.LDAPLAN_ATTACHMENT_MAX_BYTES = 1 * MB
    login(client, editor)
    response = upload(client, draft, "gros.pdf", pdf(b"\n%" + b"x" * MB))

    assert said(response) == ["Ce fichier dépasse la limite de 1 Mo par pièce justificative."]
    assert not Attachment.objects.exists()
    assert stored_names() == []
    # Its bytes past the limit were read and thrown away, never kept for the view.
    assert f"piece-resultat-{draft.pk}-file" not in response.wsgi_request.FILES


def test_a_file_of_exactly_the_limit_is_accepted(client, editor, draft, settings):
    content = pdf()
    settings.LDAPLAN_ATTACHMENT_MAX_BYTES = len(content)
    login(client, editor)
    upload(client, draft, "juste.pdf", content)
    assert Attachment.objects.get().size == len(content)


@pytest.mark.parametrize(
    ("title", "visibility", "reason"),
    [
        ("", "public", "Donnez un titre à la pièce justificative."),
        ("Titre\x1b", "public", "Ce texte contient un caractère invisible non accepté (U+001B)"),
        ("Titre", "tout-le-monde", "Sélectionnez un choix valide."),
    ],
)
def test_a_missing_title_or_an_unknown_visibility_is_refused(
    client, editor, draft, title, visibility, reason
):
    login(client, editor)
    response = upload(client, draft, "a.pdf", pdf(), title=title, visibility=visibility)
    assert reason in said(response)[0]
    assert not Attachment.objects.exists()
    assert stored_names() == []


@pytest.mark.parametrize(
    "status", [EntryStatus.SUBMITTED, EntryStatus.VALIDATED, EntryStatus.PUBLISHED]
)
def test_files_are_attached_to_an_editable_entry_only(client, editor, draft, status):
    YearResult.objects.filter(pk=draft.pk).update(status=status)
    login(client, editor)
    response = upload(client, draft, "a.pdf", pdf())
    [message] = said(response)
    assert message.startswith("Cette saisie est à l'état « ")
    assert "ses pièces justificatives ne changent plus" in message
    assert not Attachment.objects.exists()
    assert stored_names() == []


def test_a_returned_entry_takes_files(client, editor, draft):
    YearResult.objects.filter(pk=draft.pk).update(status=EntryStatus.RETURNED)
    login(client, editor)
    upload(client, draft, "a.pdf", pdf())
    assert Attachment.objects.count() == 1


def remove(client, attachment):
    url = reverse("entry:attachment_remove", args=[attachment.key])
    return client.post(f"{url}?annee=2023")


def test_a_file_of_a_draft_is_removed_and_its_stored_file_deleted_once_committed(
    client, editor, draft, django_capture_on_commit_callbacks
):
    attachment = make_attachment(draft)
    login(client, editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = remove(client, attachment)
    assert said(response) == ["Pièce « Convention signée (fictif) » retirée."]
    assert not Attachment.objects.exists()
    assert stored_names() == []


def test_a_file_of_a_submitted_entry_stays(client, editor, draft):
    attachment = make_attachment(draft)
    YearResult.objects.filter(pk=draft.pk).update(status=EntryStatus.SUBMITTED)
    login(client, editor)
    response = remove(client, attachment)
    assert "ses pièces justificatives ne changent plus" in said(response)[0]
    assert Attachment.objects.get() == attachment
    assert len(stored_names()) == 1


def test_whoever_may_not_enter_the_row_can_neither_attach_nor_remove(
    client, other_editor, partner, draft
):
    attachment = make_attachment(draft)
    for user in (other_editor, partner):
        login(client, user)
        assert upload(client, draft, "a.pdf", pdf()).status_code == 403
        assert remove(client, attachment).status_code == 403
    client.logout()
    assert upload(client, draft, "a.pdf", pdf()).url.startswith(reverse("login"))
    assert Attachment.objects.get() == attachment
    assert len(stored_names()) == 1


def test_a_correction_starts_without_files_and_may_take_the_published_ones_over(
    client, editor, louez_solidaire
):
    published = YearResult.objects.create(
        indicator=louez_solidaire, year=2023, value=Decimal(80), status=EntryStatus.PUBLISHED
    )
    make_attachment(published, title="Convention")
    correction = YearResult.objects.create(indicator=louez_solidaire, year=2023, value=Decimal(81))
    assert not Attachment.objects.of_entries([correction]).exists()
    login(client, editor)
    url = reverse("entry:attachment_copy", args=["resultat", correction.pk])

    response = client.post(f"{url}?annee=2023")
    assert said(response) == ["1 pièce(s) de la version publiée reprise(s)."]
    response = client.post(f"{url}?annee=2023")
    assert said(response)[-1] == "Aucune pièce à reprendre."

    [copy] = Attachment.objects.of_entries([correction])
    [original] = Attachment.objects.of_entries([published])
    assert copy.title == "Convention"
    assert copy.file.name != original.file.name
    assert read_stored(copy) == read_stored(original)
    assert len(stored_names()) == 2


def test_an_upload_without_its_csrf_token_is_refused_and_nothing_kept(editor, draft):
    """The upload's size limit is set before the body is read; the CSRF check still runs."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    login(client, editor)
    response = upload(client, draft, "a.pdf", pdf())
    assert response.status_code == 403
    assert not Attachment.objects.exists()
    assert stored_names() == []
