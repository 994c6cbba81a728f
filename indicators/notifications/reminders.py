"""Reminders of the collection's deadline to agents who still have something to fill.

Two per reporting year: the first from ``LDAPLAN_REMINDER_DAYS`` days before the
collection closes, the second from the day after it closes. Each is sent once per agent
(the record's key is the year and which reminder), so the command may run every day,
twice a day, or catch up a missed day within the same window. An agent with nothing left
gets none. What is left is ``todo.left_to_fill``, the entry home's own count.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from indicators import access
from indicators.entry import todo
from indicators.entry.scopes import YEAR_PARAMETER
from indicators.notifications import preferences
from indicators.notifications.mailing import absolute_url, build_message, send_once
from indicators.notifications.models import Topic
from indicators.plans import current_plan
from measures.campaign import days_left_text
from measures.models import ReportingYear, ReportRow

BEFORE, AFTER = "avant", "apres"


@dataclass
class ReminderReport:
    day: date
    year: int | None = None
    which: str = ""
    closes_on: date | None = None
    # (agent, number of things left, sent); sent is False when already sent or a dry run.
    agents: list = field(default_factory=list)
    reason: str = ""


def which_reminder(day: date, closes_on: date, days: int) -> str:
    """« avant » from ``days`` days before the closing day to that day, « apres » for the
    same number of days after it, '' otherwise.

    >>> which_reminder(date(2024, 3, 24), date(2024, 3, 31), 7)
    'avant'
    >>> which_reminder(date(2024, 3, 23), date(2024, 3, 31), 7)
    ''
    >>> which_reminder(date(2024, 4, 1), date(2024, 3, 31), 7)
    'apres'
    """
    if closes_on - timedelta(days=days) <= day <= closes_on:
        return BEFORE
    if closes_on < day <= closes_on + timedelta(days=max(days, 1)):
        return AFTER
    return ""


def countdown(closes_on: date, day: date) -> str:
    """« 7 jours restants », in French like the e-mail."""
    with translation.override("fr"):
        return days_left_text(max((closes_on - day).days, 0))


def agent_pages(plan, user, year: int) -> list[dict]:
    """What ``user`` still has to fill for ``year``, entry page by entry page, with links."""
    measures = list(
        access.entry_measures(user).filter(axis__plan=plan, editors=user).order_by("number")
    )
    unnumbered = (
        list(ReportRow.objects.filter(measure__isnull=True, ambition__axis__plan=plan))
        if access.can_enter_all(user)
        else []
    )
    board = todo.left_to_fill(
        plan,
        ReportRow.objects.filter(
            Q(measure__in=[m.pk for m in measures]) | Q(pk__in=[row.pk for row in unnumbered])
        ),
        year,
        next_year_in_plan=year + 1 in plan.years,
    )
    pages = [
        (measure, ("measure", measure.pk), reverse("entry:measure", args=[measure.number]))
        for measure in measures
    ] + [(row, ("row", row.pk), reverse("entry:row", args=[row.pk])) for row in unnumbered]
    found = []
    for thing, key, path in pages:
        to_fill = board.get(key)
        if to_fill is None or not to_fill.total:
            continue
        page_url = absolute_url(f"{path}?{YEAR_PARAMETER}={year}")
        found.append(
            {
                "measure": thing if key[0] == "measure" else None,
                "row": thing if key[0] == "row" else None,
                "url": page_url,
                "to_fill": to_fill,
                "kinds": [
                    (kind, missing, f"{page_url}#{missing.anchor}")
                    for kind, missing in to_fill.kinds()
                ],
            }
        )
    return found


def send_reminders(day: date, *, dry_run: bool = False) -> ReminderReport:
    """Send the reminder due on ``day`` (if any) to each agent with something left."""
    report = ReminderReport(day=day)
    plan = current_plan()
    if plan is None or plan.latest_open_year is None:
        report.reason = "no-plan"
        return report
    year = plan.latest_open_year
    reporting_year = ReportingYear.objects.get(plan=plan, year=year)
    report.year, report.closes_on = year, reporting_year.collection_closes_on
    if reporting_year.published_on is not None:
        report.reason = "published"
        return report
    if reporting_year.collection_closes_on is None:
        report.reason = "no-deadline"
        return report
    report.which = which_reminder(
        day, reporting_year.collection_closes_on, settings.LDAPLAN_REMINDER_DAYS
    )
    if not report.which:
        report.reason = "not-due"
        return report
    agents = get_user_model().objects.filter(assigned_measures__axis__plan=plan).distinct()
    for agent in preferences.recipients(Topic.REMINDERS, agents):
        pages = agent_pages(plan, agent, year)
        left = sum(page["to_fill"].total for page in pages)
        if not left:
            continue
        context = {
            "year": year,
            "next_year": year + 1 if year + 1 in plan.years else None,
            "closes_on": reporting_year.collection_closes_on,
            "countdown": countdown(reporting_year.collection_closes_on, day),
            "after": report.which == AFTER,
            "pages": pages,
            "left": left,
            "home_url": absolute_url(reverse("entry:home")),
        }
        sent = not dry_run and send_once(
            agent,
            Topic.REMINDERS,
            f"{year}:{report.which}",
            lambda agent=agent, context=context: build_message(
                agent, Topic.REMINDERS, "reminder", context
            ),
        )
        report.agents.append((agent, left, sent))
    return report
