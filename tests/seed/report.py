"""The 2022 report and the seed's rows, as the seed tests read them."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from indicators.models import (
    Indicator,
    Milestone,
    MilestoneYearStatus,
    PeriodTarget,
    YearResult,
    YearTarget,
)
from measures.markup import markup_to_plain_text
from measures.models import (
    Ambition,
    Axis,
    BilanEntry,
    Measure,
    Plan,
    ReportingYear,
    ReportRow,
)

NBSP = "\u00a0"
NNBSP = "\u202f"
SUPERSCRIPT_E = "\u1d49"

REFERENCES = ["1", "2", "3", "", "4", "5", "6", "7", "8", "9a", "9b", "9c", "10", "11", "12"]
AXIS_TITLES = {
    1: "Mobiliser l'offre de logement au profit des personnes prioritaires",
    2: "Prévenir des sorties d'institution et des expulsions locatives",
    3: "Aller vers les personnes sans-abris",
    4: "Accompagner les personnes sans domicile au logement",
    5: "Éclairer les politiques de lutte contre le sans-abrisme",
}
MEASURE_AXES = {1: 1, 2: 1, 3: 1, 4: 1, 5: 2, 6: 2, 7: 3, 8: 3, 9: 4, 10: 4, 11: 4, 12: 5}

ALL_MODELS = [
    Plan,
    ReportingYear,
    Axis,
    Measure,
    Ambition,
    ReportRow,
    BilanEntry,
    Indicator,
    YearTarget,
    YearResult,
    PeriodTarget,
    Milestone,
    MilestoneYearStatus,
]

MARKUP_LIST_START = re.compile(r"^(\d+[.)]|[-*+])\s")
HTML_TAG = re.compile(r"<[^>]+>")
BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


def ref_id(reference: str) -> str:
    return reference or "sans-numero"


def normalise(text: str) -> str:
    """Typography-insensitive form: plain spaces, 'e' for 'ᵉ', whitespace collapsed."""
    text = text.replace(NBSP, " ").replace(NNBSP, " ").replace(SUPERSCRIPT_E, "e")
    return " ".join(text.split())


def plain(markup: str) -> str:
    return normalise(markup_to_plain_text(markup))


def read_report() -> str:
    path = Path(settings.SEED_REPORT_PATH)
    if not path.is_file():
        pytest.fail(
            f"The seed report is missing: {path} (settings.SEED_REPORT_PATH, "
            "env LDAPLAN_SEED_REPORT). The fixture is checked against it and cannot be "
            "tested without it."
        )
    return path.read_text(encoding="utf-8")


def row(reference: str) -> ReportRow:
    rows = [r for r in ReportRow.objects.select_related("measure") if r.reference == reference]
    assert len(rows) == 1, f"expected one report row {reference!r}, found {len(rows)}"
    return rows[0]


def entry(reference: str) -> BilanEntry:
    return BilanEntry.objects.get(reporting_year__year=2022, report_row=row(reference))


def all_texts():
    """(name, markup) for every restricted-Markdown text of the fixture."""
    plan = Plan.objects.get()
    yield "plan.introduction", plan.introduction
    for year in ReportingYear.objects.all():
        yield f"reportingyear {year.year}.introduction", year.introduction
    for axis in Axis.objects.all():
        yield f"axis {axis.number}.summary", axis.summary
    for ambition in Ambition.objects.all():
        yield f"ambition {ambition.pk}.text", ambition.text
    for bilan in BilanEntry.objects.select_related("report_row__measure"):
        reference = ref_id(bilan.report_row.reference)
        yield f"bilan {reference}.bilan_text", bilan.bilan_text
        yield f"bilan {reference}.action_plan_text", bilan.action_plan_text


def indicator(reference: str, fragment: str) -> Indicator:
    """The one indicator of a row whose label contains ``fragment`` (or starts with it: "^…")."""
    indicators = Indicator.objects.filter(report_row=row(reference))
    if fragment.startswith("^"):
        found = list(indicators.filter(label__startswith=fragment[1:]))
    else:
        found = list(indicators.filter(label__contains=fragment))
    assert len(found) == 1, f"row {ref_id(reference)}: {len(found)} indicators match {fragment!r}"
    return found[0]
