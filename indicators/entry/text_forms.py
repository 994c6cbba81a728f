"""The entry forms of texts: a row's texts of the bilan, a commitment's mark, a return note.

Written in the restricted markup; HTML is refused with a French message (``refuse_html``).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.fields import PlainTextField
from indicators.entry.forms import (
    SHORT_TEXT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    refuse_html,
    revision_field,
)
from measures.models import MARK_OUTCOMES


class BilanTextForm(forms.Form):
    # Every text the form may carry: ``final_text`` only in the plan's last year.
    TEXT_FIELDS = ("bilan_text", "action_plan_text", "final_text")

    bilan_text = PlainTextField(
        label=_("Bilan"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "lang": "fr"}),
        validators=[refuse_html],
    )
    action_plan_text = PlainTextField(
        label=_("Plan d'action de l'année suivante"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "lang": "fr"}),
        validators=[refuse_html],
    )
    revision = revision_field()

    def __init__(self, *args, report_row, reporting_year, plan, **kwargs):
        self.report_row = report_row
        self.reporting_year = reporting_year
        kwargs.setdefault("prefix", f"texte-{report_row.pk}-{reporting_year.year}")
        super().__init__(*args, **kwargs)
        # The plan's last year also asks for the row's text of the final bilan.
        self.asks_final_text = reporting_year.year == plan.end_year
        if self.asks_final_text:
            self.fields["final_text"] = PlainTextField(
                label=_("Bilan final du plan (%(start)s-%(end)s)")
                % {"start": plan.start_year, "end": plan.end_year},
                help_text=_(
                    "Ce que la ligne a accompli sur toute la durée du plan : il paraît dans "
                    "le bilan final, à côté des chiffres."
                ),
                required=False,
                max_length=TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 6, "lang": "fr"}),
                validators=[refuse_html],
            )
            # Before the revision, so the text comes with the two others.
            self.order_fields(["bilan_text", "action_plan_text", "final_text"])

    def clean(self):
        data = super().clean()
        if self.errors or any(data.get(name, "").strip() for name in self.TEXT_FIELDS):
            return data
        if self.asks_final_text:
            raise ValidationError(
                _("Écrivez le bilan, le plan d'action ou le bilan final, au moins l'un des trois.")
            )
        raise ValidationError(_("Écrivez le bilan, le plan d'action, ou les deux."))


class CommitmentForm(forms.Form):
    # No « à renseigner »: a commitment not yet marked simply has no mark.
    outcome = forms.ChoiceField(
        label=_("Réalisation"),
        choices=[("", "—"), *MARK_OUTCOMES],
        error_messages={"required": _("Choisissez la réalisation de l'engagement.")},
    )
    comment = PlainTextField(
        label=_("Commentaire"),
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "fr"}),
        validators=[refuse_html],
    )
    revision = revision_field()

    def __init__(self, *args, commitment, **kwargs):
        self.commitment = commitment
        kwargs.setdefault("prefix", f"engagement-{commitment.pk}")
        super().__init__(*args, **kwargs)


class ReturnNoteForm(forms.Form):
    note = PlainTextField(
        label=_("Motif du renvoi"),
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "fr"}),
    )
