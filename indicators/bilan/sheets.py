"""The bilan as tables of plain values, for the writers.

A sheet holds text, numbers (``int``/``Decimal``) and None, never markup or
HTML: CSV, XLSX, ODS and JSON write its cells the way their format does. The
"Indicateurs" table of the documents (DOCX, PDF) is written out for readers.

The commitments sheet exists only for a bilan that has commitments (the plan
d'action of the year before, marked done or not): the first bilan of a plan
has none, and its files keep their two sheets.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import format_number, format_ratio
from indicators.bilan.shaping import Bilan
from indicators.bilan.tables import bilan_table
from indicators.dashboard.sentences import target_text
from measures.markup import markup_to_plain_text

INDICATORS_SHEET = gettext_lazy("Indicateurs")


@dataclass(frozen=True)
class Sheet:
    """A table of plain values: text, numbers (``int``/``Decimal``) or None."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple, ...]
    heading_rows: frozenset[int] = frozenset()
    ratio_columns: frozenset[int] = frozenset()
    widths: tuple[float, ...] = ()  # in centimetres


def bilan_sheet(bilan: Bilan) -> Sheet:
    """The bilan table as plain text: axis headings in the first cell, ambitions once."""
    values = list(bilan_table(bilan).as_values())
    return Sheet(
        title=bilan.title,
        headers=tuple(values[0]),
        rows=tuple(tuple(row) for row in values[1:]),
        heading_rows=frozenset(i for i, line in enumerate(bilan.lines) if line.is_heading),
        widths=(7.5, 9.5, 1.2, 9.5),
    )


def indicator_sheet(bilan: Bilan) -> Sheet:
    """Each indicator's target and result of N, target of N+1 (numbers), and its progress."""
    year, next_year = bilan.year, bilan.action_plan_year
    headers = (
        "#",
        _("Indicateur"),
        _("Unité"),
        _("Objectif %(year)s") % {"year": year},
        _("Résultat %(year)s") % {"year": year},
        _("Objectif %(year)s") % {"year": next_year},
        _("Avancement %(year)s") % {"year": year},
        _("Statut %(year)s") % {"year": year},
    )
    rows = tuple(
        (
            row.reference,
            row.label,
            row.unit,
            row.target,
            row.result,
            row.next_target,
            row.ratio,
            row.status_label,
        )
        for row in bilan.indicators
    )
    return Sheet(
        title=str(INDICATORS_SHEET),
        headers=headers,
        rows=rows,
        ratio_columns=frozenset({6}),
        widths=(1.2, 8.0, 3.5, 2.5, 2.5, 2.5, 2.5, 3.0),
    )


def commitment_sheet(bilan: Bilan) -> Sheet:
    """The commitments of the plan d'action N, each with how it was kept in N."""
    return Sheet(
        title=_("Engagements %(year)s") % {"year": bilan.year},
        headers=commitment_headers(),
        rows=tuple(
            (c.reference, markup_to_plain_text(c.text), c.outcome_label, c.comment)
            for c in bilan.commitments
        ),
        widths=(1.2, 14.0, 4.0, 9.0),
    )


def commitment_headers() -> tuple[str, ...]:
    return ("#", _("Engagement"), _("Réalisation"), _("Commentaire"))


def sheets(bilan: Bilan) -> tuple[Sheet, ...]:
    """The sheets of a workbook: the bilan, the indicators, and the commitments if any."""
    if bilan.commitments:
        return (bilan_sheet(bilan), indicator_sheet(bilan), commitment_sheet(bilan))
    return (bilan_sheet(bilan), indicator_sheet(bilan))


def indicator_document_rows(bilan: Bilan) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The "Indicateurs" table written for readers: French figures, "au moins 3", "97 %"."""
    sheet = indicator_sheet(bilan)

    def target(value, comparator, unit):
        return target_text(value, comparator, unit, with_noun=False) if value is not None else ""

    rows = [
        (
            row.reference,
            row.label,
            row.unit,
            target(row.target, row.target_comparator, row.unit),
            format_number(row.result),
            target(row.next_target, row.next_target_comparator, row.unit),
            format_ratio(row.ratio),
            row.status_label,
        )
        for row in bilan.indicators
    ]
    return sheet.headers, rows
