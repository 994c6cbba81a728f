"""Writes that touch several rows go through these functions, in one transaction."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from core.entries import save_entry
from indicators.models import Comparator, Indicator, YearResult, YearTarget


@dataclass(frozen=True)
class RecordedYear:
    target: YearTarget | None
    result: YearResult | None


def record_year(
    indicator: Indicator,
    year: int,
    *,
    user=None,
    target: Decimal | None = None,
    target_comparator: str = Comparator.EXACTLY,
    target_revision: int | None = None,
    change_reason: str = "",
    change_comment: str = "",
    result: Decimal | None = None,
    result_revision: int | None = None,
    as_of: date | None = None,
    source: str = "",
    comment: str = "",
) -> RecordedYear:
    """Record an indicator's target and/or result for a year as drafts: both, or neither.

    Each entry is validated (French messages) and checked against the revision
    the form was loaded with; if anything fails, nothing of the call is kept.
    """
    key = {"indicator": indicator, "year": year}
    with transaction.atomic():
        saved_target = None
        if target is not None:
            saved_target = save_entry(
                YearTarget,
                key,
                {
                    "value": target,
                    "comparator": target_comparator,
                    "change_reason": change_reason,
                    "change_comment": change_comment,
                },
                user=user,
                expected_revision=target_revision,
            )
        saved_result = None
        if result is not None:
            saved_result = save_entry(
                YearResult,
                key,
                {"value": result, "as_of": as_of, "source": source, "comment": comment},
                user=user,
                expected_revision=result_revision,
            )
    return RecordedYear(target=saved_target, result=saved_result)
