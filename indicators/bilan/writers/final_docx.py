"""DOCX of the final bilan: the page's layout in a Word document, A4 landscape, like the
yearly bilan's (same page, style, table and header row)."""

import io

from indicators.bilan.blocks import markup_blocks
from indicators.bilan.writers.docx_file import (
    _add_row,
    _new_table,
    _set_a4_landscape,
    _set_french_arial,
    _set_properties,
    _write_plain,
)

# A4 landscape with 15 mm margins leaves 267 mm.
DOCX_FINAL_WIDTHS_MM = (75, 64, 64, 64)


def _add_markup(document, text: str) -> None:
    """The paragraphs of a text in the restricted markup, bold kept."""
    for block in markup_blocks(text):
        paragraph = document.add_paragraph()
        for run in block.runs:
            paragraph.add_run(run.text).bold = run.bold or None


def final_bilan_document(bilan, context: dict) -> bytes:
    """``bilan``: a ``FinalBilan``; ``context``: ``final_export.print_context(bilan)``."""
    from docx import Document

    document = Document()
    _set_a4_landscape(document.sections[0])
    _set_french_arial(document.styles["Normal"])
    _set_properties(document.core_properties, bilan)
    document.add_heading(bilan.title, level=0)
    document.add_paragraph(bilan.plan_title)
    for paragraph in context["opening"]:
        document.add_paragraph(paragraph)
    current_axis = current_ambition = None
    for axis, ambition, title, rows, final_text in context["lines"]:
        if axis is not current_axis:
            document.add_heading(context["axis_titles"][axis.number], level=1)
            current_axis = axis
        if ambition is not current_ambition:
            _add_markup(document, ambition.text)
            current_ambition = ambition
        document.add_heading(title, level=2)
        _add_markup(document, final_text)
        if not rows:
            document.add_paragraph(context["no_indicator"])
            continue
        table = _new_table(document, context["headers"], DOCX_FINAL_WIDTHS_MM)
        for values in rows:
            cells = _add_row(table, DOCX_FINAL_WIDTHS_MM).cells
            for cell, value in zip(cells, values, strict=True):
                _write_plain(cell, value)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
