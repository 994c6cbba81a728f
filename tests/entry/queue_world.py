"""A validation queue with something in each list, on the seed plan. MADE UP (« fictif »).

2023 is opened; the agent of measures 1 and 2 has entered, for Louez solidaire, both
a result and a target of 2023 (the same indicator and year: two boxes whose names
must still differ) and submitted them; so are the 2023 statuses of two made-up
milestones of the same title, one in measure 1, one in measure 2 (their boxes too);
the result of 2023 of measure 2's indicator is already validated, by someone else,
and waits for publication. Every value, title and comment is made up.
"""

from dataclasses import dataclass
from decimal import Decimal

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import Indicator, Milestone, MilestoneYearStatus, YearResult, YearTarget
from measures.models import ReportingYear, ReportRow
from tests.accounts import make_user

LOUEZ_SOLIDAIRE = "Logements Louez solidaire captés dans l'année"
UN_CHEZ_SOI = "Logements sociaux captés pour Un chez-soi d'abord"
MILESTONE_TITLE = "Réunir les bailleurs (jalon fictif)"


@dataclass(frozen=True)
class QueueWorld:
    editor: object
    reviewer: object
    result: YearResult
    target: YearTarget
    milestone_statuses: list[MilestoneYearStatus]
    validated: YearResult

    @property
    def submitted_tokens(self) -> list[str]:
        return [
            f"resultat:{self.result.pk}",
            f"objectif:{self.target.pk}",
            *(f"jalon:{status.pk}" for status in self.milestone_statuses),
        ]


def fill_queue(editor_name: str = "agent-file", reviewer_name: str = "valideur-file"):
    """The seed plan must be loaded; returns the world, its entries in the queue."""
    plan = ReportingYear.objects.get(year=2022).plan
    ReportingYear.objects.get_or_create(plan=plan, year=2023)
    editor = make_user(editor_name, roles.EDITORS, measures=[1, 2])
    reviewer = make_user(reviewer_name, roles.REVIEWERS)
    other_reviewer = make_user(f"{reviewer_name}-2", roles.REVIEWERS)
    louez = Indicator.objects.get(label=LOUEZ_SOLIDAIRE)
    submitted = {"status": EntryStatus.SUBMITTED, "entered_by": editor}
    result = YearResult.objects.create(
        indicator=louez, year=2023, value=Decimal(78), comment="(fictif)", **submitted
    )
    target = YearTarget.objects.create(
        indicator=louez, year=2023, value=Decimal(80), comment="(fictif)", **submitted
    )
    milestone_statuses = [
        MilestoneYearStatus.objects.create(
            milestone=Milestone.objects.create(
                report_row=ReportRow.objects.get(measure__number=number),
                title=MILESTONE_TITLE,
                planned_year=2023,
            ),
            year=2023,
            progress="in_progress",
            note="(fictif)",
            **submitted,
        )
        for number in (1, 2)
    ]
    validated = YearResult.objects.create(
        indicator=Indicator.objects.get(label=UN_CHEZ_SOI),
        year=2023,
        value=Decimal(24),
        comment="(fictif)",
        status=EntryStatus.VALIDATED,
        entered_by=editor,
        reviewed_by=other_reviewer,
    )
    return QueueWorld(editor, reviewer, result, target, milestone_statuses, validated)
