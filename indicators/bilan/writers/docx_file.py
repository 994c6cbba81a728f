"""DOCX: the bilan laid out like the report in a Word document, then the indicators."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.bilan.blocks import Block, markup_blocks
from indicators.bilan.shaping import Bilan
from indicators.bilan.sheets import indicator_document_rows
from indicators.bilan.writers.base import ExportFormat

# A4 landscape with 15 mm margins leaves 267 mm: the report's proportions.
DOCX_BILAN_WIDTHS_MM = (72, 90, 15, 90)
DOCX_INDICATOR_WIDTHS_MM = (12, 75, 30, 25, 25, 25, 25, 22, 28)


def write_docx(bilan: Bilan) -> bytes:
    """A4 landscape; the four columns; axis rows merged across; bold kept; header repeated."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    normal = document.styles["Normal"]
    # Arial where Word is, Liberation Sans (same metrics) where LibreOffice is.
    normal.font.name = "Arial"
    normal.font.size = Pt(9)
    run_properties = normal.element.get_or_add_rPr()
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    language.set(qn("w:val"), "fr-FR")
    document.core_properties.title = bilan.title
    document.core_properties.language = "fr-FR"
    document.core_properties.author = bilan.plan_title

    def shade(cell, colour: str):
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), colour)
        cell._tc.get_or_add_tcPr().append(shading)

    def repeat_as_header(row):
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(header)

    def write_blocks(cell, blocks: list[Block]):
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

    def write_plain(cell, text: str, *, bold: bool = False):
        run = cell.paragraphs[0].add_run(text)
        run.bold = bold or None

    def new_table(headers, widths_mm):
        table = document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)
        for cell, header, width in zip(table.rows[0].cells, headers, widths_mm, strict=True):
            write_plain(cell, header, bold=True)
            shade(cell, "DDE3EE")
            cell.width = Mm(width)
        repeat_as_header(table.rows[0])
        return table

    def add_row(table, widths_mm):
        row = table.add_row()
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
        return row

    document.add_heading(bilan.title, level=0)
    document.add_paragraph(bilan.plan_title)
    for block in markup_blocks(bilan.introduction):
        paragraph = document.add_paragraph()
        for run in block.runs:
            paragraph.add_run(run.text).bold = run.bold or None

    table = new_table(
        (bilan.ambition_header, bilan.bilan_header, "#", bilan.action_plan_header),
        DOCX_BILAN_WIDTHS_MM,
    )
    for axis in bilan.axes:
        heading = add_row(table, DOCX_BILAN_WIDTHS_MM)
        merged = heading.cells[0].merge(heading.cells[3])
        write_plain(merged, axis.heading, bold=True)
        shade(merged, "F1F3F7")
        written = [(row, add_row(table, DOCX_BILAN_WIDTHS_MM)) for row in axis.rows]
        for index, (row, docx_row) in enumerate(written):
            cells = docx_row.cells
            write_blocks(cells[1], markup_blocks(row.bilan_text))
            write_blocks(cells[3], markup_blocks(row.action_plan_text))
            # Merged down over the rows the ambition (or the measure number) covers.
            if row.ambition_rowspan:
                last = written[index + row.ambition_rowspan - 1][1].cells[0]
                target = cells[0].merge(last) if row.ambition_rowspan > 1 else cells[0]
                write_blocks(target, markup_blocks(row.ambition_text))
            if row.number_rowspan:
                last = written[index + row.number_rowspan - 1][1].cells[2]
                target = cells[2].merge(last) if row.number_rowspan > 1 else cells[2]
                write_plain(target, row.number_label, bold=True)

    if bilan.indicators:
        document.add_page_break()
        document.add_heading(_("Indicateurs"), level=1)
        headers, rows = indicator_document_rows(bilan)
        table = new_table(headers, DOCX_INDICATOR_WIDTHS_MM)
        for values in rows:
            cells = add_row(table, DOCX_INDICATOR_WIDTHS_MM).cells
            for cell, value in zip(cells, values, strict=True):
                write_plain(cell, value)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FORMAT = ExportFormat(
    "docx",
    gettext_lazy("Document Word (DOCX)"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    write_docx,
)
