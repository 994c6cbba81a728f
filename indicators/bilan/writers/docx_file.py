"""DOCX: the bilan laid out like the report in a Word document, then the commitments of the
year's plan d'action (when it has some), the indicators, the glossary of its acronyms and its
public pièces justificatives."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.bilan.attachments import attachment_cells, attachments_headers, attachments_title
from indicators.bilan.blocks import Block, markup_blocks
from indicators.bilan.glossary import glossary_headers, glossary_title
from indicators.bilan.shaping import Bilan, BilanAxis, BilanTableRow
from indicators.bilan.sheets import (
    commitment_headers,
    figure_document_rows,
    indicator_document_rows,
)
from indicators.bilan.writers.base import ExportFormat

# A4 landscape with 15 mm margins leaves 267 mm: the report's proportions.
DOCX_BILAN_WIDTHS_MM = (72, 90, 15, 90)
DOCX_INDICATOR_WIDTHS_MM = (12, 70, 30, 27, 30, 27, 30, 17, 24)
DOCX_FIGURE_WIDTHS_MM = (12, 70, 100, 85)
DOCX_COMMITMENT_WIDTHS_MM = (15, 140, 35, 77)
DOCX_GLOSSARY_WIDTHS_MM = (22, 80, 85, 80)
DOCX_ATTACHMENT_WIDTHS_MM = (15, 70, 62, 55, 65)


def write_docx(bilan: Bilan) -> bytes:
    """A4 landscape; the four columns; axis rows merged across; bold kept; header repeated."""
    from docx import Document

    document = Document()
    _set_a4_landscape(document.sections[0])
    _set_french_arial(document.styles["Normal"])
    _set_properties(document.core_properties, bilan)
    _write_introduction(document, bilan)
    _write_bilan_table(document, bilan)
    if bilan.commitments:
        _write_commitment_table(document, bilan)
    if bilan.indicators:
        _write_indicator_table(document, bilan)
    if bilan.glossary:
        _write_glossary_table(document, bilan)
    if bilan.attachments:
        _write_attachment_table(document, bilan)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------
# The document: page, style, properties.


def _set_a4_landscape(section) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))


def _set_french_arial(normal) -> None:
    """The text style: Arial 9 pt, in French."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    # Arial where Word is, Liberation Sans (same metrics) where LibreOffice is.
    normal.font.name = "Arial"
    normal.font.size = Pt(9)
    run_properties = normal.element.get_or_add_rPr()
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    language.set(qn("w:val"), "fr-FR")


def _set_properties(properties, bilan: Bilan) -> None:
    properties.title = bilan.title
    properties.language = "fr-FR"
    properties.author = bilan.plan_title


# ---------------------------------------------------------------------------
# The content: introduction, bilan table, indicators table.


def _write_introduction(document, bilan: Bilan) -> None:
    """The title, the plan's title and the introduction's paragraphs, bold kept."""
    document.add_heading(bilan.title, level=0)
    document.add_paragraph(bilan.plan_title)
    for block in markup_blocks(bilan.introduction):
        paragraph = document.add_paragraph()
        for run in block.runs:
            paragraph.add_run(run.text).bold = run.bold or None


def _write_bilan_table(document, bilan: Bilan) -> None:
    table = _new_table(
        document,
        (bilan.ambition_header, bilan.bilan_header, "#", bilan.action_plan_header),
        DOCX_BILAN_WIDTHS_MM,
    )
    for axis in bilan.axes:
        _write_axis(table, axis)


def _write_axis(table, axis: BilanAxis) -> None:
    """The axis heading merged across the four columns, then the axis's rows."""
    heading = _add_row(table, DOCX_BILAN_WIDTHS_MM)
    merged = heading.cells[0].merge(heading.cells[3])
    _write_plain(merged, axis.heading, bold=True)
    _shade(merged, "F1F3F7")
    # Every row first: an ambition or a measure number is merged down over the next ones.
    docx_rows = [_add_row(table, DOCX_BILAN_WIDTHS_MM) for _row in axis.rows]
    for index, row in enumerate(axis.rows):
        _write_row(docx_rows, index, row)


def _write_row(docx_rows: list, index: int, row: BilanTableRow) -> None:
    """Row ``index``'s texts; its ambition and number merged down over the rows they cover."""
    cells = docx_rows[index].cells
    _write_blocks(cells[1], markup_blocks(row.bilan_text))
    _write_blocks(cells[3], markup_blocks(row.action_plan_text))
    if row.ambition_rowspan:
        target = _merged_down(cells, docx_rows, index, 0, row.ambition_rowspan)
        _write_blocks(target, markup_blocks(row.ambition_text))
    if row.number_rowspan:
        target = _merged_down(cells, docx_rows, index, 2, row.number_rowspan)
        _write_plain(target, row.number_label, bold=True)


def _merged_down(cells, docx_rows: list, index: int, column: int, rowspan: int):
    """The cell in ``column`` of row ``index``, merged down over ``rowspan`` rows if more than 1."""
    last = docx_rows[index + rowspan - 1].cells[column]
    return cells[column].merge(last) if rowspan > 1 else cells[column]


def _write_commitment_table(document, bilan: Bilan) -> None:
    """On a page of its own: each commitment of the plan d'action N, bold kept, and its outcome."""
    document.add_page_break()
    document.add_heading(bilan.commitments_title, level=1)
    table = _new_table(document, commitment_headers(), DOCX_COMMITMENT_WIDTHS_MM)
    for commitment in bilan.commitments:
        cells = _add_row(table, DOCX_COMMITMENT_WIDTHS_MM).cells
        _write_plain(cells[0], commitment.reference)
        _write_blocks(cells[1], markup_blocks(commitment.text))
        _write_plain(cells[2], commitment.outcome_label)
        _write_plain(cells[3], commitment.comment)


def _write_indicator_table(document, bilan: Bilan) -> None:
    """On a page of its own: each indicator's figures, written for readers, then every
    figure with its source."""
    document.add_page_break()
    document.add_heading(_("Indicateurs"), level=1)
    headers, rows = indicator_document_rows(bilan)
    table = _new_table(document, headers, DOCX_INDICATOR_WIDTHS_MM)
    for values in rows:
        cells = _add_row(table, DOCX_INDICATOR_WIDTHS_MM).cells
        for cell, value in zip(cells, values, strict=True):
            _write_plain(cell, value)
    document.add_heading(_("Chiffres et sources"), level=2)
    headers, rows = figure_document_rows(bilan)
    table = _new_table(document, headers, DOCX_FIGURE_WIDTHS_MM)
    for values in rows:
        cells = _add_row(table, DOCX_FIGURE_WIDTHS_MM).cells
        for cell, value in zip(cells, values, strict=True):
            _write_plain(cell, value)


def _write_glossary_table(document, bilan: Bilan) -> None:
    """On a page of its own: the acronyms the bilan uses, explained."""
    document.add_page_break()
    document.add_heading(glossary_title(), level=1)
    table = _new_table(document, glossary_headers(), DOCX_GLOSSARY_WIDTHS_MM)
    for term in bilan.glossary:
        cells = _add_row(table, DOCX_GLOSSARY_WIDTHS_MM).cells
        values = (term.acronym, term.expansion, term.definition, term.source)
        for cell, value in zip(cells, values, strict=True):
            _write_plain(cell, value)


def _write_attachment_table(document, bilan: Bilan) -> None:
    """On a page of its own: the public pièces justificatives, with their addresses."""
    document.add_page_break()
    document.add_heading(attachments_title(), level=1)
    table = _new_table(document, attachments_headers(), DOCX_ATTACHMENT_WIDTHS_MM)
    for attachment in bilan.attachments:
        cells = _add_row(table, DOCX_ATTACHMENT_WIDTHS_MM).cells
        for cell, value in zip(cells, attachment_cells(attachment), strict=True):
            _write_plain(cell, value)


# ---------------------------------------------------------------------------
# Tables and cells.


def _new_table(document, headers, widths_mm):
    """A table of fixed column widths, its shaded header row repeated on each page."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for cell, header, width in zip(table.rows[0].cells, headers, widths_mm, strict=True):
        _write_plain(cell, header, bold=True)
        _shade(cell, "DDE3EE")
        cell.width = Mm(width)
    _repeat_as_header(table.rows[0])
    return table


def _add_row(table, widths_mm):
    """A new row, each cell as wide as its column."""
    from docx.shared import Mm

    row = table.add_row()
    for cell, width in zip(row.cells, widths_mm, strict=True):
        cell.width = Mm(width)
    return row


def _write_blocks(cell, blocks: list[Block]) -> None:
    """Paragraphs of the markup in a cell: list markers, bold and italics kept."""
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    for index, block in enumerate(blocks):
        if index:
            paragraph = cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(3)
        if block.marker:
            paragraph.add_run(f"{block.marker} ")
        for run in block.runs:
            written = paragraph.add_run(run.text)
            written.bold = run.bold or None
            written.italic = run.italic or None


def _write_plain(cell, text: str, *, bold: bool = False) -> None:
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold or None


def _shade(cell, colour: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_as_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


FORMAT = ExportFormat(
    "docx",
    gettext_lazy("Document Word (DOCX)"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    write_docx,
)
