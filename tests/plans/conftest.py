"""Two plans for the tests of this folder: the seed (2021-2026) and a successor copied
from it, 2027-2032, made up for these tests (« successeur fictif »)."""

import datetime
import html as html_lib
import re

import pytest

from core.workflow import EntryStatus
from indicators import plans
from indicators.models import Indicator, YearResult
from measures.models import Plan

SUCCESSOR_TITLE = "Plan pour le logement d'abord (successeur fictif)"


@pytest.fixture
def seeded(seed_plan):
    return Plan.objects.get()


@pytest.fixture
def successor(seeded):
    return plans.copy_plan_structure(seeded, title=SUCCESSOR_TITLE, start_year=2027, end_year=2032)


def plan_path(plan, path=""):
    return f"/plans/{plan.slug}/{path}"


def main_text_of(html: str) -> str:
    """The words of a page's ``<main>``, whatever its status."""
    main = re.search(r"<main.*?</main>", html, re.S).group()
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", main)).split())


@pytest.fixture
def archived(seeded, successor):
    plans.make_current(successor)
    seeded.refresh_from_db()
    plans.archive(seeded, datetime.date(2027, 3, 1))
    return seeded


@pytest.fixture
def two_submissions(seeded, successor):
    """A submitted result of measure 3 in each plan (made-up figures)."""
    entries = {}
    for plan, value in [(seeded, 11), (successor, 22)]:
        indicator = (
            Indicator.objects.filter(
                report_row__ambition__axis__plan=plan, report_row__measure__number=3
            )
            .order_by("pk")
            .first()
        )
        entries[plan.pk] = YearResult.objects.create(
            indicator=indicator, year=plan.start_year, value=value, status=EntryStatus.SUBMITTED
        )
    return entries
