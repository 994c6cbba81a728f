"""How complete a reporting year's collection is: the board, the entry home, the reminders.

For year N, each entry page (a measure, or a row without a number) is expected to hold:
each indicator's **result of N**, each indicator's **target of N+1** (when N+1 is in the
plan), each milestone's **status of N**, each row's **bilan and plan d'action texts** of N
(once year N is opened) and a **mark for each commitment** of N's plan d'action — the
same things the entry page marks « à remplir » (``todo.left_to_fill``).

Each expected thing is counted by the states of its entries (a thing has at most one
open entry and one published one):

- ``entered``: it has an entry in any state (draft, submitted, returned, validated,
  published);
- ``submitted``, ``returned``, ``validated``: its open entry is in that state;
- ``published``: it has a published entry (a correction under way on a published value
  counts both as published and in its correction's state);
- ``reviewed``: validated or published, what « % validé » counts.

« 64 % saisi » is ``entered / expected``, « 41 % validé » is ``reviewed / expected``.

``completeness_board`` reads the whole year in a fixed number of queries (six), whatever
the plan's size; ``missing_for_user(user, reporting_year)`` gives one agent's pages with
something missing (for reminders).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import FilteredRelation, Q
from django.urls import reverse

from core.workflow import EntryStatus
from indicators import access
from indicators.entry.page import SHOWN_STATUSES, anchor_for
from indicators.entry.todo import Missing, ToFill
from indicators.models import Indicator, Milestone
from measures.models import BilanEntry, Commitment, Measure, ReportRow
from measures.texts import texts_that_fill_their_form

KINDS = ("results", "targets", "milestones", "texts", "commitments")
COUNTS = ("expected", "entered", "submitted", "returned", "validated", "published", "reviewed")


@dataclass
class Tally:
    """How many things are expected and how many are in each state; what is missing."""

    expected: int = 0
    entered: int = 0
    submitted: int = 0
    returned: int = 0
    validated: int = 0
    published: int = 0
    reviewed: int = 0
    # (kind, anchor of the form) of each missing thing, in the page's order.
    missing: list = field(default_factory=list)

    def count(self, kind: str, anchor: str, statuses: set) -> None:
        """One expected thing, whose entries are in ``statuses`` (empty: not entered)."""
        self.expected += 1
        if not statuses:
            self.missing.append((kind, anchor))
            return
        self.entered += 1
        self.submitted += EntryStatus.SUBMITTED in statuses
        self.returned += EntryStatus.RETURNED in statuses
        self.validated += EntryStatus.VALIDATED in statuses
        self.published += EntryStatus.PUBLISHED in statuses
        self.reviewed += bool({EntryStatus.VALIDATED, EntryStatus.PUBLISHED} & statuses)

    def __iadd__(self, other: "Tally") -> "Tally":
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missing = [*self.missing, *other.missing]
        return self

    @property
    def missing_count(self) -> int:
        return self.expected - self.entered

    @property
    def entered_percent(self) -> Decimal | None:
        """Entered things per 100 expected, rounded half up; None when nothing is expected."""
        return percent(self.entered, self.expected)

    @property
    def reviewed_percent(self) -> Decimal | None:
        return percent(self.reviewed, self.expected)

    def missing_by_kind(self) -> list[tuple[str, int, str]]:
        """(kind, how many, anchor of the first) for each kind with something missing."""
        first, counts = {}, defaultdict(int)
        for kind, anchor in self.missing:
            first.setdefault(kind, anchor)
            counts[kind] += 1
        return [(kind, counts[kind], first[kind]) for kind in KINDS if kind in counts]


def to_fill(tally: Tally) -> ToFill:
    """What is missing of ``tally``, as the entry home's « à remplir » lists show it."""
    left = ToFill(tally=tally)
    for kind, count, anchor in tally.missing_by_kind():
        setattr(left, kind, Missing(count=count, anchor=anchor))
    return left


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` per 100 of ``whole``, to the unit, half up; None when ``whole`` is 0.

    >>> percent(16, 25), percent(2, 3), percent(0, 0)
    (Decimal('64'), Decimal('67'), None)
    """
    if not whole:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP)


@dataclass
class PageCompleteness:
    """One entry page of the board: a measure (all its rows) or a row without a number."""

    axis_number: int
    axis_title: str
    measure_number: int | None
    title: str
    url: str
    agents: list = field(default_factory=list)  # (user pk, name) of the measure's editors
    tally: Tally = field(default_factory=Tally)
    # ("measure", measure pk) or ("row", row pk), as ``todo.left_to_fill`` keys its pages.
    key: tuple = ()

    def link(self, anchor: str) -> str:
        return f"{self.url}#{anchor}"


@dataclass
class Board:
    """The year's completeness: per page, per axis, per agent, and in total."""

    year: int
    pages: list
    total: Tally

    def by_axis(self) -> list[tuple[int, str, Tally]]:
        axes = {}
        for page in self.pages:
            axes.setdefault((page.axis_number, page.axis_title), Tally())
            axes[(page.axis_number, page.axis_title)] += page.tally
        return [(number, title, tally) for (number, title), tally in axes.items()]

    def by_agent(self) -> list[tuple[str, Tally]]:
        """(name, tally of their measures) of each agent named on a measure, by name."""
        agents = {}
        for page in self.pages:
            for agent in page.agents:
                agents.setdefault(agent, Tally())
                agents[agent] += page.tally
        return [(name, tally) for (_pk, name), tally in sorted(agents.items(), key=_by_name)]


def _by_name(item) -> tuple:
    (pk, name), _tally = item
    return (name.lower(), pk)


def _statuses(queryset, key: str) -> dict:
    """{key value: set of statuses} of the shown entries of ``queryset``."""
    found = defaultdict(set)
    for entry in queryset.filter(status__in=SHOWN_STATUSES).values(key, "status"):
        found[entry[key]].add(entry["status"])
    return found


def _pages(plan, year: int) -> tuple[dict, dict]:
    """The plan's entry pages in report order, and each row's page (queries: rows, editors)."""
    rows = (
        ReportRow.objects.filter(ambition__axis__plan=plan)
        .order_by("ambition__axis__number", "measure__number", "ambition__position", "position")
        .values(
            "pk",
            "title",
            "measure_id",
            "measure__number",
            "measure__title",
            "ambition__axis__number",
            "ambition__axis__title",
        )
    )
    agents = defaultdict(list)
    for link in (
        Measure.editors.through.objects.filter(measure__axis__plan=plan)
        .order_by("user__username")
        .values("measure_id", "user_id", "user__username", "user__first_name", "user__last_name")
    ):
        name = f"{link['user__first_name']} {link['user__last_name']}".strip()
        agents[link["measure_id"]].append((link["user_id"], name or link["user__username"]))
    pages, page_of_row = {}, {}
    for row in rows:
        number = row["measure__number"]
        key = ("measure", row["measure_id"]) if number else ("row", row["pk"])
        if key not in pages:
            url = (
                reverse("entry:measure", args=[number])
                if number
                else reverse("entry:row", args=[row["pk"]])
            )
            pages[key] = PageCompleteness(
                axis_number=row["ambition__axis__number"],
                axis_title=row["ambition__axis__title"],
                measure_number=number,
                title=row["measure__title"] if number else row["title"],
                url=f"{url}?annee={year}",
                agents=agents.get(row["measure_id"], []),
                key=key,
            )
        page_of_row[row["pk"]] = pages[key]
    return pages, page_of_row


def _statuses_by_thing(things, *relations: str) -> dict:
    """{pk: (set of statuses through each of ``relations``) for each thing}, in the order of
    ``things``: a thing comes once per combination of its matching entries (a left join,
    so once with None for a thing that has none), one query for the things and their
    entries together."""
    found = {}
    for thing in things.values("pk", "report_row_id", *(f"{name}__status" for name in relations)):
        _row, *statuses = found.setdefault(
            thing["pk"], (thing["report_row_id"], *(set() for _ in relations))
        )
        for name, seen in zip(relations, statuses, strict=True):
            if thing[f"{name}__status"] is not None:
                seen.add(thing[f"{name}__status"])
    return found


def _shown(relation: str, **condition) -> FilteredRelation:
    """``relation``'s entries on the board: ``condition``, in a state the board counts."""
    return FilteredRelation(
        relation,
        condition=Q(**{f"{relation}__{name}": value for name, value in condition.items()})
        & Q(**{f"{relation}__status__in": SHOWN_STATUSES}),
    )


def _count_indicators(page_of_row, plan, year: int, *, next_year_in_plan: bool) -> None:
    indicators = (
        Indicator.objects.filter(report_row__ambition__axis__plan=plan)
        .annotate(
            result=_shown("year_results", year=year),
            target=_shown("year_targets", year=year + 1),
        )
        .order_by("report_row__position", "position", "pk")
    )
    for pk, (row_pk, results, targets) in _statuses_by_thing(
        indicators, "result", "target"
    ).items():
        tally = page_of_row[row_pk].tally
        tally.count("results", anchor_for(("indicator", pk, year)), results)
        if next_year_in_plan:
            tally.count("targets", anchor_for(("indicator", pk, year + 1)), targets)


def _count_milestones(page_of_row, plan, year: int) -> None:
    milestones = (
        Milestone.objects.filter(report_row__ambition__axis__plan=plan)
        .annotate(status_of_year=_shown("statuses", year=year))
        .order_by("report_row__position", "planned_year", "position", "pk")
    )
    for pk, (row_pk, statuses) in _statuses_by_thing(milestones, "status_of_year").items():
        page_of_row[row_pk].tally.count("milestones", anchor_for(("milestone", pk, year)), statuses)


def _count_texts_and_commitments(page_of_row, plan, reporting_year, year: int) -> None:
    texts = _statuses(
        texts_that_fill_their_form(
            BilanEntry.objects.filter(reporting_year=reporting_year), plan, year
        ),
        "report_row_id",
    )
    for row_pk, page in page_of_row.items():
        page.tally.count("texts", anchor_for(("text", row_pk, year)), texts[row_pk])
    commitments = (
        Commitment.objects.filter(reporting_year=reporting_year)
        .annotate(mark=_shown("marks"))
        .order_by("report_row__position", "position", "pk")
    )
    for pk, (row_pk, marks) in _statuses_by_thing(commitments, "mark").items():
        page = page_of_row.get(row_pk)
        if page is not None:
            page.tally.count("commitments", anchor_for(("commitment", pk)), marks)


def total_of(pages) -> Tally:
    """The sum of the pages' tallies."""
    total = Tally()
    for page in pages:
        total += page.tally
    return total


def completeness_board(plan, year: int, reporting_year=None) -> Board:
    """The completeness of ``year`` for every entry page of ``plan``.

    ``reporting_year`` is year N's ``ReportingYear`` (None when N is not opened: then no
    text nor commitment is expected). Six queries at most, whatever the plan's size.
    """
    pages, page_of_row = _pages(plan, year)
    _count_indicators(page_of_row, plan, year, next_year_in_plan=year + 1 in plan.years)
    _count_milestones(page_of_row, plan, year)
    if reporting_year is not None:
        _count_texts_and_commitments(page_of_row, plan, reporting_year, year)
    return Board(year=year, pages=list(pages.values()), total=total_of(pages.values()))


def pages_for_user(board: Board, user) -> list[PageCompleteness]:
    """The board's pages ``user`` enters: their measures (every page for those who may
    enter every measure and row)."""
    if not access.can_enter_any(user):
        return []
    if access.can_enter_all(user):
        return list(board.pages)
    return [page for page in board.pages if any(pk == user.pk for pk, _n in page.agents)]


def missing_for_user(user, reporting_year) -> list[PageCompleteness]:
    """The entry pages of ``user`` that still miss something for ``reporting_year``.

    Each page's ``tally.missing_by_kind()`` says what (kind, how many, the anchor of the
    first form) and ``page.link(anchor)`` links straight to it. Empty when the agent is
    done. Six queries, whatever the plan's size.
    """
    board = completeness_board(reporting_year.plan, reporting_year.year, reporting_year)
    return [page for page in pages_for_user(board, user) if page.tally.missing_count]
