"""The forms of the entry page, one ``EntrySlot`` per thing to fill for a year.

Each shaper turns an indicator's year, a milestone's year, a row's texts or a
commitment into its form (as posted, when a POST put it back: ``Posted``), its
open and published entries, what is missing, and the phrase that names it for
its buttons (« Enregistrer le brouillon », « Soumettre »): on a page of many
forms each button says which one it acts on.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.workflow import OPEN_STATUSES, EntryStatus
from indicators.entry import exchanges
from indicators.entry.exchanges import ExchangeKind, ThreadKey
from indicators.entry.forms import IndicatorYearForm, MilestoneYearForm
from indicators.entry.text_forms import BilanTextForm, CommitmentForm

SHOWN_STATUSES = (*OPEN_STATUSES, EntryStatus.PUBLISHED)
ANCHOR_PREFIXES = {
    "indicator": "indicateur",
    "milestone": "jalon",
    "text": "texte",
    "commitment": "engagement",
    "funding": "financement",
    "breakdown": "arrondissements",
}


def anchor_for(key: tuple) -> str:
    """The id of the page's form ``key``: ("indicator", 12, 2023) → « indicateur-12-2023 »."""
    kind, *rest = key
    return "-".join([ANCHOR_PREFIXES[kind], *map(str, rest)])


def notice_anchor(anchor: str) -> str:
    """The id of the message about the form ``anchor``: after a save, what was saved;
    after a refused post, the error summary, the conflict or the preview.

    The form posts to it and a save redirects to it: the page opens there and, the
    message being focusable, the browser gives it the focus, so that a screen reader
    reads it at once.
    """
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
    # What the form saves, and what each of its open entries is, in a phrase:
    # « le résultat 2023 de l'indicateur « … » ».
    subject: str = ""
    entry_subjects: list = field(default_factory=list)

    @property
    def open_states(self) -> list:
        """(entry, phrase) of the slot's open entries: the phrase names its « Soumettre »."""
        return [
            (entry, subject)
            for entry, subject in zip(self.open_entries, self.entry_subjects, strict=True)
            if entry is not None
        ]


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
        # A form just posted shows what became of that post, not an older message.
        return [] if key in self.bound else self.notices.get(anchor_for(key), [])


def split_entries(entries):
    """(open entry, published entry) among the entries of one key."""
    open_entry = next((e for e in entries if e.status in OPEN_STATUSES), None)
    published = next((e for e in entries if e.status == EntryStatus.PUBLISHED), None)
    return open_entry, published


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
    # Its threads are named like its entries: the result's, then the target's.
    threads = exchanges.indicator_threads(indicator, slot_year, with_result, posted.bound)
    result_subject = str(threads[0].subject) if with_result else ""
    target_subject = str(threads[-1].subject)
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
        threads=threads,
        subject=(
            _("le résultat %(year)s et l'objectif %(year)s de l'indicateur « %(name)s »")
            % {"year": slot_year, "name": indicator.label}
            if with_result
            else target_subject
        ),
        entry_subjects=[result_subject, target_subject],
    )


def _thread(key: ThreadKey, name: str, posted: Posted):
    return exchanges.new_thread(key, exchanges.subject_phrase(key, name), posted.bound)


def _single(slot: EntrySlot) -> EntrySlot:
    """A slot of one entry is named like its thread."""
    slot.subject = str(slot.threads[0].subject)
    slot.entry_subjects = [slot.subject]
    return slot


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
    return _single(
        EntrySlot(
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
                _thread(
                    ThreadKey(ExchangeKind.MILESTONE, milestone.pk, year), milestone.title, posted
                )
            ],
        )
    )


def text_slot(row, texts, reporting_year, plan, posted: Posted) -> EntrySlot:
    open_text, published_text = split_entries([t for t in texts if t.report_row_id == row.pk])
    current = open_text or published_text
    year = reporting_year.year
    key = ("text", row.pk, year)
    form = posted.form(
        key,
        lambda: BilanTextForm(
            initial={
                "bilan_text": current.bilan_text if current else "",
                "action_plan_text": current.action_plan_text if current else "",
                "final_text": current.final_text if current else "",
                "revision": open_text.revision if open_text else None,
            },
            report_row=row,
            reporting_year=reporting_year,
            plan=plan,
        ),
    )
    return _single(
        EntrySlot(
            form=form,
            year=year,
            anchor=anchor_for(key),
            notices=posted.notices_for(key),
            open_entries=[open_text],
            published_entries=[published_text],
            # In the plan's last year, the final bilan's text is part of what to fill
            # (``measures.texts.texts_that_fill_their_form``).
            missing=current is None or (year == plan.end_year and not current.final_text),
            editable=open_text is None or open_text.is_editable,
            preview=posted.preview_for(key),
            conflict=posted.conflict_for(key),
            threads=[_thread(ThreadKey(ExchangeKind.TEXT, row.pk, year), row.title, posted)],
        )
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
    return _single(
        EntrySlot(
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
    )
