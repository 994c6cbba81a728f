"""The open-data schema: one row per indicator × year × kind of value.

This list is the contract of the open-data files (CSV, CSV for French
spreadsheets, JSON), of the values of the API and of the « Valeurs » part of
the bilan exports. Later versions add columns at the end; they never rename,
remove or change the meaning of these. The page ``/donnees/``, the README and
``/donnees/schema.json`` (a Frictionless Table Schema) are written from it.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, number, boolean, date
    description: Promise
    example: str


COLUMNS = (
    Column("plan", "string", _("titre du plan"), "Plan parisien pour le logement d'abord"),
    Column("axe", "integer", _("numéro de l'axe (1 à 5)"), "1"),
    Column(
        "mesure",
        "string",
        _("numéro de la mesure et lettre de la sous-action ; vide pour la ligne sans numéro"),
        "9a",
    ),
    Column("ligne", "string", _("titre de la ligne du bilan"), "Pensions de Famille"),
    Column("indicateur_id", "integer", _("identifiant stable de l'indicateur"), "8"),
    Column(
        "indicateur",
        "string",
        _("libellé de l'indicateur"),
        "Pensions de Famille agréées au cours de la mandature",
    ),
    Column(
        "unite",
        "string",
        _("unité de la valeur, au pluriel : celle de l'indicateur ; % pour une évolution"),
        "Pensions de Famille",
    ),
    Column("unite_singulier", "string", _("la même unité au singulier"), "Pension de Famille"),
    Column(
        "nature",
        "string",
        _(
            "annual_flow (flux annuel), cumulative (cumul sur la durée du plan), "
            "level (niveau à date), share (part en %)"
        ),
        "cumulative",
    ),
    Column(
        "sens",
        "string",
        _("increase (à augmenter), decrease (à réduire), maintain (à maintenir)"),
        "increase",
    ),
    Column(
        "annee",
        "integer",
        _(
            "année de la valeur ; échéance pour une cible ; année de référence pour une valeur "
            "de référence ou une évolution ; vide quand la source ne la donne pas"
        ),
        "2023",
    ),
    Column(
        "type_valeur",
        "string",
        _(
            "resultat, objectif (annuel), cible_plan (sur la durée du plan), objectif_periode "
            "(sur une autre période), valeur_reference, evolution_depuis_reference (en %) ; "
            "vide pour un indicateur qui n'a encore aucun chiffre (une seule ligne)"
        ),
        "objectif",
    ),
    Column(
        "valeur",
        "number",
        _(
            "la valeur : point décimal, sans séparateur de milliers ; "
            "vide s'il n'y en a pas, jamais 0"
        ),
        "11",
    ),
    Column(
        "comparateur",
        "string",
        _(
            "exactly (la valeur elle-même), at_least (« au moins »), at_most (« au plus »), "
            "more_than (« plus de ») : comparateur d'un objectif, borne d'un résultat"
        ),
        "at_least",
    ),
    Column(
        "libelle_comparateur",
        "string",
        _("le comparateur en français ; vide pour exactly"),
        "au moins",
    ),
    Column(
        "borne",
        "string",
        _(
            "pour un résultat : exact, more_than (« plus de »), at_least (« au moins ») ; "
            "vide sinon"
        ),
        "more_than",
    ),
    Column(
        "valeur_texte",
        "string",
        _("la valeur écrite en français, comparateur et unité compris (singulier ou pluriel)"),
        "au moins 11 Pensions de Famille",
    ),
    Column(
        "deduit",
        "boolean",
        _("true : la source ne donne pas l'objectif tel quel, il en est déduit ; false sinon"),
        "true",
    ),
    Column(
        "derivation",
        "string",
        _("pour une valeur déduite, le calcul en une ligne ; vide sinon"),
        "8 Pensions de Famille agréées fin 2022 + « au moins 3 nouvelles structures » en 2023",
    ),
    Column(
        "cadre",
        "string",
        _("cadre d'un objectif sur une autre période"),
        "Convention DAP 2023-2028",
    ),
    Column(
        "periode_debut",
        "integer",
        _(
            "première année d'une cible du plan ou d'un objectif sur une autre période ; "
            "vide pour « d'ici »"
        ),
        "2023",
    ),
    Column("periode_fin", "integer", _("dernière année de cette période"), "2028"),
    Column(
        "valeur_au",
        "date",
        _("date de la valeur d'un résultat, ISO 8601 (AAAA-MM-JJ)"),
        "2022-12-31",
    ),
    Column(
        "producteur",
        "string",
        _("service ou partenaire qui a produit le chiffre"),
        "Ville de Paris",
    ),
    Column(
        "source",
        "string",
        _("document d'où vient le chiffre"),
        "Bilan 2022 & perspectives 2023 (juillet 2023)",
    ),
    Column(
        "emplacement_source",
        "string",
        _("où le chiffre figure dans ce document : page, tableau, ligne, colonne"),
        "Tableau des mesures, mesure 3, colonne « Bilan 2022 »",
    ),
    Column("commentaire", "string", _("commentaire publié avec la valeur"), ""),
    Column(
        "publie_le",
        "date",
        _("date de publication de la valeur saisie, ISO 8601 ; vide si inconnue"),
        "2024-03-15",
    ),
)
FIELDNAMES = [column.name for column in COLUMNS]


def table_schema() -> dict:
    """The schema as a Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/)."""
    return {
        "fields": [
            {
                "name": column.name,
                "type": column.type,
                "description": str(column.description),
                "example": column.example,
            }
            for column in COLUMNS
        ],
        "missingValues": [""],
    }
