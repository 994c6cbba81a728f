"""The plan's numbers: indicators, their targets and results, and milestones.

An indicator belongs to one bilan row (a measure, a sub-action, or the
unnumbered row). All figures are ``Decimal``; none is ever stored as text.

Values are never negative: a decrease goal is expressed on a positive quantity
(a count that should go down, or the size of a fall in %), with the
indicator's ``direction`` saying which way is good.

Shares are bounded to 0–100 by database constraints. A CHECK constraint only
sees its own row, so each value row carries ``is_share``, copied from its
indicator on save, and an indicator's kind cannot change once values exist.
"""

# Django finds an app's models in ``indicators.models``: the package gathers them.
from indicators.models.accounts import SsoIdentity
from indicators.models.attachments import Attachment, Visibility
from indicators.models.breakdowns import (
    ARRONDISSEMENTS,
    ArrondissementFigures,
    arrondissement_name,
    figure_name,
    figures_phrase,
)
from indicators.models.editions import (
    BilanEdition,
    BilanEditionFile,
    EditionError,
    FinalBilanEdition,
    FinalBilanEditionFile,
)
from indicators.models.exchanges import MESSAGE_MAX_LENGTH, EntryMessage, ExchangeKind
from indicators.models.imports import ImportState, WorkbookImport
from indicators.models.indicators import (
    Indicator,
    IndicatorQuerySet,
    IndicatorValue,
    TargetChangeReason,
    YearResult,
    YearTarget,
)
from indicators.models.milestones import (
    Milestone,
    MilestoneQuerySet,
    MilestoneStatus,
    MilestoneYearStatus,
)
from indicators.models.period_targets import PeriodTarget
from indicators.models.values import (
    HUNDRED,
    PUBLISHED_ONLY,
    VALUE_DECIMALS,
    VALUE_DIGITS,
    Comparator,
    Direction,
    Kind,
    Provenance,
    ResultBound,
    plausible_year,
    value_constraints,
    value_field,
    year_field,
)

__all__ = [
    "ARRONDISSEMENTS",
    "HUNDRED",
    "MESSAGE_MAX_LENGTH",
    "PUBLISHED_ONLY",
    "VALUE_DECIMALS",
    "VALUE_DIGITS",
    "ArrondissementFigures",
    "Attachment",
    "BilanEdition",
    "BilanEditionFile",
    "Comparator",
    "Direction",
    "EditionError",
    "EntryMessage",
    "ExchangeKind",
    "FinalBilanEdition",
    "FinalBilanEditionFile",
    "ImportState",
    "Indicator",
    "IndicatorQuerySet",
    "IndicatorValue",
    "Kind",
    "Milestone",
    "MilestoneQuerySet",
    "MilestoneStatus",
    "MilestoneYearStatus",
    "PeriodTarget",
    "Provenance",
    "ResultBound",
    "SsoIdentity",
    "TargetChangeReason",
    "Visibility",
    "WorkbookImport",
    "YearResult",
    "YearTarget",
    "arrondissement_name",
    "figure_name",
    "figures_phrase",
    "plausible_year",
    "value_constraints",
    "value_field",
    "year_field",
]
