"""Which plan the site shows, and which of its years pages open on."""

from django.db.models import Max, Q

from measures.models import Plan


def current_plan() -> Plan | None:
    """The plan the site shows, with two years of it read in the same query.

    ``latest_published_year``: the newest reporting year whose bilan is
    published (it has a publication date, set when its first edition is frozen;
    the seed's 2022 was published in July 2023). Public pages open on it, so
    that values of a year still being collected — published one by one, or not
    yet validated — never turn the overview to a half-empty year.

    ``latest_open_year``: the newest reporting year opened, published or not:
    the year staff are collecting.

    ``latest_published_on``: the publication date of the newest published
    report (the pages cite it as their source).
    """
    return (
        Plan.objects.newest_first()
        .annotate(
            latest_published_year=Max(
                "reporting_years__year", filter=Q(reporting_years__published_on__isnull=False)
            ),
            latest_open_year=Max("reporting_years__year"),
            latest_published_on=Max("reporting_years__published_on"),
        )
        .first()
    )


def clamped_to_plan(plan: Plan, year: int | None) -> int:
    """``year`` within the plan's years; the plan's first year when there is none."""
    return min(max(year or plan.start_year, plan.start_year), plan.end_year)
