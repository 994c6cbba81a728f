"""A small prepared campaign (made-up figures, « fictif »), counted by hand in the tests.

Plan 2021-2026, reporting year 2023 opened (texts and commitments expected), its calendar:
collection 8 January → 31 March 2024, validation by 31 May 2024, publication 1 July 2024.

Axis 1
- Measure 1 (agent Alice): one row with indicators i1, i2, milestone m1, commitment c1.
  Expected 7: 2 results 2023, 2 targets 2024, 1 milestone status, 1 text, 1 commitment.
  i1 result published (and a draft correction: still one thing, entered and published);
  i2 result returned; i1 target submitted; i2 target missing; m1 status validated;
  text draft; c1 mark missing.
  → entered 5, submitted 1, returned 1, validated 1, published 1, reviewed 2, missing 2.
- Measure 2 (agent Bob): one row with indicator i3. Expected 3 (result, target, text).
  i3 result validated. → entered 1, validated 1, reviewed 1, missing 2.
Axis 2
- Measure 3 (no agent): one row with indicator i4. Expected 3. Nothing entered: missing 3.
- A row without a number with milestone m2. Expected 2 (milestone status, text).
  Its text published. → entered 1, published 1, reviewed 1, missing 1.

Total: expected 15, entered 7, submitted 1, returned 1, validated 2, published 2, reviewed 4:
« 47 % saisi » (7/15 = 46,7), « 27 % validé » (4/15 = 26,7).
Axis 1: 10 expected, 6 entered, 3 reviewed. Axis 2: 5 expected, 1 entered, 1 reviewed.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from indicators import roles
from indicators.models import Milestone, MilestoneYearStatus, YearResult, YearTarget
from measures.models import BilanEntry, Commitment, ReportingYear
from tests.accounts import make_user
from tests.helpers import make_axis, make_indicator, make_plan, make_row

OPENS = date(2024, 1, 8)
CLOSES = date(2024, 3, 31)
VALIDATION = date(2024, 5, 31)
PUBLICATION = date(2024, 7, 1)


@dataclass
class World:
    plan: object
    reporting_year: object
    alice: object
    bob: object
    i1: object
    i2: object
    i3: object
    i4: object
    m1: object
    c1: object
    unnumbered_row: object


def _value(model, indicator, year, status, **fields):
    return model.objects.create(
        indicator=indicator, year=year, value=Decimal(10), status=status, **fields
    )


def make_campaign() -> World:
    plan = make_plan()
    axis1, axis2 = make_axis(plan, 1), make_axis(plan, 2)
    row1, row2 = make_row(axis1, measure_number=1), make_row(axis1, measure_number=2)
    row3, row4 = make_row(axis2, measure_number=3), make_row(axis2, measure_number=None)
    reporting_year = ReportingYear.objects.create(
        plan=plan,
        year=2023,
        collection_opens_on=OPENS,
        collection_closes_on=CLOSES,
        validation_deadline=VALIDATION,
        planned_publication_on=PUBLICATION,
    )
    alice = make_user("alice", roles.EDITORS, measures=[1])
    bob = make_user("bob", roles.EDITORS, measures=[2])
    i1, i2 = make_indicator(row1, position=1), make_indicator(row1, position=2)
    i3, i4 = make_indicator(row2, position=1), make_indicator(row3, position=1)
    m1 = Milestone.objects.create(report_row=row1, title="Jalon (fictif)", planned_year=2023)
    Milestone.objects.create(report_row=row4, title="Jalon (fictif)", planned_year=2023)
    c1 = Commitment.objects.create(
        reporting_year=reporting_year, report_row=row1, position=1, text="Engagement (fictif)"
    )
    _value(YearResult, i1, 2023, "published")
    _value(YearResult, i1, 2023, "draft")  # a correction under way
    _value(YearResult, i2, 2023, "returned")
    _value(YearTarget, i1, 2024, "submitted")
    MilestoneYearStatus.objects.create(milestone=m1, year=2023, progress="done", status="validated")
    BilanEntry.objects.create(
        reporting_year=reporting_year, report_row=row1, bilan_text="(fictif)", status="draft"
    )
    _value(YearResult, i3, 2023, "validated")
    BilanEntry.objects.create(
        reporting_year=reporting_year, report_row=row4, bilan_text="(fictif)", status="published"
    )
    return World(plan, reporting_year, alice, bob, i1, i2, i3, i4, m1, c1, row4)


def make_administrator(username="chef"):
    user = get_user_model().objects.create_user(username=username, password="x" * 20, is_staff=True)
    user.groups.add(Group.objects.get(name=roles.ADMINISTRATORS))
    return user
