"""The final bilan's text of each line: written with the texts of the plan's last year, in
the same form, reviewed in the same queue, shown in the final bilan and its files once
published, and only then.

The seed holds the 2022 bilan; every 2023-2026 figure and every text here is made up
(fictif).
"""

import csv
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import Indicator
from measures.models import BilanEntry, ReportingYear, ReportRow
from tests.accounts import login, make_user
from tests.bilan.helpers import exporter
from tests.bilan.test_final_bilan_page import publish_every_year_to_2026
from tests.entry.actions import review, text_post
from tests.helpers import main_text

pytestmark = pytest.mark.django_db

FINAL_TEXT = "Bilan final fictif : **373 logements** captés sur la durée du plan."
FINAL_PLAIN = "Bilan final fictif : 373 logements captés sur la durée du plan."


@pytest.fixture
def last_year(seed_plan):
    publish_every_year_to_2026()
    return ReportingYear.objects.get(year=2026)


@pytest.fixture
def agent(seed_plan):
    return make_user("agent-final", roles.EDITORS, measures=[1])


@pytest.fixture
def validator(seed_plan):
    return make_user("valideur-final", roles.REVIEWERS)


def measure_1_row():
    return ReportRow.objects.get(measure__number=1, letter="")


def post_texts(client, row, year, **texts):
    return client.post(
        reverse("entry:bilan_text", args=[row.pk, year]) + f"?annee={year}",
        text_post(row, year, revision="", **texts),
    )


def submit_text(client, entry):
    url = reverse("entry:submit", args=["texte", entry.pk])
    return client.post(f"{url}?annee={entry.reporting_year.year}")


def entry_page(client, year) -> str:
    response = client.get(reverse("entry:measure", args=[1]), {"annee": year})
    assert response.status_code == 200
    return response.content.decode()


def publish_final_text(client, agent, validator, row, text=FINAL_TEXT):
    login(client, agent)
    assert post_texts(client, row, 2026, final_text=text).status_code == 302
    entry = BilanEntry.objects.get(report_row=row, reporting_year__year=2026)
    assert submit_text(client, entry).status_code == 302
    login(client, validator)
    assert review(client, "valider", f"texte:{entry.pk}").status_code == 302
    assert review(client, "publier", f"texte:{entry.pk}").status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED
    return entry


def test_only_the_plan_s_last_year_asks_for_the_final_text(client, last_year, agent):
    row = measure_1_row()
    login(client, agent)
    html_2026 = entry_page(client, 2026)
    assert f'name="texte-{row.pk}-2026-final_text"' in html_2026
    assert "Bilan final du plan (2021-2026)" in html_2026
    assert "<legend>Bilan, plan d'action et bilan final du plan<span" in html_2026
    html_2025 = entry_page(client, 2025)
    assert f'name="texte-{row.pk}-2025-bilan_text"' in html_2025
    assert "final_text" not in html_2025


def test_a_final_text_alone_is_saved_as_a_draft_and_previewed(client, last_year, agent):
    row = measure_1_row()
    login(client, agent)
    preview = client.post(
        reverse("entry:bilan_text", args=[row.pk, 2026]) + "?annee=2026",
        text_post(row, 2026, revision="", final_text=FINAL_TEXT) | {"preview": "1"},
    )
    assert preview.status_code == 200
    assert "Aperçu du bilan final du plan" in preview.content.decode()
    assert "<strong>373 logements</strong>" in preview.content.decode()
    assert not BilanEntry.objects.filter(report_row=row, reporting_year=last_year).exists()

    assert post_texts(client, row, 2026, final_text=FINAL_TEXT).status_code == 302
    entry = BilanEntry.objects.get(report_row=row, reporting_year=last_year)
    assert (entry.status, entry.final_text, entry.bilan_text) == (
        EntryStatus.DRAFT,
        FINAL_TEXT,
        "",
    )
    # Saved again unchanged: no new draft, the revision stays.
    assert post_texts(client, row, 2026, final_text=FINAL_TEXT).status_code in (200, 302)
    assert BilanEntry.objects.filter(report_row=row, reporting_year=last_year).count() == 1


def test_three_empty_texts_are_refused_in_french(client, last_year, agent):
    row = measure_1_row()
    login(client, agent)
    response = post_texts(client, row, 2026, bilan_text=" ", final_text="")
    assert response.status_code == 400
    assert (
        "Écrivez le bilan, le plan d&#x27;action ou le bilan final, au moins l&#x27;un des trois."
        in response.content.decode()
    )
    assert not BilanEntry.objects.filter(reporting_year=last_year).exists()


def test_a_final_text_posted_for_an_earlier_year_is_not_saved(client, last_year, agent):
    row = measure_1_row()
    login(client, agent)
    response = post_texts(client, row, 2025, bilan_text="Bilan 2025 fictif.", final_text="X")
    assert response.status_code == 302
    entry = BilanEntry.objects.get(report_row=row, reporting_year__year=2025)
    assert (entry.bilan_text, entry.final_text) == ("Bilan 2025 fictif.", "")


def test_the_model_refuses_a_final_text_outside_the_last_year(last_year):
    entry = BilanEntry(
        report_row=measure_1_row(),
        reporting_year=ReportingYear.objects.get(year=2025),
        final_text="Hors de propos (fictif).",
    )
    with pytest.raises(ValidationError) as refused:
        entry.full_clean()
    assert refused.value.message_dict["final_text"] == [
        "Le bilan final du plan s'écrit avec les textes de sa dernière année, 2026, "
        "pas avec ceux de 2025."
    ]


def test_the_queue_shows_the_final_text_beside_the_published_one(
    client, last_year, agent, validator
):
    row = measure_1_row()
    publish_final_text(client, agent, validator, row)
    login(client, agent)
    changed = "Bilan final fictif, revu : **380 logements**."
    assert post_texts(client, row, 2026, final_text=changed).status_code == 302
    entry = BilanEntry.objects.get(report_row=row, reporting_year__year=2026, status="draft")
    assert submit_text(client, entry).status_code == 302
    login(client, validator)
    html = client.get(reverse("entry:review")).content.decode()
    assert "Bilan final du plan" in html
    assert "<strong>380 logements</strong>" in html
    assert "<strong>373 logements</strong>" in html  # the published version, beside it
    # Only the final text was written: no empty « Bilan 2026 » nor « Plan d'action 2027 ».
    assert "Bilan 2026" not in html
    assert "Plan d&#x27;action 2027" not in html


def test_the_final_bilan_shows_the_text_only_once_published(client, last_year, agent, validator):
    row = measure_1_row()
    login(client, agent)
    post_texts(client, row, 2026, final_text=FINAL_TEXT)
    client.logout()
    assert FINAL_PLAIN not in main_text(client.get("/bilan/final/"))

    publish_final_text(client, agent, validator, row)
    client.logout()
    text = main_text(client.get("/bilan/final/"))
    # Under its line's title, before the line's figures.
    line = text.index("Mesure 1 :")
    assert line < text.index(FINAL_PLAIN, line) < text.index("Logements Louez solidaire", line)
    # The measure's page shows it with the texts of 2026.
    measure = main_text(client.get(reverse("indicators:measure", args=[1])))
    assert f"Bilan final 2021-2026 {FINAL_PLAIN}" in measure


def test_every_file_holds_the_final_text(client, last_year, agent, validator):
    row = measure_1_row()
    # A line with no indicator gets a text too: the spreadsheets give it a row of its own.
    bare = ReportRow.objects.exclude(pk__in=Indicator.objects.values("report_row")).first()
    publish_final_text(client, agent, validator, row)
    bare_text = f"Ligne sans indicateur, bilan final fictif {bare.pk}."
    BilanEntry.objects.create(
        report_row=bare,
        reporting_year=last_year,
        final_text=bare_text,
        status=EntryStatus.PUBLISHED,
    )
    client.force_login(exporter())

    content = client.get("/bilan/final/export/csv/").content.decode().lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0][-1] == "Bilan final de la ligne"
    louez = next(r for r in rows if r[4] == "Logements Louez solidaire captés dans l'année")
    assert louez[-1] == FINAL_PLAIN
    bare_rows = [r for r in rows if r[-1] == bare_text]
    assert len(bare_rows) == 1
    assert bare_rows[0][4:13] == [""] * 9

    document = json.loads(client.get("/bilan/final/export/json/").content)
    lines = [
        line
        for axis in document["axes"]
        for ambition in axis["ambitions"]
        for line in ambition["lignes"]
    ]
    measure_1 = next(line for line in lines if line["numero"] == "1")
    assert measure_1["bilan_final"] == FINAL_PLAIN
    assert measure_1["bilan_final_markdown"] == FINAL_TEXT
    assert sum(1 for line in lines if line["bilan_final"]) == 2

    from docx import Document

    docx = Document(io.BytesIO(client.get("/bilan/final/export/docx/").content))
    paragraphs = [paragraph.text for paragraph in docx.paragraphs]
    assert FINAL_PLAIN in paragraphs
    bold = [run.text for p in docx.paragraphs for run in p.runs if run.bold]
    assert "373 logements" in bold

    import pypdf

    pdf = pypdf.PdfReader(io.BytesIO(client.get("/bilan/final/export/pdf/").content))
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert FINAL_PLAIN in pdf_text
    assert bare_text in pdf_text


def test_in_the_last_year_a_text_without_its_final_bilan_is_still_to_fill(client, last_year, agent):
    from indicators.entry.completeness import completeness_board
    from indicators.entry.todo import left_to_fill

    row = measure_1_row()
    plan = last_year.plan
    anchor = f"texte-{row.pk}-2026"

    def missing_texts() -> tuple[list, int]:
        board = completeness_board(plan, 2026, last_year)
        page = next(page for page in board.pages if page.key == ("measure", row.measure_id))
        on_board = [a for kind, a in page.tally.missing if kind == "texts"]
        home = left_to_fill(
            plan, ReportRow.objects.filter(pk=row.pk), 2026, next_year_in_plan=False
        )
        return on_board, home[("measure", row.measure_id)].texts.count

    login(client, agent)
    assert post_texts(client, row, 2026, bilan_text="Bilan 2026 fictif.").status_code == 302
    # The entry page, the board and the entry home agree: the final text is still missing.
    assert missing_texts() == ([anchor], 1)
    html = entry_page(client, 2026)
    form = html[html.index(f'id="{anchor}"') :]
    assert 'class="badge missing">à remplir' in form[: form.index("</legend>")]

    entry = BilanEntry.objects.get(report_row=row, reporting_year=last_year)
    changed = text_post(
        row, 2026, bilan_text="Bilan 2026 fictif.", final_text=FINAL_TEXT, revision=entry.revision
    )
    response = client.post(
        reverse("entry:bilan_text", args=[row.pk, 2026]) + "?annee=2026", changed
    )
    assert response.status_code == 302
    assert missing_texts() == ([], 0)
    # In an earlier year a text is whole without it.
    assert post_texts(client, row, 2025, bilan_text="Bilan 2025 fictif.").status_code == 302
    board = completeness_board(plan, 2025, ReportingYear.objects.get(year=2025))
    page = next(page for page in board.pages if page.key == ("measure", row.measure_id))
    assert not [a for kind, a in page.tally.missing if kind == "texts"]
