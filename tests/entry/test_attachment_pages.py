"""Pièces justificatives where they are read: the entry page, the measure page (its staff's count,
its readers' list), the measure's history, and the bilan's exports."""

import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.workflow import EntryStatus
from indicators.bilan.export import export_bilan
from indicators.models import Attachment, Visibility, YearResult
from measures.models import BilanEntry
from tests.accounts import login
from tests.entry.attachment_files import (
    attachment_storage,  # noqa: F401 (a fixture)
    make_attachment,
    pdf,
)
from tests.entry.test_attachments import remove, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("attachment_storage")]


@pytest.fixture
def published_2022(louez_solidaire):
    """The report's 73 Louez solidaire units captured in 2022, published."""
    return YearResult.objects.get(indicator=louez_solidaire, year=2022)


@pytest.fixture
def draft_2023(louez_solidaire, editor):
    return YearResult.objects.create(
        indicator=louez_solidaire, year=2023, value=Decimal(80), entered_by=editor
    )


def page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


# --- The entry page ---------------------------------------------------------------------------


def test_a_draft_lists_its_files_with_their_removal_and_offers_to_attach_more(
    client, editor, draft_2023
):
    attachment = make_attachment(draft_2023, Visibility.PARTNERS)
    login(client, editor)
    html = page(client, reverse("entry:measure", args=[1]), annee=2023)
    assert f'href="/pieces/{attachment.key}/"' in html
    assert "Convention signée (fictif)</a>" in html
    assert "visibilité : partenaires" in html.replace("\xa0", " ")
    assert reverse("entry:attachment_remove", args=[attachment.key]) in html
    prefix = f"piece-resultat-{draft_2023.pk}-"
    for field in ("title", "visibility", "file"):
        assert f'name="{prefix}{field}"' in html
    assert 'enctype="multipart/form-data"' in html
    assert attachment.file.name not in html


def test_a_submitted_entry_lists_its_files_without_removal_or_upload(client, editor, draft_2023):
    attachment = make_attachment(draft_2023)
    YearResult.objects.filter(pk=draft_2023.pk).update(status=EntryStatus.SUBMITTED)
    login(client, editor)
    html = page(client, reverse("entry:measure", args=[1]), annee=2023)
    assert f'href="/pieces/{attachment.key}/"' in html
    assert reverse("entry:attachment_remove", args=[attachment.key]) not in html
    assert f'name="piece-resultat-{draft_2023.pk}-file"' not in html


def test_a_published_entry_shows_its_files_read_only(client, editor, published_2022):
    attachment = make_attachment(published_2022)
    login(client, editor)
    html = page(client, reverse("entry:measure", args=[1]), annee=2022)
    assert f'href="/pieces/{attachment.key}/"' in html
    assert reverse("entry:attachment_remove", args=[attachment.key]) not in html
    assert f'name="piece-resultat-{published_2022.pk}-file"' not in html


def test_a_correction_offers_to_take_the_published_files_over(client, editor, published_2022):
    make_attachment(published_2022)
    correction = YearResult.objects.create(
        indicator=published_2022.indicator, year=2022, value=Decimal(74)
    )
    login(client, editor)
    html = page(client, reverse("entry:measure", args=[1]), annee=2022)
    assert reverse("entry:attachment_copy", args=["resultat", correction.pk]) in html
    assert "Reprendre la pièce de la version publiée" in html


def test_the_review_queue_shows_each_line_with_its_files(client, reviewer, draft_2023):
    attachment = make_attachment(draft_2023, Visibility.INTERNAL, title="Tableau source")
    YearResult.objects.filter(pk=draft_2023.pk).update(status=EntryStatus.SUBMITTED)
    login(client, reviewer)
    html = page(client, reverse("entry:review"))
    assert f'<a href="/pieces/{attachment.key}/">Tableau source</a>' in html
    assert "visibilité : interne" in html.replace("\xa0", " ")


# --- The measure page -------------------------------------------------------------------------


def test_staff_read_how_many_files_the_measure_has_in_any_state(
    client, editor, reviewer, partner, draft_2023, published_2022
):
    make_attachment(draft_2023, Visibility.INTERNAL)
    make_attachment(published_2022, Visibility.INTERNAL)
    url = reverse("indicators:measure", args=[1])
    for user in (editor, reviewer):
        login(client, user)
        html = page(client, url, annee=2022)
        assert ">2 pièces justificatives</a>" in html
        assert f'href="{reverse("entry:measure", args=[1])}?annee=2022"' in html
    for user in (partner, None):
        client.logout()
        if user:
            login(client, user)
        html = page(client, url, annee=2022)
        assert "pièces justificatives</a>" not in html
        assert "Pièces justificatives" not in html


def test_readers_see_the_public_files_of_published_entries_only(client, draft_2023, published_2022):
    public = make_attachment(published_2022, title="Rapport public (fictif)")
    internal = make_attachment(published_2022, Visibility.INTERNAL, title="Note interne")
    draft_file = make_attachment(draft_2023, title="Brouillon public")
    html = page(client, reverse("indicators:measure", args=[1]), annee=2022)
    assert '<h2 id="pieces-justificatives">Pièces justificatives</h2>' in html
    assert f'<a href="/pieces/{public.key}/">Rapport public (fictif)</a>' in html
    assert "Résultat 2022 — Logements Louez solidaire captés dans l&#x27;année" in html
    for hidden in (internal, draft_file):
        assert str(hidden.key) not in html
        assert hidden.title not in html


def test_a_measure_without_readable_files_costs_no_query_more(
    client, seed_plan, draft_2023, published_2022
):
    """The counts come with the rows: an internal file and a draft's public one cost nothing;
    readable ones cost their list and the entries they justify (one kind here): 2 more."""
    url = reverse("indicators:measure", args=[1])
    client.get(url, {"annee": "2022"})
    without_files = queries_of(client, url)
    make_attachment(draft_2023)
    make_attachment(published_2022, Visibility.INTERNAL)
    assert queries_of(client, url) == without_files
    make_attachment(published_2022)
    make_attachment(published_2022)
    assert queries_of(client, url) == without_files + 2


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"annee": "2022"}).status_code == 200
    return len(queries)


# --- History ----------------------------------------------------------------------------------


def test_an_upload_and_a_removal_are_in_the_measure_history(
    client, editor, draft_2023, django_capture_on_commit_callbacks
):
    login(client, editor)
    upload(client, draft_2023, "convention.pdf", pdf(), visibility="interne")
    with django_capture_on_commit_callbacks(execute=True):
        remove(client, Attachment.objects.get())
    html = page(client, reverse("indicators:measure", args=[1]), annee=2023)
    subject = "Pièce justificative — Résultat 2023 — Logements Louez solidaire captés dans"
    assert html.count(subject) == 2
    assert "<td>création</td><td>—</td><td>Convention signée (fictif) (PDF," in html
    assert "<td>suppression</td><td>Convention signée (fictif) (PDF," in html
    assert "interne)</td><td>—</td>" in html


# --- The bilan's exports ----------------------------------------------------------------------


@pytest.fixture
def year_files(louez_solidaire, published_2022, draft_2023):
    """A public and an internal file of 2022's published result, a public one of its
    published texts, and a public one of a draft (2023): two are the bilan's."""
    texts = BilanEntry.objects.get(report_row__measure__number=1, reporting_year__year=2022)
    return {
        "result": make_attachment(published_2022, title="Tableau de suivi (fictif)"),
        "internal": make_attachment(published_2022, Visibility.INTERNAL, title="Note"),
        "texts": make_attachment(texts, title="Compte rendu (fictif)"),
        "draft": make_attachment(draft_2023, title="Projet (fictif)"),
    }


def test_the_json_export_lists_the_public_files_of_the_years_published_entries(
    client, year_files, settings
):
    settings.LDAPLAN_SITE_URL = "https://logement-dabord.paris.fr"
    document = json.loads(export_bilan(2022, "json").content)
    listed = document["pieces_justificatives"]
    # In the table's order, then as they were sent.
    assert [item["titre"] for item in listed] == [
        "Tableau de suivi (fictif)",
        "Compte rendu (fictif)",
    ]
    result = listed[0]
    assert result == {
        "reference": "1",
        "saisie": "Résultat 2022 — Logements Louez solidaire captés dans l'année",
        "titre": "Tableau de suivi (fictif)",
        "fichier": "convention.pdf",
        "type": "PDF",
        "taille_octets": len(pdf()),
        # In the plan's own space, as every link of the files: it stays right once another
        # plan is the current one.
        "adresse": "https://logement-dabord.paris.fr/plans/plan-parisien-pour-le-logement-d-abord"
        f"-2021-2026/pieces/{year_files['result'].key}/",
    }
    assert listed[1]["saisie"].startswith("Textes du bilan 2022 — ")
    # Anyone downloads it from there.
    response = client.get(result["adresse"].removeprefix(settings.LDAPLAN_SITE_URL))
    assert b"".join(response.streaming_content) == pdf()


def test_the_docx_and_pdf_exports_end_with_the_public_files(year_files):
    import docx
    from pypdf import PdfReader

    document = docx.Document(io.BytesIO(export_bilan(2022, "docx").content))
    assert "Pièces justificatives publiques" in [p.text for p in document.paragraphs]
    cells = [cell.text for cell in document.tables[-1].rows[1].cells]
    assert cells[0] == "1"
    assert cells[2] == "Tableau de suivi (fictif)"
    assert cells[4].endswith(f"/pieces/{year_files['result'].key}/")
    titles = [row.cells[2].text for row in document.tables[-1].rows[1:]]
    assert titles == ["Tableau de suivi (fictif)", "Compte rendu (fictif)"]
    reader = PdfReader(io.BytesIO(export_bilan(2022, "pdf").content))
    text = "".join(pdf_page.extract_text() for pdf_page in reader.pages)
    assert "Pièces justificatives publiques" in text
    assert "Tableau de suivi (fictif)" in text
    assert "Projet (fictif)" not in text
