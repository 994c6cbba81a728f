"""The campaign calendar's page (/saisie/campagne/<year>/): administrators set a reporting
year's four dates, and read who changed them, when, from what to what.

The order of the dates is the model's (``measures.campaign.CALENDAR_ORDER``, also a
database constraint); the form says which date is out of order, in French, and saves
nothing. Every change is kept by the model's history.
"""

from dataclasses import dataclass
from itertools import pairwise

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.formatting import format_long_date
from core.redirects import landing_at
from indicators import access
from indicators.entry.campaign import banner_parts, campaign_of
from indicators.entry.scopes import current_plan_or_404
from measures.campaign import CALENDAR_ORDER
from measures.inputs import PlanDateField
from measures.models import ReportingYear

CALENDAR_FIELDS = [
    "collection_opens_on",
    "collection_closes_on",
    "validation_deadline",
    "planned_publication_on",
]


def date_field(label: str, help_text: str = "") -> PlanDateField:
    return PlanDateField(
        label=label,
        required=False,
        help_text=help_text,
        # A date field sends and shows ISO dates; the browser shows them the French way.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Saisissez une date, par exemple 31/03/2024.")},
    )


class CalendarForm(forms.ModelForm):
    collection_opens_on = date_field(_("Ouverture de la collecte"))
    collection_closes_on = date_field(
        _("Clôture de la collecte"),
        _("Dernier jour de saisie ; après cette date, ce qui manque est « saisie en retard »."),
    )
    validation_deadline = date_field(_("Date limite de validation"))
    planned_publication_on = date_field(_("Publication prévue le"))

    class Meta:
        model = ReportingYear
        fields = CALENDAR_FIELDS

    def clean(self):
        cleaned = super().clean()
        # Said on the later date of each pair; the database refuses the same order anyway.
        for _name, first, then, message in CALENDAR_ORDER:
            if cleaned.get(first) and cleaned.get(then) and cleaned[first] > cleaned[then]:
                self.add_error(then, str(message))
        return cleaned


@dataclass(frozen=True)
class CalendarChange:
    when: object
    who: str
    changes: list  # (field label, old date text, new date text)


def calendar_changes(reporting_year) -> list[CalendarChange]:
    """The calendar's changes, newest first (two queries: the history and its users)."""
    records = list(reporting_year.history.select_related("history_user").order_by("history_id"))
    labels = {name: ReportingYear._meta.get_field(name).verbose_name for name in CALENDAR_FIELDS}
    changes = []
    for older, newer in pairwise(records):
        delta = newer.diff_against(older, included_fields=CALENDAR_FIELDS)
        if delta.changes:
            changes.append(
                CalendarChange(
                    when=newer.history_date,
                    who=newer.history_user.get_username() if newer.history_user else "—",
                    changes=[
                        (
                            labels[change.field],
                            format_long_date(change.old) or "—",
                            format_long_date(change.new) or "—",
                        )
                        for change in sorted(
                            delta.changes, key=lambda c: CALENDAR_FIELDS.index(c.field)
                        )
                    ],
                )
            )
    return changes[::-1]


@login_required
def campaign_calendar(request, year: int):
    if not access.can_manage_years(request.user):
        raise PermissionDenied(_("Le calendrier de la campagne est réservé aux administrateurs."))
    plan = current_plan_or_404()
    reporting_year = get_object_or_404(ReportingYear, plan=plan, year=year)
    form = CalendarForm(request.POST or None, instance=reporting_year)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(
                request, _("Calendrier de la campagne %(year)s enregistré.") % {"year": year}
            )
            return redirect(landing_at(reverse("entry:calendar", args=[year]), "messages"))
        # Nothing saved: the page comes back with the dates as typed and their errors.
        reporting_year.refresh_from_db()
    return render(
        request,
        "indicators/entry/calendar.html",
        {
            "plan": plan,
            "reporting_year": reporting_year,
            "selected_year": year,
            "form": form,
            "changes": calendar_changes(reporting_year),
            "campaign_banner": banner_parts(campaign_of(plan, year, reporting_year)),
        },
        status=400 if form.is_bound else 200,
    )
