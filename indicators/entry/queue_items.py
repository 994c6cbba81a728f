"""The lines of the review queue: what a reviewer reads of each kind of entry.

``queue`` reads the entries; each builder here turns one (with its published values,
read by subqueries) into a ``QueueItem``: the new value against the published one it
replaces, in words, and the details (source, comment, note) beside it.
"""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import format_quantity
from indicators.dashboard.french_parts import french
from indicators.dashboard.sentences import target_text
from indicators.entry.breakdowns import figures_phrase
from indicators.entry.funding import amounts_phrase
from indicators.models import ARRONDISSEMENTS, MilestoneStatus, ResultBound, figure_name
from measures.markup import render_markup
from measures.models import CommitmentOutcome, ReportRow

# What a reviewer reads for each kind of line (lazy: drawn in the reader's language).
QUEUE_KIND_LABELS = {
    "resultat": gettext_lazy("Résultat"),
    "objectif": gettext_lazy("Objectif"),
    "jalon": gettext_lazy("Statut de jalon"),
    "texte": gettext_lazy("Texte du bilan et du plan d'action"),
    "engagement": gettext_lazy("Engagement"),
    "financement": gettext_lazy("Montants d'un financement"),
    "arrondissements": gettext_lazy("Chiffres par arrondissement"),
}
KIND_ORDER = {kind: position for position, kind in enumerate(QUEUE_KIND_LABELS)}


@dataclass(frozen=True)
class QueueText:
    """A text of a bilan entry: its heading, the new text and the published one, as HTML."""

    heading: str
    new_html: str
    published_html: str


@dataclass(frozen=True)
class QueueItem:
    kind: str
    entry: object
    row: ReportRow
    year: int
    subject: str
    new_value: str = ""
    published_value: str = ""
    # An indicator's unit, whose French words the values' phrases mark on an English page.
    unit: object = None
    texts: tuple[QueueText, ...] = ()
    # A commitment's own text, in full, as HTML: what its outcome is about.
    body_html: str = ""
    # (label, value) pairs: as-of date, source, comment, note, reasons; the values typed
    # in French marked so (``french``) for an English page.
    details: tuple[tuple[str, str], ...] = ()
    entered_at: object = None
    # Where the line belongs (its measure, or its row), said in its box's label when
    # another line would otherwise have the same one (``queue_labels.distinguish``).
    place: str = ""
    # The line's internal thread (``exchanges.attach_threads``), on the queue's page.
    thread: object = None

    @property
    def token(self) -> str:
        return f"{self.kind}:{self.entry.pk}"

    @property
    def kind_label(self) -> str:
        return str(QUEUE_KIND_LABELS[self.kind])

    @property
    def measure(self):
        return self.row.measure

    @property
    def is_text(self) -> bool:
        return self.kind == "texte"


def _indicator_item(kind: str, entry, **common) -> QueueItem:
    unit = entry.indicator.unit_forms
    provenance = (
        (_("Producteur"), french(entry.producer)),
        (_("Source"), french(entry.source)),
        (_("Emplacement dans la source"), french(entry.source_location)),
    )
    if kind == "objectif":
        new = target_text(entry.value, entry.comparator, unit)
        old = entry.published_value
        published = target_text(old, entry.published_comparator, unit) if old is not None else ""
        details = (
            (_("Objectif déduit de"), french(entry.derivation)),
            (_("Motif du changement"), entry.get_change_reason_display()),
            (_("Précision sur le motif"), french(entry.change_comment)),
            *provenance,
            (_("Commentaire"), french(entry.comment)),
        )
    else:
        new = format_quantity(entry.value, unit)
        if entry.bound != ResultBound.EXACT:
            new = f"{entry.get_bound_display()} {new}"  # « plus de 20 professionnels »
        published = format_quantity(entry.published_value, unit)
        details = (
            (_("Valeur au"), date_format(entry.as_of) if entry.as_of else ""),
            *provenance,
            (_("Commentaire"), french(entry.comment)),
        )
    return QueueItem(
        kind=kind,
        entry=entry,
        year=entry.year,
        subject=entry.indicator.label,
        unit=entry.indicator.unit,
        new_value=new,
        published_value=published,
        details=details,
        **common,
    )


def _milestone_item(kind: str, entry, **common) -> QueueItem:
    old = entry.published_progress
    return QueueItem(
        kind=kind,
        entry=entry,
        year=entry.year,
        subject=entry.milestone.title,
        new_value=entry.get_progress_display(),
        published_value=str(MilestoneStatus(old).label) if old else "",
        details=((_("Note"), french(entry.note)),),
        **common,
    )


def _queue_text(title: str, entry, field: str) -> QueueText:
    """A text of the entry beside its published version (empty when none is)."""
    published = getattr(entry, f"published_{field}")
    return QueueText(
        title, render_markup(getattr(entry, field)), render_markup(published) if published else ""
    )


def _text_item(kind: str, entry, **common) -> QueueItem:
    year = entry.reporting_year.year
    texts = [
        _queue_text(_("Bilan %(year)s") % {"year": year}, entry, "bilan_text"),
        _queue_text(_("Plan d'action %(year)s") % {"year": year + 1}, entry, "action_plan_text"),
    ]
    # Only in the plan's last year, and only once written or published. An entry made
    # for the final text alone then shows no empty yearly texts beside it.
    if entry.final_text or entry.published_final_text:
        texts = [text for text in texts if text.new_html or text.published_html]
        texts.append(_queue_text(_("Bilan final du plan"), entry, "final_text"))
    return QueueItem(
        kind=kind,
        entry=entry,
        year=year,
        subject=entry.report_row.title,
        texts=tuple(texts),
        **common,
    )


def _commitment_item(kind: str, entry, **common) -> QueueItem:
    commitment = entry.commitment
    old = entry.published_outcome
    return QueueItem(
        kind=kind,
        entry=entry,
        year=commitment.reporting_year.year,
        subject=_("Engagement %(position)s") % {"position": commitment.position},
        new_value=entry.get_outcome_display(),
        published_value=str(CommitmentOutcome(old).label) if old else "",
        body_html=render_markup(commitment.text),
        details=(
            (_("Commentaire"), french(entry.comment)),
            (_("Commentaire publié"), french(entry.published_comment or "")),
        ),
        **common,
    )


def _funding_item(kind: str, entry, **common) -> QueueItem:
    published = (entry.published_planned, entry.published_spent)
    return QueueItem(
        kind=kind,
        entry=entry,
        year=entry.year,
        subject=str(entry.source),
        new_value=amounts_phrase(entry.planned, entry.spent),
        published_value=amounts_phrase(*published) if any(v is not None for v in published) else "",
        details=((_("Commentaire"), french(entry.comment)),),
        **common,
    )


def _breakdown_item(kind: str, entry, **common) -> QueueItem:
    published = {n: getattr(entry, f"published_{figure_name(n)}") for n in ARRONDISSEMENTS}
    has_published = any(value is not None for value in published.values())
    return QueueItem(
        kind=kind,
        entry=entry,
        year=entry.year,
        subject=entry.indicator.label,
        unit=entry.indicator.unit,
        new_value=figures_phrase(entry.figures()),
        published_value=figures_phrase(published) if has_published else "",
        details=(
            (_("Source"), french(entry.source)),
            (_("Commentaire"), french(entry.comment)),
        ),
        **common,
    )


ITEM_BUILDERS = {
    "resultat": _indicator_item,
    "objectif": _indicator_item,
    "jalon": _milestone_item,
    "texte": _text_item,
    "engagement": _commitment_item,
    "financement": _funding_item,
    "arrondissements": _breakdown_item,
}
