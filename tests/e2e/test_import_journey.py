"""An agent fills the collection workbook offline and sends it back (#14), in a real
browser: the link, the file, the preview (a refusal first, then the corrected file), the
confirmation, the drafts on the entry page. The figures typed are made up (fictif).

See conftest.py for what is checked on every page (axe-core, console, reflow at phone
width, other hosts) and where the screenshots go.
"""

import io
from pathlib import Path

import openpyxl
import pytest

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import YearResult
from tests.accounts import make_user
from tests.e2e.test_journeys import log_in, louez_solidaire

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def filled(path, indicator_pk: int, result) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(Path(path).read_bytes()))
    ws = book["Indicateurs"]
    headers = [cell.value for cell in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == indicator_pk:
            row[headers.index("Résultat 2022")].value = result
    content = io.BytesIO()
    book.save(content)
    return content.getvalue()


def send(journey, content: bytes, name: str, status: int = 200):
    page = journey.page
    summary = page.get_by_text("Importer le classeur rempli")
    if summary.count():
        summary.click()
    page.get_by_label("Classeur rempli").set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": content}]
    )
    with journey.navigating(name.removesuffix(".xlsx"), status):
        page.get_by_role("button", name="Voir ce que l'import changerait").click()


def test_an_agent_sends_the_filled_workbook_back_and_confirms_its_preview(journey):
    make_user("agent", roles.EDITORS, measures=[1])
    indicator = louez_solidaire()
    page = journey.page
    log_in(journey, "agent", "saisie-agent")
    journey.visit("/saisie/mesures/1/?annee=2022", "saisie-mesure-1-2022")
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    path = download.value.path()

    send(journey, filled(path, indicator.pk, "7O"), "apercu-refus.xlsx")
    assert page.get_by_text("« 7O » n'est pas un nombre.").count() == 1
    assert page.get_by_role("button", name="Importer").count() == 0

    send(journey, filled(path, indicator.pk, "74"), "apercu-a-importer.xlsx")
    row = page.get_by_role("row", name="Logements Louez solidaire")
    assert "73\xa0logements → 74\xa0logements" in row.inner_text()
    assert page.url.endswith("#apercu")  # the page opens at the preview's summary
    with journey.navigating("saisie-apres-import"):
        page.get_by_role("button", name="Importer 1 ligne comme brouillon").click()
    assert page.get_by_text("importée(s) comme brouillons").count() == 1
    draft = YearResult.objects.get(indicator=indicator, year=2022, status=EntryStatus.DRAFT)
    assert draft.value == 74
