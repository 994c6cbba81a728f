"""The review queue: the entries waiting for a reviewer, and acting on a batch of them."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from core.entries import transition
from core.formatting import format_quantity
from core.workflow import PUBLISH, RETURN, VALIDATE, EntryStatus, WorkflowError
from indicators.entry.kinds import ENTRY_KINDS, entry_row
from indicators.models import MilestoneYearStatus, YearResult, YearTarget
from measures.models import BilanEntry, ReportRow

REVIEW_ACTIONS = {"valider": VALIDATE, "publier": PUBLISH, "renvoyer": RETURN}


@dataclass(frozen=True)
class QueueItem:
    kind: str
    entry: object
    row: ReportRow
    label: str
    shown_value: str
    published_value: str

    @property
    def token(self) -> str:
        return f"{self.kind}:{self.entry.pk}"


def describe(kind: str, entry) -> tuple[str, str]:
    """(what the entry is about, its value) for the review queue."""
    if kind in ("resultat", "objectif"):
        return (
            f"{entry.indicator.label} — {entry.year}",
            format_quantity(entry.value, entry.indicator.unit),
        )
    if kind == "jalon":
        return f"{entry.milestone.title} — {entry.year}", entry.get_progress_display()
    return (
        _("Textes du bilan %(year)s — %(row)s")
        % {"year": entry.reporting_year.year, "row": entry.report_row.title},
        entry.bilan_text[:160],
    )


def entry_key(entry) -> tuple:
    """The key of an entry as plain values (ids and years)."""
    meta = type(entry)._meta
    return tuple(
        getattr(entry, meta.get_field(name).attname) for name in type(entry).entry_key_fields
    )


def queue_querysets() -> dict:
    """Each kind's entries with what the queue shows of them."""
    return {
        "resultat": YearResult.objects.select_related(
            "indicator__report_row__measure", "entered_by"
        ),
        "objectif": YearTarget.objects.select_related(
            "indicator__report_row__measure", "entered_by"
        ),
        "jalon": MilestoneYearStatus.objects.select_related(
            "milestone__report_row__measure", "entered_by"
        ),
        "texte": BilanEntry.objects.select_related(
            "report_row__measure", "reporting_year", "entered_by"
        ),
    }


def published_by_key(kind: str, entries: list) -> dict:
    """The published values ``entries`` would replace, by key."""
    if not entries:
        return {}
    model = ENTRY_KINDS[kind]
    first_key = model._meta.get_field(model.entry_key_fields[0]).attname
    candidates = model.objects.filter(
        status=EntryStatus.PUBLISHED,
        **{f"{first_key}__in": {getattr(e, first_key) for e in entries}},
    )
    if kind in ("resultat", "objectif"):
        candidates = candidates.select_related("indicator")
    return {entry_key(old): old for old in candidates}


def review_items(statuses) -> list[QueueItem]:
    """The entries in ``statuses``, oldest change first within each kind."""
    items = []
    for kind, queryset in queue_querysets().items():
        entries = list(queryset.filter(status__in=statuses).order_by("updated_at"))
        published = published_by_key(kind, entries)
        for entry in entries:
            label, shown = describe(kind, entry)
            old = published.get(entry_key(entry))
            items.append(
                QueueItem(
                    kind=kind,
                    entry=entry,
                    row=entry_row(entry),
                    label=label,
                    shown_value=shown,
                    published_value=describe(kind, old)[1] if old else "",
                )
            )
    return items


def submitted_count() -> int:
    """How many entries wait for validation."""
    return sum(
        model.objects.filter(status=EntryStatus.SUBMITTED).count()
        for model in (YearResult, YearTarget, MilestoneYearStatus, BilanEntry)
    )


def review_batch(tokens: list[str], action: str, *, user, note: str) -> None:
    """Apply ``action`` to every entry of ``tokens`` ("kind:pk"), all or nothing.

    One refused entry (``WorkflowError``) leaves every other as it was.
    """
    with transaction.atomic():
        for token in tokens:
            kind, _sep, raw_pk = token.partition(":")
            if kind not in ENTRY_KINDS or not (raw_pk.isascii() and raw_pk.isdigit()):
                raise WorkflowError(_("Saisie inconnue."))
            transition(ENTRY_KINDS[kind], int(raw_pk), action, user=user, note=note)
