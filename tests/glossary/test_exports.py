"""The bilan's files end with a glossary of the acronyms they use; their cells stay plain."""

import csv
import json
import re

import pytest

from indicators.bilan.glossary import bilan_texts
from indicators.bilan.shaping import load_bilan
from measures.abbreviations import Abbreviations
from measures.models import BilanEntry, GlossaryTerm
from tests.bilan.helpers import export_file
from tests.bilan.test_writers import read_ods

pytestmark = pytest.mark.django_db

# The terms of the 2022 bilan's texts, table and indicators, in the glossary's order.
# Not « Dihal »: only the plan's introduction, which the bilan does not hold, has it.
USED = [
    "AFFIL",
    "AMI LDA",
    "AMI2-LDA",
    "AORIF",
    "ARPP",
    "ASE",
    "ASLL",
    "AVDL",
    "CALEOL",
    "CHU",
    "DALO",
    "DAP",
    "DRIHL",
    "ELIAHS",
    "EPS",
    "ESI",
    "ESPEX",
    "FJT",
    "GT",
    "PDALHPD",
    "PLAI",
    "PSA",
    "RIVP",
    "SEJM",
    "SIAO",
    "UNAF0",
    "URHAJ",
]
HEADERS = ["Sigle", "Forme développée", "Définition", "Source"]


def expected_rows():
    terms = {term.acronym: term for term in GlossaryTerm.objects.all()}
    return [[a, terms[a].expansion, terms[a].definition, terms[a].source] for a in USED]


def test_the_appendix_lists_exactly_the_terms_the_bilan_uses(seed_plan):
    bilan = load_bilan(2022, with_indicators=True)
    finder = Abbreviations((a, a) for a in GlossaryTerm.objects.values_list("acronym", flat=True))
    found = set().union(*(finder.found_in(text) for text in bilan_texts(bilan)))
    assert sorted(found, key=str.lower) == sorted(USED, key=str.lower)
    assert "Dihal" not in found


def test_xlsx_has_a_glossary_sheet(seed_plan, tmp_path):
    from openpyxl import load_workbook

    workbook = load_workbook(export_file(tmp_path, "xlsx"))
    assert workbook.sheetnames[-1] == "Glossaire des sigles"
    rows = [["" if v is None else v for v in row] for row in workbook.worksheets[-1].values]
    assert rows == [HEADERS, *expected_rows()]
    # The other sheets hold the texts as written: no markup, no HTML.
    for sheet in workbook.worksheets[:-1]:
        for row in sheet.values:
            assert not [v for v in row if isinstance(v, str) and re.search(r"<abbr|\*\*", v)]


def test_ods_has_a_glossary_sheet(seed_plan, tmp_path):
    sheets = read_ods(export_file(tmp_path, "ods"))
    assert list(sheets)[-1] == "Glossaire des sigles"
    assert sheets["Glossaire des sigles"] == [HEADERS, *expected_rows()]


def test_json_has_a_glossary(seed_plan, tmp_path):
    document = json.loads(export_file(tmp_path, "json").read_text(encoding="utf-8"))
    assert [
        [t["sigle"], t["forme_developpee"], t["definition"], t["source"]]
        for t in document["glossaire"]
    ] == expected_rows()
    assert "<abbr" not in json.dumps(document["bilan"])


def test_docx_ends_with_the_glossary(seed_plan, tmp_path):
    from docx import Document

    document = Document(str(export_file(tmp_path, "docx")))
    assert document.paragraphs[-1].text == "Glossaire des sigles"
    table = document.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [HEADERS, *expected_rows()]


def test_pdf_ends_with_the_glossary(seed_plan, tmp_path):
    from pypdf import PdfReader

    pages = PdfReader(str(export_file(tmp_path, "pdf"))).pages
    text = " ".join(page.extract_text() for page in pages)
    appendix = text[text.rindex("Glossaire des sigles") :]
    assert "Équipes de Liaison Intersectorielle" in " ".join(appendix.split())
    for acronym in USED:
        assert acronym in appendix
    assert "Délégation interministérielle" not in appendix


def test_csv_stays_one_table(seed_plan, tmp_path):
    with export_file(tmp_path, "csv").open(encoding="utf-8", newline="") as file:
        cells = [cell for row in csv.reader(file) for cell in row]
    assert "Glossaire des sigles" not in cells
    assert not [cell for cell in cells if "<abbr" in cell]


def test_a_term_that_leaves_the_texts_leaves_the_appendix(seed_plan, tmp_path):
    entry = BilanEntry.objects.get(report_row__measure__number=10, reporting_year__year=2022)
    entry.bilan_text = entry.bilan_text.replace("SIAO 75", "service d'orientation")
    entry.save()
    document = json.loads(export_file(tmp_path, "json").read_text(encoding="utf-8"))
    assert "SIAO" not in [t["sigle"] for t in document["glossaire"]]
    assert "RIVP" in [t["sigle"] for t in document["glossaire"]]
