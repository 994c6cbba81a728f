"""The published funding amounts and the partners of a plan, as the open data reads them.

Amounts: published only (a draft, submitted or validated amount is still being
reviewed), of the plan's rows, in report order, then by source and year; one query.
Partners: every partner, one that carries no measure too, in alphabetical order
(neither case nor accents count), with the numbers of the plan's measures it carries
(two plans share measure numbers, so those of another plan are left out); two queries.
Records: the rows of the files, whose keys are the columns of
``indicators.opendata.funding_schema``, texts made printable.
"""

import unicodedata

from django.db.models import Prefetch, QuerySet

from core.text_safety import printable_copy
from indicators.figures import machine_number
from indicators.models import Indicator
from measures.funding import FundingAmount, Partner
from measures.models import Measure, Plan


def published_amounts(plan: Plan) -> QuerySet[FundingAmount]:
    """The plan's published amounts with their source, funder and row, in report order."""
    return (
        FundingAmount.objects.published()
        .filter(source__report_row__ambition__axis__plan=plan)
        .select_related(
            "source__funder", "source__report_row__measure", "source__report_row__ambition__axis"
        )
        .order_by(
            "source__report_row__ambition__axis__number",
            "source__report_row__ambition__position",
            "source__report_row__position",
            "source__position",
            "source__pk",
            "year",
        )
    )


def alphabetical_key(name: str) -> str:
    """A name as a French index sorts it: neither case nor accents count.

    >>> sorted(["RIVP", "Médecins du Monde", "DRIHL", "Dihal"], key=alphabetical_key)
    ['Dihal', 'DRIHL', 'Médecins du Monde', 'RIVP']
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def partners_of(plan: Plan, measure_number: int | None = None) -> list[Partner]:
    """Every partner (or those carrying the plan's measure ``measure_number``), in
    alphabetical order, with ``plan_measures``: the plan's measures it carries, and
    ``plan_indicators``: the plan's indicators the report ties it to."""
    measures = Measure.objects.filter(axis__plan=plan).order_by("number")
    indicators = Indicator.objects.filter(report_row__ambition__axis__plan=plan)
    partners = Partner.objects.prefetch_related(
        Prefetch("measures", queryset=measures, to_attr="plan_measures"),
        Prefetch("indicators", queryset=indicators.in_report_order(), to_attr="plan_indicators"),
    )
    if measure_number is not None:
        partners = partners.filter(measures__in=measures.filter(number=measure_number))
    return sorted(partners, key=lambda partner: alphabetical_key(partner.name))


def published_on(amount: FundingAmount) -> str | None:
    """The date the amount was published, ISO 8601, as the values file writes it."""
    return amount.published_at.date().isoformat() if amount.published_at else None


def measure_numbers(partner: Partner) -> list[int]:
    return [measure.number for measure in partner.plan_measures]


def indicator_ids(partner: Partner) -> list[int]:
    return [indicator.pk for indicator in partner.plan_indicators]


def funding_records(plan: Plan | None) -> list[dict]:
    """The rows of the funding files; none without a plan."""
    if plan is None:
        return []
    rows = []
    for amount in published_amounts(plan):
        source, row = amount.source, amount.source.report_row
        rows.append(
            {
                "plan": plan.title,
                "axe": row.ambition.axis.number,
                "mesure": row.reference or None,
                "ligne": row.title,
                "financeur_id": source.funder_id,
                "financeur": source.funder.name,
                "nature_financeur": source.funder.kind,
                "programme": source.programme or None,
                "annee": amount.year,
                "montant_prevu": machine_number(amount.planned),
                "montant_depense": machine_number(amount.spent),
                "commentaire": amount.comment or None,
                "publie_le": published_on(amount),
            }
        )
    return printable_copy(rows)


def partner_records(plan: Plan | None) -> list[dict]:
    """The rows of the partners files, ``mesures`` a list of numbers; none without a plan."""
    if plan is None:
        return []
    rows = [
        {
            "partenaire_id": partner.pk,
            "nom": partner.name,
            "nature": partner.kind,
            "siret": partner.siret or None,
            "mesures": measure_numbers(partner),
            "indicateurs": indicator_ids(partner),
        }
        for partner in partners_of(plan)
    ]
    return printable_copy(rows)
