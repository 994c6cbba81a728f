# The glossary of the plan's acronyms, and the terms of the 2022 report.
#
# Each expansion is sourced: the report's own words where it expands the acronym
# (its text has no page numbers: the place is given as in fixtures/README.md), else
# an official text or site. A definition is given only where the report says what
# the thing is; an expansion nobody could source here is left empty (AMI2-LDA,
# AORIF, AFFIL), for an administrator to complete. Never invented.

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


REPORT = "Rapport « Bilan 2022 & perspectives 2023 » (Ville de Paris, juillet 2023)"

TERMS = [
    # (acronym, expansion, definition, source)
    ("AFFIL", "", "", ""),
    (
        "AMI LDA",
        "Appel à Manifestation d'Intérêt Logement d'abord",
        "Appel lancé par la Dihal, dans le cadre duquel la Ville de Paris devient, en "
        "février 2021, un territoire de mise en œuvre accéléré du Logement d'abord.",
        f"{REPORT}, introduction du plan : « l'Appel à Manifestation d'Intérêt (AMI LDA) "
        "lancé par la Dihal », « territoire de mise en œuvre accéléré du Logement d'abord »",
    ),
    ("AMI2-LDA", "", "", ""),
    ("AORIF", "", "", ""),
    (
        "ARPP",
        "Accompagner et Reloger les Publics Prioritaires",
        "Dispositif de relogement rapide des publics vulnérables.",
        f"{REPORT}, présentation des axes, axe 1",
    ),
    (
        "ASE",
        "aide sociale à l'enfance",
        "",
        f"{REPORT}, présentation des axes, axe 2",
    ),
    (
        "ASLL",
        "Accompagnement social lié au logement",
        "",
        "Légifrance, loi n° 90-449 du 31 mai 1990 visant à la mise en œuvre du droit au "
        "logement, article 6 (Fonds de solidarité pour le logement, qui finance ces mesures)",
    ),
    (
        "AVDL",
        "Accompagnement vers et dans le logement",
        "",
        "Légifrance, code de la construction et de l'habitation (Fonds national "
        "d'accompagnement vers et dans le logement)",
    ),
    (
        "CALEOL",
        "Commission d'Attribution des Logements et d'Examen de l'Occupation des Logements",
        "",
        f"{REPORT}, tableau des mesures, mesure 9, colonne « Ambition de la Ville 2021-2026 »",
    ),
    (
        "CHU",
        "Centre d'hébergement d'urgence",
        "",
        f"{REPORT}, tableau des mesures, mesure 7, colonne « Bilan 2022 »",
    ),
    (
        "DALO",
        "Droit au logement opposable",
        "",
        "Légifrance, loi n° 2007-290 du 5 mars 2007 instituant le droit au logement opposable",
    ),
    (
        "DAP",
        "Convention de délégation des aides à la pierre",
        "",
        f"{REPORT}, tableau des mesures, ligne « Politiques d'attribution et de production "
        "de logements sociaux », colonne « Bilan 2022 »",
    ),
    (
        "Dihal",
        "Délégation interministérielle à l'hébergement et à l'accès au logement",
        "",
        "Site officiel du Gouvernement, page de la Dihal",
    ),
    (
        "DRIHL",
        "Direction régionale et interdépartementale de l'hébergement et du logement",
        "",
        "Préfecture de la région d'Île-de-France (drihl.ile-de-france.developpement-durable.gouv.fr)",
    ),
    (
        "ELIAHS",
        "Équipes de Liaison Intersectorielle d'Accompagnement entre Habitat et Soins",
        "Équipes qui accompagnent des ménages locataires du parc social ayant des "
        "troubles psycho-sociaux, pour prévenir leur expulsion.",
        f"{REPORT}, présentation des axes, axe 2 ; tableau des mesures, mesure 6",
    ),
    (
        "EPS",
        "Espaces Parisiens des Solidarités",
        "",
        f"{REPORT}, tableau des mesures, mesure 8, colonne « Bilan 2022 »",
    ),
    (
        "ESI",
        "Espace Solidarité Insertion",
        "",
        f"{REPORT}, tableau des mesures, mesure 7, colonne « Bilan 2022 »",
    ),
    (
        "ESPEX",
        "équipe sociale de prévention des expulsions",
        "",
        f"{REPORT}, tableau des mesures, mesure 6, colonne « Plan d'action 2023 »",
    ),
    (
        "FJT",
        "Foyer Jeunes Travailleurs",
        "",
        f"{REPORT}, tableau des mesures, mesure 5, colonne « Ambition de la Ville 2021-2026 »",
    ),
    (
        "GT",
        "Groupe de travail",
        "",
        f"{REPORT}, tableau des mesures, mesure 5, colonne « Bilan 2022 » (« GT ») et mesure 6 (« Un Groupe de "
        "travail lancé dans le 19ᵉ ») ; abréviation d'usage courant",
    ),
    (
        "PDALHPD",
        "Plan départemental d'action pour le logement et l'hébergement des personnes défavorisées",
        "",
        "Légifrance, loi n° 90-449 du 31 mai 1990 visant à la mise en œuvre du droit au "
        "logement, article 2",
    ),
    (
        "PLAI",
        "Prêt locatif aidé d'intégration",
        "",
        "Service-public.fr, logement social",
    ),
    (
        "PSA",
        "Permanences Sociales d'Accueil",
        "",
        f"{REPORT}, tableau des mesures, mesure 7, colonne « Bilan 2022 »",
    ),
    (
        "RIVP",
        "Régie immobilière de la Ville de Paris",
        "",
        "RIVP (rivp.fr), bailleur social de la Ville de Paris",
    ),
    (
        "SEJM",
        "Service éducatif jeunes majeurs",
        "",
        f"{REPORT}, tableau des mesures, mesure 5, colonne « Bilan 2022 »",
    ),
    (
        "SIAO",
        "Service intégré d'accueil et d'orientation",
        "",
        "Légifrance, code de l'action sociale et des familles, article L345-2-4",
    ),
    (
        "UNAF0",
        "Unafo, Union professionnelle du logement accompagné",
        "",
        "Unafo (unafo.org) ; le rapport écrit « UNAF0 », avec un zéro, pour l'Unafo",
    ),
    (
        "URHAJ",
        "Union régionale pour l'habitat des jeunes",
        "",
        "URHAJ Île-de-France (urhaj-idf.fr)",
    ),
]


def seed_terms(apps, schema_editor):
    GlossaryTerm = apps.get_model("measures", "GlossaryTerm")
    for acronym, expansion, definition, source in TERMS:
        GlossaryTerm.objects.get_or_create(
            acronym=acronym,
            defaults={"expansion": expansion, "definition": definition, "source": source},
        )


class Migration(migrations.Migration):

    dependencies = [
        ('measures', '0004_remove_commitment_outcome'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='GlossaryTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('acronym', models.CharField(help_text="Tel qu'il est écrit dans les textes du plan : « ASE », « AMI LDA ».", max_length=30, unique=True, validators=[django.core.validators.RegexValidator('^[^\\W_](?:(?:[^\\W_]|[ -])*[^\\W_])?$', "Un sigle s'écrit en lettres et chiffres, avec au plus des espaces ou des tirets.")], verbose_name='sigle')),
                ('expansion', models.CharField(blank=True, help_text="Ce que le sigle veut dire. Vide tant qu'aucune source ne le dit : le sigle n'est alors pas expliqué dans les pages.", max_length=300, verbose_name='forme développée')),
                ('definition', models.TextField(blank=True, help_text="Une ou deux phrases, tirées de la source ; vide plutôt qu'inventée.", verbose_name='définition')),
                ('source', models.CharField(blank=True, help_text="D'où viennent la forme développée et la définition (document, page, site).", max_length=300, verbose_name='source')),
            ],
            options={
                'verbose_name': 'terme du glossaire',
                'verbose_name_plural': 'termes du glossaire',
                'ordering': ['acronym'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalGlossaryTerm',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('acronym', models.CharField(db_index=True, help_text="Tel qu'il est écrit dans les textes du plan : « ASE », « AMI LDA ».", max_length=30, validators=[django.core.validators.RegexValidator('^[^\\W_](?:(?:[^\\W_]|[ -])*[^\\W_])?$', "Un sigle s'écrit en lettres et chiffres, avec au plus des espaces ou des tirets.")], verbose_name='sigle')),
                ('expansion', models.CharField(blank=True, help_text="Ce que le sigle veut dire. Vide tant qu'aucune source ne le dit : le sigle n'est alors pas expliqué dans les pages.", max_length=300, verbose_name='forme développée')),
                ('definition', models.TextField(blank=True, help_text="Une ou deux phrases, tirées de la source ; vide plutôt qu'inventée.", verbose_name='définition')),
                ('source', models.CharField(blank=True, help_text="D'où viennent la forme développée et la définition (document, page, site).", max_length=300, verbose_name='source')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical terme du glossaire',
                'verbose_name_plural': 'historical termes du glossaire',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(seed_terms, migrations.RunPython.noop),
    ]
