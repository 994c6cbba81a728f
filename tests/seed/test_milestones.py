"""The seed's milestones and their yearly statuses."""

from collections import Counter
from datetime import date

import pytest

from indicators.models import (
    Milestone,
    MilestoneYearStatus,
)

# --- 6. Milestones -----------------------------------------------------------------


@pytest.mark.usefixtures("seed_plan")
def test_milestone_statuses_by_year():
    counts = Counter(MilestoneYearStatus.objects.values_list("year", "progress"))
    assert counts == {(2022, "done"): 6, (2023, "planned"): 18}
    assert set(MilestoneYearStatus.objects.values_list("status", flat=True)) == {"published"}
    assert Milestone.objects.count() == 24


@pytest.mark.usefixtures("seed_plan")
def test_each_milestone_has_a_status_for_its_planned_year():
    for milestone in Milestone.objects.prefetch_related("statuses"):
        assert [s.year for s in milestone.statuses.all()] == [milestone.planned_year], milestone


@pytest.mark.usefixtures("seed_plan")
def test_milestones_per_row():
    counts = Counter(
        (m.report_row.reference, m.planned_year)
        for m in Milestone.objects.select_related("report_row__measure")
    )
    assert counts == {
        ("", 2023): 2,
        ("2", 2023): 1,
        ("3", 2023): 1,
        ("4", 2023): 1,
        ("5", 2022): 1,
        ("5", 2023): 2,
        ("6", 2022): 1,
        ("6", 2023): 1,
        ("7", 2023): 1,
        ("8", 2022): 1,
        ("8", 2023): 1,
        ("9b", 2022): 1,
        ("9b", 2023): 1,
        ("9c", 2022): 1,
        ("9c", 2023): 1,
        ("10", 2022): 1,
        ("10", 2023): 1,
        ("11", 2023): 2,
        ("12", 2023): 3,
    }


@pytest.mark.usefixtures("seed_plan")
def test_milestone_due_dates_and_labels():
    rencontres = Milestone.objects.get(due_label="début 2024")
    assert rencontres.report_row.reference == "12"
    assert rencontres.planned_year == 2023
    assert "Rencontres parisiennes du Logement d'abord" in rencontres.title
    due = {m.report_row.reference: m.due_date for m in Milestone.objects.exclude(due_date=None)}
    assert due == {"9b": date(2023, 5, 23), "9c": date(2022, 11, 25)}
