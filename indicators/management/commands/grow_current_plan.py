"""Scale data for the bench's staff pages: the plan shown made N times larger.

The staff pages (entry, validation queue, completeness board, a measure's history) read
the current plan only: plans beside it do not make them slower, a larger plan does. This
adds to the shown plan N-1 copies of its axes, measures and rows (new numbers after the
plan's own, so that every address still names one measure), 5 indicators on each row
with published targets for every year of the plan, published results up to the last
published bilan year and **submitted** results for the year after (all waiting in the
validation queue), a milestone per row with its statuses, and published bilan texts.
Generated indicators are never key indicators: the public overview keeps its cards.
Made-up figures, for the bench only.
"""

from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
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
from measures.models import Ambition, Axis, BilanEntry, Measure, Plan, ReportingYear, ReportRow

INDICATORS_PER_ROW = 5
BATCH = 2000


class Command(BaseCommand):
    help = "Agrandit le plan montré (copies de sa structure, valeurs fictives) pour le banc."

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, default=100, help="taille visée (100 : ×100)")
        parser.add_argument(
            "--submitted-year", type=int, required=True, help="année des résultats soumis"
        )

    def handle(self, *args, factor, submitted_year, **options):
        plan = Plan.objects.shown().first()
        if plan is None:
            raise CommandError("Chargez d'abord le plan (python manage.py seed_plan).")
        if factor < 2:
            raise CommandError("--factor doit être au moins 2.")
        rows = list(
            ReportRow.objects.filter(ambition__axis__plan=plan)
            .select_related("ambition__axis", "measure")
            .in_report_order()
        )
        with transaction.atomic():
            new_rows = []
            for copy in range(1, factor):
                new_rows += copy_rows(plan, rows, copy)
            add_values(new_rows, plan, submitted_year)
            add_milestones_and_texts(new_rows, plan, submitted_year)
        self.stdout.write(
            f"{len(new_rows)} lignes ajoutées au plan « {plan} » "
            f"({len(new_rows) * INDICATORS_PER_ROW} résultats {submitted_year} soumis)."
        )


def copy_rows(plan: Plan, rows: list[ReportRow], copy: int) -> list[ReportRow]:
    """The plan's axes, ambitions, measures and rows again, numbered after the last ones."""
    axis_offset = Axis.objects.filter(plan=plan).aggregate(last=Max("number"))["last"]
    measure_offset = Measure.objects.filter(axis__plan=plan).aggregate(last=Max("number"))["last"]
    axes, ambitions, measures, new_rows = {}, {}, {}, []
    for row in rows:
        old_axis = row.ambition.axis
        if old_axis.pk not in axes:
            axes[old_axis.pk] = Axis.objects.create(
                plan=plan,
                number=axis_offset + old_axis.number,
                title=f"{old_axis.title} (copie fictive {copy})",
                summary=old_axis.summary,
            )
        if row.ambition_id not in ambitions:
            ambitions[row.ambition_id] = Ambition.objects.create(
                axis=axes[old_axis.pk], position=row.ambition.position, text=row.ambition.text
            )
        measure = None
        if row.measure_id is not None:
            if row.measure_id not in measures:
                measures[row.measure_id] = Measure.objects.create(
                    axis=axes[old_axis.pk],
                    number=measure_offset + row.measure.number,
                    title=row.measure.title,
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


def add_values(rows: list[ReportRow], plan: Plan, submitted_year: int) -> None:
    indicators = Indicator.objects.bulk_create(
        Indicator(
            report_row=row,
            position=position,
            label=f"Indicateur fictif {position} de la ligne {row.pk}",
            unit="ménages",
            kind=Kind.CUMULATIVE if position == 1 else Kind.ANNUAL_FLOW,
        )
        for row in rows
        for position in range(1, INDICATORS_PER_ROW + 1)
    )
    years = range(plan.start_year, plan.end_year + 1)
    targets, results = [], []
    for indicator in indicators:
        for offset, year in enumerate(years):
            published = {"indicator": indicator, "year": year, "status": EntryStatus.PUBLISHED}
            targets.append(YearTarget(**published, value=Decimal(100 + 10 * offset)))
            if year < submitted_year:
                results.append(YearResult(**published, value=Decimal(90 + 11 * offset)))
        results.append(
            YearResult(
                indicator=indicator,
                year=submitted_year,
                status=EntryStatus.SUBMITTED,
                value=Decimal(95),
            )
        )
    bulk_create_with_history(targets, YearTarget, batch_size=BATCH)
    bulk_create_with_history(results, YearResult, batch_size=BATCH)


def add_milestones_and_texts(rows: list[ReportRow], plan: Plan, submitted_year: int) -> None:
    milestones = Milestone.objects.bulk_create(
        Milestone(report_row=row, title=f"Jalon fictif de la ligne {row.pk}", planned_year=2024)
        for row in rows
    )
    bulk_create_with_history(
        [
            MilestoneYearStatus(
                milestone=milestone,
                year=year,
                progress="in_progress",
                status=EntryStatus.PUBLISHED,
            )
            for milestone in milestones
            for year in range(plan.start_year, submitted_year)
        ],
        MilestoneYearStatus,
        batch_size=BATCH,
    )
    bilan_years = ReportingYear.objects.filter(plan=plan, year__lt=submitted_year)
    bulk_create_with_history(
        [
            BilanEntry(
                reporting_year=reporting_year,
                report_row=row,
                bilan_text=f"Bilan fictif {reporting_year.year} de la ligne {row.pk}.",
                action_plan_text=f"Plan d'action fictif {reporting_year.year + 1}.",
                status=EntryStatus.PUBLISHED,
            )
            for reporting_year in bilan_years
            for row in rows
        ],
        BilanEntry,
        batch_size=BATCH,
    )
