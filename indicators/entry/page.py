"""What the entry page shows: results and targets for N and N+1, milestone statuses,
bilan texts with their preview, commitments, a save's conflict, and the message
of the last save next to the form it was about.

A few named queries fetch the scope's entries (their count is pinned by the
tests); small shapers turn each thing to fill into a form and its ``EntrySlot``.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import render

from core.workflow import OPEN_STATUSES, EntryStatus
from indicators import access
from indicators.entry import exchanges
from indicators.entry.campaign import banner_parts, campaign_of, missing_is_late
from indicators.entry.exchanges import ExchangeKind, ThreadKey
from indicators.entry.forms import (
    BilanTextForm,
    CommitmentForm,
    IndicatorYearForm,
    MilestoneYearForm,
)
from indicators.entry.scopes import YEAR_PARAMETER, entry_years
from indicators.models import Indicator, Milestone, MilestoneYearStatus, YearResult, YearTarget
from measures.models import BilanEntry, Commitment, CommitmentMark, ReportingYear

SHOWN_STATUSES = (*OPEN_STATUSES, EntryStatus.PUBLISHED)
ANCHOR_PREFIXES = {
    "indicator": "indicateur",
    "milestone": "jalon",
    "text": "texte",
    "commitment": "engagement",
}


def anchor_for(key: tuple) -> str:
    """The id of the page's form ``key``: ("indicator", 12, 2023) → « indicateur-12-2023 »."""
    kind, *rest = key
    return "-".join([ANCHOR_PREFIXES[kind], *map(str, rest)])


def notice_anchor(anchor: str) -> str:
    """The id of the message shown in the form ``anchor`` after a save."""
    return f"{anchor}-message"


@dataclass
class EntrySlot:
    """One thing to fill for a year: the form, the entries behind it, what is missing."""

    form: object
    year: int
    anchor: str = ""
    notices: list = field(default_factory=list)
    open_entries: list = field(default_factory=list)
    published_entries: list = field(default_factory=list)
    missing: bool = False
    editable: bool = True
    preview: dict | None = None
    conflict: str = ""
    # The internal threads (« Échanges ») of the slot's entries.
    threads: list = field(default_factory=list)

    @property
    def open_states(self):
        return [entry for entry in self.open_entries if entry is not None]


@dataclass(frozen=True)
class Posted:
    """What a POST puts back on the page: forms as typed, a conflict, a text preview,
    and the messages of a save, by the anchor of the form they are about.

    ``bound`` maps a form's key to the form; ``conflict`` and ``preview`` are
    (key, message) and (key, rendered texts) pairs.
    """

    bound: dict = field(default_factory=dict)
    conflict: tuple | None = None
    preview: tuple | None = None
    notices: dict = field(default_factory=dict)

    def form(self, key, make_form):
        return self.bound.get(key) or make_form()

    def conflict_for(self, key) -> str:
        return self.conflict[1] if self.conflict and self.conflict[0] == key else ""

    def preview_for(self, key):
        return self.preview[1] if self.preview and self.preview[0] == key else None

    def notices_for(self, key) -> list:
        return self.notices.get(anchor_for(key), [])


def messages_by_anchor(request) -> dict:
    """The request's messages, by the anchor of the form they are about ('' for none)."""
    grouped = {}
    for message in messages.get_messages(request):
        grouped.setdefault(message.extra_tags or "", []).append(message)
    return grouped


def split_entries(entries):
    """(open entry, published entry) among the entries of one key."""
    open_entry = next((e for e in entries if e.status in OPEN_STATUSES), None)
    published = next((e for e in entries if e.status == EntryStatus.PUBLISHED), None)
    return open_entry, published


# --- Queries ----------------------------------------------------------------------------


def indicators_with_values(row_ids, years) -> list:
    """The rows' indicators, each with its shown targets and results for ``years``."""
    value_filter = {"year__in": years, "status__in": SHOWN_STATUSES}
    return list(
        Indicator.objects.filter(report_row__in=row_ids)
        .select_related("report_row__measure")
        .prefetch_related(
            Prefetch("year_targets", queryset=YearTarget.objects.filter(**value_filter)),
            Prefetch("year_results", queryset=YearResult.objects.filter(**value_filter)),
        )
        .order_by("report_row__position", "position")
    )


def milestones_with_statuses(row_ids, years) -> list:
    """The rows' milestones, each with its shown statuses for ``years``."""
    value_filter = {"year__in": years, "status__in": SHOWN_STATUSES}
    return list(
        Milestone.objects.filter(report_row__in=row_ids)
        .select_related("report_row__measure")
        .prefetch_related(
            Prefetch("statuses", queryset=MilestoneYearStatus.objects.filter(**value_filter))
        )
        .order_by("report_row__position", "planned_year", "position")
    )


def bilan_entries(plan, row_ids, year):
    """(texts, commitments, reporting year) of the rows for the bilan of ``year``."""
    # The reporting year comes with its texts or its commitments; asked on its own
    # only when the year has neither.
    year_filter = {"reporting_year__plan": plan, "reporting_year__year": year}
    texts = list(
        BilanEntry.objects.filter(
            report_row__in=row_ids, status__in=SHOWN_STATUSES, **year_filter
        ).select_related("reporting_year")
    )
    commitments = list(
        Commitment.objects.filter(report_row__in=row_ids, **year_filter)
        .select_related("reporting_year")
        .prefetch_related(
            Prefetch("marks", queryset=CommitmentMark.objects.filter(status__in=SHOWN_STATUSES))
        )
    )
    known = [entry.reporting_year for entry in (*texts, *commitments)]
    reporting_year = (
        known[0] if known else ReportingYear.objects.filter(plan=plan, year=year).first()
    )
    return texts, commitments, reporting_year


# --- Shapers: one form and its slot per thing to fill -----------------------------------


def indicator_slot(indicator, slot_year: int, page_year: int, posted: Posted) -> EntrySlot:
    """An indicator's result and target for the page's year (missing: its result), or the
    next year's target alone (missing: that target)."""
    with_result = slot_year == page_year
    open_result, published_result = split_entries(
        [r for r in indicator.year_results.all() if r.year == slot_year] if with_result else []
    )
    open_target, published_target = split_entries(
        [t for t in indicator.year_targets.all() if t.year == slot_year]
    )
    key = ("indicator", indicator.pk, slot_year)
    form = posted.form(
        key,
        lambda: IndicatorYearForm(
            initial=IndicatorYearForm.initial_for(
                open_result, published_result, open_target, published_target
            ),
            indicator=indicator,
            year=slot_year,
            published_target=published_target,
            with_result=with_result,
        ),
    )
    missing = (
        (open_result or published_result) is None
        if with_result
        else (open_target or published_target) is None
    )
    return EntrySlot(
        form=form,
        year=slot_year,
        anchor=anchor_for(key),
        notices=posted.notices_for(key),
        open_entries=[open_result, open_target],
        published_entries=[published_result, published_target],
        missing=missing,
        editable=all(e is None or e.is_editable for e in (open_result, open_target)),
        conflict=posted.conflict_for(key),
        threads=exchanges.indicator_threads(indicator, slot_year, with_result, posted.bound),
    )


def _thread(key: ThreadKey, name: str, posted: Posted):
    return exchanges.new_thread(key, exchanges.subject_phrase(key, name), posted.bound)


def milestone_slot(milestone, year: int, posted: Posted) -> EntrySlot:
    open_status, published_status = split_entries(
        [s for s in milestone.statuses.all() if s.year == year]
    )
    current = open_status or published_status
    key = ("milestone", milestone.pk, year)
    form = posted.form(
        key,
        lambda: MilestoneYearForm(
            initial={
                "progress": current.progress if current else None,
                "note": current.note if current else "",
                "revision": open_status.revision if open_status else None,
            },
            milestone=milestone,
            year=year,
        ),
    )
    return EntrySlot(
        form=form,
        year=year,
        anchor=anchor_for(key),
        notices=posted.notices_for(key),
        open_entries=[open_status],
        published_entries=[published_status],
        missing=current is None,
        editable=open_status is None or open_status.is_editable,
        conflict=posted.conflict_for(key),
        threads=[
            _thread(ThreadKey(ExchangeKind.MILESTONE, milestone.pk, year), milestone.title, posted)
        ],
    )


def text_slot(row, texts, reporting_year, year: int, posted: Posted) -> EntrySlot:
    open_text, published_text = split_entries([t for t in texts if t.report_row_id == row.pk])
    current = open_text or published_text
    key = ("text", row.pk, year)
    form = posted.form(
        key,
        lambda: BilanTextForm(
            initial={
                "bilan_text": current.bilan_text if current else "",
                "action_plan_text": current.action_plan_text if current else "",
                "revision": open_text.revision if open_text else None,
            },
            report_row=row,
            reporting_year=reporting_year,
        ),
    )
    return EntrySlot(
        form=form,
        year=year,
        anchor=anchor_for(key),
        notices=posted.notices_for(key),
        open_entries=[open_text],
        published_entries=[published_text],
        missing=current is None,
        editable=open_text is None or open_text.is_editable,
        preview=posted.preview_for(key),
        conflict=posted.conflict_for(key),
        threads=[_thread(ThreadKey(ExchangeKind.TEXT, row.pk, year), row.title, posted)],
    )


def commitment_slot(commitment, row, posted: Posted) -> EntrySlot:
    """A commitment's mark: its form, its open and published marks; missing while it has none."""
    open_mark, published_mark = split_entries(commitment.marks.all())
    current = open_mark or published_mark
    key = ("commitment", commitment.pk)
    form = posted.form(
        key,
        lambda: CommitmentForm(
            initial={
                "outcome": current.outcome if current else "",
                "comment": current.comment if current else "",
                "revision": open_mark.revision if open_mark else None,
            },
            commitment=commitment,
        ),
    )
    return EntrySlot(
        form=form,
        year=commitment.reporting_year.year,
        anchor=anchor_for(key),
        notices=posted.notices_for(key),
        open_entries=[open_mark],
        published_entries=[published_mark],
        missing=current is None,
        editable=open_mark is None or open_mark.is_editable,
        conflict=posted.conflict_for(key),
        threads=[exchanges.commitment_thread(commitment, row, posted.bound)],
    )


def page_slots(context) -> list:
    """Every slot of the page's context."""
    return [
        *(slot for _i, slots in context["indicator_blocks"] for slot in slots),
        *(slot for _m, slot in context["milestone_blocks"]),
        *(slot for _r, _c, slot in context["text_blocks"]),
        *(slot for _r, commitments, _s in context["text_blocks"] for _c, slot in commitments),
    ]


def missing_count(indicator_blocks, milestone_blocks, text_blocks) -> int:
    """How many things on the page are still to fill."""
    count = sum(slot.missing for _i, slots in indicator_blocks for slot in slots)
    count += sum(slot.missing for _m, slot in milestone_blocks)
    count += sum(slot.missing for _r, _c, slot in text_blocks)
    count += sum(slot.missing for _r, marks, _s in text_blocks for _c, slot in marks)
    return count


# --- The page ---------------------------------------------------------------------------


def entry_context(request, plan, rows, year, *, title, posted: Posted) -> dict:
    """Everything the entry page shows; ``posted`` puts back what a POST brought."""
    years = entry_years(plan, year)
    row_ids = [row.pk for row in rows]
    indicators = indicators_with_values(row_ids, years)
    milestones = milestones_with_statuses(row_ids, years)
    texts, commitments, reporting_year = bilan_entries(plan, row_ids, year)
    indicator_blocks = [
        (indicator, [indicator_slot(indicator, y, year, posted) for y in years])
        for indicator in indicators
    ]
    milestone_blocks = [(m, milestone_slot(m, year, posted)) for m in milestones]
    text_blocks = [
        (
            row,
            [
                (c, commitment_slot(c, row, posted))
                for c in commitments
                if c.report_row_id == row.pk
            ],
            text_slot(row, texts, reporting_year, year, posted),
        )
        for row in (rows if reporting_year is not None else [])
    ]
    blocks = {"indicator_blocks": indicator_blocks, "milestone_blocks": milestone_blocks}
    slots = page_slots(blocks | {"text_blocks": text_blocks})
    # Every thread of the page in one query.
    exchanges.fill_threads([t for slot in slots for t in slot.threads], posted.notices)
    return {
        "plan": plan,
        "title": title,
        "selected_year": year,
        "plan_years": list(plan.years),
        "year_parameter": YEAR_PARAMETER,
        "entry_years": years,
        "reporting_year": reporting_year,
        "indicator_blocks": indicator_blocks,
        "milestone_blocks": milestone_blocks,
        "text_blocks": text_blocks,
        "missing_count": missing_count(indicator_blocks, milestone_blocks, text_blocks),
        "can_review": access.can_review(request.user),
    }


def render_entry_page(request, plan, scope, year, *, bound=None, conflict=None, preview=None):
    """The scope's entry page for ``year``; after a POST, 400 with the typed forms,
    409 with a conflict, 200 with a preview."""
    notices = messages_by_anchor(request)
    posted = Posted(bound=bound or {}, conflict=conflict, preview=preview, notices=notices)
    context = entry_context(request, plan, scope.rows, year, title=scope.title, posted=posted)
    context["scope"] = scope
    # The year's reporting year came with the page's texts: the banner costs no query.
    campaign = (
        campaign_of(plan, year, context["reporting_year"]) if context["reporting_year"] else None
    )
    context["campaign_banner"], context["late"] = banner_parts(campaign), missing_is_late(campaign)
    # A message about a form of the page is shown in that form; the others, at the top.
    slots = page_slots(context)
    shown = {slot.anchor for slot in slots} | {t.anchor for s in slots for t in s.threads}
    context["messages"] = [
        m for anchor, group in notices.items() if anchor not in shown for m in group
    ]
    status = 409 if conflict else 400 if bound and not preview else 200
    # The page's title then starts with « Erreur », the first thing a screen reader says.
    context["page_has_errors"] = status != 200
    return render(request, "indicators/entry/form.html", context, status=status)
