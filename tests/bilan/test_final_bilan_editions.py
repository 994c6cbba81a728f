"""Frozen editions of the final bilan: published by an administrator once the plan's last
year is out, numbered, never changed, their files public.

Every 2023-2026 figure is made up (fictif), set by ``publish_every_year_to_2026``.
"""

import html
import json

import pytest
from django.urls import reverse

from indicators import roles
from indicators.models import (
    EditionError,
    FinalBilanEdition,
    FinalBilanEditionFile,
    YearResult,
)
from tests.accounts import login, make_user
from tests.bilan.test_final_bilan_page import PENSIONS, publish_every_year_to_2026

pytestmark = pytest.mark.django_db

PAGE = "/bilan/final/"
PUBLISH = "/bilan/final/publier/"


@pytest.fixture
def administrator(client, seed_plan):
    login(client, make_user("administratrice", roles.ADMINISTRATORS))
    return client


def page_html(client) -> str:
    return html.unescape(client.get(PAGE).content.decode())


def test_while_the_last_year_is_unpublished_publishing_is_refused_and_said(administrator):
    assert "se publie une fois le bilan 2026 publié" in page_html(administrator)
    response = administrator.post(PUBLISH, {"note": ""}, follow=True)
    assert response.redirect_chain[-1][0] == PAGE + "#messages"
    assert "Le bilan final se publie une fois le bilan 2026 publié" in html.unescape(
        response.content.decode()
    )
    assert not FinalBilanEdition.objects.exists()


def test_publishing_freezes_the_content_and_six_files(administrator):
    publish_every_year_to_2026()
    response = administrator.post(PUBLISH, {"note": "Première édition (fictif)"}, follow=True)
    assert "Édition n° 1 du bilan final publiée." in html.unescape(response.content.decode())
    edition = FinalBilanEdition.objects.get()
    assert (edition.number, edition.note) == (1, "Première édition (fictif)")
    assert sorted(edition.files.values_list("format", flat=True)) == sorted(
        ["csv", "docx", "json", "ods", "pdf", "xlsx"]
    )
    assert edition.snapshot["provisoire"] is False
    assert "18\xa0Pensions de Famille" in edition.table_html
    # Anyone may download a published edition's files.
    administrator.logout()
    xlsx = administrator.get(reverse("indicators:bilan_final_edition_file", args=[1, "xlsx"]))
    assert xlsx.status_code == 200
    assert xlsx["Content-Disposition"] == 'attachment; filename="bilan-final-2021-2026.xlsx"'


def test_the_page_shows_the_latest_edition_until_a_new_one_is_published(administrator):
    publish_every_year_to_2026()
    administrator.post(PUBLISH, {"note": ""})
    # A correction after the edition (fictif): the page keeps showing what was published.
    YearResult.objects.filter(indicator__label=PENSIONS, year=2026).update(value=19)
    page = page_html(administrator)
    assert "Édition n° 1 publiée le" in page
    assert "18\xa0Pensions de Famille" in page
    assert "19\xa0Pensions de Famille" not in page

    administrator.post(PUBLISH, {"note": "Correction de 2026 (fictif)"})
    page = page_html(administrator)
    assert "Édition n° 2 publiée le" in page
    assert "19\xa0Pensions de Famille" in page
    # The first edition's files stay as they were.
    first = json.loads(
        administrator.get(reverse("indicators:bilan_final_edition_file", args=[1, "json"])).content
    )
    pensions = next(
        indicator
        for axis in first["axes"]
        for ambition in axis["ambitions"]
        for line in ambition["lignes"]
        for indicator in line["indicateurs"]
        if indicator["indicateur"] == PENSIONS
    )
    assert pensions["realise"] == 18


def test_publishing_twice_without_change_is_refused(administrator):
    publish_every_year_to_2026()
    administrator.post(PUBLISH, {"note": ""})
    response = administrator.post(PUBLISH, {"note": "encore"}, follow=True)
    assert "Rien n'a changé depuis l'édition n° 1" in html.unescape(response.content.decode())
    assert FinalBilanEdition.objects.count() == 1


def test_an_edition_and_its_files_are_never_changed_nor_deleted(administrator):
    publish_every_year_to_2026()
    administrator.post(PUBLISH, {"note": ""})
    edition = FinalBilanEdition.objects.get()
    edition.note = "changée"
    with pytest.raises(EditionError, match="ne se modifie pas"):
        edition.save()
    with pytest.raises(EditionError, match="ne se supprime pas"):
        edition.delete()
    stored = FinalBilanEditionFile.objects.first()
    with pytest.raises(EditionError, match="ne se modifie pas"):
        stored.save()


def test_a_note_with_an_invisible_character_is_refused(administrator):
    publish_every_year_to_2026()
    response = administrator.post(PUBLISH, {"note": "note\x1b"}, follow=True)
    assert "Note d'édition" in html.unescape(response.content.decode())
    assert not FinalBilanEdition.objects.exists()


def test_only_administrators_publish_and_see_the_form(client, seed_plan):
    publish_every_year_to_2026()
    assert "Publier et figer le bilan final" not in page_html(client)
    assert client.post(PUBLISH).status_code == 302  # to the login page
    login(client, make_user("valideuse", roles.REVIEWERS))
    assert client.post(PUBLISH).status_code == 403
    assert "Publier et figer le bilan final" not in page_html(client)
    assert not FinalBilanEdition.objects.exists()


def test_an_unknown_edition_or_format_is_a_french_404(client, seed_plan):
    for args in ([1, "xlsx"], [1, "txt"]):
        response = client.get(reverse("indicators:bilan_final_edition_file", args=args))
        assert response.status_code == 404
        assert "Cette édition ou ce format n'existe pas." in html.unescape(
            response.content.decode()
        )


def test_the_edition_is_french_whoever_publishes_it(administrator, settings):
    publish_every_year_to_2026()
    administrator.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    administrator.post(PUBLISH, {"note": ""})
    edition = FinalBilanEdition.objects.get()
    assert "En résumé" in edition.table_html
    assert "In short" not in edition.table_html
    assert edition.snapshot["titre"] == "Bilan final 2021-2026"
