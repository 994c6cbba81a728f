"""Scale data for the benchmark: more plans shaped like the Paris plan, with their history.

Each generated plan has the seed plan's 5 axes, 12 measures and 15 report rows,
5 indicators per row, 10 years of published targets and results (each with
its history record), a milestone per row with its yearly statuses, and the
bilan texts of each year. The plans start between 2000 and 2010 and run ten
years, so the seed plan (2021-2026) stays the newest: the dashboard keeps
showing it, on tables a hundred times larger.
"""

from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from core.workflow import EntryStatus
from indicators.models import (
    Indicator,
    Kind,
    Milestone,
    MilestoneYearStatus,
    YearResult,
    YearTarget,
)
from measures.models import (
    Ambition,
    Axis,
    BilanEntry,
    Measure,
    Plan,
    ReportingYear,
    ReportRow,
)

INDICATORS_PER_ROW = 5
YEARS_PER_PLAN = 10
BATCH = 2000


class Command(BaseCommand):
    help = "Ajoute des plans générés (structure du plan parisien) pour mesurer les performances."

    def add_arguments(self, parser):
        parser.add_argument("--copies", type=int, default=99, help="nombre de plans à ajouter")

    def handle(self, *args, copies, **options):
        seed = Plan.objects.shown().first()
        if seed is None:
            raise CommandError("Chargez d'abord le plan (python manage.py seed_plan).")
        if copies < 1:
            raise CommandError("--copies doit être au moins 1.")
        rows = list(
            ReportRow.objects.filter(ambition__axis__plan=seed)
            .select_related("ambition__axis", "measure")
            .in_report_order()
        )
        with transaction.atomic():
            for copy in range(copies):
                self.copy_plan(seed, rows, copy)
        self.stdout.write(f"{copies} plans ajoutés.")

    def copy_plan(self, seed: Plan, rows: list[ReportRow], copy: int) -> None:
        start = 2000 + copy % 11
        plan = Plan.objects.create(
            title=f"{seed.title} (généré {copy + 1})",
            programme=seed.programme,
            start_year=start,
            end_year=start + YEARS_PER_PLAN - 1,
        )
        years = list(range(plan.start_year, plan.end_year + 1))
        new_rows = copy_structure(plan, rows)
        add_indicator_values(new_rows, years)
        add_milestones(new_rows, years)
        add_bilan_texts(plan, new_rows, years)


def copy_structure(plan: Plan, rows: list[ReportRow]) -> list[ReportRow]:
    """The seed's axes, ambitions, measures and rows, in a new plan."""
    axes, ambitions, measures, new_rows = {}, {}, {}, []
    for row in rows:
        old_axis = row.ambition.axis
        if old_axis.pk not in axes:
            axes[old_axis.pk] = Axis.objects.create(
                plan=plan,
                number=old_axis.number,
                title=old_axis.title,
                summary=old_axis.summary,
            )
        axis = axes[old_axis.pk]
        if row.ambition_id not in ambitions:
            ambitions[row.ambition_id] = Ambition.objects.create(
                axis=axis, position=row.ambition.position, text=row.ambition.text
            )
        measure = None
        if row.measure_id is not None:
            if row.measure_id not in measures:
                measures[row.measure_id] = Measure.objects.create(
                    axis=axis, number=row.measure.number, title=row.measure.title
                )
            measure = measures[row.measure_id]
        new_rows.append(
            ReportRow.objects.create(
                ambition=ambitions[row.ambition_id],
                position=row.position,
                measure=measure,
                letter=row.letter,
                title=row.title,
            )
        )
    return new_rows


def add_indicator_values(rows: list[ReportRow], years: list[int]) -> None:
    """Indicators on every row, each with a published target and result every year."""
    indicators = Indicator.objects.bulk_create(
        Indicator(
            report_row=row,
            position=position,
            label=f"Indicateur {position} de la ligne {row.reference or '—'}",
            unit="ménages",
            kind=Kind.CUMULATIVE if position == 1 else Kind.ANNUAL_FLOW,
            plan_target=Decimal(500) if position == 1 else None,
            is_headline=position == 1 and row.measure_id is not None,
        )
        for row in rows
        for position in range(1, INDICATORS_PER_ROW + 1)
    )
    targets, results = [], []
    for indicator in indicators:
        for offset, year in enumerate(years):
            common = {"indicator": indicator, "year": year, "status": EntryStatus.PUBLISHED}
            targets.append(YearTarget(**common, value=Decimal(100 + 10 * offset)))
            results.append(YearResult(**common, value=Decimal(90 + 11 * offset)))
    bulk_create_with_history(targets, YearTarget, batch_size=BATCH)
    bulk_create_with_history(results, YearResult, batch_size=BATCH)


def add_milestones(rows: list[ReportRow], years: list[int]) -> None:
    """A milestone per row, planned for the plan's second year, with a status every year."""
    milestones = Milestone.objects.bulk_create(
        Milestone(report_row=row, title=f"Jalon de la ligne {row.title}", planned_year=years[1])
        for row in rows
    )
    bulk_create_with_history(
        [
            MilestoneYearStatus(
                milestone=milestone,
                year=year,
                progress="done" if year > years[1] else "in_progress",
                status=EntryStatus.PUBLISHED,
            )
            for milestone in milestones
            for year in years
        ],
        MilestoneYearStatus,
        batch_size=BATCH,
    )


def add_bilan_texts(plan: Plan, rows: list[ReportRow], years: list[int]) -> None:
    """A reporting year for each year, with a published bilan text on every row."""
    reporting_years = ReportingYear.objects.bulk_create(
        ReportingYear(plan=plan, year=year) for year in years
    )
    bulk_create_with_history(
        [
            BilanEntry(
                reporting_year=reporting_year,
                report_row=row,
                bilan_text=f"Bilan **{reporting_year.year}** de la ligne {row.title}.",
                action_plan_text=f"Plan d'action {reporting_year.year + 1}.",
                status=EntryStatus.PUBLISHED,
            )
            for reporting_year in reporting_years
            for row in rows
        ],
        BilanEntry,
        batch_size=BATCH,
    )
