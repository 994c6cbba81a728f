"""The administration's forms take their inputs the way the entry forms do.

Texts refuse invisible characters (see also tests/security/test_invisible_characters.py),
numbers are read by core.numbers (no « ١٢٣ », « 1e2 », « 1_000 »), dates stay within
the plan's reach: in every model admin and every inline of the plan.
"""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.forms.models import model_to_dict
from django.test import RequestFactory

from core.fields import NumberField, WholeNumberField
from core.text_safety import refuse_invisible_characters
from indicators.models import YearResult
from measures.inputs import PlanDateField
from tests.test_admin import MODELS

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("chef", password=None)


def admin_forms(model, request):
    """The form of ``model``'s admin, and the forms of its inlines."""
    model_admin = admin.site._registry[model]
    yield model_admin.get_form(request)
    for inline in model_admin.get_inline_instances(request):
        yield inline.get_formset(request).form


def loose_fields(form_class) -> list[str]:
    """The fields of a form that take free text, a number or a date the lenient way."""
    loose = []
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.CharField):
            ok = refuse_invisible_characters in field.validators
        elif isinstance(field, forms.DecimalField):
            ok = isinstance(field, NumberField)
        elif isinstance(field, forms.IntegerField):
            ok = isinstance(field, WholeNumberField)
        elif isinstance(field, forms.DateField) and not isinstance(field, forms.DateTimeField):
            ok = isinstance(field, PlanDateField)
        else:
            ok = True
        if not ok:
            loose.append(f"{form_class.__name__}.{name}")
    return loose


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_admin_form_takes_its_inputs_strictly(superuser, model):
    request = RequestFactory().get("/")
    request.user = superuser
    loose = [name for form in admin_forms(model, request) for name in loose_fields(form)]
    assert not loose


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("value", "١٢٣", "Écrivez le nombre avec les chiffres de 0 à 9."),
        ("value", "1e2", "sans exposant"),
        ("value", "1_000", "Saisissez un nombre"),
        ("year", "２０２３", "Écrivez le nombre avec les chiffres de 0 à 9."),
        ("as_of", "0001-01-01", "Saisissez une date entre le 1er janvier 2000"),
        ("as_of", "9999-12-31", "Saisissez une date entre le 1er janvier 2000"),
    ],
)
def test_the_admin_refuses_exotic_numbers_and_dates(seed_plan, superuser, field, typed, message):
    request = RequestFactory().get("/")
    request.user = superuser
    result = YearResult.objects.order_by("pk").first()
    form_class = admin.site._registry[YearResult].get_form(request, result)
    form = form_class(data=model_to_dict(result) | {field: typed}, instance=result)
    assert not form.is_valid()
    assert any(message in error for error in form.errors[field])
