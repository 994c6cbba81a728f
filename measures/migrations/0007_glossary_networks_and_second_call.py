# The three acronyms of the 2022 report that the glossary left without an expansion
# (migration 0005), now sourced from public documentation. An expansion an administrator
# has written since is kept; each change is written in the term's history.

from django.db import migrations
from django.utils import timezone

TERMS = [
    # (acronym, expansion, definition, source)
    (
        "AFFIL",
        "Association Francilienne pour Favoriser l'Insertion par le Logement",
        "Réseau francilien d'associations gestionnaires, d'organismes Hlm et de collecteurs "
        "du 1 % logement, créé en 1993 par l'AORIF et la FNARS Île-de-France.",
        "DRIHL Île-de-France, « Intervention de l'AFFIL », publié le 10 novembre 2011 "
        "(drihl.ile-de-france.developpement-durable.gouv.fr)",
    ),
    (
        "AMI2-LDA",
        "second Appel à Manifestation d'Intérêt Logement d'abord",
        "Appel lancé par l'État le 10 septembre 2020 pour choisir de nouveaux territoires de "
        "mise en œuvre accélérée du Logement d'abord ; 23 territoires retenus le 28 janvier "
        "2021, dont Paris.",
        "Ministère des Outre-mer, communiqué de presse de janvier 2021, « 23 nouveaux "
        "territoires s'engagent dans la mise en œuvre accélérée du Logement d'abord » "
        "(outre-mer.gouv.fr) ; préfecture de la Guadeloupe, « Appel à manifestation "
        "d'intérêt 2020 […] (AMI 2) » (guadeloupe.gouv.fr)",
    ),
    (
        "AORIF",
        "Association régionale des organismes Hlm d'Île-de-France (l'Union sociale pour "
        "l'habitat d'Île-de-France)",
        "Association professionnelle des organismes de logement social d'Île-de-France.",
        "AORIF, « Ensemble », la revue de l'association régionale Hlm IDF, n° 55, "
        "septembre 2019",
    ),
]

REASON = "Forme développée sourcée ajoutée (migration 0007)"


def add_expansions(apps, schema_editor):
    GlossaryTerm = apps.get_model("measures", "GlossaryTerm")
    HistoricalGlossaryTerm = apps.get_model("measures", "HistoricalGlossaryTerm")
    fields = [f.attname for f in GlossaryTerm._meta.concrete_fields]
    for acronym, expansion, definition, source in TERMS:
        term = GlossaryTerm.objects.filter(acronym=acronym, expansion="").first()
        if term is None:
            continue  # deleted, or completed by an administrator: theirs stays
        term.expansion, term.definition, term.source = expansion, definition, source
        term.save()
        HistoricalGlossaryTerm.objects.create(
            **{name: getattr(term, name) for name in fields},
            history_date=timezone.now(),
            history_type="~",
            history_change_reason=REASON,
        )


class Migration(migrations.Migration):
    dependencies = [("measures", "0006_campaign_calendar")]

    operations = [migrations.RunPython(add_expansions, migrations.RunPython.noop)]
