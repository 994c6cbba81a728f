"""Data-entry forms: French messages next to each field, nothing saved on error."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.fields import NumberField, PlainTextField, WholeNumberField
from core.formatting import EURO_UNITS, format_quantity
from indicators.models import (
    VALUE_DECIMALS,
    VALUE_DIGITS,
    Comparator,
    Indicator,
    MilestoneStatus,
    ResultBound,
    TargetChangeReason,
)
from measures.inputs import PlanDateField

TEXT_MAX_LENGTH = 5000
SHORT_TEXT_MAX_LENGTH = 1000
# Text is written in the restricted markup: an angle bracket followed by a
# letter, "/" or "!" can only be an attempt at HTML.
HTML_TAG = re.compile(r"<\s*[a-zA-Z/!]")


class FrenchDecimalField(NumberField):
    """A number typed the French way: « 1 910 », « 73,5 », or « 73.5 » (``core.numbers``).

    In English, a comma groups thousands (« 1,910 ») and the point is the
    decimal mark, as the English page's example says.
    """

    def widget_attrs(self, widget):
        # A text box, not type=number: browsers' number inputs refuse « 1 910 ».
        return {"inputmode": "decimal", "autocomplete": "off"}


def _too_large() -> str:
    return gettext(
        "Ce nombre est trop grand. Saisissez au plus %(digits)s chiffres avant la virgule."
    ) % {"digits": VALUE_DIGITS - VALUE_DECIMALS}


# Each refusal says how to put it right (RGAA 11.11); drawn in the reader's language.
TOO_LARGE = lazy(_too_large, str)()
# The format expected, under each value before anything is typed (RGAA 11.10).
WHOLE_NUMBER_HINT = _("Un nombre entier, par exemple 1 910.")
SHARE_HINT = _("Un pourcentage de 0 à 100, par exemple 12,5.")
NUMBER_HINT = _("Un nombre, par exemple 1 910,5.")


def value_field(label):
    return FrenchDecimalField(
        label=label,
        required=False,
        max_digits=VALUE_DIGITS,
        decimal_places=VALUE_DECIMALS,
        min_value=Decimal(0),
        widget=forms.TextInput,
        error_messages={
            "min_value": _("Une valeur ne peut pas être négative. Saisissez 0 ou plus."),
            "max_digits": TOO_LARGE,
            "max_whole_digits": TOO_LARGE,
            "too_large": TOO_LARGE,
            "max_decimal_places": _(
                "Deux décimales au plus. Arrondissez au centième, par exemple 12,75."
            ),
        },
    )


def counts_things(indicator: Indicator) -> bool:
    """Whether the indicator counts things (logements, ménages, places…): whole numbers only.

    A share is a percentage and an amount in euros may have cents; every other
    unit of the plan names things counted one by one.
    """
    unit = (indicator.unit or "").strip().lower()
    return not indicator.is_share and unit not in {"%", *EURO_UNITS}


def whole_number_message(unit: str) -> str:
    """« Saisissez un nombre entier de logements. », « … d'équipes. » before a vowel."""
    if unit[:1].lower() in "aeiouyàâéèêëîïôöûü":
        return _("Saisissez un nombre entier d'%(unit)s.") % {"unit": unit}
    return _("Saisissez un nombre entier de %(unit)s.") % {"unit": unit}


def revision_field():
    return WholeNumberField(required=False, min_value=1, widget=forms.HiddenInput)


def refuse_html(text: str) -> str:
    if HTML_TAG.search(text or ""):
        raise ValidationError(
            _("Le HTML n'est pas accepté : écrivez **gras** pour mettre en gras.")
        )
    return text


class IndicatorYearForm(forms.Form):
    """An indicator's result and target for one year, or its target only.

    The year being collected takes its result (and its target, which may be
    corrected); the next year takes only its target, the plan d'action: its
    result is entered when that year is collected, so a value is never typed
    in two places of the page.
    """

    # Fields named ``result_<name>`` / ``target_<name>`` saved as the entry's ``<name>``.
    RESULT_DETAILS = ("bound", "producer", "source_location")
    TARGET_DETAILS = ("derivation", "source", "source_location", "producer")
    # The fields of a ``YearTarget`` the form saves (``target_fields``).
    TARGET_ENTRY_FIELDS = (
        "value",
        "comparator",
        "change_reason",
        "change_comment",
        *TARGET_DETAILS,
    )
    RESULT_FIELDS = (
        "result_value",
        "result_as_of",
        "result_source",
        "result_comment",
        *(f"result_{name}" for name in RESULT_DETAILS),
    )

    @classmethod
    def result_fields(cls, cleaned: dict) -> dict:
        """The fields of the year's ``YearResult`` in the form's cleaned data: what the
        entry page and a workbook's import both save."""
        return {
            "value": cleaned["result_value"],
            "as_of": cleaned.get("result_as_of"),
            "source": cleaned.get("result_source", ""),
            "comment": cleaned.get("result_comment", ""),
            **{
                name: cleaned[f"result_{name}"]
                for name in cls.RESULT_DETAILS
                if f"result_{name}" in cleaned
            },
        }

    @classmethod
    def target_fields(cls, cleaned: dict) -> dict:
        """The fields of the ``YearTarget`` in the form's cleaned data."""
        return {
            "value": cleaned["target_value"],
            "comparator": cleaned["target_comparator"],
            "change_reason": cleaned["change_reason"],
            "change_comment": cleaned["change_comment"],
            **{name: cleaned[f"target_{name}"] for name in cls.TARGET_DETAILS},
        }

    result_value = value_field(_("Résultat"))
    result_bound = forms.TypedChoiceField(
        label=_("Le résultat est"),
        choices=ResultBound.choices,
        initial=ResultBound.EXACT,
        required=False,
        empty_value=ResultBound.EXACT,
        help_text=_("« plus de » quand la source ne donne qu'une borne : « plus de 20 »."),
    )
    result_as_of = PlanDateField(
        label=_("Valeur au"),
        required=False,
        # A date field sends and shows ISO dates, whatever the language of the page.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Saisissez une date, par exemple 31/12/2023.")},
    )
    result_source = PlainTextField(
        label=_("Source (document)"),
        required=False,
        max_length=300,
        help_text=_("Par exemple : Bilan 2023 & perspectives 2024."),
    )
    result_source_location = PlainTextField(
        label=_("Emplacement dans la source"),
        required=False,
        max_length=300,
        help_text=_("Page, tableau, ligne ou colonne."),
    )
    result_producer = PlainTextField(
        label=_("Producteur du chiffre"),
        required=False,
        max_length=200,
        help_text=_("Service ou partenaire qui l'a produit."),
    )
    result_comment = PlainTextField(
        label=_("Commentaire"),
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "fr"}),
    )
    result_revision = revision_field()
    target_value = value_field(_("Objectif"))
    # Never empty (no blank choice), so without the « required » attribute: said to
    # screen readers like the other fields marked « * ».
    target_comparator = forms.ChoiceField(
        label=_("Comparateur"),
        choices=Comparator.choices,
        initial=Comparator.EXACTLY,
        widget=forms.Select(attrs={"aria-required": "true"}),
    )
    target_derivation = PlainTextField(
        label=_("Objectif déduit de"),
        required=False,
        max_length=300,
        help_text=_(
            "Vide quand la source donne l'objectif tel quel ; sinon, le calcul en une ligne : "
            "« 8 agréées fin 2022 + au moins 3 en 2023 »."
        ),
    )
    target_source = PlainTextField(label=_("Source de l'objectif"), required=False, max_length=300)
    target_source_location = PlainTextField(
        label=_("Emplacement de l'objectif dans la source"), required=False, max_length=300
    )
    target_producer = PlainTextField(
        label=_("Qui a fixé l'objectif"), required=False, max_length=200
    )
    target_revision = revision_field()
    change_reason = forms.ChoiceField(
        label=_("Motif du changement d'objectif"),
        choices=[("", "—"), *TargetChangeReason.choices],
        required=False,
    )
    change_comment = PlainTextField(
        label=_("Précision sur le motif"),
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "fr"}),
    )

    def __init__(
        self,
        *args,
        indicator: Indicator,
        year: int,
        published_target=None,
        with_result: bool = True,
        **kwargs,
    ):
        self.indicator = indicator
        self.year = year
        self.published_target = published_target
        self.with_result = with_result
        kwargs.setdefault("prefix", f"ind-{indicator.pk}-{year}")
        super().__init__(*args, **kwargs)
        if not with_result:
            for name in (*self.RESULT_FIELDS, "result_revision"):
                del self.fields[name]
        value_names = [name for name in ("result_value", "target_value") if name in self.fields]
        # The year in each label: « Résultat 2023 » and « Objectif 2024 » are not the same thing.
        self.fields["target_value"].label = _("Objectif %(year)s") % {"year": year}
        if with_result:
            self.fields["result_value"].label = _("Résultat %(year)s") % {"year": year}
        for name in value_names:
            # Django ties the hint to the field (aria-describedby), and its message when refused.
            if indicator.is_share:
                self.fields[name].help_text = SHARE_HINT
            elif counts_things(indicator):
                self.fields[name].widget.attrs["inputmode"] = "numeric"
                self.fields[name].help_text = WHOLE_NUMBER_HINT
            else:
                self.fields[name].help_text = NUMBER_HINT

    @classmethod
    def initial_for(cls, open_result, published_result, open_target, published_target) -> dict:
        """What the form shows: the open entries, else the published ones; the revisions
        of the open ones (a published entry is not the one being edited)."""
        result = open_result or published_result
        target = open_target or published_target
        initial = {}
        if result is not None:
            initial |= {
                "result_value": result.value,
                "result_as_of": result.as_of,
                "result_source": result.source,
                "result_comment": result.comment,
                **{f"result_{name}": getattr(result, name) for name in cls.RESULT_DETAILS},
            }
        if target is not None:
            initial |= {
                "target_value": target.value,
                "target_comparator": target.comparator,
                **{f"target_{name}": getattr(target, name) for name in cls.TARGET_DETAILS},
            }
        if open_target is not None:
            initial |= {
                "change_reason": open_target.change_reason,
                "change_comment": open_target.change_comment,
            }
        initial["result_revision"] = open_result.revision if open_result else None
        initial["target_revision"] = open_target.revision if open_target else None
        return initial

    def clean(self):
        data = super().clean()
        result, target = data.get("result_value"), data.get("target_value")
        for name, value in (("result_value", result), ("target_value", target)):
            if value is None:
                continue
            if self.indicator.is_share and value > 100:
                self.add_error(
                    name,
                    _(
                        "Une part ne peut pas dépasser 100 %. "
                        "Saisissez un pourcentage de 0 à 100, par exemple 12,5."
                    ),
                )
            elif counts_things(self.indicator) and value != value.to_integral_value():
                self.add_error(name, whole_number_message(self.indicator.unit.strip()))
        if result is None and target is None and not self.errors:
            if not self.with_result:
                raise ValidationError(_("Saisissez l'objectif %(year)s.") % {"year": self.year})
            raise ValidationError(_("Saisissez un résultat, un objectif, ou les deux."))
        published = self.published_target
        if (
            target is not None
            and published is not None
            and target != published.value
            and not data.get("change_reason")
        ):
            self.add_error(
                "change_reason",
                _(
                    "L'objectif publié était %(value)s : indiquez pourquoi il change en "
                    "choisissant un motif dans la liste."
                )
                % {"value": format_quantity(published.value, self.indicator.unit_forms)},
            )
        if (
            data.get("change_reason") == TargetChangeReason.OTHER
            and not data.get("change_comment", "").strip()
        ):
            self.add_error(
                "change_comment",
                _("Précisez le motif « autre ». Écrivez-le dans « Précision sur le motif »."),
            )
        return data


class MilestoneYearForm(forms.Form):
    # A blank first choice: a status nobody chose is not sent as « prévu » by the browser.
    progress = forms.ChoiceField(
        label=_("Avancement"),
        choices=[("", "—"), *MilestoneStatus.choices],
        error_messages={"required": _("Choisissez l'avancement du jalon.")},
    )
    note = PlainTextField(
        label=_("Note"),
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "fr"}),
    )
    revision = revision_field()

    def __init__(self, *args, milestone, year: int, **kwargs):
        self.milestone = milestone
        self.year = year
        kwargs.setdefault("prefix", f"jalon-{milestone.pk}-{year}")
        super().__init__(*args, **kwargs)
