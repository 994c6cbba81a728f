"""The Django administration shows published entries but never changes nor deletes them:
a correction goes through the review queue (a new entry that supersedes the old one)."""

from decimal import Decimal

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from core.workflow import EntryStatus
from indicators.models import Indicator, YearResult
from measures.models import BilanEntry
from tests.test_admin import admin_client_fr  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

LOUEZ = "Logements Louez solidaire captés dans l'année"


def change_url(entry) -> str:
    meta = entry._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[entry.pk])


def delete_url(entry) -> str:
    meta = entry._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[entry.pk])


def published_result():
    return YearResult.objects.get(indicator__label=LOUEZ, year=2022, status=EntryStatus.PUBLISHED)


def test_a_published_value_is_shown_read_only(admin_client_fr, seed_plan):  # noqa: F811
    result = published_result()
    page = admin_client_fr.get(change_url(result))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="value"' not in html
    assert 'name="_save"' not in html
    data = {k: v for k, v in model_to_dict(result).items() if v is not None}
    posted = admin_client_fr.post(change_url(result), data | {"value": "999"})
    assert posted.status_code == 403
    assert admin_client_fr.post(delete_url(result), {"post": "yes"}).status_code == 403
    result.refresh_from_db()
    assert result.value == Decimal(73)


def test_a_published_text_is_neither_changed_nor_deleted(admin_client_fr, seed_plan):  # noqa: F811
    text = BilanEntry.objects.filter(status=EntryStatus.PUBLISHED).order_by("pk").first()
    assert admin_client_fr.post(delete_url(text), {"post": "yes"}).status_code == 403
    assert BilanEntry.objects.filter(pk=text.pk).exists()


def test_a_draft_stays_editable(admin_client_fr, seed_plan):  # noqa: F811
    draft = YearResult.objects.create(
        indicator=Indicator.objects.get(label=LOUEZ), year=2024, value=Decimal(70)
    )
    html = admin_client_fr.get(change_url(draft)).content.decode()
    assert 'name="value"' in html


def test_the_indicator_page_lists_only_open_values_in_its_inlines(admin_client_fr, seed_plan):  # noqa: F811
    indicator = Indicator.objects.get(label=LOUEZ)
    YearResult.objects.create(indicator=indicator, year=2024, value=Decimal(70))
    html = admin_client_fr.get(change_url(indicator)).content.decode()
    assert 'name="year_results-TOTAL_FORMS"' in html
    assert 'name="year_results-INITIAL_FORMS" value="1"' in html
