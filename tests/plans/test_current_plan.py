"""The plan the site shows, read with its years and its axes in one query.

Every page draws the navigation (the plan's axes) and most pages read the plan: one query
for both. The years it carries must be those the aggregate over its reporting years
gives (``latest_published_year``, ``latest_open_year``, ``latest_published_on``), also
for a plan that has no axis yet.
"""

import datetime

import pytest
from django.urls import reverse

from indicators import plans
from indicators.bilan.editions import open_reporting_year
from measures.models import Plan
from tests.plans.conftest import plan_path

pytestmark = pytest.mark.django_db

YEARS = ("latest_published_year", "latest_open_year", "latest_published_on")


def years_of(plan) -> tuple:
    return tuple(getattr(plan, name) for name in YEARS)


def test_the_plan_comes_with_its_axes_in_order_in_one_query(seeded, django_assert_num_queries):
    with django_assert_num_queries(1):
        plan = plans.current_plan()
        axes = [(axis.number, axis.plan is plan) for axis in plan.nav_axes]
    assert plan == seeded
    assert axes == [(number, True) for number in range(1, 6)]
    # The seed: the bilan 2022, published on 1 July 2023, is the newest year opened.
    assert years_of(plan) == (2022, 2022, datetime.date(2023, 7, 1))
    assert years_of(plan) == years_of(plans._plan_with_its_years())


def test_a_year_opened_after_the_published_one_is_the_open_year_not_the_published_one(
    seeded,
):
    open_reporting_year(seeded, 2023)
    plan = plans.current_plan()
    assert years_of(plan) == (2022, 2023, datetime.date(2023, 7, 1))
    assert years_of(plan) == years_of(plans._plan_with_its_years())


def test_a_plan_without_any_axis_is_still_shown_with_its_years(db):
    empty = Plan.objects.create(title="Plan vide (fictif)", start_year=2021, end_year=2026)
    plan = plans.current_plan()
    assert plan == empty
    assert plan.nav_axes == []
    assert years_of(plan) == (None, None, None)


def test_a_plan_s_own_address_reads_its_own_axes(client, seeded, successor):
    # The successor's axes carry the same numbers and titles: tell them apart by plan.
    successor.axes.filter(number=5).update(title="Axe 5 du successeur (fictif)")
    html = client.get(plan_path(successor)).content.decode()
    assert 'title="Axe 5 du successeur (fictif)"' in html
    html = client.get(reverse("indicators:overview")).content.decode()
    assert 'title="Axe 5 du successeur (fictif)"' not in html
