"""The published figures by arrondissement of a plan, as the open data and the API read them.

Published entries only (a draft, submitted or validated one is still being reviewed), of
the plan's indicators that are broken down by arrondissement (those whose page the public
dashboard shows), in report order, then by year; one query. Each entry gives twenty
lines, one per arrondissement, in order.

Open data is public: when the indicator counts people or is flagged sensitive, its
figures go through small-count protection (``indicators.small_counts``) before anything
is written, exactly as on the public page. A hidden figure keeps only its status
(``arrondissement_schema.SMALL`` or ``SECONDARY``) and the threshold; its number is
dropped here, so no file, API answer or total can carry it. Staff pages keep the exact
figures.
"""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.db.models import QuerySet

from core.text_safety import printable_copy
from indicators.figures import machine_number
from indicators.models import ArrondissementFigures, Indicator
from indicators.models.breakdowns import arrondissement_name
from indicators.opendata import arrondissement_schema as schema
from indicators.small_counts import Hidden, configured_threshold, protect
from measures.models import Plan

# Paris's arrondissements in the Insee's official geographic code: 75101 to 75120.
INSEE_PARIS = 75100


def insee_code(number: int) -> str:
    """The Insee code of arrondissement ``number``.

    >>> insee_code(1), insee_code(18)
    ('75101', '75118')
    """
    return str(INSEE_PARIS + number)


def published_entries(plan: Plan) -> QuerySet[ArrondissementFigures]:
    """The plan's published figures by arrondissement with their indicator and its row,
    in report order, then by year."""
    return (
        ArrondissementFigures.objects.published()
        .filter(
            indicator__report_row__ambition__axis__plan=plan,
            indicator__by_arrondissement=True,
        )
        .select_related("indicator__report_row__measure", "indicator__report_row__ambition__axis")
        .order_by(
            "indicator__report_row__ambition__axis__number",
            "indicator__report_row__ambition__position",
            "indicator__report_row__position",
            "indicator__position",
            "indicator__pk",
            "year",
        )
    )


def protection_threshold(indicator: Indicator) -> int | None:
    """K when the indicator's figures by arrondissement are protected (they count people,
    or an administrator flagged them sensitive); None when they are shown exactly."""
    if indicator.protects_small_counts:
        return configured_threshold()
    return None


class ShownFigure(NamedTuple):
    """One arrondissement's line of an entry, as any reader may see it."""

    entry: ArrondissementFigures
    arrondissement: int
    value: Decimal | None  # None when hidden or when there is no figure
    status: str  # one of arrondissement_schema.STATUS_CODES
    threshold: int | None  # K when the entry's figures are protected


def status_of(value: Decimal | Hidden | None) -> str:
    if isinstance(value, Hidden):
        return schema.SECONDARY if value.secondary else schema.SMALL
    return schema.MISSING if value is None else schema.EXACT


def shown_figures(entry: ArrondissementFigures) -> list[ShownFigure]:
    """The entry's twenty lines, protected when its indicator's figures are."""
    threshold = protection_threshold(entry.indicator)
    figures = entry.figures()
    if threshold is not None:
        figures = protect(figures, threshold)
    return [
        ShownFigure(
            entry,
            number,
            None if isinstance(value, Hidden) else value,
            status_of(value),
            threshold,
        )
        for number, value in figures.items()
    ]


def published_on(entry: ArrondissementFigures) -> date | None:
    return entry.published_at.date() if entry.published_at else None


def arrondissement_records(plan: Plan | None) -> list[dict]:
    """The rows of the figures by arrondissement files; none without a plan."""
    if plan is None:
        return []
    rows = []
    for entry in published_entries(plan):
        indicator, row = entry.indicator, entry.indicator.report_row
        published = published_on(entry)
        head = {
            "plan": plan.title,
            "axe": row.ambition.axis.number,
            "mesure": row.reference or None,
            "ligne": row.title,
            "indicateur_id": indicator.pk,
            "indicateur": indicator.label,
            "unite": indicator.unit,
            "annee": entry.year,
        }
        for shown in shown_figures(entry):
            rows.append(
                head
                | {
                    "arrondissement": shown.arrondissement,
                    "code_insee": insee_code(shown.arrondissement),
                    "nom": arrondissement_name(shown.arrondissement),
                    "valeur": machine_number(shown.value),
                    "statut_valeur": shown.status,
                    "seuil": shown.threshold,
                    "source": entry.source or None,
                    "publie_le": published.isoformat() if published else None,
                }
            )
    return printable_copy(rows)


def api_items(entries) -> list[dict]:
    """The API's items for ``entries``: the files' fields, the row named as the
    indicators name theirs (``mesure`` the measure's number, ``ligne`` its reference)."""
    items = []
    for entry in entries:
        indicator, row = entry.indicator, entry.indicator.report_row
        head = {
            "axe": row.ambition.axis.number,
            "mesure": row.measure.number if row.measure_id else None,
            "ligne": row.reference,
            "titre_ligne": row.title,
            "indicateur_id": indicator.pk,
            "indicateur": indicator.label,
            "unite": indicator.unit,
            "annee": entry.year,
            "source": entry.source or None,
            "publie_le": published_on(entry),
        }
        items.extend(
            head
            | {
                "arrondissement": shown.arrondissement,
                "code_insee": insee_code(shown.arrondissement),
                "nom": arrondissement_name(shown.arrondissement),
                # At most 2 decimals and 12 integer digits: exact as a JSON number.
                "valeur": None if shown.value is None else float(shown.value),
                "statut_valeur": shown.status,
                "seuil": shown.threshold,
            }
            for shown in shown_figures(entry)
        )
    return printable_copy(items)
