"""Which plan the site shows, which of its years pages open on, and its successor."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from indicators.models import Comparator, Indicator
from measures.models import Ambition, Axis, FundingSource, Measure, Plan, ReportingYear, ReportRow


def current_plan() -> Plan | None:
    """The plan the site shows, with two years of it and its axes read in the same query.

    ``latest_published_year``: the newest reporting year whose bilan is
    published (it has a publication date, set when its first edition is frozen;
    the seed's 2022 was published in July 2023). Public pages open on it, so
    that values of a year still being collected — published one by one, or not
    yet validated — never turn the overview to a half-empty year.

    ``latest_open_year``: the newest reporting year opened, published or not:
    the year staff are collecting.

    ``latest_published_on``: the publication date of the newest published
    report (the pages cite it as their source).

    ``nav_axes``: its axes in order, which every page's navigation draws. The query reads
    the axes with their plan, so that the plan and its axes cost one query, not two;
    only a plan with no axis yet is read on its own.
    """
    shown = Plan.objects.shown().values("pk")[:1]
    years = ReportingYear.objects.filter(plan=OuterRef("plan_id")).order_by()
    published = years.filter(published_on__isnull=False)
    axes = list(
        Axis.objects.filter(plan__in=shown)
        .select_related("plan")
        .annotate(
            latest_published_year=Subquery(published.order_by("-year").values("year")[:1]),
            latest_open_year=Subquery(years.order_by("-year").values("year")[:1]),
            latest_published_on=Subquery(
                published.order_by("-published_on").values("published_on")[:1]
            ),
        )
        .order_by("number")
    )
    if not axes:
        plan = _plan_with_its_years()
        if plan is not None:
            plan.nav_axes = []
        return plan
    plan = axes[0].plan
    for name in YEAR_ANNOTATIONS:
        setattr(plan, name, getattr(axes[0], name))
    for axis in axes:
        axis.plan = plan
    plan.nav_axes = axes
    return plan


YEAR_ANNOTATIONS = ("latest_published_year", "latest_open_year", "latest_published_on")


def _plan_with_its_years() -> Plan | None:
    return (
        Plan.objects.shown()
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


def _copied(instance, **changes):
    """An unsaved copy of ``instance``: its own fields, ``changes`` for its links."""
    fields = {
        field.attname: getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
        if not field.primary_key
    }
    return type(instance)(**(fields | changes))


@transaction.atomic
def copy_plan_structure(
    source: Plan, *, title: str, start_year: int, end_year: int, slug: str = ""
) -> Plan:
    """A successor of ``source`` with its structure as a starting point, never current.

    Copied: the axes, ambitions, measures (with those who enter them and the partners
    who carry them), the bilan's rows,
    the indicators (what they count, their units and kinds, their partners; not their own
    figures, ``FIGURES_NOT_COPIED``), the rows' funding sources (not their amounts).
    Partners are the same organisations in both plans. Not copied: anything that belongs
    to a year — reporting years, targets, results, milestones (each one due in a year of
    the old plan) and their statuses, texts, commitments, funding amounts, figures by
    arrondissement — nor period targets nor frozen editions: the new plan
    starts with no figure and no date. Measures keep their numbers, so two plans share them.
    """
    plan = Plan.objects.create(
        title=title,
        programme=source.programme,
        start_year=start_year,
        end_year=end_year,
        introduction=source.introduction,
        slug=slug,
    )
    axes = {a.pk: _copied(a, plan_id=plan.pk) for a in Axis.objects.filter(plan=source)}
    _save_each(axes)
    ambitions = {
        a.pk: _copied(a, axis_id=axes[a.axis_id].pk)
        for a in Ambition.objects.filter(axis__plan=source)
    }
    _save_each(ambitions)
    measures = _copy_measures(source, axes)
    rows = {
        r.pk: _copied(
            r,
            ambition_id=ambitions[r.ambition_id].pk,
            measure_id=measures[r.measure_id].pk if r.measure_id else None,
        )
        for r in ReportRow.objects.filter(ambition__axis__plan=source)
    }
    _save_each(rows)
    _copy_row_contents(source, rows)
    return plan


def _copy_measures(source: Plan, axes: dict) -> dict:
    """The copies of ``source``'s measures by the old ones' keys, with those who enter
    them and the partners who carry them."""
    measures = {}
    of_plan = Measure.objects.filter(axis__plan=source)
    for measure in of_plan.prefetch_related("editors", "partners"):
        measures[measure.pk] = copy = _copied(measure, axis_id=axes[measure.axis_id].pk)
        copy.save()
        copy.editors.set(measure.editors.all())
        copy.partners.set(measure.partners.all())
    return measures


def _copy_row_contents(source: Plan, rows: dict) -> None:
    """The indicators of ``source``'s rows (with their partners, without their own
    figures) and the rows' funding sources, into the copied ``rows``."""
    of_source = {"report_row__ambition__axis__plan": source}
    indicators = {
        item.pk: _copied(item, report_row_id=rows[item.report_row_id].pk, **FIGURES_NOT_COPIED)
        for item in Indicator.objects.filter(**of_source)
    }
    _save_each(indicators)
    for item in Indicator.objects.filter(**of_source).prefetch_related("partners"):
        indicators[item.pk].partners.set(item.partners.all())
    # Who funds a row is a starting point too; the amounts are the old plan's years'.
    _save_each(
        {
            funding.pk: _copied(funding, report_row_id=rows[funding.report_row_id].pk)
            for funding in FundingSource.objects.filter(**of_source)
        }
    )


# An indicator's own figures are the old plan's: its reference value and year, its
# change since then, its target over the plan's years, and where they came from. The
# successor sets its own; who produces the figures stays as a starting point.
FIGURES_NOT_COPIED = {
    "baseline": None,
    "baseline_year": None,
    "reference_change": None,
    "plan_target": None,
    "plan_target_comparator": Comparator.EXACTLY,
    "source": "",
    "source_location": "",
}


def _save_each(copies: dict) -> None:
    # One by one, not in bulk: each copy gets its key (the next level links to it) and
    # its history row, on every database.
    for copy in copies.values():
        copy.save()


def successor_period(plan: Plan) -> tuple[int, int]:
    """The years right after ``plan``, as many as it has: 2027-2032 after 2021-2026."""
    return plan.end_year + 1, plan.end_year + len(plan.years)


@transaction.atomic
def make_current(plan: Plan) -> None:
    """``plan`` becomes the plan of the addresses without ``/plans/``; the former current
    plan stays as it is (readable and open for entry) until an administrator archives it."""
    Plan.objects.filter(is_current=True).exclude(pk=plan.pk).update(is_current=False)
    plan.is_current, plan.archived_on = True, None
    plan.save(update_fields=["is_current", "archived_on"])


def archive(plan: Plan, on) -> None:
    """Read-only from now on; the current plan is never archived (its pages are the site's)."""
    if plan.is_current:
        raise ValidationError(
            _("« %(plan)s » est le plan en cours : marquez d'abord un autre plan comme en cours.")
            % {"plan": plan}
        )
    plan.archived_on = on
    plan.save(update_fields=["archived_on"])
