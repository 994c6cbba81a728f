"""The glossary appendix of the bilan's files: the acronyms its texts use, explained.

The page wraps acronyms in ``<abbr>`` (``measures.abbreviations``); a file
cannot, and its cells stay plain text. Instead, every export but the CSV (one
table only) ends with the terms of the glossary that occur in the bilan:
its introduction, table, indicators and commitments, in alphabetical order.
"""

import dataclasses
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from indicators.bilan.shaping import Bilan
from indicators.bilan.sheets import Sheet, sheets
from measures.abbreviations import Abbreviations
from measures.models import GlossaryTerm


@dataclasses.dataclass(frozen=True)
class BilanGlossaryTerm:
    acronym: str
    expansion: str
    definition: str
    source: str


def bilan_texts(bilan: Bilan) -> Iterator[str]:
    """Every text the bilan's files write."""
    yield bilan.introduction
    for axis in bilan.axes:
        yield axis.title
        for row in axis.rows:
            yield from (row.title, row.ambition_text, row.bilan_text, row.action_plan_text)
    for indicator in bilan.indicators:
        yield from (indicator.label, indicator.unit)
    for commitment in bilan.commitments:
        yield from (commitment.text, commitment.comment)


def glossary_part(bilan: Bilan, terms: Iterable) -> tuple[BilanGlossaryTerm, ...]:
    """The ``terms`` (glossary terms, in their order) that occur in the bilan."""
    terms = list(terms)
    # Every term is looked for, even one whose expansion is still to be completed.
    finder = Abbreviations((term.acronym, term.acronym) for term in terms)
    found = set().union(*(finder.found_in(text) for text in bilan_texts(bilan) if text))
    return tuple(
        BilanGlossaryTerm(term.acronym, term.expansion, term.definition, term.source)
        for term in terms
        if " ".join(term.acronym.split()) in found
    )


def with_glossary(bilan: Bilan) -> Bilan:
    """The bilan with its glossary appendix (one query)."""
    return dataclasses.replace(
        bilan, glossary=glossary_part(bilan, GlossaryTerm.objects.alphabetical())
    )


def glossary_title() -> str:
    return _("Glossaire des sigles")


def glossary_headers() -> tuple[str, ...]:
    return (_("Sigle"), _("Forme développée"), _("Définition"), _("Source"))


def glossary_sheet(bilan: Bilan) -> Sheet:
    """The appendix as a sheet of the workbooks (XLSX, ODS)."""
    return Sheet(
        title=glossary_title(),
        headers=glossary_headers(),
        rows=tuple(
            (term.acronym, term.expansion, term.definition, term.source) for term in bilan.glossary
        ),
        widths=(2.5, 9.0, 9.0, 9.0),
    )


def workbook_sheets(bilan: Bilan) -> tuple[Sheet, ...]:
    """The sheets of a workbook (``sheets.sheets``), then the glossary if the bilan uses terms."""
    if bilan.glossary:
        return (*sheets(bilan), glossary_sheet(bilan))
    return sheets(bilan)
