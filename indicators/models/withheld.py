"""Which results the readers of the dashboard do not see exactly: small counts of an
indicator flagged sensitive (``indicators.small_counts``), decided in SQL."""

from django.db import models
from django.db.models import Exists, ExpressionWrapper, OuterRef, Q

from indicators.small_counts import configured_threshold
from measures.reporting_years import ReportingYear


def withheld_small_result() -> ExpressionWrapper:
    """Whether a result is kept from the readers of the dashboard, in SQL (no query more).

    A result of an indicator flagged sensitive, from 1 to K − 1 (``small_counts``), is
    withheld, unless its year's bilan was published before the flag was raised: what a
    published bilan said stays as published. The readers see « moins de K »; nothing
    computed for them (totals, progress, charts) counts it, so nothing gives it away.
    """
    published_before_the_flag = ReportingYear.objects.filter(
        plan=OuterRef("indicator__report_row__ambition__axis__plan"),
        year=OuterRef("year"),
        published_on__lt=OuterRef("indicator__sensitive_since"),
    )
    small = Q(indicator__is_sensitive=True, value__gt=0, value__lt=configured_threshold())
    return ExpressionWrapper(
        small & ~Exists(published_before_the_flag), output_field=models.BooleanField()
    )
