"""The final bilan as data: the plan's axes, their ambitions, the lines of the bilan table
and each line's indicators at the end of the plan (``indicators.bilan.final``).

One shape for the page and every file, so they cannot disagree; published values only.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from indicators.access import PUBLIC_STATUSES
from indicators.bilan.final import FinalIndicator, final_indicator
from indicators.dashboard import rows as dashboard
from indicators.models import Indicator
from indicators.plans import clamped_to_plan
from measures.models import Ambition, BilanEntry, ReportRow


@dataclass(frozen=True)
class FinalLine:
    """A line of the bilan table: a measure (« 3 »), a sub-action (« 9a ») or unnumbered."""

    reference: str
    title: str
    is_measure: bool
    items: tuple[FinalIndicator, ...]
    # Its measure's number (« 9 » for « 9a »), None for an unnumbered line.
    measure_number: int | None = None
    # What the line achieved over the plan, in restricted Markdown: written with the texts
    # of the plan's last year and shown once they are published; empty until then.
    final_text: str = ""


@dataclass(frozen=True)
class FinalAmbition:
    text: str  # restricted Markdown, as the plan writes it
    lines: tuple[FinalLine, ...]


@dataclass(frozen=True)
class FinalAxis:
    number: int
    title: str
    ambitions: tuple[FinalAmbition, ...]


@dataclass(frozen=True)
class FinalBilan:
    plan_title: str
    start_year: int
    end_year: int
    # The newest year whose bilan is published: the figures stop there.
    latest_published_year: int | None
    axes: tuple[FinalAxis, ...]

    @property
    def title(self) -> str:
        return _("Bilan final %(start)s-%(end)s") % {"start": self.start_year, "end": self.end_year}

    @property
    def is_provisional(self) -> bool:
        """Until the plan's last year is published, its figures will still change."""
        return self.latest_published_year != self.end_year

    @property
    def items(self) -> list[FinalIndicator]:
        return [
            item
            for axis in self.axes
            for ambition in axis.ambitions
            for line in ambition.lines
            for item in line.items
        ]

    def lines_with_their_axis(self):
        """(axis, ambition, line) in the report's order."""
        for axis in self.axes:
            for ambition in axis.ambitions:
                for line in ambition.lines:
                    yield axis, ambition, line


def axes_with_their_rows(plan) -> list:
    """The plan's axes, with their measures (for the navigation), ambitions and rows."""
    rows = ReportRow.objects.select_related("measure").order_by("position")
    ambitions = Ambition.objects.order_by("position").prefetch_related(
        Prefetch("rows", queryset=rows)
    )
    return list(plan.axes.prefetch_related("measures", Prefetch("ambitions", queryset=ambitions)))


def load_final_bilan(plan, axes) -> FinalBilan:
    """``plan``: from ``current_plan`` (its latest published year read); ``axes``: from
    ``axes_with_their_rows``."""
    year = clamped_to_plan(plan, plan.latest_published_year)
    rows = dashboard.indicator_rows(
        Indicator.objects.filter(report_row__ambition__axis__plan=plan).for_dashboard(
            PUBLIC_STATUSES
        ),
        year,
    )
    by_row = {}
    for row in rows:
        by_row.setdefault(row.report_row_pk, []).append(final_indicator(row))
    final_texts = published_final_texts(plan)
    return FinalBilan(
        plan_title=plan.title,
        start_year=plan.start_year,
        end_year=plan.end_year,
        latest_published_year=plan.latest_published_year,
        axes=tuple(
            FinalAxis(
                number=axis.number,
                title=axis.title,
                ambitions=tuple(
                    FinalAmbition(
                        text=ambition.text,
                        lines=tuple(
                            FinalLine(
                                reference=row.reference,
                                title=row.title,
                                is_measure=row.measure_id is not None,
                                items=tuple(by_row.get(row.pk, ())),
                                measure_number=row.measure.number if row.measure_id else None,
                                final_text=final_texts.get(row.pk, ""),
                            )
                            for row in ambition.rows.all()
                        ),
                    )
                    for ambition in axis.ambitions.all()
                ),
            )
            for axis in axes
        ),
    )


def published_final_texts(plan) -> dict[int, str]:
    """Report row id → its published text of the final bilan (one query)."""
    return dict(
        BilanEntry.objects.published()
        .filter(reporting_year__plan=plan, reporting_year__year=plan.end_year)
        .exclude(final_text="")
        .values_list("report_row_id", "final_text")
    )
