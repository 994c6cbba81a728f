"""Who may read what, and who may enter or review what.

Checked in every view and on every POST, never only hidden in templates.
"""

from core.workflow import EntryStatus
from measures.models import Measure, ReportRow

PUBLIC_STATUSES = (EntryStatus.PUBLISHED,)
# Validated figures override the published ones they will replace.
PARTNER_STATUSES = (EntryStatus.PUBLISHED, EntryStatus.VALIDATED)
STATUS_PRECEDENCE = {EntryStatus.PUBLISHED: 0, EntryStatus.VALIDATED: 1}


def visible_statuses(user) -> tuple[str, ...]:
    """The entry states a reader sees on the dashboard."""
    if user.is_authenticated and user.has_perm("indicators.view_validated"):
        return PARTNER_STATUSES
    return PUBLIC_STATUSES


def newest_visible(entries):
    """Of several visible entries about the same thing, the one to show."""
    return max(entries, key=lambda entry: STATUS_PRECEDENCE.get(entry.status, -1))


def can_read_history(user, measure: Measure) -> bool:
    """The history of a measure's entries shows unpublished values: its editors and reviewers."""
    return can_review(user) or can_enter_measure(user, measure)


def can_enter_any(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm("indicators.enter_data")


def can_enter_all(user) -> bool:
    return can_enter_any(user) and user.has_perm("indicators.enter_all_measures")


def can_enter_measure(user, measure: Measure) -> bool:
    if not can_enter_any(user):
        return False
    if can_enter_all(user):
        return True
    return measure.editors.filter(pk=user.pk).exists()


def can_enter_row(user, row: ReportRow) -> bool:
    """A row without a measure number is entered by those who may enter every row."""
    if row.measure_id is None:
        return can_enter_all(user)
    return can_enter_measure(user, row.measure)


def entry_measures(user):
    """The measures a user may enter data for."""
    if not can_enter_any(user):
        return Measure.objects.none()
    if can_enter_all(user):
        return Measure.objects.all()
    return Measure.objects.filter(editors=user)


def can_review(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm("indicators.review_entries")


MANAGE_YEARS_PERMISSION = "indicators.manage_reporting_years"


def can_manage_years(user) -> bool:
    """Administrators: open reporting years, set their campaign calendar, publish."""
    return user.is_authenticated and user.is_active and user.has_perm(MANAGE_YEARS_PERMISSION)


def can_follow_campaign(user) -> bool:
    """The completeness board: administrators and validators."""
    return can_manage_years(user) or can_review(user)
