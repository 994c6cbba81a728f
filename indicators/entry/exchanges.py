"""« Échanges »: the internal thread beside each entry, on the entry page and in the queue.

A thread is named by what its entry is about (``ThreadKey``: the kind and its key), so
it goes on across the entry's revisions. Those who may enter the entry's row and the
reviewers read and write it (``may_take_part``); nobody else ever sees it. A page reads
all its threads in one query (``fetch_threads``), whatever the number of entries.
A returned entry's note becomes a message of its thread (``record_return_note``).
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace

from django import forms
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.fields import PlainTextField
from core.workflow import RETURN
from indicators import access
from indicators.dashboard.french_parts import french_quoted
from indicators.entry.kinds import ENTRY_KINDS
from indicators.models import MESSAGE_MAX_LENGTH, EntryMessage, ExchangeKind, Indicator, Milestone
from indicators.models.exchanges import SUBJECT_FIELDS
from measures.models import Commitment, FundingSource, ReportingYear, ReportRow

# What a thread is about, in a phrase that names it on a page of many (lazy: drawn in
# the reader's language).
SUBJECTS = {
    ExchangeKind.RESULT: gettext_lazy("le résultat %(year)s de l'indicateur « %(name)s »"),
    ExchangeKind.TARGET: gettext_lazy("l'objectif %(year)s de l'indicateur « %(name)s »"),
    ExchangeKind.MILESTONE: gettext_lazy("le statut %(year)s du jalon « %(name)s »"),
    ExchangeKind.TEXT: gettext_lazy("les textes du bilan %(year)s de la ligne « %(name)s »"),
    ExchangeKind.COMMITMENT: gettext_lazy(
        "l'engagement %(position)s du plan d'action %(year)s de la ligne « %(name)s »"
    ),
    ExchangeKind.FUNDING: gettext_lazy("les montants %(year)s du financement « %(name)s »"),
    ExchangeKind.BREAKDOWN: gettext_lazy(
        "les chiffres %(year)s par arrondissement de l'indicateur « %(name)s »"
    ),
}
# The same, short, for the thread's « Ajouter un message » inside its entry's card.
SHORT_SUBJECTS = {
    ExchangeKind.RESULT: gettext_lazy("le résultat %(year)s"),
    ExchangeKind.TARGET: gettext_lazy("l'objectif %(year)s"),
    ExchangeKind.MILESTONE: gettext_lazy("le statut %(year)s"),
    ExchangeKind.TEXT: gettext_lazy("les textes du bilan %(year)s"),
    ExchangeKind.COMMITMENT: gettext_lazy("cet engagement"),
    ExchangeKind.FUNDING: gettext_lazy("les montants %(year)s"),
    ExchangeKind.BREAKDOWN: gettext_lazy("les chiffres %(year)s par arrondissement"),
}
KIND_OF_MODEL = {model: kind for kind, model in ENTRY_KINDS.items()}


@dataclass(frozen=True)
class ThreadKey:
    """(kind, subject pk, year): an indicator and year for a result or a target, a
    milestone and year, a report row and reporting year, a commitment (no year)."""

    kind: str
    subject: int
    year: int | None = None

    @property
    def anchor(self) -> str:
        parts = (self.kind, self.subject) + (() if self.year is None else (self.year,))
        return "echanges-" + "-".join(map(str, parts))

    def subject_fields(self) -> dict:
        """The message's fields that name the subject (a text's reporting year aside)."""
        subject_field = SUBJECT_FIELDS[self.kind][0]
        fields = {f"{subject_field}_id": self.subject}
        if self.year is not None:
            fields["year"] = self.year
        return fields

    def post_url(self) -> str:
        if self.year is None:
            return reverse("entry:exchange", args=[self.kind, self.subject])
        return reverse("entry:exchange_year", args=[self.kind, self.subject, self.year])


def entry_thread_key(entry) -> ThreadKey:
    """The thread of an entry row (a text's reporting year must be loaded)."""
    kind = KIND_OF_MODEL[type(entry)]
    if kind in (ExchangeKind.RESULT, ExchangeKind.TARGET, ExchangeKind.BREAKDOWN):
        return ThreadKey(kind, entry.indicator_id, entry.year)
    if kind == ExchangeKind.MILESTONE:
        return ThreadKey(kind, entry.milestone_id, entry.year)
    if kind == ExchangeKind.TEXT:
        return ThreadKey(kind, entry.report_row_id, entry.reporting_year.year)
    if kind == ExchangeKind.FUNDING:
        return ThreadKey(kind, entry.source_id, entry.year)
    return ThreadKey(kind, entry.commitment_id)


def subject_phrase(key: ThreadKey, name: str, position: int | None = None) -> str:
    """« le résultat 2023 de l'indicateur « … » »: what the thread is about."""
    return SUBJECTS[key.kind] % {"year": key.year, "name": name, "position": position}


def commitment_phrase(commitment, row) -> str:
    return SUBJECTS[ExchangeKind.COMMITMENT] % {
        "year": commitment.reporting_year.year,
        "name": row.title,
        "position": commitment.position,
    }


class MessageForm(forms.Form):
    """One message: plain text, not empty, not longer than ``MESSAGE_MAX_LENGTH``."""

    text = PlainTextField(
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "fr"}),
        error_messages={
            "required": gettext_lazy(
                "Écrivez un message avant de l'envoyer : rien n'a été enregistré."
            ),
            "max_length": gettext_lazy(
                "Un message fait au plus %(limit_value)d caractères (celui-ci en a "
                "%(show_value)d) : raccourcissez-le, rien n'a été enregistré."
            ),
        },
    )

    def __init__(self, *args, subject: str, outside_form: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        field_ = self.fields["text"]
        # Its subject quotes the plan's French name: marked so on an English page.
        field_.label = french_quoted(_("Message sur %(subject)s") % {"subject": subject})
        if outside_form:
            # In the review queue the thread sits inside the batch form: its fields
            # belong to their own form, written after it (HTML forms do not nest).
            field_.widget.attrs["form"] = outside_form


def message_form(key: ThreadKey, subject: str, data=None, *, outside_form: bool = False):
    return MessageForm(
        data,
        prefix=key.anchor,
        subject=subject,
        outside_form=f"{key.anchor}-formulaire" if outside_form else "",
    )


@dataclass
class Thread:
    """A thread as a page shows it: its messages, the messages of its last post, its form."""

    key: ThreadKey
    subject: str
    form: MessageForm
    messages: list = field(default_factory=list)
    notices: list = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return self.key.anchor

    @property
    def heading(self) -> str:
        return _("Échanges internes sur %(subject)s") % {"subject": self.subject}

    @property
    def summary(self) -> str:
        short = SHORT_SUBJECTS[self.key.kind] % {"year": self.key.year}
        return _("Ajouter un message sur %(subject)s") % {"subject": short}

    @property
    def form_id(self) -> str:
        return f"{self.anchor}-formulaire"

    @property
    def post_url(self) -> str:
        return self.key.post_url()


def may_take_part(user, row) -> bool:
    """Those who may enter the row's entries, and the reviewers, read and write its threads."""
    return access.can_review(user) or access.can_enter_row(user, row)


def fetch_threads(keys) -> dict:
    """The messages of each thread of ``keys``, oldest first: one query for them all
    (none when there is no thread to show)."""
    keys = set(keys)
    if not keys:
        return {}
    by_kind = defaultdict(set)
    for key in keys:
        by_kind[key.kind].add(key)
    condition = Q()
    for kind, kind_keys in by_kind.items():
        subject_field = SUBJECT_FIELDS[kind][0]
        wanted = Q(kind=kind, **{f"{subject_field}_id__in": {key.subject for key in kind_keys}})
        years = {key.year for key in kind_keys if key.year is not None}
        if years:
            wanted &= Q(year__in=years)
        condition |= wanted
    grouped = {key: [] for key in keys}
    for message in EntryMessage.objects.filter(condition).select_related("author"):
        # The query may read a few messages of other years of the same subjects.
        thread = grouped.get(ThreadKey(*message.subject_key))
        if thread is not None:
            thread.append(message)
    return grouped


def fill_threads(threads, notices: dict | None = None) -> None:
    """Give each of ``threads`` its messages (one query) and the messages of its last post."""
    found = fetch_threads(thread.key for thread in threads)
    for thread in threads:
        thread.messages = found.get(thread.key, [])
        thread.notices = (notices or {}).get(thread.anchor, [])


def post_message(key: ThreadKey, *, author, text: str, reporting_year_id=None, return_note=False):
    """Add a message to the thread of ``key`` (a text's thread names its reporting year)."""
    fields = key.subject_fields()
    if key.kind == ExchangeKind.TEXT:
        fields["reporting_year_id"] = reporting_year_id
    with transaction.atomic():
        message = EntryMessage(
            kind=key.kind, author=author, text=text, is_return_note=return_note, **fields
        )
        message.full_clean()
        message.save()
    return message


def record_return_note(sender, *, entry, action, user, **_kwargs):
    """``core.signals.entry_transitioned``: a return's note becomes a message of the thread."""
    if action != RETURN:
        return
    post_message(
        entry_thread_key(entry),
        author=user,
        text=entry.review_note,
        reporting_year_id=getattr(entry, "reporting_year_id", None),
        return_note=True,
    )


def new_thread(key: ThreadKey, subject: str, bound: dict, *, outside_form=False) -> Thread:
    """A thread to show, its form as posted when the post was refused (``bound``)."""
    form = bound.get(key) or message_form(key, subject, outside_form=outside_form)
    return Thread(key=key, subject=subject, form=form)


def indicator_threads(indicator, year: int, with_result: bool, bound: dict) -> list[Thread]:
    """The threads of an indicator's year on the entry page: its result's, its target's."""
    kinds = (ExchangeKind.RESULT, ExchangeKind.TARGET) if with_result else (ExchangeKind.TARGET,)
    keys = [ThreadKey(kind, indicator.pk, year) for kind in kinds]
    return [new_thread(key, subject_phrase(key, indicator.label), bound) for key in keys]


def commitment_thread(commitment, row, bound: dict) -> Thread:
    key = ThreadKey(ExchangeKind.COMMITMENT, commitment.pk)
    return new_thread(key, commitment_phrase(commitment, row), bound)


def queue_thread(kind: str, entry, row, bound: dict, place: str = "") -> Thread:
    """The thread of a line of the review queue (its fields post to a form outside the batch);
    ``place`` tells apart two lines of the same name (``queue_labels.distinguish``)."""
    key = entry_thread_key(entry)
    if kind == ExchangeKind.COMMITMENT:
        subject = commitment_phrase(entry.commitment, row)
    else:
        names = {
            ExchangeKind.RESULT: lambda: entry.indicator.label,
            ExchangeKind.TARGET: lambda: entry.indicator.label,
            ExchangeKind.MILESTONE: lambda: entry.milestone.title,
            ExchangeKind.TEXT: lambda: row.title,
            ExchangeKind.FUNDING: lambda: str(entry.source),
            ExchangeKind.BREAKDOWN: lambda: entry.indicator.label,
        }
        subject = subject_phrase(key, names[kind]())
    if place:
        subject = f"{subject} ({place})"
    return new_thread(key, subject, bound, outside_form=True)


@dataclass(frozen=True)
class Subject:
    """What a posted message is about, checked against the plan: its thread, its phrase,
    the report row whose editors take part, a text's reporting year."""

    key: ThreadKey
    phrase: str
    row: object
    reporting_year_id: int | None = None


def resolve_subject(plan, kind: str, pk: int, year: int | None) -> Subject:
    """The subject named by a URL, in ``plan``; anything else is a page not found."""
    in_plan = {"report_row__ambition__axis__plan": plan}
    if kind not in ExchangeKind.values or (year is None) != (kind == ExchangeKind.COMMITMENT):
        raise Http404(_("Cette saisie n'existe pas."))
    if year is not None and year not in plan.years:
        raise Http404(_("Cette année ne fait pas partie du plan."))
    key = ThreadKey(kind, pk, year)
    if kind in (ExchangeKind.RESULT, ExchangeKind.TARGET, ExchangeKind.BREAKDOWN):
        indicator = get_object_or_404(
            Indicator.objects.select_related("report_row__measure"), pk=pk, **in_plan
        )
        return Subject(key, subject_phrase(key, indicator.label), indicator.report_row)
    if kind == ExchangeKind.MILESTONE:
        milestone = get_object_or_404(
            Milestone.objects.select_related("report_row__measure"), pk=pk, **in_plan
        )
        return Subject(key, subject_phrase(key, milestone.title), milestone.report_row)
    if kind == ExchangeKind.TEXT:
        row = get_object_or_404(
            ReportRow.objects.select_related("measure"), pk=pk, ambition__axis__plan=plan
        )
        reporting_year = ReportingYear.objects.filter(plan=plan, year=year).first()
        if reporting_year is None:
            raise Http404(_("L'année de bilan %(year)s n'est pas ouverte.") % {"year": year})
        return Subject(key, subject_phrase(key, row.title), row, reporting_year.pk)
    if kind == ExchangeKind.FUNDING:
        source = get_object_or_404(
            FundingSource.objects.select_related("funder", "report_row__measure"),
            pk=pk,
            report_row__ambition__axis__plan=plan,
        )
        return Subject(key, subject_phrase(key, str(source)), source.report_row)
    commitment = get_object_or_404(
        Commitment.objects.select_related("report_row__measure", "reporting_year"),
        pk=pk,
        reporting_year__plan=plan,
    )
    row = commitment.report_row
    return Subject(key, commitment_phrase(commitment, row), row)


def attach_threads(items: dict, bound: dict, notices: dict) -> set[str]:
    """Give every line of the queue (``items``: lists by status) its thread, all read in
    one query; returns the threads' anchors."""
    for status, listed in items.items():
        items[status] = [
            replace(item, thread=queue_thread(item.kind, item.entry, item.row, bound, item.place))
            for item in listed
        ]
    threads = [item.thread for listed in items.values() for item in listed]
    fill_threads(threads, notices)
    return {thread.anchor for thread in threads}
