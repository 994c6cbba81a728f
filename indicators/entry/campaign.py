"""Where the campaign stands, for staff pages: the banner and the « saisie en retard » marks.

Only staff views (entry home, entry pages, review queue, completeness board) call this;
public and partner pages never do, so neither the banner nor « saisie en retard » can
reach them. Today's date comes from ``timezone.localdate`` (tests patch it).
"""

from django.utils import timezone

from measures.campaign import CampaignState
from measures.models import ReportingYear


def campaign_of(plan, year: int | None, reporting_year=None) -> CampaignState | None:
    """Year ``year``'s campaign today, or None when the year is not opened.

    ``reporting_year`` saves the query when the caller already has it."""
    if reporting_year is None:
        if plan is None or year is None:
            return None
        reporting_year = ReportingYear.objects.filter(plan=plan, year=year).first()
        if reporting_year is None:
            return None
    return reporting_year.campaign(timezone.localdate())


def banner_parts(state: CampaignState | None) -> list[str]:
    """« Collecte ouverte jusqu'au 31 mars 2024 », « 12 jours restants », « publication
    prévue le 1er juillet 2024 »: the banner's parts that apply, in that order."""
    if state is None:
        return []
    parts = [state.sentence, state.countdown, state.publication_sentence]
    parts = [part for part in parts if part]
    if parts:
        parts[0] = parts[0][:1].upper() + parts[0][1:]
    return parts


def missing_is_late(state: CampaignState | None) -> bool:
    """Whether what is still missing is « saisie en retard » (the collection has closed)."""
    return bool(state and state.missing_is_late)
