"""The schema of the figures by arrondissement file, written like ``indicators.schema``.

One row per arrondissement of each published year of an indicator broken down by
arrondissement: twenty rows a year, one with no figure included, so that every year
joins the twenty arrondissements of a map. The columns that name the indicator's row
of the bilan are those of the values file, by the same name and meaning. A figure about
people that small-count protection hides has no value, only its status
(``STATUS_CODES``): the number never appears in the files nor in the API. Later
versions add columns at the end; they never rename, remove or change the meaning of
these. The page ``/donnees/`` and the Table Schema published beside the files are
written from them.
"""

from django.utils.translation import gettext_lazy as _

from indicators.schema import OPEN_DATA, Column

EXACT = "exacte"
SMALL = "moins_de_k"
SECONDARY = "secret_secondaire"
MISSING = "sans_donnee"
STATUS_CODES = (EXACT, SMALL, SECONDARY, MISSING)

ARRONDISSEMENT_COLUMNS = (
    OPEN_DATA["plan"],
    OPEN_DATA["axe"],
    OPEN_DATA["mesure"],
    OPEN_DATA["ligne"],
    OPEN_DATA["indicateur_id"],
    OPEN_DATA["indicateur"],
    Column("unite", "string", _("unité de l'indicateur, au pluriel"), "ménages"),
    Column("annee", "integer", _("année des chiffres"), "2022"),
    Column("arrondissement", "integer", _("numéro de l'arrondissement (1 à 20)"), "18"),
    Column(
        "code_insee",
        "string",
        _("code officiel géographique de l'arrondissement (Insee), de 75101 à 75120"),
        "75118",
    ),
    Column("nom", "string", _("nom court de l'arrondissement : 1er, 2e… 20e"), "18e"),
    Column(
        "valeur",
        "number",
        _(
            "le chiffre de l'arrondissement : point décimal, sans séparateur de milliers ; "
            "vide quand il n'est pas diffusé ou qu'il n'y en a pas (voir statut_valeur), "
            "jamais 0 à sa place"
        ),
        "36",
    ),
    Column(
        "statut_valeur",
        "string",
        _(
            "exacte (valeur est le chiffre publié, 0 compris) ; moins_de_k (un chiffre "
            "compris entre 1 et seuil − 1, non diffusé : « moins de 5 » sur le site pour un "
            "seuil de 5) ; secret_secondaire (un chiffre d'au moins seuil, non diffusé pour "
            "que le total ne permette pas de retrouver un petit chiffre : « non diffusé » "
            "sur le site) ; sans_donnee (pas de chiffre pour cet arrondissement)"
        ),
        "exacte",
    ),
    Column(
        "seuil",
        "integer",
        _(
            "seuil K de la protection des petits effectifs, quand les chiffres de "
            "l'indicateur sont protégés (ils comptent des personnes ou des ménages, ou sont "
            "sensibles) : aucun chiffre de 1 à K − 1 n'est diffusé ; vide sinon"
        ),
        "5",
    ),
    OPEN_DATA["source"],
    Column(
        "publie_le",
        "date",
        _("date de publication des chiffres de l'année, ISO 8601 ; vide si inconnue"),
        "2023-07-01",
    ),
)
ARRONDISSEMENT_FIELDNAMES = [column.name for column in ARRONDISSEMENT_COLUMNS]
ARRONDISSEMENT_DESCRIPTION = _(
    "Les chiffres publiés des indicateurs répartis par arrondissement : une ligne par "
    "indicateur, année et arrondissement, les 20 arrondissements de chaque année. Un petit "
    "chiffre de personnes ou de ménages n'est pas diffusé (protection des petits effectifs)."
)
