"""The final bilan's six files: each read back, each holding the page's figures and rules.

The seed holds the 2022 bilan; every 2023-2026 figure is made up (fictif), set by
``publish_every_year_to_2026``: Louez solidaire's total is 373 for a sum of yearly
targets of 315, compared with 300 (95 %, « partiellement atteint »).
"""

import csv
import html
import io
import json
from pathlib import Path

import pytest

from indicators import roles
from tests.accounts import login, make_user
from tests.bilan.helpers import exporter
from tests.bilan.test_final_bilan_page import LOUEZ, PENSIONS, publish_every_year_to_2026
from tests.bilan.test_writers import read_ods

pytestmark = pytest.mark.django_db

FORMATS = ("csv", "xlsx", "ods", "json", "docx", "pdf")


@pytest.fixture
def final_year(seed_plan, client):
    publish_every_year_to_2026()
    client.force_login(exporter())
    return client


def download(client, fmt: str) -> bytes:
    response = client.get(f"/bilan/final/export/{fmt}/")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Disposition"] == (
        f'attachment; filename="bilan-final-2021-2026.{fmt}"'
    )
    return response.content


def test_the_csv_opens_in_a_french_spreadsheet_with_figures_and_rules(final_year):
    content = download(final_year, "csv").decode("utf-8")
    assert content.startswith("\ufeffAxe;N°;Ligne du bilan;Ambition;Indicateur;")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    louez = next(row for row in rows if row[4] == LOUEZ)
    assert louez[0:2] == ["1", "1"]
    assert louez[5:7] == ["315\xa0logements", "315"]
    assert louez[8:10] == ["373\xa0logements", "373"]
    assert louez[11:13] == ["partiellement atteint", "0,9524"]
    assert "Somme des résultats annuels publiés de 2021 à 2026." in louez[10]
    # Every indicator of the plan has its row.
    assert len(rows) == 1 + 36


def test_the_xlsx_keeps_numbers_as_numbers_and_the_ratio_as_a_percentage(final_year):
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(download(final_year, "xlsx")))
    sheet = workbook["Bilan final 2021-2026"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][4:6] == ("Indicateur", "Cible sur la durée du plan")
    pensions = next(row for row in rows if row[4] == PENSIONS)
    assert (pensions[6], pensions[9], pensions[11]) == (17, 18, "atteint")
    assert pensions[12] == pytest.approx(1.0588)
    ratio_cell = next(row for row in sheet.iter_rows() if row[4].value == PENSIONS)[12]
    assert ratio_cell.number_format == "0%"
    assert sheet.freeze_panes == "A2"


def test_the_ods_reads_back_the_same_rows(final_year, tmp_path: Path):
    path = tmp_path / "bilan-final.ods"
    path.write_bytes(download(final_year, "ods"))
    rows = read_ods(path)["Bilan final 2021-2026"]
    louez = next(row for row in rows if len(row) > 4 and row[4] == LOUEZ)
    assert (louez[6], louez[9], louez[11], louez[12]) == (
        "315",
        "373",
        "partiellement atteint",
        "0.9524",
    )


def test_the_json_holds_each_rule_and_status_for_reuse(final_year):
    document = json.loads(download(final_year, "json"))
    assert (document["titre"], document["provisoire"]) == ("Bilan final 2021-2026", False)
    assert document["seuil_partiellement_atteint"] == 0.5
    indicators = [
        indicator
        for axis in document["axes"]
        for ambition in axis["ambitions"]
        for line in ambition["lignes"]
        for indicator in line["indicateurs"]
    ]
    louez = next(i for i in indicators if i["indicateur"] == LOUEZ)
    assert louez["cible"] == 315
    assert louez["cible_regle"] == "sum_of_yearly_targets"
    assert louez["realise"] == 373
    assert louez["valeur_comparee"] == 300
    assert louez["annees_sans_resultat"] == [2021]
    assert louez["annees_sans_objectif"] == [2021, 2022]
    assert (louez["statut"], louez["part_du_chemin"]) == ("partly_attained", 0.9524)
    assert len(indicators) == 36


def test_the_docx_is_laid_out_like_the_page(final_year):
    from docx import Document

    document = Document(io.BytesIO(download(final_year, "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert (
        "Axe 1\xa0: Mobiliser l'offre de logement au profit des personnes prioritaires" in headings
    )
    assert "Mesure 3\xa0: Pensions de Famille" in " ".join(headings)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any(
        cell.startswith("373\xa0logements\nSomme des résultats annuels publiés") for cell in cells
    )
    assert document.core_properties.title == "Bilan final 2021-2026"


def test_the_pdf_is_tagged_and_holds_the_figures(final_year):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(download(final_year, "pdf")))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Bilan final 2021-2026" in text
    assert "373 logements" in text
    assert "partiellement atteint" in text
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


def test_a_provisional_bilan_says_so_in_its_files(seed_plan, client):
    client.force_login(exporter())
    response = client.get("/bilan/final/export/json/")
    assert 'filename="bilan-final-2021-2026-provisoire.json"' in response["Content-Disposition"]
    assert json.loads(response.content)["provisoire"] is True
    from docx import Document

    docx = client.get("/bilan/final/export/docx/").content
    paragraphs = [p.text for p in Document(io.BytesIO(docx)).paragraphs]
    assert any(p.startswith("Bilan provisoire. Le bilan 2026") for p in paragraphs)


def test_a_formula_like_text_is_inert_in_the_csv(final_year):
    from indicators.models import Indicator

    Indicator.objects.filter(label=LOUEZ).update(label='=HYPERLINK("http://exemple.test")')
    content = download(final_year, "csv").decode("utf-8")
    # Quoted (the text holds quotes), and inert: a single quote before the « = ».
    assert ';"\'=HYPERLINK(""http://exemple.test"")";' in content


def test_only_those_allowed_to_export_download_and_see_the_links(seed_plan, client):
    anonymous = client.get("/bilan/final/export/csv/")
    assert anonymous.status_code == 302
    assert "/bilan/final/export/" not in client.get("/bilan/final/").content.decode()
    login(client, make_user("partenaire", roles.PARTNERS))
    assert client.get("/bilan/final/export/csv/").status_code == 403
    client.force_login(exporter())
    page = client.get("/bilan/final/").content.decode()
    for fmt in FORMATS:
        assert f'href="/bilan/final/export/{fmt}/"' in page


def test_an_unknown_format_is_a_french_404(seed_plan, client):
    client.force_login(exporter())
    response = client.get("/bilan/final/export/txt/")
    assert response.status_code == 404
    assert "Format d'export inconnu" in html.unescape(response.content.decode())


def test_every_format_is_offered(seed_plan):
    from indicators.bilan.final_export import FINAL_FORMATS

    assert tuple(FINAL_FORMATS) == FORMATS
