"""The history of changes shown to staff on a measure page (django-simple-history)."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import CharField, F, Value, Window
from django.db.models.functions import Lag
from django.template.defaultfilters import filesizeformat
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core.formatting import format_quantity
from measures.funding import amounts_phrase
from measures.markup import markup_to_plain_text
from measures.models import BilanEntry, CommitmentMark, FundingAmount, Measure

from .models import (
    ARRONDISSEMENTS,
    ArrondissementFigures,
    Attachment,
    MilestoneYearStatus,
    YearResult,
    YearTarget,
    figure_name,
    figures_phrase,
)
from .models.attachments import ATTACHABLE, entries_where

CHANGE_TYPES = {
    "+": gettext_lazy("création"),
    "~": gettext_lazy("modification"),
    "-": gettext_lazy("suppression"),
}
HISTORY_LENGTH = 50


@dataclass(frozen=True)
class HistoryLine:
    date: datetime
    user: str
    subject: str
    change: str
    old_value: str
    new_value: str
    status: str
    reason: str
    # For a page: the subject with the plan's own words marked French, and whether the
    # values are French words (a count with its unit, a text) rather than translated ones.
    subject_html: str = ""
    values_in_french: bool = False


# The kinds whose values read as French whatever the page's language: « 74 logements ».
FRENCH_VALUES = frozenset({"result", "target", "text"})


def _value_text(kind: str, record) -> str:
    if kind in ("result", "target"):
        return format_quantity(record.value, record.indicator.unit_forms)
    if kind == "milestone":
        return record.get_progress_display()
    if kind == "funding":
        return amounts_phrase(record.planned, record.spent)
    if kind == "breakdown":
        figures = {n: getattr(record, figure_name(n)) for n in ARRONDISSEMENTS}
        return figures_phrase(figures)
    # The first of the texts written: a row may have only its plan d'action or, in the
    # plan's last year, only its final bilan.
    text = record.bilan_text or record.action_plan_text or record.final_text
    return markup_to_plain_text(text)[:120]


def _subject_parts(kind: str, record) -> tuple[str, dict, str]:
    """What a line is about: the translated pattern, its values, and which of them is the
    plan's own words (a label, a title: written in French whatever the page's language)."""
    if kind in ("result", "target", "breakdown"):
        pattern = {
            "result": _("Résultat %(year)s — %(label)s"),
            "target": _("Objectif %(year)s — %(label)s"),
            "breakdown": _("Chiffres %(year)s par arrondissement — %(label)s"),
        }[kind]
        return pattern, {"year": record.year, "label": record.indicator.label}, "label"
    if kind == "milestone":
        values = {"year": record.year, "title": record.milestone.title}
        return _("Jalon %(year)s — %(title)s"), values, "title"
    if kind == "funding":
        values = {"year": record.year, "source": str(record.source)}
        return _("Financement %(year)s — %(source)s"), values, "source"
    values = {"year": record.reporting_year.year, "row": record.report_row.title}
    return _("Textes du bilan %(year)s — %(row)s"), values, "row"


def _subject(kind: str, record) -> str:
    pattern, values, _french = _subject_parts(kind, record)
    return pattern % values


def _subject_html(kind: str, record) -> str:
    """``_subject`` for a page: the plan's own words marked French (RGAA 8.7)."""
    pattern, values, french = _subject_parts(kind, record)
    return in_page(pattern, values, french)


def in_page(pattern: str, values: dict, french: str) -> str:
    """``pattern % values`` escaped, with ``values[french]`` in a ``<span lang="fr">`` on a
    page in another language than French."""
    marked = not (get_language() or "fr").startswith("fr")
    shown = {
        name: (
            format_html('<span lang="fr">{}</span>', value)
            if marked and name == french
            else escape(value)
        )
        for name, value in values.items()
    }
    return mark_safe(escape(pattern) % shown)  # every part escaped above


def _reason(kind: str, record) -> str:
    """Why the entry changed: a target's reason, else what the save said of itself (an
    import names its file)."""
    if kind == "target" and record.change_reason:
        return record.get_change_reason_display()
    return record.history_change_reason or ""


def _history_sources(measure: Measure) -> dict[str, object]:
    """Each kind of entry's historical records for the measure, with what a line names."""
    return {
        "result": YearResult.history.filter(indicator__report_row__measure=measure).select_related(
            "indicator", "history_user"
        ),
        "target": YearTarget.history.filter(indicator__report_row__measure=measure).select_related(
            "indicator", "history_user"
        ),
        "milestone": MilestoneYearStatus.history.filter(
            milestone__report_row__measure=measure
        ).select_related("milestone", "history_user"),
        "text": BilanEntry.history.filter(report_row__measure=measure).select_related(
            "report_row", "reporting_year", "history_user"
        ),
        "breakdown": ArrondissementFigures.history.filter(
            indicator__report_row__measure=measure
        ).select_related("indicator", "history_user"),
        "funding": FundingAmount.history.filter(source__report_row__measure=measure).select_related(
            "source__funder", "history_user"
        ),
        ATTACHMENT: Attachment.history.filter(entries_where(measure=measure)).select_related(
            "content_type", "history_user"
        ),
    }


ATTACHMENT = "attachment"


def _changes(kind: str, records):
    """(kind, record id, date, id of the record before it for the same entry): the
    record before is found by the database over the whole history."""
    return (
        records.order_by()
        .annotate(
            kind=Value(kind, output_field=CharField()),
            previous_history_id=Window(
                Lag("history_id"),
                partition_by=[F("id")],
                order_by=[F("history_date").asc(), F("history_id").asc()],
            ),
        )
        .values_list("kind", "history_id", "history_date", "previous_history_id")
    )


@dataclass(frozen=True)
class HistoryPage:
    """One page of a measure's history, newest first."""

    lines: list[HistoryLine]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def history_page(measure: Measure, number: int = 1, size: int = HISTORY_LENGTH) -> HistoryPage:
    """The ``number``-th ``size`` changes to a measure's entries, newest first, each with
    the value it replaced: one query for the page's changes (every kind of entry in one
    ordered list), then one per kind of entry on the page. However long the history has
    grown over the years, a page reads its own lines only."""
    sources = _history_sources(measure)
    kinds = iter(sources.items())
    first_kind, first_records = next(kinds)
    changes = _changes(first_kind, first_records).union(
        *(_changes(kind, records) for kind, records in kinds), all=True
    )
    offset = (number - 1) * size
    page = list(changes.order_by("-history_date", "-history_id")[offset : offset + size + 1])
    has_next = len(page) > size
    page = page[:size]
    wanted = {}
    for kind, history_id, _date, previous_id in page:
        wanted.setdefault(kind, set()).update({history_id, previous_id} - {None})
    records = {
        (kind, record.history_id): record
        for kind, ids in wanted.items()
        for record in sources[kind].filter(history_id__in=ids)
    }
    entries = _attachment_entries(
        records[ATTACHMENT, history_id] for kind, history_id, *_ in page if kind == ATTACHMENT
    )
    lines = []
    for kind, history_id, _date, previous_id in page:
        record = records[kind, history_id]
        if kind == ATTACHMENT:
            lines.append(_attachment_line(record, entries))
            continue
        before = records.get((kind, previous_id))
        lines.append(
            HistoryLine(
                date=record.history_date,
                user=record.history_user.get_username() if record.history_user else "—",
                subject=_subject(kind, record),
                subject_html=_subject_html(kind, record),
                values_in_french=kind in FRENCH_VALUES,
                change=CHANGE_TYPES.get(record.history_type, record.history_type),
                old_value=_value_text(kind, before) if before else "",
                new_value=_value_text(kind, record),
                status=record.get_status_display(),
                reason=_reason(kind, record),
            )
        )
    return HistoryPage(lines=lines, number=number, has_next=has_next)


# --- Pièces justificatives ------------------------------------------------------------------

# An entry's kind in the history's words, by model; what its subject reads, fetched with it.
HISTORY_KINDS = {
    YearResult: ("result", ("indicator",)),
    YearTarget: ("target", ("indicator",)),
    MilestoneYearStatus: ("milestone", ("milestone",)),
    BilanEntry: ("text", ("report_row", "reporting_year")),
    ArrondissementFigures: ("breakdown", ("indicator",)),
    FundingAmount: ("funding", ("source__funder",)),
    CommitmentMark: ("commitment", ("commitment__report_row",)),
}


def _entry_subject_parts(entry) -> tuple[str, dict, str]:
    kind = HISTORY_KINDS[type(entry)][0]
    if kind == "commitment":
        values = {"position": entry.commitment.position, "row": entry.commitment.report_row.title}
        return _("Engagement %(position)s — %(row)s"), values, "row"
    return _subject_parts(kind, entry)


def entry_subject(entry) -> str:
    """What an entry is about, as the history names it: « Résultat 2022 — … »."""
    pattern, values, _french = _entry_subject_parts(entry)
    return pattern % values


def entry_subject_html(entry) -> str:
    """``entry_subject`` for a page, the plan's own words marked French."""
    return in_page(*_entry_subject_parts(entry))


def entry_querysets(*, with_rows: bool = False) -> list:
    """One queryset per attachable model, with what ``entry_subject`` reads (and the
    entry's report row with its measure, ``with_rows``)."""
    querysets = []
    for model, (_kind, related) in HISTORY_KINDS.items():
        row_path = ATTACHABLE[(model._meta.app_label, model._meta.model_name)][0]
        rows = (f"{row_path}__measure",) if with_rows else ()
        querysets.append(model._default_manager.select_related(*related, *rows))
    return querysets


def with_entries(attachments, *, with_rows: bool = False):
    """``attachments`` with their entries (``attachment.entry``), described without one
    more query each: one per kind of entry among them."""
    return attachments.prefetch_related(
        GenericPrefetch("entry", entry_querysets(with_rows=with_rows))
    )


def attachment_text(record) -> str:
    """« Convention signée (PDF, 120 Ko, public) »"""
    return _("%(title)s (%(type)s, %(size)s, %(visibility)s)") % {
        "title": record.title,
        "type": record.file.rpartition(".")[2].upper(),
        "size": filesizeformat(record.size),
        "visibility": record.get_visibility_display(),
    }


def _attachment_entries(records) -> dict:
    """The entries the pièces of ``records`` belong to, by (model, pk): one query per kind
    of entry among them."""
    wanted = {}
    for record in records:
        wanted.setdefault(record.content_type.model_class(), set()).add(record.object_id)
    entries = {}
    for model, pks in wanted.items():
        for entry in model._default_manager.select_related(*HISTORY_KINDS[model][1]).filter(
            pk__in=pks
        ):
            entries[model, entry.pk] = entry
    return entries


def _attachment_line(record, entries: dict) -> HistoryLine:
    """A pièce attached to or removed from an entry, named with its entry."""
    entry = entries.get((record.content_type.model_class(), record.object_id))
    removed = record.history_type == "-"
    pattern = _("Pièce justificative — %(entry)s")
    return HistoryLine(
        date=record.history_date,
        user=record.history_user.get_username() if record.history_user else "—",
        subject=pattern % {"entry": entry_subject(entry) if entry else "—"},
        subject_html=mark_safe(  # the pattern escaped, the entry's subject too
            escape(pattern) % {"entry": entry_subject_html(entry) if entry else "—"}
        ),
        change=CHANGE_TYPES.get(record.history_type, record.history_type),
        old_value=attachment_text(record) if removed else "",
        new_value="—" if removed else attachment_text(record),
        status=entry.get_status_display() if entry else "",
        reason=record.history_change_reason or "",
    )
