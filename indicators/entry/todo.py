"""What is left to fill, measure by measure, for the year being collected: the entry home.

The same things the entry page marks « à remplir » (``page.missing_count``): each
indicator's result of the year and target of the next year, each milestone's status
of the year, each row's bilan texts of the year (once the year is open; in the plan's
last year, with the final bilan's text) and each
commitment of the year's plan d'action with no mark yet (open or published). Counted in a fixed
number of queries whatever the number of measures, each with the anchor of the
first form to fill, so that the home page links straight to it.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef

from indicators.entry.page import SHOWN_STATUSES, anchor_for
from indicators.models import Indicator, Milestone, MilestoneYearStatus, YearResult, YearTarget
from measures.models import BilanEntry, Commitment, CommitmentMark
from measures.texts import texts_that_fill_their_form

KINDS = ("results", "targets", "milestones", "texts", "commitments")


@dataclass
class Missing:
    """How many of one kind of thing are left, and the form of the first one."""

    count: int = 0
    anchor: str = ""

    def add(self, anchor: str) -> None:
        self.count += 1
        self.anchor = self.anchor or anchor


@dataclass
class ToFill:
    """What is left to fill in one entry page (a measure, or a row without a number)."""

    results: Missing = field(default_factory=Missing)
    targets: Missing = field(default_factory=Missing)
    milestones: Missing = field(default_factory=Missing)
    texts: Missing = field(default_factory=Missing)
    commitments: Missing = field(default_factory=Missing)
    # The page's figures (a ``completeness.Tally``), when the caller counted them.
    tally: object = None

    @property
    def total(self) -> int:
        return sum(getattr(self, kind).count for kind in KINDS)

    def kinds(self) -> list[tuple[str, Missing]]:
        """(kind, what is missing of it) for the kinds with something missing, in page order."""
        return [(kind, getattr(self, kind)) for kind in KINDS if getattr(self, kind).count]


def _page_of(row) -> tuple:
    """The entry page a row is entered on: its measure, or the row itself."""
    return ("measure", row["measure"]) if row["measure"] else ("row", row["pk"])


def left_to_fill(plan, rows, year: int, *, next_year_in_plan: bool) -> dict:
    """What is left for ``year`` on each entry page of ``rows`` (a ``ReportRow`` queryset),
    by ("measure", pk) or ("row", pk). Four queries (five when ``year`` is not the plan's
    latest open year), in the page's order within each kind."""
    rows = {
        row["pk"]: row
        for row in rows.annotate(
            has_text=Exists(
                texts_that_fill_their_form(
                    BilanEntry.objects.filter(
                        report_row=OuterRef("pk"),
                        reporting_year__plan=plan,
                        reporting_year__year=year,
                        status__in=SHOWN_STATUSES,
                    ),
                    plan,
                    year,
                )
            )
        )
        .order_by("position", "letter")
        .values("pk", "measure", "has_text")
    }
    board = {_page_of(row): ToFill() for row in rows.values()}

    def page(row_id) -> ToFill:
        return board[_page_of(rows[row_id])]

    _count_indicators(page, rows, year, next_year_in_plan=next_year_in_plan)
    _count_milestones(page, rows, year)
    for commitment in (
        Commitment.objects.filter(
            report_row__in=rows,
            reporting_year__plan=plan,
            reporting_year__year=year,
        )
        .filter(
            ~Exists(
                CommitmentMark.objects.filter(commitment=OuterRef("pk"), status__in=SHOWN_STATUSES)
            )
        )
        .order_by("report_row__position", "position")
        .values("pk", "report_row")
    ):
        page(commitment["report_row"]).commitments.add(anchor_for(("commitment", commitment["pk"])))
    if _is_open(plan, year):
        for row in rows.values():
            if not row["has_text"]:
                page(row["pk"]).texts.add(anchor_for(("text", row["pk"], year)))
    return board


def _count_indicators(page, row_ids, year: int, *, next_year_in_plan: bool) -> None:
    """Add each indicator's missing result of ``year`` and target of the next year."""
    shown = {"status__in": SHOWN_STATUSES, "indicator": OuterRef("pk")}
    for indicator in (
        Indicator.objects.filter(report_row__in=row_ids)
        .annotate(
            has_result=Exists(YearResult.objects.filter(year=year, **shown)),
            has_target=Exists(YearTarget.objects.filter(year=year + 1, **shown)),
        )
        .order_by("report_row__position", "position")
        .values("pk", "report_row", "has_result", "has_target")
    ):
        to_fill = page(indicator["report_row"])
        if not indicator["has_result"]:
            to_fill.results.add(anchor_for(("indicator", indicator["pk"], year)))
        if next_year_in_plan and not indicator["has_target"]:
            to_fill.targets.add(anchor_for(("indicator", indicator["pk"], year + 1)))


def _count_milestones(page, row_ids, year: int) -> None:
    """Add each milestone without a status for ``year``."""
    for milestone in (
        Milestone.objects.filter(report_row__in=row_ids)
        .annotate(
            has_status=Exists(
                MilestoneYearStatus.objects.filter(
                    milestone=OuterRef("pk"), year=year, status__in=SHOWN_STATUSES
                )
            )
        )
        .filter(has_status=False)
        .order_by("report_row__position", "planned_year", "position")
        .values("pk", "report_row")
    ):
        page(milestone["report_row"]).milestones.add(
            anchor_for(("milestone", milestone["pk"], year))
        )


def _is_open(plan, year: int) -> bool:
    """Whether texts can be entered for ``year``; the plan usually knows without a query."""
    latest = getattr(plan, "latest_open_year", None)
    if latest is not None and year == latest:
        return True
    return plan.reporting_years.filter(year=year).exists()
