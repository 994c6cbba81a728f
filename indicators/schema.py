"""The schemas of the values: the open data, and the values sheet that extends it.

The open data has one row per indicator × year × kind of value (``COLUMNS``); the
« Indicateurs » sheet of the collection workbook, one row per indicator and year asked
(``VALUES_SHEET_COLUMNS``). Where the sheet says what an open-data column says, it is
that column, by the same name, type and meaning; its other columns are its own. Both are
published as Table Schemas with the open data.

This list is the contract of the open-data files (CSV, CSV for French
spreadsheets, JSON), of the values of the API and of the « Valeurs » part of
the bilan exports. Later versions add columns at the end; they never rename,
remove or change the meaning of these. The page ``/donnees/``, the README and
``/donnees/schema.json`` (a Frictionless Table Schema) are written from it.
"""

import re
from dataclasses import dataclass, replace

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, number, boolean, date
    description: Promise
    example: str
    # The header of the column in the values sheet, N standing for the workbook's year
    # (« Résultat N » is « Résultat 2023 » in the workbook of 2023); empty elsewhere.
    title: Promise | str = ""

    def as_sheet_column(self, title) -> "Column":
        """This open-data column as a column of the values sheet, under ``title``."""
        return replace(self, title=title)

    def sheet_header(self, year: int) -> str:
        """The header of this column in the values sheet of ``year``."""
        return re.sub(r"\bN\b", str(year), re.sub(r"\bN\+1\b", str(year + 1), str(self.title)))


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
            "more_than (« plus de ») : comparateur d'un objectif, borne d'un résultat ; "
            "less_than (« moins de ») : petit effectif protégé, la valeur est alors le seuil"
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
            "pour un résultat : exact, more_than (« plus de »), at_least (« au moins »), "
            "less_than (« moins de » : petit effectif protégé) ; vide sinon"
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


OPEN_DATA = {column.name: column for column in COLUMNS}

# The values sheet: the open-data columns that name and describe a row, the year's
# result to enter (with the open-data columns of its provenance) and next year's target.
# The sheet writes choices as their French words, where the open data has their codes:
# those columns are the sheet's own.
VALUES_SHEET_COLUMNS = (
    OPEN_DATA["indicateur_id"].as_sheet_column(_("Identifiant")),
    OPEN_DATA["mesure"].as_sheet_column(_("Mesure")),
    OPEN_DATA["indicateur"].as_sheet_column(_("Indicateur")),
    OPEN_DATA["unite"].as_sheet_column(_("Unité")),
    OPEN_DATA["annee"].as_sheet_column(_("Année")),
    Column(
        "resultat_publie",
        "number",
        _(
            "repère, non importé : le résultat publié de l'année, la valeur de sa ligne "
            "« resultat » dans les données ouvertes ; vide s'il n'y en a pas"
        ),
        "1910",
        _("Résultat N publié"),
    ),
    Column(
        "objectif_annee",
        "string",
        _(
            "repère, non importé : l'objectif publié de l'année, écrit comme dans "
            "valeur_texte de sa ligne « objectif » des données ouvertes"
        ),
        "au moins 11 Pensions de Famille",
        _("Objectif N"),
    ),
    Column(
        "resultat",
        "number",
        _(
            "le résultat de l'année, à remplir ; une fois publié, c'est la valeur de sa "
            "ligne « resultat » dans les données ouvertes"
        ),
        "1910",
        _("Résultat N"),
    ),
    Column(
        "libelle_borne",
        "string",
        _(
            "ce qu'est le résultat, en français : valeur exacte, plus de, au moins "
            "(borne exact, more_than, at_least dans les données ouvertes)"
        ),
        "valeur exacte",
        _("Le résultat est"),
    ),
    OPEN_DATA["valeur_au"].as_sheet_column(_("Valeur au")),
    OPEN_DATA["source"].as_sheet_column(_("Source (document)")),
    OPEN_DATA["commentaire"].as_sheet_column(_("Commentaire")),
    Column(
        "objectif_suivant",
        "number",
        _(
            "l'objectif de l'année suivante (plan d'action), à remplir ; une fois publié, "
            "c'est la valeur de sa ligne « objectif » ; absente la dernière année du plan"
        ),
        "12",
        _("Objectif N+1"),
    ),
    Column(
        "libelle_comparateur_suivant",
        "string",
        _(
            "le comparateur de cet objectif, en français : objectif simple, au moins, au "
            "plus (comparateur exactly, at_least, at_most dans les données ouvertes)"
        ),
        "au moins",
        _("Comparateur"),
    ),
    Column(
        "motif_changement",
        "string",
        _("pourquoi l'objectif change, quand il change : l'un des motifs de la liste"),
        "retard de mise en œuvre",
        _("Motif du changement d'objectif"),
    ),
    Column(
        "precision_motif",
        "string",
        _("la précision du motif, demandée pour « autre motif »"),
        "nouvelle convention signée en cours d'année",
        _("Précision sur le motif"),
    ),
    Column(
        "version_resultat",
        "integer",
        _("colonne masquée : la version du résultat en cours de saisie au téléchargement"),
        "2",
        _("Version du résultat"),
    ),
    Column(
        "version_objectif",
        "integer",
        _("colonne masquée : la version de l'objectif en cours de saisie au téléchargement"),
        "1",
        _("Version de l'objectif"),
    ),
)
VALUES_SHEET = {column.name: column for column in VALUES_SHEET_COLUMNS}
VALUES_SHEET_DESCRIPTION = _(
    "La feuille « Indicateurs » du classeur de collecte, que les services remplissent et "
    "renvoient : une ligne par indicateur et année demandée. Ses colonnes sont trouvées "
    "par leur titre (N étant l'année du classeur) ou par leur nom ; celles qui portent le "
    "nom d'une colonne des données ouvertes ont son type et son sens."
)


def table_schema(columns=COLUMNS) -> dict:
    """``columns`` as a Frictionless Table Schema
    (https://specs.frictionlessdata.io/table-schema/)."""
    return {
        "fields": [
            {
                "name": column.name,
                **({"title": str(column.title)} if column.title else {}),
                "type": column.type,
                "description": str(column.description),
                "example": column.example,
            }
            for column in columns
        ],
        "missingValues": [""],
    }
