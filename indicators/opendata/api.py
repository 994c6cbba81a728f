"""The read-only public API: axes, measures, indicators and their published values.

Built with django-ninja, which also serves its OpenAPI description at
/api/openapi.json and an interactive page at /api/docs (assets served locally).
"""

from datetime import date
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from indicators.dashboard.rows import indicator_row
from indicators.models import Indicator
from indicators.opendata import api_errors
from indicators.opendata.api_errors import ERRORS
from indicators.plans import current_plan
from measures.models import Axis, Measure

api = NinjaAPI(
    title="ldaplan — API publique du plan Logement d'abord",
    version="1",
    description=(
        "Données publiées du Plan parisien pour le logement d'abord 2021-2026 : axes, mesures, "
        "indicateurs et leurs objectifs et résultats annuels. Lecture seule ; seules les valeurs "
        "publiées sont servies. Les dates sont au format ISO 8601."
    ),
    urls_namespace="api",
)
api_errors.install(api)


class AxisOut(Schema):
    numero: int
    titre: str
    resume: str


class MeasureOut(Schema):
    numero: int
    axe: int
    titre: str


class IndicatorOut(Schema):
    id: int
    axe: int
    mesure: int | None
    ligne: str
    libelle: str
    unite: str
    nature: str
    sens_souhaite: str
    cible_plan: float | None
    comparateur_cible_plan: str


class YearValueOut(Schema):
    annee: int
    objectif: float | None
    comparateur_objectif: str | None
    resultat: float | None
    resultat_au: date | None
    source: str | None


class IndicatorDetailOut(IndicatorOut):
    valeurs: list[YearValueOut]


IndicatorId = Annotated[
    int, Path(description="L'identifiant de l'indicateur : son `id` dans la liste.", examples=[1])
]


def _float(value) -> float | None:
    # Values have at most 2 decimals and 12 integer digits: exact enough as JSON numbers.
    return None if value is None else float(value)


def _plan():
    plan = current_plan()
    if plan is None:
        raise HttpError(404, _("Aucun plan n'est chargé."))
    return plan


def _indicator_out(indicator: Indicator) -> dict:
    row = indicator.report_row
    return {
        "id": indicator.pk,
        "axe": row.ambition.axis.number,
        "mesure": row.measure.number if row.measure_id else None,
        "ligne": row.reference,
        "libelle": indicator.label,
        "unite": indicator.unit,
        "nature": indicator.kind,
        "sens_souhaite": indicator.direction,
        "cible_plan": _float(indicator.plan_target),
        "comparateur_cible_plan": indicator.plan_target_comparator,
    }


@api.get("/axes", response={200: list[AxisOut], **ERRORS}, summary="Les axes du plan")
@paginate(LimitOffsetPagination)
def list_axes(request):
    axes = Axis.objects.filter(plan=_plan()).order_by("number")
    return [{"numero": a.number, "titre": a.title, "resume": a.summary} for a in axes]


@api.get("/mesures", response={200: list[MeasureOut], **ERRORS}, summary="Les mesures du plan")
@paginate(LimitOffsetPagination)
def list_measures(request, axe: int | None = None):
    measures = Measure.objects.filter(axis__plan=_plan()).select_related("axis").order_by("number")
    if axe is not None:
        measures = measures.filter(axis__number=axe)
    return [{"numero": m.number, "axe": m.axis.number, "titre": m.title} for m in measures]


@api.get("/indicateurs", response={200: list[IndicatorOut], **ERRORS}, summary="Les indicateurs")
@paginate(LimitOffsetPagination)
def list_indicators(request, axe: int | None = None, mesure: int | None = None):
    indicators = (
        Indicator.objects.filter(report_row__ambition__axis__plan=_plan())
        .select_related("report_row__measure", "report_row__ambition__axis")
        .in_report_order()
    )
    if axe is not None:
        indicators = indicators.filter(report_row__ambition__axis__number=axe)
    if mesure is not None:
        indicators = indicators.filter(report_row__measure__number=mesure)
    return [_indicator_out(indicator) for indicator in indicators]


@api.get(
    "/indicateurs/{indicator_id}",
    response={200: IndicatorDetailOut, **ERRORS},
    summary="Un indicateur et ses valeurs publiées par année",
)
def indicator_detail(request, indicator_id: IndicatorId):
    plan = _plan()
    indicator = (
        Indicator.objects.filter(report_row__ambition__axis__plan=plan)
        .for_dashboard()
        .filter(pk=indicator_id)
        .first()
    )
    if indicator is None:
        raise HttpError(404, _("Aucun indicateur n'a l'identifiant %(id)s.") % {"id": indicator_id})
    row = indicator_row(indicator, plan.start_year)
    return _indicator_out(indicator) | {
        "valeurs": [
            {
                "annee": p.year,
                "objectif": _float(p.target),
                "comparateur_objectif": p.target_comparator if p.target is not None else None,
                "resultat": _float(p.result),
                "resultat_au": p.as_of,
                "source": p.source or None,
            }
            for p in row.points
        ]
    }
