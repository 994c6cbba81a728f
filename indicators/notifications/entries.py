"""What an entry is about, for an e-mail: its kind, measure, year, a short subject and
the link to its form on the entry page."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.text import Truncator

from indicators.entry.kinds import ENTRY_KINDS, entry_row
from indicators.entry.page import anchor_for
from indicators.entry.scopes import YEAR_PARAMETER
from indicators.models import ArrondissementFigures, MilestoneYearStatus, YearResult, YearTarget
from indicators.notifications.mailing import absolute_url
from measures.markup import markup_to_plain_text
from measures.models import BilanEntry, CommitmentMark, FundingAmount

KIND_OF_MODEL = {model: kind for kind, model in ENTRY_KINDS.items()}
SUBJECT_LENGTH = 120


@dataclass(frozen=True)
class EntryFacts:
    kind: str
    row: object
    year: int
    subject: str
    # The form's anchor on the entry page of ``year``.
    anchor: str

    @property
    def measure_number(self) -> int | None:
        return self.row.measure.number if self.row.measure_id else None

    def page_path(self) -> str:
        """The entry page of the entry's row and year, at the entry's form."""
        if self.row.measure_id:
            path = reverse("entry:measure", args=[self.row.measure.number])
        else:
            path = reverse("entry:row", args=[self.row.pk])
        return f"{path}?{YEAR_PARAMETER}={self.year}#{self.anchor}"

    def page_url(self) -> str:
        return absolute_url(self.page_path())


def entry_facts(entry) -> EntryFacts:
    """The facts of any workflow entry (result, target, milestone status, texts, commitment,
    funding amounts)."""
    row = entry_row(entry)
    if isinstance(entry, (YearResult, YearTarget)):
        # A year's result and target share one form on that year's page.
        year, subject = entry.year, entry.indicator.label
        anchor = anchor_for(("indicator", entry.indicator_id, entry.year))
    elif isinstance(entry, MilestoneYearStatus):
        year, subject = entry.year, entry.milestone.title
        anchor = anchor_for(("milestone", entry.milestone_id, entry.year))
    elif isinstance(entry, BilanEntry):
        year, subject = entry.reporting_year.year, row.title
        anchor = anchor_for(("text", row.pk, year))
    elif isinstance(entry, CommitmentMark):
        commitment = entry.commitment
        year = commitment.reporting_year.year
        subject = markup_to_plain_text(commitment.text)
        anchor = anchor_for(("commitment", commitment.pk))
    elif isinstance(entry, ArrondissementFigures):
        year, subject = entry.year, entry.indicator.label
        anchor = anchor_for(("breakdown", entry.indicator_id, entry.year))
    elif isinstance(entry, FundingAmount):
        year, subject = entry.year, str(entry.source)
        anchor = anchor_for(("funding", entry.source_id, entry.year))
    else:
        raise TypeError(f"Not a workflow entry: {entry!r}")
    return EntryFacts(
        kind=KIND_OF_MODEL[type(entry)],
        row=row,
        year=year,
        subject=Truncator(" ".join(subject.split())).chars(SUBJECT_LENGTH),
        anchor=anchor,
    )
