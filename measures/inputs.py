"""The inputs of the plan's forms: dates within the plan's reach, and the administration's fields.

The entry forms declare their fields with ``core.fields``; the administration
builds its forms from the models, so ``PlanInputsAdmin`` gives each of its
model admins and inlines the same fields: texts that refuse invisible
characters, numbers read by ``core.numbers``, dates from
``FIRST_POSSIBLE_YEAR`` to ``LAST_POSSIBLE_YEAR``.
"""

from django import forms
from django.db import models

from core.fields import BoundedDateField, NumberField, WholeNumberField
from core.text_safety import refuse_invisible_characters
from measures.models import FIRST_POSSIBLE_YEAR, LAST_POSSIBLE_YEAR


class PlanDateField(BoundedDateField):
    """A date in a year the plan can reach: FIRST_POSSIBLE_YEAR to LAST_POSSIBLE_YEAR."""

    first_year = FIRST_POSSIBLE_YEAR
    last_year = LAST_POSSIBLE_YEAR


def plan_form_class(db_field) -> type[forms.Field] | None:
    """The form field for a model field of the plan, where the default one is too lenient."""
    if db_field.choices:
        return None
    if isinstance(db_field, models.DecimalField):
        return NumberField
    if isinstance(db_field, models.IntegerField):
        return WholeNumberField
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        return PlanDateField
    return None


class PlanInputsAdmin:
    """Mixed into every model admin and inline of the plan, before Django's class."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        form_class = plan_form_class(db_field)
        if form_class is not None:
            kwargs.setdefault("form_class", form_class)
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        refuse = refuse_invisible_characters
        if isinstance(field, forms.CharField) and refuse not in field.validators:
            field.validators.append(refuse)
        return field
