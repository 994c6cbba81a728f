"""The schemas of the funding and partners files, written like ``indicators.schema``.

The funding file has one row per published amount: a funding source of a row of the
bilan and a year (``FUNDING_COLUMNS``); the partners file, one row per partner
(``PARTNER_COLUMNS``). The columns that name a row of the bilan are those of the values
file, by the same name and meaning. Later versions add columns at the end; they never
rename, remove or change the meaning of these. The page ``/donnees/`` and the Table
Schemas published beside the files are written from them.
"""

from django.utils.translation import gettext_lazy as _

from indicators.schema import OPEN_DATA, Column

PARTNER_KINDS = _(
    "social_landlord (bailleur social), association, state (service de l'État), "
    "city (service de la Ville), other (autre organisme)"
)

FUNDING_COLUMNS = (
    OPEN_DATA["plan"],
    OPEN_DATA["axe"],
    OPEN_DATA["mesure"],
    OPEN_DATA["ligne"],
    Column(
        "financeur_id",
        "integer",
        _("identifiant stable du financeur : son partenaire_id dans le fichier des partenaires"),
        "1",
    ),
    Column(
        "financeur",
        "string",
        _("nom du financeur, tel que dans le fichier des partenaires"),
        "Ville de Paris",
    ),
    Column("nature_financeur", "string", PARTNER_KINDS, "city"),
    Column(
        "programme",
        "string",
        _("programme par lequel le financeur finance la ligne ; vide hors programme"),
        "AMI LDA",
    ),
    Column("annee", "integer", _("année du financement"), "2022"),
    Column(
        "montant_prevu",
        "number",
        _(
            "montant prévu pour l'année, en euros : point décimal, sans séparateur de "
            "milliers ; vide s'il n'est pas connu (jamais 0 à sa place)"
        ),
        "365000",
    ),
    Column(
        "montant_depense",
        "number",
        _("montant dépensé dans l'année, en euros, écrit de même ; vide s'il n'est pas connu"),
        "",
    ),
    Column("commentaire", "string", _("commentaire publié avec le montant"), ""),
    Column(
        "publie_le",
        "date",
        _("date de publication du montant saisi, ISO 8601 ; vide si inconnue"),
        "2023-07-01",
    ),
)
FUNDING_FIELDNAMES = [column.name for column in FUNDING_COLUMNS]
FUNDING_AMOUNTS = ("montant_prevu", "montant_depense")
FUNDING_DESCRIPTION = _(
    "Les montants publiés des financements du plan : une ligne par source de financement "
    "d'une ligne du bilan (un financeur, par un programme ou non) et par année."
)

PARTNER_COLUMNS = (
    Column("partenaire_id", "integer", _("identifiant stable du partenaire"), "1"),
    Column("nom", "string", _("nom du partenaire"), "Ville de Paris"),
    Column("nature", "string", PARTNER_KINDS, "city"),
    Column(
        "siret",
        "string",
        _("numéro SIRET de l'établissement, 14 chiffres ; vide s'il n'est pas connu"),
        "21750001600019",
    ),
    Column(
        "mesures",
        "string",
        _(
            "numéros des mesures du plan que le partenaire porte avec la Ville, dans l'ordre, "
            "séparés par une virgule et une espace (une liste de nombres dans les fichiers "
            "JSON) ; vide s'il n'en porte aucune"
        ),
        "1, 10, 11",
    ),
    Column(
        "indicateurs",
        "string",
        _(
            "identifiants des indicateurs du plan que le rapport lie au partenaire "
            "(colonne indicateur_id du fichier des valeurs), dans l'ordre du bilan, séparés "
            "par une virgule et une espace (une liste de nombres dans les fichiers JSON) ; "
            "vide s'il n'y en a aucun"
        ),
        "32",
    ),
)
PARTNER_FIELDNAMES = [column.name for column in PARTNER_COLUMNS]
PARTNER_DESCRIPTION = _(
    "Les partenaires du plan (bailleurs sociaux, associations, services de l'État et de "
    "la Ville) : une ligne par partenaire, avec les mesures qu'il porte, même s'il n'en "
    "porte aucune."
)
