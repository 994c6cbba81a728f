"""The bilan as tables of plain values, for the writers.

A sheet holds text, numbers (``int``/``Decimal``) and None, never markup or
HTML: CSV, XLSX, ODS and JSON write its cells the way their format does. The
"Indicateurs" table of the documents (DOCX, PDF) is written out for readers.

The « Chiffres et sources » sheet lists every figure of every indicator, one a
row, with its provenance: the same figures as the open data, for the bilan's year.

The commitments sheet exists only for a bilan that has commitments (the plan
d'action of the year before, marked done or not): the first bilan of a plan
has none, and its files keep their two sheets.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import Unit, format_ratio, french_spacing
from indicators.bilan.indicator_part import BilanIndicatorRow
from indicators.bilan.shaping import Bilan
from indicators.bilan.tables import bilan_table
from indicators.figures import Figure, figure_note
from measures.markup import markup_to_plain_text

INDICATORS_SHEET = gettext_lazy("Indicateurs")
FIGURES_SHEET = gettext_lazy("Chiffres et sources")


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


def indicator_headers(bilan: Bilan) -> tuple[str, ...]:
    year, next_year = bilan.year, bilan.action_plan_year
    return (
        "#",
        _("Indicateur"),
        _("Unité"),
        _("Objectif %(year)s") % {"year": year},
        _("Résultat %(year)s") % {"year": year},
        _("Objectif %(year)s") % {"year": next_year},
        _("Avancement %(year)s") % {"year": year},
        _("Statut %(year)s") % {"year": year},
        _("Valeur de référence"),
        _("Année de référence"),
        _("Évolution depuis l'année de référence (%)"),
        _("Cible du plan %(start)s-%(end)s")
        % {"start": bilan.plan_start_year, "end": bilan.plan_end_year},
        _("Précisions"),
        _("Sources"),
    )


def _value(figure: Figure | None):
    return figure.value if figure else None


def _year(figure: Figure | None) -> str:
    """A year as text: a number cell would be shown grouped (« 2 008 ») by some programs."""
    return str(figure.year) if figure and figure.year else ""


def indicator_sheet(bilan: Bilan) -> Sheet:
    """Every indicator: its figures of N and N+1 and its own (numbers), its progress, and
    in words what the numbers cannot say (comparators, bounds, derivations, periods)."""
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
            _value(row.baseline),
            _year(row.baseline),
            _value(row.reference_change),
            _value(row.plan_target),
            "\n\n".join(row.notes),
            "\n\n".join(row.sources),
        )
        for row in bilan.indicators
    )
    return Sheet(
        title=str(INDICATORS_SHEET),
        headers=indicator_headers(bilan),
        rows=rows,
        ratio_columns=frozenset({6}),
        widths=(1.2, 8.0, 3.5, 2.5, 2.5, 2.5, 2.5, 3.0, 2.5, 2.5, 2.5, 2.5, 12.0, 8.0),
    )


def figure_headers() -> tuple[str, ...]:
    return (
        "#",
        _("Indicateur"),
        _("Type de valeur"),
        _("Année"),
        _("Valeur"),
        _("Unité"),
        _("Comparateur"),
        _("Chiffre"),
        _("Déduit"),
        _("Déduit de"),
        _("Cadre"),
        _("Période"),
        _("Valeur au"),
        _("Producteur"),
        _("Source"),
        _("Emplacement dans la source"),
    )


def _period(figure: Figure) -> str:
    if figure.period_end is None:
        return ""
    if figure.period_start is None:
        return _("d'ici %(end)s") % {"end": figure.period_end}
    return f"{figure.period_start}-{figure.period_end}"


def _figure_values(row: BilanIndicatorRow, figure: Figure) -> tuple:
    return (
        row.reference,
        row.label,
        figure.kind_label,
        _year(figure),
        figure.value,
        Unit(figure.unit, figure.unit_singular).for_value(figure.value),
        figure.comparator_label,
        figure.text,
        _("oui") if figure.is_derived else _("non"),
        figure.derivation,
        figure.frame,
        _period(figure),
        figure.as_of.strftime("%d/%m/%Y") if figure.as_of else "",
        figure.producer,
        figure.source,
        figure.source_location,
    )


def figure_sheet(bilan: Bilan) -> Sheet:
    """Every figure of every indicator, one a row, with its provenance; an indicator
    with none has a row that says so."""
    rows = []
    for row in bilan.indicators:
        rows += [_figure_values(row, figure) for figure in row.all_figures]
        if not row.all_figures:
            empty = (row.reference, row.label, "", None, None, "", "", *row.notes)
            rows.append(empty + ("",) * (len(figure_headers()) - len(empty)))
    return Sheet(
        title=str(FIGURES_SHEET),
        headers=figure_headers(),
        rows=tuple(rows),
        widths=(1.2, 7.0, 3.5, 1.5, 2.5, 3.0, 2.0, 5.0, 1.5, 7.0, 4.0, 2.0, 2.2, 3.0, 5.0, 7.0),
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
    """The sheets of a workbook: the bilan, the indicators, their figures and sources, and
    the commitments if any. An appendix is one more sheet at the end."""
    workbook = (bilan_sheet(bilan), indicator_sheet(bilan), figure_sheet(bilan))
    if bilan.commitments:
        return (*workbook, commitment_sheet(bilan))
    return workbook


def _reader_figure(figure: Figure | None) -> str:
    """A figure for readers, with its unit; a derived one says so and how, on a second line."""
    if figure is None:
        return ""
    if figure.is_derived:
        return french_spacing(
            _("%(value)s\n(déduit : %(derivation)s)")
            % {"value": figure.text, "derivation": figure.derivation}
        )
    return figure.text


def _reader_reference(row: BilanIndicatorRow) -> str:
    """The baseline, with its year or « année non précisée », and the change since then."""
    lines = []
    if row.baseline is not None:
        year = row.baseline.year or _("année non précisée")
        lines.append(f"{row.baseline.text} ({year})")
    if row.reference_change is not None:
        lines.append(row.reference_change.text)
    return "\n".join(lines)


def indicator_document_headers(bilan: Bilan) -> tuple[str, ...]:
    year, next_year = bilan.year, bilan.action_plan_year
    return (
        "#",
        _("Indicateur"),
        _("Valeur de référence"),
        _("Cible du plan %(start)s-%(end)s")
        % {"start": bilan.plan_start_year, "end": bilan.plan_end_year},
        _("Objectif %(year)s") % {"year": year},
        _("Résultat %(year)s") % {"year": year},
        _("Objectif %(year)s") % {"year": next_year},
        _("Avancement %(year)s") % {"year": year},
        _("Statut %(year)s") % {"year": year},
    )


def indicator_document_rows(bilan: Bilan) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The "Indicateurs" table written for readers: French figures with their unit in the
    singular or the plural, « au moins 3 Pensions de Famille », « plus de 20
    professionnels », a derived target marked with its derivation, « 97 % »."""
    rows = [
        (
            row.reference,
            row.label,
            _reader_reference(row),
            _reader_figure(row.plan_target),
            _reader_figure(row.target_figure),
            _reader_figure(row.result_figure),
            _reader_figure(row.next_target_figure),
            format_ratio(row.ratio),
            row.status_label,
        )
        for row in bilan.indicators
    ]
    return indicator_document_headers(bilan), rows


def figure_document_rows(bilan: Bilan) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """« Chiffres et sources » written for readers: each figure in words, then where it
    comes from (producer, document, place in it, as-of date)."""
    headers = ("#", _("Indicateur"), _("Chiffre"), _("Source"))
    rows = []
    for row in bilan.indicators:
        for figure in row.all_figures:
            note = figure_note(figure, row.plan_years)
            rows.append((row.reference, row.label, note, figure.source_text))
        if not row.all_figures:
            rows.append((row.reference, row.label, " ".join(row.notes), ""))
    return headers, rows
