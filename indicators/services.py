"""Writes that touch several rows go through these functions, in one transaction."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from .models import Comparator, Indicator, YearResult, YearTarget


@dataclass(frozen=True)
class RecordedYear:
    target: YearTarget | None
    result: YearResult | None


def record_year(
    indicator: Indicator,
    year: int,
    *,
    target: Decimal | None = None,
    target_comparator: str = Comparator.EXACTLY,
    result: Decimal | None = None,
    as_of: date | None = None,
    source: str = "",
    comment: str = "",
) -> RecordedYear:
    """Record an indicator's target and/or result for a year: both, or neither.

    Each row is validated (French messages) before it is written; if anything
    fails, validation or database constraint, nothing of the call is kept.
    """
    with transaction.atomic():
        saved_target = None
        if target is not None:
            saved_target = (
                YearTarget.objects.select_for_update()
                .filter(indicator=indicator, year=year)
                .first()
            )
            saved_target = saved_target or YearTarget(indicator=indicator, year=year)
            saved_target.value = target
            saved_target.comparator = target_comparator
            saved_target.full_clean()
            saved_target.save()
        saved_result = None
        if result is not None:
            saved_result = (
                YearResult.objects.select_for_update()
                .filter(indicator=indicator, year=year)
                .first()
            )
            saved_result = saved_result or YearResult(indicator=indicator, year=year)
            saved_result.value = result
            saved_result.as_of = as_of
            saved_result.source = source
            saved_result.comment = comment
            saved_result.full_clean()
            saved_result.save()
    return RecordedYear(target=saved_target, result=saved_result)
