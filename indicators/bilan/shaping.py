"""The annual bilan of a reporting year, read from the database and shaped into plain rows.

The bilan is shaped once, here, into plain rows that the page, the print
template and every writer read; no writer touches the database. Only
published texts and figures appear: the bilan is public. Its texts leave
here without invisible characters (``core.text_safety.printable_copy``):
the forms refuse them, but older data may hold some, and XML-based formats
(XLSX, DOCX) cannot be written with them.

The layout follows the report (see fixtures/README.md):

* the columns are *Ambition de la Ville 2021-2026 | Bilan N | # | Plan d'action N+1*;
* each axis heads its rows ("1. Mobiliser l'offre de logement…");
* an ambition that covers several rows (measures 7 and 8; 9a, 9b, 9c) is shown
  once: ``ambition_rowspan`` is the number of rows it covers on its first row,
  and 0 on the following ones. The page and the PDF use ``rowspan``, the DOCX
  merges the cells, and the spreadsheets write the ambition on the first row
  and leave it empty on the next ones;
* the "#" column prints a measure's number once, as the report does: "9" on
  9a, nothing on 9b and 9c (``number_rowspan`` works like ``ambition_rowspan``),
  and nothing on the unnumbered row. The texts keep their own "a." / "b." /
  "c." prefixes.

The bilan of year N is a document of year N: it shows the results up to N,
the targets of N and N+1 (its plan d'action), the texts of reporting year N
and the commitments made in N-1 for N, marked done or not. Nothing later is
read (``Indicator.objects.for_bilan``), so publishing the figures of N+1 never
changes what the bilan of N says.
"""

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.text_safety import printable_copy
from core.workflow import EntryStatus
from indicators import progress
from indicators.bilan.errors import BilanNotFound
from indicators.bilan.indicator_part import BilanIndicatorRow, load_indicator_part
from measures.models import (
    BilanEntry,
    Commitment,
    CommitmentMark,
    CommitmentOutcome,
    ReportingYear,
    ReportRow,
)


@dataclass(frozen=True)
class BilanTableRow:
    """One row of the bilan table: a measure, a sub-action or the unnumbered row.

    Texts are in the restricted markup; empty when no text is published.
    """

    pk: int
    axis_number: int
    axis_title: str
    reference: str
    measure_number: int | None
    letter: str
    title: str
    ambition_text: str
    ambition_rowspan: int
    number_label: str
    number_rowspan: int
    bilan_text: str = ""
    action_plan_text: str = ""
    is_published: bool = False

    is_heading = False

    @property
    def is_first_of_ambition(self) -> bool:
        return self.ambition_rowspan > 0

    @property
    def shown_number(self) -> int | None:
        """The measure number where the "#" column prints it, else None."""
        return self.measure_number if self.number_rowspan and self.number_label else None


@dataclass(frozen=True)
class BilanAxis:
    """An axis heading of the table, with the rows it heads."""

    pk: int
    number: int
    title: str
    rows: tuple[BilanTableRow, ...]

    is_heading = True

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class BilanCommitment:
    """An item of the plan d'action N (written in the bilan of N-1), as marked for N."""

    reference: str
    position: int
    text: str
    outcome: str
    comment: str

    @property
    def outcome_label(self) -> str:
        return str(CommitmentOutcome(self.outcome).label)


@dataclass(frozen=True)
class Bilan:
    """Everything the page and the exports show of one reporting year."""

    title: str
    plan_title: str
    plan_start_year: int
    plan_end_year: int
    year: int
    action_plan_year: int
    introduction: str
    axes: tuple[BilanAxis, ...]
    indicators: tuple[BilanIndicatorRow, ...] = ()
    commitments: tuple[BilanCommitment, ...] = ()
    glossary: tuple = ()  # the terms its texts use (indicators.bilan.glossary), for the files
    # The public pièces justificatives of its published entries (indicators.bilan.attachments).
    attachments: tuple = ()
    other_years: tuple[int, ...] = ()
    reporting_year_id: int | None = None
    # The plan's address (/plans/<slug>/): the links of its files and editions use it.
    plan_slug: str = ""

    @property
    def rows(self) -> list[BilanTableRow]:
        return [row for axis in self.axes for row in axis.rows]

    @property
    def lines(self) -> list[BilanAxis | BilanTableRow]:
        """The table's lines in report order: each axis heading, then its rows."""
        return [line for axis in self.axes for line in (axis, *axis.rows)]

    @property
    def dashboard_year(self) -> int:
        """The dashboard year the bilan's links open on: its own, within the plan's years."""
        return min(max(self.year, self.plan_start_year), self.plan_end_year)

    @property
    def has_published_text(self) -> bool:
        return any(row.is_published for row in self.rows)

    @property
    def file_stem(self) -> str:
        """bilan-2022-perspectives-2023"""
        return slugify(self.title)

    @property
    def ambition_header(self) -> str:
        return _("Ambition de la Ville %(start)s-%(end)s") % {
            "start": self.plan_start_year,
            "end": self.plan_end_year,
        }

    @property
    def bilan_header(self) -> str:
        return _("Bilan %(year)s") % {"year": self.year}

    @property
    def action_plan_header(self) -> str:
        return _("Plan d'action %(year)s") % {"year": self.action_plan_year}

    @property
    def commitments_title(self) -> str:
        """The commitments of the plan d'action N, published with the bilan of N-1."""
        return _("Réalisation du plan d'action %(year)s") % {"year": self.year}


def shape_axes(
    report_rows: Iterable[ReportRow], texts: Mapping[int, tuple[str, str]]
) -> tuple[BilanAxis, ...]:
    """Group rows (in report order, ambition and axis fetched) under their axes.

    ``texts`` maps a row's pk to its published (bilan, plan d'action) texts.
    Rowspans count consecutive rows, so a measure or an ambition split by
    another row would be shown twice rather than spanning the wrong rows.
    """
    report_rows = list(report_rows)
    ambition_spans = _run_spans(report_rows, key=lambda r: ("ambition", r.ambition_id))
    # The unnumbered row has no measure: it is its own run, with an empty "#".
    number_spans = _run_spans(report_rows, key=lambda r: ("measure", r.measure_id or -r.pk))
    axes = []
    for (axis_pk, number, title), group in itertools.groupby(
        zip(report_rows, ambition_spans, number_spans, strict=True),
        key=lambda item: (
            item[0].ambition.axis_id,
            item[0].ambition.axis.number,
            item[0].ambition.axis.title,
        ),
    ):
        rows = []
        for row, ambition_span, number_span in group:
            bilan_text, action_plan_text = texts.get(row.pk, ("", ""))
            rows.append(
                BilanTableRow(
                    pk=row.pk,
                    axis_number=number,
                    axis_title=title,
                    reference=row.reference,
                    measure_number=row.measure.number if row.measure_id else None,
                    letter=row.letter,
                    title=row.title,
                    ambition_text=row.ambition.text,
                    ambition_rowspan=ambition_span,
                    number_label=row.number_label if number_span else "",
                    number_rowspan=number_span,
                    bilan_text=bilan_text,
                    action_plan_text=action_plan_text,
                    is_published=row.pk in texts,
                )
            )
        axes.append(BilanAxis(pk=axis_pk, number=number, title=title, rows=tuple(rows)))
    return tuple(axes)


def _run_spans(items: Sequence, key: Callable) -> list[int]:
    """For each item, the length of the run of equal keys it starts, or 0 inside a run.

    >>> _run_spans("aabccc", key=lambda c: c)
    [2, 0, 1, 3, 0, 0]
    """
    spans = []
    for _key, run in itertools.groupby(items, key=key):
        length = len(list(run))
        spans += [length] + [0] * (length - 1)
    return spans


def load_bilan(
    year: int, *, with_indicators: bool = False, with_other_years: bool = False
) -> Bilan:
    """The bilan of reporting year ``year``, or ``BilanNotFound``.

    Fixed number of queries whatever the size of the plan: 4 (reporting year,
    rows, published texts, commitments), +1 for the other years, +4 for the
    indicators. The year of the plan shown (``Plan.objects.shown``), as on the
    dashboard: another plan's year of the same number is never read.
    """
    reporting_year = ReportingYear.objects.select_related("plan").of_year(year).first()
    if reporting_year is None:
        raise BilanNotFound(_("Aucun bilan n'est ouvert pour l'année %(year)s.") % {"year": year})
    plan = reporting_year.plan
    report_rows = (
        ReportRow.objects.filter(ambition__axis__plan=plan)
        .select_related("ambition__axis", "measure")
        .in_report_order()
    )
    texts = {
        row_pk: (bilan_text, action_plan_text)
        for row_pk, bilan_text, action_plan_text in BilanEntry.objects.published()
        .filter(reporting_year=reporting_year)
        .values_list("report_row_id", "bilan_text", "action_plan_text")
    }
    other_years = ()
    if with_other_years:
        other_years = tuple(
            ReportingYear.objects.filter(plan=plan).order_by("year").values_list("year", flat=True)
        )
    bilan = Bilan(
        title=str(reporting_year.title),
        plan_title=plan.title,
        plan_start_year=plan.start_year,
        plan_end_year=plan.end_year,
        year=reporting_year.year,
        action_plan_year=reporting_year.action_plan_year,
        introduction=reporting_year.introduction,
        axes=shape_axes(report_rows, texts),
        indicators=_indicators(plan, reporting_year) if with_indicators else (),
        commitments=_commitments(reporting_year),
        other_years=other_years,
        reporting_year_id=reporting_year.pk,
        plan_slug=plan.slug,
    )
    return printable_copy(bilan)


def _indicators(plan, reporting_year: ReportingYear) -> tuple[BilanIndicatorRow, ...]:
    """The "Indicateurs" part, from the figures the bilan of its year may know only.

    Until the bilan is published, a result not in yet reads « en cours de
    collecte », as on the dashboard; once published, « sans donnée ».
    """
    phase = progress.SETTLED if reporting_year.published_on else progress.COLLECTING
    return load_indicator_part(plan, reporting_year.year, phase)


def _commitments(reporting_year: ReportingYear) -> tuple[BilanCommitment, ...]:
    """The year's commitments in report order, each with its published mark only (a mark
    not yet published reads « à renseigner »), in one query."""
    published = CommitmentMark.objects.filter(
        commitment=OuterRef("pk"), status=EntryStatus.PUBLISHED
    )
    commitments = (
        Commitment.objects.filter(reporting_year=reporting_year)
        .select_related("report_row__measure")
        .annotate(
            published_outcome=Subquery(published.values("outcome")[:1]),
            published_comment=Subquery(published.values("comment")[:1]),
        )
        .order_by(
            "report_row__ambition__axis__number",
            "report_row__ambition__position",
            "report_row__position",
            "position",
        )
    )
    return tuple(
        BilanCommitment(
            reference=c.report_row.reference,
            position=c.position,
            text=c.text,
            outcome=c.published_outcome or CommitmentOutcome.TO_REPORT,
            comment=c.published_comment or "",
        )
        for c in commitments
    )
