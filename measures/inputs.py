"""The inputs of the plan's forms, in the administration too.

The entry forms declare their fields with ``core.fields``; the administration
builds its forms from the models, so ``PlanInputsAdmin`` gives each of its
model admins and inlines the same texts: they refuse invisible characters.
"""

from django import forms

from core.text_safety import refuse_invisible_characters


class PlanInputsAdmin:
    """Mixed into every model admin and inline of the plan, before Django's class."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        refuse = refuse_invisible_characters
        if isinstance(field, forms.CharField) and refuse not in field.validators:
            field.validators.append(refuse)
        return field
