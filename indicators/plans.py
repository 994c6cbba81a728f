"""Which plan the site shows."""

from django.db.models import Max

from measures.models import Plan


def current_plan() -> Plan | None:
    """The plan the dashboard shows, with ``latest_result_year`` in the same query."""
    return (
        Plan.objects.newest_first()
        .annotate(latest_result_year=Max("axes__ambitions__rows__indicators__year_results__year"))
        .first()
    )
