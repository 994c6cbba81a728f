"""Writes of the entry feature: each in one transaction, all of it or nothing."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from core.entries import save_entry, transition
from core.workflow import SUBMIT, EntryStatus
from indicators.models import Comparator, Indicator, MilestoneYearStatus, YearResult, YearTarget
from measures.models import BilanEntry, Commitment


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


class CommitmentChanged(Exception):
    """Someone else marked the commitment since the form was loaded."""

    def __init__(self):
        super().__init__(
            _(
                "Quelqu'un d'autre a modifié cet engagement entre-temps : rechargez la page "
                "avant d'enregistrer."
            )
        )


def mark_commitment(commitment: Commitment, *, outcome: str, comment: str, revision: int):
    """Record how a commitment was kept, unless it changed since ``revision`` was read."""
    with transaction.atomic():
        claimed = Commitment.objects.filter(pk=commitment.pk, revision=revision).update(
            revision=revision + 1
        )
        if not claimed:
            raise CommitmentChanged
        commitment.refresh_from_db()
        commitment.outcome = outcome
        commitment.comment = comment
        commitment.full_clean()
        commitment.save()


def submit_drafts(rows, years: list[int], year: int, *, user) -> int:
    """Submit every draft of ``rows`` shown for ``year`` (values of ``years``): all or nothing.

    Returns how many were submitted.
    """
    drafts = [
        *YearResult.objects.filter(indicator__report_row__in=rows, year__in=years),
        *YearTarget.objects.filter(indicator__report_row__in=rows, year__in=years),
        *MilestoneYearStatus.objects.filter(milestone__report_row__in=rows, year=year),
        *BilanEntry.objects.filter(report_row__in=rows, reporting_year__year=year),
    ]
    drafts = [d for d in drafts if d.status in (EntryStatus.DRAFT, EntryStatus.RETURNED)]
    with transaction.atomic():
        for draft in drafts:
            transition(type(draft), draft.pk, SUBMIT, user=user)
    return len(drafts)
