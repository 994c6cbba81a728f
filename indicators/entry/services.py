"""Writes of the entry feature: each in one transaction, all of it or nothing.

A save that changes nothing writes nothing: no draft copying the value already
there, no history row, no revision bump. Each writer says so by returning an
empty result (``None``, or a falsy ``RecordedYear``).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from django.db import transaction

from core.entries import open_entry, published_entry, save_entry, transition
from core.workflow import SUBMIT, EntryStatus
from indicators.models import (
    ArrondissementFigures,
    Comparator,
    Indicator,
    MilestoneYearStatus,
    YearResult,
    YearTarget,
)
from measures.models import BilanEntry, CommitmentMark, FundingAmount


def _same(stored, typed) -> bool:
    """Whether a typed value is the stored one (a browser sends text lines ending in CRLF)."""
    if isinstance(stored, str) and isinstance(typed, str):
        return stored.replace("\r\n", "\n").strip() == typed.replace("\r\n", "\n").strip()
    return stored == typed


def changes_something(model, key: dict, values: dict, *, published_fields=None) -> bool:
    """Whether saving ``values`` for ``key`` would change what the entry form shows.

    The form shows the open entry, else the published one; against a published
    entry only ``published_fields`` count (by default all): a reason for changing
    a target changes nothing while the target itself stays the same.
    """
    current = open_entry(model, key)
    compared = values
    if current is None:
        current = published_entry(model, key)
        if current is None:
            return True
        if published_fields is not None:
            compared = {name: values[name] for name in published_fields}
    return not all(_same(getattr(current, name), value) for name, value in compared.items())


def save_if_changed(model, key: dict, values: dict, *, user, expected_revision, **compare):
    """``save_entry`` unless nothing changes; the saved entry, or ``None``."""
    if not changes_something(model, key, values, **compare):
        return None
    return save_entry(model, key, values, user=user, expected_revision=expected_revision)


@dataclass(frozen=True)
class RecordedYear:
    target: YearTarget | None
    result: YearResult | None

    def __bool__(self) -> bool:
        """False when nothing was written."""
        return self.target is not None or self.result is not None


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
    target_details: Mapping[str, str] = MappingProxyType({}),
    result_details: Mapping[str, str] = MappingProxyType({}),
) -> RecordedYear:
    """Record an indicator's target and/or result for a year as drafts: both, or neither.

    ``target_details`` / ``result_details``: the entries' other fields by name
    (provenance, a target's ``derivation``, a result's ``bound``). See
    ``record_year_fields``.
    """
    return record_year_fields(
        indicator,
        year,
        user=user,
        target=None
        if target is None
        else {
            "value": target,
            "comparator": target_comparator,
            "change_reason": change_reason,
            "change_comment": change_comment,
            **target_details,
        },
        target_revision=target_revision,
        result=None
        if result is None
        else {"value": result, "as_of": as_of, "source": source, "comment": comment}
        | dict(result_details),
        result_revision=result_revision,
    )


def published_target_fields(names) -> tuple[str, ...]:
    """Of the fields ``names`` of a target, those a reader sees of it once published: a
    new reason alone changes nothing."""
    return tuple(name for name in names if name not in ("change_reason", "change_comment"))


def record_year_fields(
    indicator: Indicator,
    year: int,
    *,
    user,
    target: dict | None,
    target_revision: int | None,
    result: dict | None,
    result_revision: int | None,
) -> RecordedYear:
    """Record the fields of an indicator's ``YearTarget`` and/or ``YearResult`` of a year
    as drafts: both, or neither.

    Each entry is validated (French messages) and checked against the revision the form
    was loaded with; if anything fails, nothing is kept. A value equal to the one
    already there (open, else published) is not written.
    """
    key = {"indicator": indicator, "year": year}
    with transaction.atomic():
        saved_target = None
        if target is not None:
            saved_target = save_if_changed(
                YearTarget,
                key,
                target,
                user=user,
                expected_revision=target_revision,
                published_fields=published_target_fields(target),
            )
        saved_result = None
        if result is not None:
            saved_result = save_if_changed(
                YearResult, key, result, user=user, expected_revision=result_revision
            )
    return RecordedYear(target=saved_target, result=saved_result)


def submit_drafts(rows, years: list[int], year: int, *, user) -> int:
    """Submit every draft of ``rows`` shown for ``year``: all or nothing.

    The page of ``year`` shows that year's results and the targets of ``years``
    (the year and the next); a result of the next year is not on it, so it stays.
    Returns how many were submitted.
    """
    drafts = [
        *YearResult.objects.filter(indicator__report_row__in=rows, year=year),
        *YearTarget.objects.filter(indicator__report_row__in=rows, year__in=years),
        *MilestoneYearStatus.objects.filter(milestone__report_row__in=rows, year=year),
        *BilanEntry.objects.filter(report_row__in=rows, reporting_year__year=year),
        *CommitmentMark.objects.filter(
            commitment__report_row__in=rows, commitment__reporting_year__year=year
        ),
        *FundingAmount.objects.filter(source__report_row__in=rows, year=year),
        *ArrondissementFigures.objects.filter(indicator__report_row__in=rows, year=year),
    ]
    drafts = [d for d in drafts if d.status in (EntryStatus.DRAFT, EntryStatus.RETURNED)]
    with transaction.atomic():
        for draft in drafts:
            transition(type(draft), draft.pk, SUBMIT, user=user)
    return len(drafts)
