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
from measures.models import FIRST_POSSIBLE_YEAR, LAST_POSSIBLE_YEAR, Plan


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


# The links from a thing of the plan towards its plan, tried in this order.
TOWARDS_THE_PLAN = (
    "plan",
    "axis",
    "ambition",
    "report_row",
    "reporting_year",
    "indicator",
    "milestone",
    "commitment",
    "source",
)


def plan_of(thing) -> Plan | None:
    """The plan an axis, row, indicator, entry… belongs to, through its links."""
    for _step in range(len(TOWARDS_THE_PLAN) + 1):
        if thing is None or isinstance(thing, Plan):
            return thing
        link = next((name for name in TOWARDS_THE_PLAN if hasattr(thing, f"{name}_id")), None)
        if link is None:
            return None
        thing = getattr(thing, link)
    return None


class PlanInputsAdmin:
    """Mixed into every model admin and inline of the plan, before Django's class.

    What belongs to an archived plan is read-only here too (its plan's own record aside,
    which the plans' actions change): the administration is no way round the archive.
    """

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._archived(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._archived(obj)

    def has_add_permission(self, request, *args):
        # An inline is asked with its parent object: nothing is added to an archived plan.
        parent = args[0] if args else None
        return super().has_add_permission(request, *args) and not self._archived(parent)

    def _archived(self, obj) -> bool:
        """Whether ``obj`` (the object shown, or an inline's parent) is of an archived plan."""
        if obj is None or (isinstance(obj, Plan) and self.model is Plan):
            return False
        plan = plan_of(obj)
        return plan is not None and plan.is_archived

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        form_class = plan_form_class(db_field)
        if form_class is not None:
            kwargs.setdefault("form_class", form_class)
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        refuse = refuse_invisible_characters
        if isinstance(field, forms.CharField) and refuse not in field.validators:
            field.validators.append(refuse)
        return field
