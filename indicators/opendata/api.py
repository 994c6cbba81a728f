"""The read-only public API: axes, measures, indicators and their published values; the
published funding amounts and the partners; the published figures by arrondissement.

Built with django-ninja, which also serves its OpenAPI description at
/api/openapi.json and an interactive page at /api/docs (assets served locally).
"""

from collections.abc import Sequence
from datetime import date
from functools import cached_property
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Path, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from core.text_safety import printable_copy
from indicators.models import Indicator
from indicators.opendata import api_errors, arrondissements, funding
from indicators.opendata.api_errors import ERRORS
from indicators.opendata.files import json_number, records
from indicators.plans import current_plan
from measures.funding import FundingAmount
from measures.markup import markup_to_plain_text, render_markup
from measures.models import Axis, Measure

api = NinjaAPI(
    title="ldaplan — API publique du plan Logement d'abord",
    version="2",
    description=(
        "Données publiées du Plan parisien pour le logement d'abord 2021-2026 : axes, mesures, "
        "indicateurs et toutes leurs valeurs (résultats, objectifs annuels, cible du plan, "
        "objectifs sur une autre période, valeur de référence, évolution depuis l'année de "
        "référence), une par année et par type de valeur, avec les colonnes des données ouvertes "
        "(/donnees/schema.json). Lecture seule ; seules les valeurs publiées sont servies. "
        "Les textes sont en texte brut, sans balisage ; un texte mis en forme dans le rapport "
        "est aussi donné en HTML (champ *_html). Les dates sont au format ISO 8601. "
        "Aussi : les montants publiés des financements de chaque ligne du bilan, par source "
        "et par année, et les partenaires du plan avec les mesures qu'ils portent ; et les "
        "chiffres publiés des indicateurs répartis par arrondissement, un petit chiffre de "
        "personnes ou de ménages n'étant jamais diffusé (protection des petits effectifs)."
    ),
    urls_namespace="api",
)
api_errors.install(api)


class AxisOut(Schema):
    numero: int
    titre: str
    resume: str = Field(description="Le résumé de l'axe en texte brut.")
    resume_html: str = Field(description="Le même résumé en HTML (gras du rapport : <strong>).")


class MeasureOut(Schema):
    numero: int
    axe: int
    titre: str


class IndicatorOut(Schema):
    id: int
    axe: int
    mesure: int | None
    ligne: str
    titre_ligne: str
    libelle: str
    unite: str
    unite_singulier: str
    nature: str
    sens_souhaite: str
    cible_plan: float | None
    comparateur_cible_plan: str


class ValueOut(Schema):
    """One value of an indicator: the value columns of the open data, same names and meaning."""

    annee: int | None
    type_valeur: str
    valeur: float
    unite: str
    unite_singulier: str
    comparateur: str
    libelle_comparateur: str | None
    borne: str | None
    valeur_texte: str
    deduit: bool
    derivation: str | None
    cadre: str | None
    periode_debut: int | None
    periode_fin: int | None
    valeur_au: date | None
    producteur: str | None
    source: str | None
    emplacement_source: str | None
    commentaire: str | None
    publie_le: date | None


VALUE_FIELDS = tuple(ValueOut.model_fields)


class IndicatorDetailOut(IndicatorOut):
    valeurs: list[ValueOut] = Field(
        description="Toutes ses valeurs publiées, une par année et par type de valeur ; "
        "vide pour un indicateur qui n'a encore aucun chiffre."
    )


IndicatorId = Annotated[
    int, Path(description="L'identifiant de l'indicateur : son `id` dans la liste.", examples=[1])
]


def _float(value) -> float | None:
    # Values have at most 2 decimals and 12 integer digits: exact enough as JSON numbers.
    return None if value is None else float(value)


class ShapedPage(Sequence):
    """A queryset as the API's pagination reads it: counted in the database, and only the
    slice asked for fetched and shaped by ``shape``. (A list of every item, shaped, was
    built for each page: 7 460 indicators for a page of 50 at 100× the plan.)"""

    def __init__(self, queryset, shape):
        self.queryset = queryset
        self.shape = shape

    @cached_property
    def _count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: slice) -> list:
        # An offset past the end reads nothing (the database refuses one past its own
        # whole numbers' range); the count is read once, for the page's total too.
        start, stop, _step = index.indices(self._count)
        return [self.shape(item) for item in self.queryset[start:stop]] if start < stop else []


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
        "titre_ligne": row.title,
        "libelle": indicator.label,
        "unite": indicator.unit,
        "unite_singulier": indicator.unit_forms.singular,
        "nature": indicator.kind,
        "sens_souhaite": indicator.direction,
        "cible_plan": _float(indicator.plan_target),
        "comparateur_cible_plan": indicator.plan_target_comparator,
    }


@api.get("/axes", response={200: list[AxisOut], **ERRORS}, summary="Les axes du plan")
@paginate(LimitOffsetPagination)
def list_axes(request):
    axes = Axis.objects.filter(plan=_plan()).order_by("number")
    return [
        {
            "numero": a.number,
            "titre": markup_to_plain_text(a.title),
            "resume": markup_to_plain_text(a.summary),
            "resume_html": str(render_markup(a.summary)),
        }
        for a in axes
    ]


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
    return ShapedPage(indicators, _indicator_out)


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
    values = [
        {field: row[field] for field in VALUE_FIELDS} | {"valeur": json_number(row["valeur"])}
        for row in records([indicator])
        if row["type_valeur"]
    ]
    return _indicator_out(indicator) | {"valeurs": values}


PARTNER_KINDS = (
    "social_landlord (bailleur social), association, state (service de l'État), "
    "city (service de la Ville), other (autre organisme)"
)


class FundingAmountOut(Schema):
    """A published amount of a funding source: the funding file's fields, a row named as
    the indicators name theirs."""

    axe: int
    mesure: int | None
    ligne: str = Field(description="La référence de la ligne du bilan : 1, 9a ; vide sinon.")
    titre_ligne: str
    financeur_id: int = Field(description="L'`id` du financeur dans /api/partenaires.")
    financeur: str
    nature_financeur: str = Field(description=PARTNER_KINDS)
    programme: str | None
    annee: int
    montant_prevu: float | None = Field(description="En euros ; null s'il n'est pas connu.")
    montant_depense: float | None = Field(description="En euros ; null s'il n'est pas connu.")
    commentaire: str | None
    publie_le: date | None


class PartnerOut(Schema):
    id: int
    nom: str
    nature: str = Field(description=PARTNER_KINDS)
    siret: str | None
    mesures: list[int] = Field(
        description="Les numéros des mesures du plan qu'il porte avec la Ville ; "
        "vide s'il n'en porte aucune."
    )
    indicateurs: list[int] = Field(
        description="Les identifiants des indicateurs du plan que le rapport lie au "
        "partenaire (ceux de /api/indicateurs), dans l'ordre du bilan ; vide sinon."
    )


def _funding_amount_out(amount: FundingAmount) -> dict:
    source, row = amount.source, amount.source.report_row
    return {
        "axe": row.ambition.axis.number,
        "mesure": row.measure.number if row.measure_id else None,
        "ligne": row.reference,
        "titre_ligne": row.title,
        "financeur_id": source.funder_id,
        "financeur": source.funder.name,
        "nature_financeur": source.funder.kind,
        "programme": source.programme or None,
        "annee": amount.year,
        "montant_prevu": _float(amount.planned),
        "montant_depense": _float(amount.spent),
        "commentaire": amount.comment or None,
        "publie_le": amount.published_at.date() if amount.published_at else None,
    }


@api.get(
    "/financements",
    response={200: list[FundingAmountOut], **ERRORS},
    summary="Les montants publiés des financements",
)
@paginate(LimitOffsetPagination)
def list_funding_amounts(
    request, axe: int | None = None, mesure: int | None = None, annee: int | None = None
):
    amounts = funding.published_amounts(_plan())
    if axe is not None:
        amounts = amounts.filter(source__report_row__ambition__axis__number=axe)
    if mesure is not None:
        amounts = amounts.filter(source__report_row__measure__number=mesure)
    if annee is not None:
        amounts = amounts.filter(year=annee)
    return printable_copy([_funding_amount_out(amount) for amount in amounts])


@api.get(
    "/partenaires",
    response={200: list[PartnerOut], **ERRORS},
    summary="Les partenaires du plan et les mesures qu'ils portent",
)
@paginate(LimitOffsetPagination)
def list_partners(request, mesure: int | None = None):
    partners = funding.partners_of(_plan(), mesure)
    return printable_copy(
        [
            {
                "id": partner.pk,
                "nom": partner.name,
                "nature": partner.kind,
                "siret": partner.siret or None,
                "mesures": funding.measure_numbers(partner),
                "indicateurs": funding.indicator_ids(partner),
            }
            for partner in partners
        ]
    )


class ArrondissementFigureOut(Schema):
    """A published figure of an arrondissement: the fields of the figures by arrondissement
    file, a row named as the indicators name theirs."""

    axe: int
    mesure: int | None
    ligne: str = Field(description="La référence de la ligne du bilan : 1, 9a ; vide sinon.")
    titre_ligne: str
    indicateur_id: int = Field(description="L'`id` de l'indicateur dans /api/indicateurs.")
    indicateur: str
    unite: str
    annee: int
    arrondissement: int = Field(description="Le numéro de l'arrondissement, de 1 à 20.")
    code_insee: str = Field(description="Son code Insee, de 75101 à 75120.")
    nom: str = Field(description="Son nom court : 1er, 2e… 20e.")
    valeur: float | None = Field(
        description="Le chiffre ; null quand il n'est pas diffusé ou qu'il n'y en a pas."
    )
    statut_valeur: str = Field(
        description="exacte ; moins_de_k (de 1 à seuil − 1, non diffusé) ; secret_secondaire "
        "(non diffusé pour que le total ne trahisse pas un petit chiffre) ; sans_donnee."
    )
    seuil: int | None = Field(
        description="Le seuil de la protection des petits effectifs quand les chiffres de "
        "l'indicateur sont protégés ; null sinon."
    )
    source: str | None
    publie_le: date | None


@api.get(
    "/chiffres-par-arrondissement",
    response={200: list[ArrondissementFigureOut], **ERRORS},
    summary="Les chiffres publiés par arrondissement",
)
@paginate(LimitOffsetPagination)
def list_arrondissement_figures(
    request,
    axe: int | None = None,
    mesure: int | None = None,
    indicateur: int | None = None,
    annee: int | None = None,
):
    entries = arrondissements.published_entries(_plan())
    if axe is not None:
        entries = entries.filter(indicator__report_row__ambition__axis__number=axe)
    if mesure is not None:
        entries = entries.filter(indicator__report_row__measure__number=mesure)
    if indicateur is not None:
        # Through the indicator's own key: a number too large for the database then
        # finds nothing, where the foreign key column would fail on SQLite.
        entries = entries.filter(indicator__pk=indicateur)
    if annee is not None:
        entries = entries.filter(year=annee)
    return arrondissements.api_items(entries)
