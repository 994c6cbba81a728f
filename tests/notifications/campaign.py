"""A small campaign (figures made up): one plan, two measures, 2023 being collected until
31 March 2024, and the people who take part in it."""

from dataclasses import dataclass
from datetime import date

from core.entries import transition
from core.workflow import SUBMIT, EntryStatus
from indicators import roles
from indicators.models import YearResult, YearTarget
from measures.models import BilanEntry, ReportingYear
from tests.accounts import make_user
from tests.helpers import dec, make_axis, make_indicator, make_plan, make_row

CLOSES_ON = date(2024, 3, 31)


@dataclass
class Campaign:
    plan: object
    year: ReportingYear
    missing_indicator: object  # measure 1: its result 2023, target 2024 and texts are missing
    done_indicator: object  # measure 2: everything filled
    agent: object  # measure 1
    done_agent: object  # measure 2
    reviewer: object
    second_reviewer: object


def person(username, group, measures=()):
    user = make_user(username, group, measures=measures)
    user.email = f"{username}@exemple.paris.fr"
    user.first_name = username.capitalize()
    user.save()
    return user


def make_campaign() -> Campaign:
    plan = make_plan()
    axis = make_axis(plan)
    first = make_row(axis, measure_number=1, position=1)
    second = make_row(axis, measure_number=2, position=2)
    first.title, second.title = "Louez solidaire (fictif)", "Pensions de famille (fictif)"
    first.save()
    second.save()
    first.measure.title, second.measure.title = "Capter des logements", "Ouvrir des places"
    first.measure.save()
    second.measure.save()
    ReportingYear.objects.create(plan=plan, year=2022, published_on=date(2023, 7, 1))
    year = ReportingYear.objects.create(
        plan=plan, year=2023, collection_opens_on=date(2024, 1, 8), collection_closes_on=CLOSES_ON
    )
    missing = make_indicator(first, label="Logements captés (fictif)")
    done = make_indicator(second, label="Places ouvertes (fictif)")
    published = {"status": EntryStatus.PUBLISHED}
    YearResult.objects.create(indicator=done, year=2023, value=dec(12), **published)
    YearTarget.objects.create(indicator=done, year=2024, value=dec(15), **published)
    BilanEntry.objects.create(
        reporting_year=year, report_row=second, bilan_text="Fait.", **published
    )
    return Campaign(
        plan=plan,
        year=year,
        missing_indicator=missing,
        done_indicator=done,
        agent=person("agathe", roles.EDITORS, measures=[1]),
        done_agent=person("bruno", roles.EDITORS, measures=[2]),
        reviewer=person("valerie", roles.REVIEWERS),
        second_reviewer=person("victor", roles.REVIEWERS),
    )


def submit_result(indicator, year, agent, value=10):
    """A result entered by ``agent`` then submitted, as the entry page does it."""
    entry = YearResult.objects.create(
        indicator=indicator, year=year, value=dec(value), entered_by=agent
    )
    return transition(YearResult, entry.pk, SUBMIT, user=agent)
