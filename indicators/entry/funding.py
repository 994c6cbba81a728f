"""The funding amounts of the entry page: each funding source of a row, for the page's year.

A source (a funder, through a programme or not) is declared by an administrator, like an
indicator; its amounts of a year, planned and spent in euros, are an entry like the
others: a draft saved here, submitted, validated and published from the review queue.
An amount is not required of every row and year: a source without one is not « à
remplir », it only has nothing entered yet.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.fields import PlainTextField
from indicators.entry import exchanges
from indicators.entry.exchanges import ExchangeKind, ThreadKey
from indicators.entry.forms import (
    SHORT_TEXT_MAX_LENGTH,
    TOO_LARGE,
    FrenchDecimalField,
    refuse_html,
    revision_field,
)
from indicators.entry.slots import SHOWN_STATUSES, EntrySlot, Posted, anchor_for, split_entries
from measures.funding import amounts_phrase
from measures.models import FundingAmount, FundingSource

# Named here too: the queue's lines read it from the entry page's funding module.
__all__ = ["FundingAmountForm", "amounts_phrase", "funding_slot", "sources_with_amounts"]

AMOUNT_HINT = gettext_lazy("En euros, par exemple 365 000.")


def amount_field(label):
    return FrenchDecimalField(
        label=label,
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        widget=forms.TextInput,
        help_text=AMOUNT_HINT,
        error_messages={
            "min_value": _("Un montant ne peut pas être négatif. Saisissez 0 ou plus."),
            "max_digits": TOO_LARGE,
            "max_whole_digits": TOO_LARGE,
            "too_large": TOO_LARGE,
            "max_decimal_places": _("Deux décimales au plus : des euros et des centimes."),
        },
    )


class FundingAmountForm(forms.Form):
    planned = amount_field(gettext_lazy("Montant prévu (€)"))
    spent = amount_field(gettext_lazy("Montant dépensé (€)"))
    comment = PlainTextField(
        label=gettext_lazy("Commentaire"),
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "fr"}),
        validators=[refuse_html],
    )
    revision = revision_field()

    def __init__(self, *args, source, year: int, **kwargs):
        self.source, self.year = source, year
        kwargs.setdefault("prefix", f"financement-{source.pk}-{year}")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("planned") is None and data.get("spent") is None:
            raise ValidationError(
                _("Indiquez le montant prévu, le montant dépensé, ou les deux, en euros.")
            )
        return data


def sources_with_amounts(row_ids, year: int) -> list:
    """The rows' funding sources, each with its shown amounts of ``year``: two queries."""
    shown = FundingAmount.objects.filter(year=year, status__in=SHOWN_STATUSES)
    return list(
        FundingSource.objects.filter(report_row__in=row_ids)
        .select_related("funder", "report_row")
        .prefetch_related(Prefetch("amounts", queryset=shown))
        .order_by("report_row__position", "position", "pk")
    )


def funding_slot(source, year: int, posted: Posted) -> EntrySlot:
    """A source's amounts of ``year``: its form, its open and published entries."""
    open_amount, published = split_entries(list(source.amounts.all()))
    current = open_amount or published
    key = ("funding", source.pk, year)
    form = posted.form(
        key,
        lambda: FundingAmountForm(
            initial={
                "planned": current.planned if current else None,
                "spent": current.spent if current else None,
                "comment": current.comment if current else "",
                "revision": open_amount.revision if open_amount else None,
            },
            source=source,
            year=year,
        ),
    )
    thread_key = ThreadKey(ExchangeKind.FUNDING, source.pk, year)
    thread = exchanges.new_thread(
        thread_key, exchanges.subject_phrase(thread_key, str(source)), posted.bound
    )
    subject = str(thread.subject)
    return EntrySlot(
        form=form,
        year=year,
        anchor=anchor_for(key),
        notices=posted.notices_for(key),
        open_entries=[open_amount],
        published_entries=[published],
        missing=False,
        editable=open_amount is None or open_amount.is_editable,
        conflict=posted.conflict_for(key),
        threads=[thread],
        subject=subject,
        entry_subjects=[subject],
    )
