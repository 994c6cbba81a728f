"""The calendar stored on a reporting year: its order is checked, its changes kept."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from measures.campaign import Phase
from measures.models import ReportingYear

pytestmark = pytest.mark.django_db


def test_dates_out_of_order_are_refused_in_french_and_by_the_database(seed_plan):
    year = ReportingYear.objects.get(year=2022)
    year.collection_opens_on = date(2024, 3, 31)
    year.collection_closes_on = date(2024, 1, 15)
    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        year.full_clean()
    assert "La collecte doit ouvrir avant sa clôture." in str(refused.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        year.save()


def test_a_calendar_change_is_kept_in_the_history(seed_plan):
    year = ReportingYear.objects.get(year=2022)
    before = year.history.count()
    year.collection_closes_on = date(2023, 3, 31)
    year.save()
    assert year.history.count() == before + 1
    assert year.history.first().collection_closes_on == date(2023, 3, 31)


def test_the_published_2022_bilan_reads_as_published(seed_plan):
    year = ReportingYear.objects.get(year=2022)
    assert year.published_on is not None
    assert year.campaign(date(2030, 1, 1)).phase == Phase.PUBLISHED
