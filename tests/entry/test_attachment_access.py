"""Who may download a pièce justificative, by its visibility, the reader's role and its entry's
state; and how it is served (a download, under its sent name, never sniffed, never from the
storage's address)."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import Visibility, YearResult
from tests.accounts import login, make_user
from tests.entry.attachment_files import (
    attachment_storage,  # noqa: F401 (a fixture)
    make_attachment,
    pdf,
)
from tests.helpers import read_to_the_end

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("attachment_storage")]

ROLES = ("anonymous", "reader", "partner", "other_editor", "editor", "reviewer", "admin")
STAFF = ("editor", "reviewer", "admin")


def role_user(role):
    """One account per role; the editor holds measure 1 (Louez solidaire's)."""
    if role == "anonymous":
        return None
    if role == "admin":
        return get_user_model().objects.create_superuser("admin", password=None)
    group, measures = {
        "reader": (None, ()),
        "partner": (roles.PARTNERS, ()),
        "other_editor": (roles.EDITORS, (5,)),
        "editor": (roles.EDITORS, (1,)),
        "reviewer": (roles.REVIEWERS, ()),
    }[role]
    return make_user(role, group, measures=measures)


def download(client, role, attachment):
    user = role_user(role)
    if user is not None:
        login(client, user)
    return client.get(reverse("attachment", args=[attachment.key]))


def status_of(client, url) -> int:
    """The answer's status; its file, if any, read and closed."""
    response = client.get(url)
    read_to_the_end(response)
    return response.status_code


def expected(role: str, visibility: str, status: str) -> int:
    """The rule: staff always; a reader their visibilities, once the value is published."""
    if role in STAFF:
        return 200
    readable = {Visibility.PUBLIC} | ({Visibility.PARTNERS} if role == "partner" else set())
    return 200 if visibility in readable and status == EntryStatus.PUBLISHED else 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("visibility", Visibility.values)
@pytest.mark.parametrize(
    "status",
    [
        EntryStatus.DRAFT,
        EntryStatus.SUBMITTED,
        EntryStatus.RETURNED,
        EntryStatus.VALIDATED,
        EntryStatus.PUBLISHED,
        EntryStatus.SUPERSEDED,
    ],
)
def test_who_may_download_by_visibility_role_and_state(
    client, louez_solidaire, role, visibility, status
):
    entry = YearResult.objects.create(
        indicator=louez_solidaire, year=2023, value=Decimal(80), status=status
    )
    attachment = make_attachment(entry, visibility)
    response = download(client, role, attachment)
    assert response.status_code == expected(role, visibility, status)
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == pdf()
    else:
        assert "Pièce justificative introuvable." in response.content.decode()


def test_a_public_file_of_a_draft_is_not_downloadable_anonymously_until_published(
    client, louez_solidaire
):
    entry = YearResult.objects.create(indicator=louez_solidaire, year=2023, value=Decimal(80))
    attachment = make_attachment(entry, Visibility.PUBLIC)
    url = reverse("attachment", args=[attachment.key])
    for status in (EntryStatus.DRAFT, EntryStatus.SUBMITTED, EntryStatus.VALIDATED):
        YearResult.objects.filter(pk=entry.pk).update(status=status)
        assert status_of(client, url) == 404, status
    YearResult.objects.filter(pk=entry.pk).update(status=EntryStatus.PUBLISHED)
    assert status_of(client, url) == 200
    # Replaced by a correction, it is the correction's files that are public.
    YearResult.objects.filter(pk=entry.pk).update(status=EntryStatus.SUPERSEDED)
    assert status_of(client, url) == 404


def test_partners_allowed_to_read_validated_figures_read_their_files_too(client, louez_solidaire):
    """A role granted « Peut voir les chiffres validés » reads the files of what it reads."""
    Group.objects.get(name=roles.PARTNERS).permissions.add(
        *roles._permissions(["indicators.view_validated"])
    )
    entry = YearResult.objects.create(
        indicator=louez_solidaire, year=2023, value=Decimal(80), status=EntryStatus.VALIDATED
    )
    shared = make_attachment(entry, Visibility.PARTNERS)
    internal = make_attachment(entry, Visibility.INTERNAL)
    login(client, make_user("partenaire", roles.PARTNERS))
    assert status_of(client, reverse("attachment", args=[shared.key])) == 200
    assert status_of(client, reverse("attachment", args=[internal.key])) == 404
    client.logout()
    assert status_of(client, reverse("attachment", args=[shared.key])) == 404


def test_an_unknown_key_is_not_found(client, seed_plan):
    response = client.get("/pieces/00000000-0000-4000-8000-000000000000/")
    assert response.status_code == 404
    assert client.get("/pieces/pas-une-cle/").status_code == 404


def test_a_file_missing_from_the_storage_is_not_found_not_an_error(client, louez_solidaire):
    entry = YearResult.objects.create(
        indicator=louez_solidaire, year=2023, value=Decimal(80), status=EntryStatus.PUBLISHED
    )
    attachment = make_attachment(entry)
    attachment.file.storage.delete(attachment.file.name)
    response = client.get(reverse("attachment", args=[attachment.key]))
    assert response.status_code == 404
    assert "introuvable sur le serveur" in response.content.decode()


def test_a_file_is_served_as_a_download_under_its_sent_name_never_sniffed(
    client, louez_solidaire, editor
):
    entry = YearResult.objects.create(indicator=louez_solidaire, year=2023, value=Decimal(80))
    attachment = make_attachment(entry, Visibility.INTERNAL)
    attachment.original_name = "Compte rendu « été » 2023.pdf"
    attachment.save()
    login(client, editor)
    response = client.get(reverse("attachment", args=[attachment.key]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    # RFC 6266 with RFC 5987's encoding of the name's non-ASCII characters.
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Compte%20rendu%20%C2%AB%20%C3%A9t%C3%A9%20%C2%BB%202023.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Content-Length"] == str(len(pdf()))
    b"".join(response.streaming_content)


def test_a_published_public_file_may_be_cached_and_has_a_plain_name(client, louez_solidaire):
    entry = YearResult.objects.create(
        indicator=louez_solidaire, year=2023, value=Decimal(80), status=EntryStatus.PUBLISHED
    )
    attachment = make_attachment(entry)
    response = client.get(reverse("attachment", args=[attachment.key]))
    assert response["Content-Disposition"] == 'attachment; filename="convention.pdf"'
    assert response["Cache-Control"] == "public, max-age=600"
    b"".join(response.streaming_content)


def test_the_address_is_not_the_storage_name_and_the_storage_name_is_random(louez_solidaire):
    entry = YearResult.objects.create(indicator=louez_solidaire, year=2023, value=Decimal(80))
    first, second = make_attachment(entry), make_attachment(entry)
    url = reverse("attachment", args=[first.key])
    assert url == f"/pieces/{first.key}/"
    stored = first.file.name
    assert re.fullmatch(r"pieces/[0-9a-f]{32}\.pdf", stored)
    assert stored.removeprefix("pieces/").removesuffix(".pdf") not in url
    assert first.original_name not in stored
    assert first.file.name != second.file.name
    assert first.key != second.key


def test_the_storage_folder_is_not_served(client, louez_solidaire):
    entry = YearResult.objects.create(
        indicator=louez_solidaire, year=2023, value=Decimal(80), status=EntryStatus.PUBLISHED
    )
    stored = make_attachment(entry).file.name
    for prefix in ("/", "/media/", "/static/"):
        assert status_of(client, prefix + stored) == 404
