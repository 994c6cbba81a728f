"""The final bilan in the six formats of the yearly bilan: CSV, XLSX, ODS, JSON, DOCX, PDF.

Spreadsheets get one row per indicator with the figures as numbers beside their words and
rules; documents get the page's layout (axes, ambitions, lines, a table per line). Text
cells are made inert for spreadsheets (``core.spreadsheet_safety``).
"""

import csv
import io
import json
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.spreadsheet_safety import inert_cell
from core.text_safety import printable
from indicators.bilan import final
from indicators.bilan.final_shaping import FinalBilan
from indicators.bilan.sheets import Sheet
from indicators.bilan.writers.base import ExportFormat
from indicators.dashboard.wording import target_text
from indicators.plan_outcome import PARTLY_ATTAINED_FROM
from measures.markup import markup_to_plain_text

BOM = "\ufeff"
# The ratio column of the sheet (« Part du chemin vers la cible »), shown as a percentage.
RATIO_COLUMN = 12


def _headers() -> tuple[str, ...]:
    return (
        _("Axe"),
        _("N°"),
        _("Ligne du bilan"),
        _("Ambition"),
        _("Indicateur"),
        _("Cible sur la durée du plan"),
        _("Cible (nombre)"),
        _("Règle de la cible"),
        _("Réalisé"),
        _("Réalisé (nombre)"),
        _("Règle du réalisé"),
        _("Statut final"),
        _("Part du chemin vers la cible"),
        _("Bilan final de la ligne"),
    )


def _target_words(item: final.FinalIndicator) -> str:
    outcome = item.outcome
    if outcome.target is None:
        return ""
    return target_text(outcome.target, outcome.comparator, item.row.unit)


def _figure(value: Decimal | None) -> Decimal | int | None:
    """A figure as a spreadsheet number: 315, not « 315.00 » (the database keeps 2 places)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value.normalize()


def _indicator_cells(item: final.FinalIndicator) -> tuple:
    outcome = item.outcome
    return (
        printable(item.row.label),
        _target_words(item),
        _figure(outcome.target),
        final.target_rule(item),
        final.achieved_text(item),
        _figure(outcome.value),
        final.achieved_rule(item),
        str(item.status_label),
        outcome.ratio,
    )


# A line without indicator but with a final text still gets its row, figures empty.
NO_INDICATOR_CELLS = ("",) * 8 + (None,)


def _sheet_rows(axis, ambition, line):
    line_cells = (
        axis.number,
        line.reference,
        printable(line.title),
        printable(markup_to_plain_text(ambition.text)),
    )
    final_text = printable(markup_to_plain_text(line.final_text))
    if not line.items and final_text:
        yield (*line_cells, *NO_INDICATOR_CELLS, final_text)
    for item in line.items:
        yield (*line_cells, *_indicator_cells(item), final_text)


def final_sheet(bilan: FinalBilan) -> Sheet:
    """One row per indicator, in the report's order, with its line's final text."""
    return Sheet(
        title=bilan.title,
        headers=_headers(),
        rows=tuple(
            row
            for axis, ambition, line in bilan.lines_with_their_axis()
            for row in _sheet_rows(axis, ambition, line)
        ),
        ratio_columns=frozenset({RATIO_COLUMN}),
        widths=(1.2, 1.2, 5, 9, 7, 4, 2.5, 6, 4, 2.5, 6, 3.5, 2.5, 12),
    )


def write_csv(bilan: FinalBilan) -> bytes:
    """UTF-8 with a byte order mark and « ; »: what a French spreadsheet opens as columns."""
    sheet = final_sheet(bilan)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(sheet.headers)
    for row in sheet.rows:
        writer.writerow(
            [
                ""
                if value is None
                else inert_cell(value)
                if isinstance(value, str)
                else str(value).replace(".", ",")
                for value in row
            ]
        )
    return (BOM + out.getvalue()).encode()


def write_xlsx(bilan: FinalBilan) -> bytes:
    from indicators.bilan.writers.xlsx_file import xlsx_workbook

    return xlsx_workbook([final_sheet(bilan)], title=bilan.title)


def write_ods(bilan: FinalBilan) -> bytes:
    from indicators.bilan.writers.ods_file import ods_workbook

    return ods_workbook([final_sheet(bilan)], title=bilan.title)


def _json_number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _json_indicator(item: final.FinalIndicator) -> dict:
    outcome = item.outcome
    return {
        "indicateur": item.row.label,
        "nature": item.row.kind,
        "sens": item.row.direction,
        "cible": _json_number(outcome.target),
        "cible_comparateur": outcome.comparator,
        "cible_regle": outcome.target_rule,
        "cible_texte": _target_words(item) or None,
        "cible_explication": final.target_rule(item),
        "realise": _json_number(outcome.value),
        "realise_borne_inferieure": item.is_lower_bound,
        "realise_regle": outcome.value_rule,
        "realise_annee": outcome.as_of_year,
        "realise_texte": final.achieved_text(item) or None,
        "realise_explication": final.achieved_rule(item),
        "valeur_comparee": _json_number(outcome.compared_value),
        "annees_sans_resultat": list(outcome.missing_years),
        "annees_sans_objectif": list(outcome.years_without_target),
        "statut": outcome.status,
        "statut_texte": str(item.status_label),
        "part_du_chemin": _json_number(outcome.ratio),
    }


def write_json(bilan: FinalBilan) -> bytes:
    document = {
        "titre": bilan.title,
        "plan": bilan.plan_title,
        "premiere_annee": bilan.start_year,
        "derniere_annee": bilan.end_year,
        "dernier_bilan_publie": bilan.latest_published_year,
        "provisoire": bilan.is_provisional,
        "seuil_partiellement_atteint": _json_number(PARTLY_ATTAINED_FROM),
        "axes": [
            {
                "numero": axis.number,
                "titre": axis.title,
                "ambitions": [
                    {
                        "texte": markup_to_plain_text(ambition.text),
                        "lignes": [
                            {
                                "numero": line.reference or None,
                                "titre": line.title,
                                "bilan_final": markup_to_plain_text(line.final_text) or None,
                                "bilan_final_markdown": line.final_text or None,
                                "indicateurs": [_json_indicator(item) for item in line.items],
                            }
                            for line in ambition.lines
                        ],
                    }
                    for ambition in axis.ambitions
                ],
            }
            for axis in bilan.axes
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


def document_rows(line) -> list[tuple[str, str, str, str]]:
    """A line's indicators as the page's table reads: label, target, achieved, status,
    each figure followed by its rule."""
    rows = []
    for item in line.items:
        target = _target_words(item) or "—"
        achieved = final.achieved_text(item) or "—"
        status = str(item.status_label)
        if final.status_rule(item):
            status += "\n" + final.status_rule(item)
        rows.append(
            (
                printable(item.row.label),
                f"{target}\n{final.target_rule(item)}",
                f"{achieved}\n{final.achieved_rule(item)}",
                status,
            )
        )
    return rows


def document_headers() -> tuple[str, ...]:
    return (_("Indicateur"), _("Cible sur la durée du plan"), _("Réalisé"), _("Statut final"))


def _opening(bilan: FinalBilan, items) -> list[str]:
    """The paragraphs before the tables: provisional or not, then the summary."""
    paragraphs = []
    if bilan.is_provisional:
        paragraphs.append(provisional_text(bilan))
    counts = ", ".join(f"{label} : {count}" for _status, label, count in final.status_counts(items))
    paragraphs.append(f"{final.summary_sentence(items)} {counts}.")
    return paragraphs


def provisional_text(bilan: FinalBilan) -> str:
    if bilan.latest_published_year is None:
        return _(
            "Bilan provisoire. Aucun bilan annuel n'est encore publié : le bilan final sera "
            "complet une fois le bilan %(end)s publié."
        ) % {"end": bilan.end_year}
    return _(
        "Bilan provisoire. Le bilan %(end)s n'est pas encore publié : les chiffres s'arrêtent "
        "au dernier bilan publié, celui de %(latest)s, et changeront à chaque nouveau bilan."
    ) % {"end": bilan.end_year, "latest": bilan.latest_published_year}


def line_title(line) -> str:
    if line.is_measure:
        return _("Mesure %(number)s : %(title)s") % {"number": line.reference, "title": line.title}
    return _("Ligne sans numéro : %(title)s") % {"title": line.title}


def print_context(bilan: FinalBilan) -> dict:
    items = bilan.items
    return {
        "bilan": bilan,
        "opening": _opening(bilan, items),
        "axis_titles": {
            axis.number: _("Axe %(number)s : %(title)s")
            % {"number": axis.number, "title": axis.title}
            for axis in bilan.axes
        },
        "no_indicator": _("Pas d'indicateur chiffré ici : l'avancement se lit dans les jalons."),
        "headers": document_headers(),
        "lines": [
            (axis, ambition, line_title(line), document_rows(line), line.final_text)
            for axis, ambition, line in bilan.lines_with_their_axis()
        ],
    }


def write_pdf(bilan: FinalBilan) -> bytes:
    """Printed by WeasyPrint as the yearly bilan is: A4 landscape, tagged, nothing fetched."""
    import weasyprint

    from indicators.bilan.writers.pdf_file import PRINT_BASE_DIR, local_only_fetcher

    html = render_to_string("indicators/bilan/final_print.html", print_context(bilan))
    document = weasyprint.HTML(
        string=html, base_url=PRINT_BASE_DIR.as_uri() + "/", url_fetcher=local_only_fetcher()
    )
    return document.write_pdf(pdf_variant="pdf/ua-1")


def write_docx(bilan: FinalBilan) -> bytes:
    from indicators.bilan.writers.final_docx import final_bilan_document

    return final_bilan_document(bilan, print_context(bilan))


FINAL_FORMATS = {
    export.name: export
    for export in (
        ExportFormat("csv", gettext_lazy("CSV"), "text/csv; charset=utf-8", write_csv),
        ExportFormat(
            "xlsx",
            gettext_lazy("Classeur Excel (XLSX)"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            write_xlsx,
        ),
        ExportFormat(
            "ods",
            gettext_lazy("Classeur OpenDocument (ODS)"),
            "application/vnd.oasis.opendocument.spreadsheet",
            write_ods,
        ),
        ExportFormat("json", gettext_lazy("JSON"), "application/json", write_json),
        ExportFormat(
            "docx",
            gettext_lazy("Document Word (DOCX)"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            write_docx,
        ),
        ExportFormat("pdf", gettext_lazy("Document PDF"), "application/pdf", write_pdf),
    )
}


def final_file_name(bilan: FinalBilan, fmt: str) -> str:
    provisional = "-provisoire" if bilan.is_provisional else ""
    return f"bilan-final-{bilan.start_year}-{bilan.end_year}{provisional}.{fmt}"
