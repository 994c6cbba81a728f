"""Where a reporting year's campaign stands, from its calendar and today's date.

Each year the figures and texts of year N are collected in a window, validated by a
deadline, then published. A pure function of dates: no query, no clock of its own
(``today`` is passed in), so every state is tested by giving dates.

« Saisie en retard » (something still missing after the collection closed) is a
campaign word for staff pages only; it is not the progress status « en retard » of
an indicator, and public pages never show it.
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.formatting import format_long_date


class Phase(models.TextChoices):
    UNSCHEDULED = "unscheduled", gettext_lazy("calendrier non fixé")
    UPCOMING = "upcoming", gettext_lazy("collecte à venir")
    COLLECTING = "collecting", gettext_lazy("collecte ouverte")
    VALIDATING = "validating", gettext_lazy("validation en cours")
    OVERDUE = "overdue", gettext_lazy("validation attendue")
    PUBLISHED = "published", gettext_lazy("bilan publié")


# The campaign's dates come in this order (each pair checked when both are set):
# (constraint name, earlier field, later field, message).
CALENDAR_ORDER = [
    (
        "opens_before_closes",
        "collection_opens_on",
        "collection_closes_on",
        gettext_lazy("La collecte doit ouvrir avant sa clôture."),
    ),
    (
        "closes_before_validation",
        "collection_closes_on",
        "validation_deadline",
        gettext_lazy("La date limite de validation doit suivre la clôture de la collecte."),
    ),
    (
        "validation_before_publication",
        "validation_deadline",
        "planned_publication_on",
        gettext_lazy("La publication prévue doit suivre la date limite de validation."),
    ),
]


@dataclass(frozen=True)
class CampaignCalendar:
    """The four dates an administrator sets for a reporting year (any may be unset)."""

    collection_opens_on: date | None = None
    collection_closes_on: date | None = None
    validation_deadline: date | None = None
    planned_publication_on: date | None = None

    @classmethod
    def of(cls, reporting_year) -> "CampaignCalendar":
        return cls(
            collection_opens_on=reporting_year.collection_opens_on,
            collection_closes_on=reporting_year.collection_closes_on,
            validation_deadline=reporting_year.validation_deadline,
            planned_publication_on=reporting_year.planned_publication_on,
        )


def days_left_text(days: int) -> str:
    """« 12 jours restants », « 1 jour restant », « dernier jour » (the deadline is today)."""
    if days == 0:
        return _("dernier jour")
    return ngettext("%(count)s jour restant", "%(count)s jours restants", days) % {"count": days}


@dataclass(frozen=True)
class CampaignState:
    phase: Phase
    # The next date that matters to staff (the collection's or the validation's end).
    deadline: date | None = None
    days_left: int | None = None
    # Something still missing now is « saisie en retard »: the collection is closed.
    missing_is_late: bool = False
    planned_publication_on: date | None = None
    published_on: date | None = None
    opens_on: date | None = None

    @property
    def sentence(self) -> str:
        """Where the campaign stands, in one line for staff pages."""
        if self.phase == Phase.PUBLISHED:
            return _("bilan publié le %(date)s") % {"date": format_long_date(self.published_on)}
        if self.phase == Phase.UNSCHEDULED:
            return _("calendrier de la campagne non fixé")
        if self.phase == Phase.UPCOMING:
            return _("collecte ouverte à partir du %(date)s") % {
                "date": format_long_date(self.opens_on)
            }
        if self.phase == Phase.COLLECTING:
            if self.deadline is None:
                return _("collecte ouverte")
            return _("collecte ouverte jusqu'au %(date)s") % {
                "date": format_long_date(self.deadline)
            }
        if self.phase == Phase.VALIDATING:
            if self.deadline is None:
                return _("collecte close, validation en cours")
            return _("collecte close, validation jusqu'au %(date)s") % {
                "date": format_long_date(self.deadline)
            }
        return _("validation attendue depuis le %(date)s") % {
            "date": format_long_date(self.deadline)
        }

    @property
    def countdown(self) -> str:
        """« 12 jours restants » while a deadline is ahead; '' otherwise."""
        if self.days_left is None or self.days_left < 0:
            return ""
        return days_left_text(self.days_left)

    @property
    def publication_sentence(self) -> str:
        if self.phase == Phase.PUBLISHED or self.planned_publication_on is None:
            return ""
        return _("publication prévue le %(date)s") % {
            "date": format_long_date(self.planned_publication_on)
        }


def campaign_state(
    calendar: CampaignCalendar, today: date, published_on: date | None = None
) -> CampaignState:
    """The campaign's phase on ``today``.

    A published bilan is published whatever its calendar says. Without any date the
    campaign is unscheduled: nothing is ever « en retard » for lack of a calendar. The
    collection is open from its first day to its last day inclusive; once it has closed,
    what is missing is late, through the validation and after its deadline.
    """
    if published_on is not None:
        return CampaignState(Phase.PUBLISHED, published_on=published_on)
    opens = calendar.collection_opens_on
    closes = calendar.collection_closes_on
    validation = calendar.validation_deadline
    planned = calendar.planned_publication_on
    if opens is None and closes is None and validation is None:
        return CampaignState(Phase.UNSCHEDULED, planned_publication_on=planned)
    if opens is not None and today < opens:
        return CampaignState(
            Phase.UPCOMING, deadline=closes, opens_on=opens, planned_publication_on=planned
        )
    if closes is None or today <= closes:
        return CampaignState(
            Phase.COLLECTING,
            deadline=closes,
            days_left=(closes - today).days if closes else None,
            planned_publication_on=planned,
            opens_on=opens,
        )
    if validation is None or today <= validation:
        return CampaignState(
            Phase.VALIDATING,
            deadline=validation,
            days_left=(validation - today).days if validation else None,
            missing_is_late=True,
            planned_publication_on=planned,
        )
    return CampaignState(
        Phase.OVERDUE, deadline=validation, missing_is_late=True, planned_publication_on=planned
    )
