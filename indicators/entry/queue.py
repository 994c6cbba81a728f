"""The review queue: the entries waiting for a reviewer, and acting on a batch of them.

The queue shows a reviewer everything they approve: what each line is (a result, a
target, a milestone status, the bilan and plan d'action texts, a commitment's outcome
with the commitment in full), for which measure and year, the new value against the
published one it replaces, its date, source, comment and note, and who entered it and
when. It reads each kind of entry in one query (published values and entry dates are
subqueries), so the page costs the same whatever the number of entries.
"""

from dataclasses import dataclass, replace

from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery, Value
from django.utils.translation import gettext as _

from core.entries import transition
from core.workflow import PUBLISH, RETURN, VALIDATE, EntryStatus, WorkflowError
from indicators.dashboard.french_parts import french
from indicators.entry.breakdowns import FIGURE_FIELDS
from indicators.entry.kinds import ENTRY_KINDS
from indicators.entry.queue_items import ITEM_BUILDERS, KIND_ORDER, QUEUE_KIND_LABELS, QueueItem
from indicators.entry.queue_labels import distinguish
from measures.models import ReportRow

# Named here too: the queue's page and the workflow's mail read them from the queue.
__all__ = ["QUEUE_KIND_LABELS", "QueueItem"]

# The one-step action: validate then publish each entry, all or nothing.
VALIDATE_AND_PUBLISH = "validate_and_publish"
REVIEW_ACTIONS = {
    "valider": VALIDATE,
    "publier": PUBLISH,
    "valider-publier": VALIDATE_AND_PUBLISH,
    "renvoyer": RETURN,
}
ACTION_STEPS = {VALIDATE_AND_PUBLISH: (VALIDATE, PUBLISH)}

QUEUE_STATUSES = (EntryStatus.SUBMITTED, EntryStatus.VALIDATED)


# The published fields each kind shows as « old value » (read by subqueries).
PUBLISHED_FIELDS = {
    "resultat": ("value",),
    "objectif": ("value", "comparator"),
    "jalon": ("progress",),
    "texte": ("bilan_text", "action_plan_text", "final_text"),
    "engagement": ("outcome", "comment"),
    "financement": ("planned", "spent"),
    # 20 subqueries in the one query of the kind: its lines are few (one per indicator
    # broken down and year).
    "arrondissements": FIGURE_FIELDS,
}
# What else each kind's line shows, for select_related.
EXTRA_RELATED = {
    "texte": ["reporting_year"],
    "engagement": ["commitment__reporting_year"],
    "financement": ["source__funder"],
    "arrondissements": ["indicator"],
}
# The path from each kind's entry to its report row, for select_related.
ROW_PATHS = {
    "resultat": "indicator__report_row",
    "objectif": "indicator__report_row",
    "jalon": "milestone__report_row",
    "texte": "report_row",
    "engagement": "commitment__report_row",
    "financement": "source__report_row",
    "arrondissements": "indicator__report_row",
}
# Each kind's year, for ordering the lines without building them.
YEAR_PATHS = {
    "texte": "reporting_year__year",
    "engagement": "commitment__reporting_year__year",
}


def _published(model, name: str) -> Subquery:
    """The ``name`` field of the published entry with the same key as the outer entry."""
    same_key = {key: OuterRef(key) for key in model.entry_key_fields}
    return Subquery(
        model._default_manager.filter(status=EntryStatus.PUBLISHED, **same_key).values(name)[:1]
    )


def _entered_at(model) -> Subquery:
    """When the entry's values were last saved: its newest draft record in the history.

    Every save of values is a draft (``core.entries.save_entry``); the workflow's
    steps are not, so this is the time of the entry, not of its submission.
    """
    history = model.history.model
    return Subquery(
        history.objects.filter(id=OuterRef("pk"), status=EntryStatus.DRAFT)
        .order_by("-history_date")
        .values("history_date")[:1]
    )


def queue_querysets(statuses=QUEUE_STATUSES, plan=None) -> dict:
    """Each kind's entries in ``statuses`` with what the queue shows of them, one query each;
    those of ``plan`` only when given (a queue never mixes plans)."""
    querysets = {}
    for kind, model in ENTRY_KINDS.items():
        row = ROW_PATHS[kind]
        of_plan = {f"{row}__ambition__axis__plan": plan} if plan is not None else {}
        related = [f"{row}__measure", f"{row}__ambition__axis", "entered_by", "reviewed_by"]
        related += EXTRA_RELATED.get(kind, [])
        annotations = {
            f"published_{name}": _published(model, name) for name in PUBLISHED_FIELDS[kind]
        }
        querysets[kind] = (
            model._default_manager.filter(status__in=statuses, **of_plan)
            .select_related(*related)
            .annotate(entered_at=_entered_at(model), **annotations)
        )
    return querysets


def _report_row(kind: str, entry) -> ReportRow:
    """The entry's report row, through the relations ``queue_querysets`` selected."""
    target = entry
    for name in ROW_PATHS[kind].split("__"):
        target = getattr(target, name)
    return target


def queue_item(kind: str, entry) -> QueueItem:
    """One line of the queue, from an entry of ``queue_querysets()``."""
    row = _report_row(kind, entry)
    item = ITEM_BUILDERS[kind](kind, entry, row=row, entered_at=entry.entered_at)
    details = [(label, value) for label, value in item.details if value]
    if entry.review_note:
        details.append((_("Motif du dernier renvoi"), french(entry.review_note)))
    return replace(item, details=tuple(details))


# The value of the measure filter that keeps the rows without a measure number.
UNNUMBERED = "sans"


@dataclass(frozen=True)
class QueueFilter:
    """What the queue is narrowed to: a measure number (or ``UNNUMBERED``) and a kind;
    ``None`` for all."""

    measure: int | str | None = None
    kind: str | None = None

    def kinds(self) -> list[str]:
        return [self.kind] if self.kind else list(ENTRY_KINDS)

    def apply(self, kind: str, queryset):
        if self.measure is None:
            return queryset
        row = ROW_PATHS[kind]
        if self.measure == UNNUMBERED:
            return queryset.filter(**{f"{row}__measure__isnull": True})
        return queryset.filter(**{f"{row}__measure__number": self.measure})


@dataclass(frozen=True)
class QueuePlace:
    """Where an entry stands in the queue, read without building its line: its sort key
    (the report's order: axis, ambition, row; then the kind of line, its year, its
    number), its kind and number."""

    sort_key: tuple
    kind: str
    pk: int


def queue_places(queue_filter: QueueFilter | None = None, plan=None) -> dict[str, list[QueuePlace]]:
    """The submitted and the validated entries (of ``plan``, when given), in the report's
    order, as places only: one light query (a kind filtered out is not read at all). A
    campaign can leave thousands of entries waiting; only the page's lines are then built
    (``queue_lines``)."""
    queue_filter = queue_filter or QueueFilter()
    selects = []
    for kind in queue_filter.kinds():
        row = ROW_PATHS[kind]
        of_plan = {f"{row}__ambition__axis__plan": plan} if plan is not None else {}
        entries = ENTRY_KINDS[kind]._default_manager.filter(status__in=QUEUE_STATUSES, **of_plan)
        selects.append(
            queue_filter.apply(kind, entries)
            .annotate(queue_kind=Value(kind, output_field=CharField()))
            .values_list(
                "pk",
                "status",
                f"{row}__ambition__axis__number",
                f"{row}__ambition__position",
                f"{row}__position",
                YEAR_PATHS.get(kind, "year"),
                "queue_kind",
            )
            .order_by()
        )
    places = {EntryStatus.SUBMITTED: [], EntryStatus.VALIDATED: []}
    # Every kind's places in one query (UNION ALL).
    combined = selects[0].union(*selects[1:], all=True) if len(selects) > 1 else selects[0]
    for pk, status, axis, ambition, position, year, kind in combined:
        key = (axis, ambition, position, KIND_ORDER[kind], year, pk)
        places[status].append(QueuePlace(key, kind, pk))
    for listed in places.values():
        listed.sort(key=lambda place: place.sort_key)
    return places


def queue_lines(shown: dict[str, list[QueuePlace]], plan=None) -> dict[str, list[QueueItem]]:
    """The lines of the places ``shown`` (by status), in their order: one query per kind
    shown. Each line's label is unique among them (``distinguish``): unique on the page."""
    querysets = queue_querysets(plan=plan)
    wanted: dict[str, set[int]] = {}
    for places in shown.values():
        for place in places:
            wanted.setdefault(place.kind, set()).add(place.pk)
    built = {
        (kind, entry.pk): queue_item(kind, entry)
        for kind, pks in wanted.items()
        for entry in querysets[kind].filter(pk__in=pks)
    }
    # An entry acted on between the two reads has left the queue: its line is not shown.
    ordered = {
        status: [built[(p.kind, p.pk)] for p in places if (p.kind, p.pk) in built]
        for status, places in shown.items()
    }
    lines = iter(distinguish([item for listed in ordered.values() for item in listed]))
    return {status: [next(lines) for _item in listed] for status, listed in ordered.items()}


def review_items(queue_filter: QueueFilter | None = None, plan=None) -> dict[str, list[QueueItem]]:
    """Every line of the queue (of ``plan``, when given), submitted and validated, in the
    report's order."""
    return queue_lines(queue_places(queue_filter, plan), plan)


def submitted_count(plan) -> int:
    """How many entries of ``plan`` wait for validation."""
    return sum(
        model.objects.filter(
            status=EntryStatus.SUBMITTED, **{f"{ROW_PATHS[kind]}__ambition__axis__plan": plan}
        ).count()
        for kind, model in ENTRY_KINDS.items()
    )


def _parse_token(token: str) -> tuple[str, int]:
    kind, _sep, raw_pk = token.partition(":")
    if kind not in ENTRY_KINDS or not (raw_pk.isascii() and raw_pk.isdigit()):
        raise WorkflowError(_("Saisie inconnue."))
    return kind, int(raw_pk)


def _line_name(kind: str, pk: int) -> str:
    """How the user's error names the refused line: its kind, subject and year."""
    entry = queue_querysets(EntryStatus.values)[kind].filter(pk=pk).first()
    if entry is None:
        return str(QUEUE_KIND_LABELS[kind])
    item = queue_item(kind, entry)
    return f"{item.kind_label} « {item.subject} », {item.year}"


def _refuse_other_plans(entries: list[tuple[str, int]], plan) -> None:
    """« Saisie inconnue » for an entry that is not of ``plan``: one query per kind posted."""
    for kind in {kind for kind, _pk in entries}:
        posted = {pk for posted_kind, pk in entries if posted_kind == kind}
        of_plan = ENTRY_KINDS[kind].objects.filter(
            pk__in=posted, **{f"{ROW_PATHS[kind]}__ambition__axis__plan": plan}
        )
        if len(posted) != of_plan.count():
            raise WorkflowError(_("Saisie inconnue."))


def review_batch(tokens: list[str], action: str, *, user, note: str, plan) -> None:
    """Apply ``action`` to every entry of ``tokens`` ("kind:pk"), all or nothing; an entry
    of another plan than ``plan`` (the page's) is unknown here.

    ``VALIDATE_AND_PUBLISH`` validates then publishes each entry. One refused entry
    (``WorkflowError``) leaves every other as it was; the error names the refused line.
    """
    _refuse_other_plans([_parse_token(token) for token in tokens], plan)
    with transaction.atomic():
        for token in dict.fromkeys(tokens):  # a line checked twice is acted on once
            kind, pk = _parse_token(token)
            for step in ACTION_STEPS.get(action, (action,)):
                try:
                    transition(ENTRY_KINDS[kind], pk, step, user=user, note=note)
                except WorkflowError as error:
                    raise WorkflowError(
                        _("%(line)s : %(error)s") % {"line": _line_name(kind, pk), "error": error}
                    ) from error
