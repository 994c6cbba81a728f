"""The queries of indicators: everything a dashboard row or a bilan needs, in a few
queries however many indicators there are."""

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.query import ModelIterable

from core.workflow import EntryStatus
from indicators.models.values import PUBLISHED_ONLY
from indicators.models.withheld import withheld_small_result


def read_where_present(indicators) -> None:
    """The period targets of ``indicators`` read from ``has_period_targets``: one query for
    those that have some, none at all when none has; the others get an empty list."""
    from indicators.models import PeriodTarget

    models.prefetch_related_objects(
        [i for i in indicators if i.has_period_targets], "period_targets"
    )
    none = PeriodTarget.objects.none()
    for indicator in indicators:
        if not indicator.has_period_targets:
            indicator.__dict__.setdefault("_prefetched_objects_cache", {})["period_targets"] = none


class IndicatorQuerySet(models.QuerySet):
    def for_dashboard(self, statuses=PUBLISHED_ONLY, *, targets_up_to=None, results_up_to=None):
        """Everything a dashboard row needs, in three queries however many indicators
        (four when some of them have period targets).

        Only the targets and results in ``statuses`` (published, and validated
        for partners allowed to see them) are fetched, and, when given, only
        those of years up to ``targets_up_to`` and ``results_up_to``.
        """
        from indicators.models import PeriodTarget, YearResult, YearTarget  # defined after

        targets = YearTarget.objects.filter(status__in=(*statuses, EntryStatus.SUPERSEDED))
        results = YearResult.objects.filter(status__in=statuses).annotate(
            withheld=withheld_small_result()
        )
        if targets_up_to is not None:
            targets = targets.filter(year__lte=targets_up_to)
        if results_up_to is not None:
            results = results.filter(year__lte=results_up_to)
        return (
            self.select_related("report_row__measure", "report_row__ambition__axis__plan")
            # Few indicators have period targets (in the seed, five, all on unnumbered
            # rows): they are read only for those that have some, and a page without
            # any does not ask (``_prefetch_related_objects``).
            .annotate(
                has_period_targets=Exists(PeriodTarget.objects.filter(indicator=OuterRef("pk")))
            )
            .prefetch_related(
                # Superseded targets come too: charts show the original target
                # beside the current one when they differ.
                Prefetch("year_targets", queryset=targets),
                Prefetch("year_results", queryset=results),
            )
            .in_report_order()
        )

    def _prefetch_related_objects(self):
        # Django's step after reading the rows, for the lookups above; then the period
        # targets where there are some (the annotation marks a ``for_dashboard`` queryset
        # and follows its copies; ``iterator()`` skips this step).
        super()._prefetch_related_objects()
        if "has_period_targets" in self.query.annotations and issubclass(
            self._iterable_class, ModelIterable
        ):
            read_where_present(self._result_cache)

    def for_bilan(self, year: int):
        """What the bilan of ``year`` may know: published results up to ``year``, and
        published targets up to ``year + 1`` (its plan d'action). Later figures are
        not fetched at all, so publishing them never changes the bilan of ``year``."""
        return self.for_dashboard(targets_up_to=year + 1, results_up_to=year)

    def in_report_order(self):
        return self.order_by(
            "report_row__ambition__axis__number",
            "report_row__ambition__position",
            "report_row__position",
            "position",
        )
