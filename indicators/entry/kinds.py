"""The kinds of workflow entry staff enter, by the slug their URLs and the review queue use."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import ArrondissementFigures, MilestoneYearStatus, YearResult, YearTarget
from measures.models import BilanEntry, CommitmentMark, FundingAmount, ReportRow

ENTRY_KINDS = {
    "resultat": YearResult,
    "objectif": YearTarget,
    "jalon": MilestoneYearStatus,
    "texte": BilanEntry,
    "engagement": CommitmentMark,
    "financement": FundingAmount,
    "arrondissements": ArrondissementFigures,
}
# Lazy: the labels are read when a page is drawn, in the reader's language.
ENTRY_KIND_LABELS = {
    "resultat": gettext_lazy("Résultat"),
    "objectif": gettext_lazy("Objectif"),
    "jalon": gettext_lazy("Jalon"),
    "texte": gettext_lazy("Textes du bilan"),
    "engagement": gettext_lazy("Engagement"),
    "financement": gettext_lazy("Financement"),
    "arrondissements": gettext_lazy("Chiffres par arrondissement"),
}


def entry_row(entry) -> ReportRow:
    """The report row an entry belongs to (whose editors may enter it)."""
    if isinstance(entry, (YearResult, YearTarget, ArrondissementFigures)):
        return entry.indicator.report_row
    if isinstance(entry, MilestoneYearStatus):
        return entry.milestone.report_row
    if isinstance(entry, CommitmentMark):
        return entry.commitment.report_row
    if isinstance(entry, FundingAmount):
        return entry.source.report_row
    return entry.report_row


def entry_model(kind: str):
    """The model of a kind's slug; an unknown slug is a page not found."""
    model = ENTRY_KINDS.get(kind)
    if model is None:
        raise Http404(_("Type de saisie inconnu."))
    return model


def slot_key(entry) -> tuple:
    """The key of the entry page's form an entry is entered in (``slots.anchor_for``):
    an indicator's result and target of a year share one form."""
    if isinstance(entry, (YearResult, YearTarget)):
        return ("indicator", entry.indicator_id, entry.year)
    if isinstance(entry, MilestoneYearStatus):
        return ("milestone", entry.milestone_id, entry.year)
    if isinstance(entry, CommitmentMark):
        return ("commitment", entry.commitment_id)
    if isinstance(entry, FundingAmount):
        return ("funding", entry.source_id, entry.year)
    if isinstance(entry, ArrondissementFigures):
        return ("breakdown", entry.indicator_id, entry.year)
    return ("text", entry.report_row_id, entry.reporting_year.year)
