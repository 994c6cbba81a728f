"""RGAA 13.3 and 13.4: the downloadable bilan files are accessible versions of the page.

Each file declares its title and its language, marks its headings and its tables'
header cells, and holds the same information as the bilan page (the round trips of
test_writers.py compare the cells; here, the structure a screen reader relies on).
"""

import zipfile

import pytest

from tests.bilan.helpers import AXIS_HEADINGS, export_file, normalised

pytestmark = pytest.mark.django_db

TITLE = "Bilan 2022 & perspectives 2023"


def _structure_types(reader) -> list[str]:
    """Every structure element's type, in document order (/H1, /Table, /TH…)."""
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list) or type(node).__name__ == "ArrayObject":
            for child in node:
                walk(child)
            return
        if not hasattr(node, "get"):
            return
        if node.get("/S") is not None:
            found.append(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            walk(kids)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_pdf_is_tagged_in_french_with_its_title(seed_plan, tmp_path):
    from pypdf import PdfReader

    reader = PdfReader(str(export_file(tmp_path, "pdf")))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert str(root["/Lang"]).lower().startswith("fr")
    assert normalised(reader.metadata.title).startswith(normalised(TITLE))
    # PDF/UA-1 declared in the XMP metadata, title shown instead of the file name.
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    types = _structure_types(reader)
    assert "/H1" in types
    assert types.count("/Table") >= 2  # the bilan and the indicators
    assert types.count("/TH") >= 4 + len(AXIS_HEADINGS)  # column headers and axis rows
    assert types.count("/TD") > 100
    # Every page's content belongs to the structure (no untagged page).
    assert all("/StructParents" in page for page in reader.pages)


def test_docx_declares_title_language_headings_and_header_rows(seed_plan, tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(str(export_file(tmp_path, "docx")))
    assert document.core_properties.title == TITLE
    assert document.core_properties.language == "fr-FR"
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Title", "Heading"))
    ]
    assert headings[0] == TITLE
    assert len(document.tables) >= 2
    for table in document.tables:
        first_row = table.rows[0]._tr
        assert first_row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def test_xlsx_declares_title_language_and_each_sheet_as_a_table(seed_plan, tmp_path):
    from openpyxl import load_workbook

    workbook = load_workbook(export_file(tmp_path, "xlsx"))
    assert workbook.properties.title == TITLE
    assert workbook.properties.language == "fr-FR"
    for ws in workbook.worksheets:
        assert len(ws.tables) == 1, ws.title
        table = next(iter(ws.tables.values()))
        # The whole sheet, its first row as the header row.
        assert table.ref == ws.dimensions
        assert table.headerRowCount in (None, 1)
        headers = [cell.value for cell in ws[1]]
        assert all(isinstance(h, str) and h for h in headers)
        assert len(set(headers)) == len(headers)
    assert workbook.worksheets[0].title == TITLE


def test_ods_declares_title_language_and_header_rows(seed_plan, tmp_path):
    path = export_file(tmp_path, "ods")
    with zipfile.ZipFile(path) as archive:
        meta = archive.read("meta.xml").decode()
        content = archive.read("content.xml").decode()
    assert f"<dc:title>{TITLE.replace('&', '&amp;')}</dc:title>" in meta
    assert "<dc:language>fr-FR</dc:language>" in meta
    tables = content.count("<table:table ")
    assert tables >= 2
    assert content.count("<table:table-header-rows>") == tables
