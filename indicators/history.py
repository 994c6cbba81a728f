"""The history of changes shown to staff on a measure page (django-simple-history)."""

import copy
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import F, Window
from django.db.models.functions import Lag
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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


def _subject(kind: str, record) -> str:
    if kind == "result":
        return _("Résultat %(year)s — %(label)s") % {
            "year": record.year,
            "label": record.indicator.label,
        }
    if kind == "target":
        return _("Objectif %(year)s — %(label)s") % {
            "year": record.year,
            "label": record.indicator.label,
        }
    if kind == "milestone":
        return _("Jalon %(year)s — %(title)s") % {
            "year": record.year,
            "title": record.milestone.title,
        }
    if kind == "breakdown":
        return _("Chiffres %(year)s par arrondissement — %(label)s") % {
            "year": record.year,
            "label": record.indicator.label,
        }
    if kind == "funding":
        return _("Financement %(year)s — %(source)s") % {
            "year": record.year,
            "source": record.source,
        }
    return _("Textes du bilan %(year)s — %(row)s") % {
        "year": record.reporting_year.year,
        "row": record.report_row.title,
    }


def _reason(kind: str, record) -> str:
    """Why the entry changed: a target's reason, else what the save said of itself (an
    import names its file)."""
    if kind == "target" and record.change_reason:
        return record.get_change_reason_display()
    return record.history_change_reason or ""


# What each kind of line shows of an entry's value: read again from the record before.
VALUE_FIELDS = {
    "result": ("value",),
    "target": ("value",),
    "milestone": ("progress",),
    "text": ("bilan_text", "action_plan_text", "final_text"),
    "breakdown": tuple(figure_name(n) for n in ARRONDISSEMENTS),
    "funding": ("planned", "spent"),
}
PREVIOUS = "previous_"


def _history_sources(measure: Measure) -> list[tuple[str, object]]:
    """Each kind of entry's historical records for the measure, with what a line names."""
    return [
        (
            "result",
            YearResult.history.filter(indicator__report_row__measure=measure).select_related(
                "indicator", "history_user"
            ),
        ),
        (
            "target",
            YearTarget.history.filter(indicator__report_row__measure=measure).select_related(
                "indicator", "history_user"
            ),
        ),
        (
            "milestone",
            MilestoneYearStatus.history.filter(
                milestone__report_row__measure=measure
            ).select_related("milestone", "history_user"),
        ),
        (
            "text",
            BilanEntry.history.filter(report_row__measure=measure).select_related(
                "report_row", "reporting_year", "history_user"
            ),
        ),
        (
            "breakdown",
            ArrondissementFigures.history.filter(
                indicator__report_row__measure=measure
            ).select_related("indicator", "history_user"),
        ),
        (
            "funding",
            FundingAmount.history.filter(source__report_row__measure=measure).select_related(
                "source__funder", "history_user"
            ),
        ),
    ]


def _with_previous_values(kind: str, records, limit: int):
    """The ``limit`` newest records, each with the value of the record before it for the
    same entry (``previous_…``), read by the database over the whole history: the history
    grows every year, a page shows ``limit`` lines."""
    in_entry_order = {
        "partition_by": [F("id")],
        "order_by": [F("history_date").asc(), F("history_id").asc()],
    }
    previous = {PREVIOUS + name: Window(Lag(name), **in_entry_order) for name in VALUE_FIELDS[kind]}
    previous[PREVIOUS + "history_id"] = Window(Lag("history_id"), **in_entry_order)
    return records.annotate(**previous).order_by("-history_date", "-history_id")[:limit]


def _record_before(kind: str, record):
    """The entry as it stood before ``record`` (None for its creation)."""
    if getattr(record, PREVIOUS + "history_id") is None:
        return None
    before = copy.copy(record)
    for name in VALUE_FIELDS[kind]:
        setattr(before, name, getattr(record, PREVIOUS + name))
    return before


def measure_history(measure: Measure, limit: int = HISTORY_LENGTH) -> list[HistoryLine]:
    """The ``limit`` latest changes to a measure's entries, newest first, with the value
    before: one query per kind of entry, each reading ``limit`` records at most."""
    lines = []
    for kind, records in _history_sources(measure):
        for record in _with_previous_values(kind, records, limit):
            before = _record_before(kind, record)
            lines.append(
                HistoryLine(
                    date=record.history_date,
                    user=record.history_user.get_username() if record.history_user else "—",
                    subject=_subject(kind, record),
                    change=CHANGE_TYPES.get(record.history_type, record.history_type),
                    old_value=_value_text(kind, before) if before else "",
                    new_value=_value_text(kind, record),
                    status=record.get_status_display(),
                    reason=_reason(kind, record),
                )
            )
    lines += attachment_history(measure, limit)
    return sorted(lines, key=lambda line: line.date, reverse=True)[:limit]


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


def entry_subject(entry) -> str:
    """What an entry is about, as the history names it: « Résultat 2022 — … »."""
    kind = HISTORY_KINDS[type(entry)][0]
    if kind == "commitment":
        return _("Engagement %(position)s — %(row)s") % {
            "position": entry.commitment.position,
            "row": entry.commitment.report_row.title,
        }
    return _subject(kind, entry)


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


def attachment_history(measure: Measure, limit: int = HISTORY_LENGTH) -> list[HistoryLine]:
    """The pièces attached to and removed from the measure's entries, each named with
    its entry (one query for the records, one per kind of entry they belong to)."""
    records = list(
        Attachment.history.filter(entries_where(measure=measure))
        .select_related("content_type", "history_user")
        .order_by("-history_date")[:limit]
    )
    wanted = {}
    for record in records:
        wanted.setdefault(record.content_type.model_class(), set()).add(record.object_id)
    entries = {}
    for model, pks in wanted.items():
        for entry in model._default_manager.select_related(*HISTORY_KINDS[model][1]).filter(
            pk__in=pks
        ):
            entries[model, entry.pk] = entry
    lines = []
    for record in records:
        entry = entries.get((record.content_type.model_class(), record.object_id))
        removed = record.history_type == "-"
        lines.append(
            HistoryLine(
                date=record.history_date,
                user=record.history_user.get_username() if record.history_user else "—",
                subject=_("Pièce justificative — %(entry)s")
                % {"entry": entry_subject(entry) if entry else "—"},
                change=CHANGE_TYPES.get(record.history_type, record.history_type),
                old_value=attachment_text(record) if removed else "",
                new_value="—" if removed else attachment_text(record),
                status=entry.get_status_display() if entry else "",
                reason=record.history_change_reason or "",
            )
        )
    return lines
