"""The figures by arrondissement of the entry page: one form of 20 figures per indicator
broken down by arrondissement, for the page's year.

Like a result, the 20 figures of a year are a draft, then submitted, validated and
published together. An arrondissement left empty has no figure (not zero): the map
says « pas de donnée » there. They are not required: the indicator's city-wide result
is what the bilan asks for.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.fields import PlainTextField
from indicators.entry import exchanges
from indicators.entry.exchanges import ExchangeKind, ThreadKey
from indicators.entry.forms import SHORT_TEXT_MAX_LENGTH, refuse_html, revision_field, value_field
from indicators.entry.slots import SHOWN_STATUSES, EntrySlot, Posted, anchor_for, split_entries
from indicators.models import (
    ARRONDISSEMENTS,
    ArrondissementFigures,
    arrondissement_name,
    figure_name,
    figures_phrase,
)

# Named here too: the queue's lines read it from the entry page's module.
__all__ = ["ArrondissementFiguresForm", "breakdown_slot", "figures_of", "figures_phrase"]

FIGURE_FIELDS = tuple(figure_name(number) for number in ARRONDISSEMENTS)


class ArrondissementFiguresForm(forms.Form):
    """20 figures, typed the French way, an optional source and comment."""

    source = PlainTextField(
        label=gettext_lazy("Source"), required=False, max_length=300, widget=forms.TextInput
    )
    comment = PlainTextField(
        label=gettext_lazy("Commentaire"),
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "fr"}),
        validators=[refuse_html],
    )
    revision = revision_field()

    def __init__(self, *args, indicator, year: int, **kwargs):
        self.indicator, self.year = indicator, year
        kwargs.setdefault("prefix", f"arrondissements-{indicator.pk}-{year}")
        super().__init__(*args, **kwargs)
        figures = {
            name: value_field(_("%(name)s arrondissement") % {"name": arrondissement_name(n)})
            for n, name in zip(ARRONDISSEMENTS, FIGURE_FIELDS, strict=True)
        }
        # The figures first, in the arrondissements' order; the source and comment after.
        self.fields = figures | self.fields

    def clean(self):
        data = super().clean()
        if not self.errors and all(data.get(name) is None for name in FIGURE_FIELDS):
            raise ValidationError(
                _("Saisissez le chiffre d'au moins un arrondissement (0 s'il n'y en a aucun).")
            )
        return data

    def figure_fields(self):
        return [self[name] for name in FIGURE_FIELDS]

    def other_fields(self):
        return [self[name] for name in self.fields if name not in FIGURE_FIELDS]


def figures_of(indicators, year: int) -> dict[int, list]:
    """The shown figures of ``year`` of the indicators broken down by arrondissement, by
    indicator: one query, none when the page has no such indicator."""
    broken_down = [indicator.pk for indicator in indicators if indicator.by_arrondissement]
    by_indicator = {pk: [] for pk in broken_down}
    if broken_down:
        for entry in ArrondissementFigures.objects.filter(
            indicator__in=broken_down, year=year, status__in=SHOWN_STATUSES
        ):
            by_indicator[entry.indicator_id].append(entry)
    return by_indicator


def _initial(current, open_entry) -> dict:
    initial = {"revision": open_entry.revision if open_entry else None}
    if current is not None:
        initial |= {name: getattr(current, name) for name in FIGURE_FIELDS}
        initial |= {"source": current.source, "comment": current.comment}
    return initial


def breakdown_slot(indicator, entries: list, year: int, posted: Posted) -> EntrySlot:
    """An indicator's 20 figures of ``year``: its form, its open and published entries."""
    open_entry, published = split_entries(entries)
    current = open_entry or published
    key = ("breakdown", indicator.pk, year)
    form = posted.form(
        key,
        lambda: ArrondissementFiguresForm(
            initial=_initial(current, open_entry), indicator=indicator, year=year
        ),
    )
    thread_key = ThreadKey(ExchangeKind.BREAKDOWN, indicator.pk, year)
    thread = exchanges.new_thread(
        thread_key, exchanges.subject_phrase(thread_key, indicator.label), posted.bound
    )
    subject = str(thread.subject)
    return EntrySlot(
        form=form,
        year=year,
        anchor=anchor_for(key),
        notices=posted.notices_for(key),
        open_entries=[open_entry],
        published_entries=[published],
        missing=False,
        editable=open_entry is None or open_entry.is_editable,
        conflict=posted.conflict_for(key),
        threads=[thread],
        subject=subject,
        entry_subjects=[subject],
    )


def figures_values(data: dict) -> dict[str, Decimal | None]:
    """What a valid form saves: the 20 figures, the source and the comment."""
    return {name: data[name] for name in (*FIGURE_FIELDS, "source", "comment")}
