"""Bring a database seeded from the first ``fixtures/plan.json`` in line with the report.

The seed read a few figures in ways the *Bilan 2022 & perspectives 2023* does not
say (a 2021 « 30 % » for the fall in evictions since 2008, invented baseline
years, « plus de 20 » stored as exactly 20…). ``fixtures/plan.json`` now says
what the report says; this migration makes the same corrections to a database
loaded from the old fixture. A row a person has changed since (its seed values
no longer match) is left alone: the corrections never overwrite staff work.

``tests/seed/test_report_corrections.py`` checks that ``fixtures/plan.json``
holds every correction listed here, so the two cannot drift apart.
"""

import datetime

from django.db import migrations

REPORT = "Bilan 2022 & perspectives 2023 (juillet 2023)"
PRODUCER = "Ville de Paris"

AMBITION = "colonne « Ambition de la Ville 2021-2026 »"
BILAN = "colonne « Bilan 2022 »"
PLAN = "colonne « Plan d'action 2023 »"
BILAN_AND_PLAN = "colonnes « Bilan 2022 » et « Plan d'action 2023 »"

# Report row pk -> how the report's table names it.
ROW_NAMES = {
    1: "mesure 1",
    2: "mesure 2",
    3: "mesure 3",
    4: "ligne sans numéro de l'axe 1 (attribution et production de logements sociaux)",
    5: "mesure 4",
    6: "mesure 5",
    7: "mesure 6",
    8: "mesure 7",
    9: "mesure 8",
    10: "mesure 9a",
    11: "mesure 9b",
    12: "mesure 9c",
    13: "mesure 10",
    14: "mesure 11",
    15: "mesure 12",
}


def location(row: int, column: str) -> str:
    return f"Tableau des mesures, {ROW_NAMES[row]}, {column}"


# Unit (plural, as stored) -> the same unit in the singular. Blank: the unit
# does not change with the number (%, €).
UNITS_SINGULAR = {
    "logements": "logement",
    "€": "",
    "%": "",
    "bailleurs sociaux": "bailleur social",
    "bénéficiaires": "bénéficiaire",
    "Pensions de Famille": "Pension de Famille",
    "personnes": "personne",
    "logements sociaux": "logement social",
    "désignations": "désignation",
    "professionnels": "professionnel",
    "ménages": "ménage",
    "entretiens": "entretien",
    "sites": "site",
    "arrondissements": "arrondissement",
    "séminaires": "séminaire",
    "cycles": "cycle",
    "équipes": "équipe",
    "participants": "participant",
    "réunions": "réunion",
    "jeunes": "jeune",
}

# Indicator pk -> (fields as first seeded, fields as the report says them).
INDICATOR_FIXES = {
    # « portant à 8 le nombre de Pensions de Famille agréées au cours de la mandature »
    8: (
        {"label": "Pensions de Famille agréées depuis 2021"},
        {"label": "Pensions de Famille agréées au cours de la mandature"},
    ),
    # « les 1223 logements en Pension de Famille déjà livrés » : no date given.
    12: ({"baseline_year": 2021}, {"baseline_year": None}),
    # « les 1000 logements du contingent de la ville en FJT » : no date given.
    19: ({"baseline_year": 2021}, {"baseline_year": None}),
    # « a permis de réduire de 30% le nombre de personnes expulsées à Paris
    # depuis 2008 » : a fall already obtained since 2008, measured at a date the
    # report does not give. Not a 2021 share to increase.
    22: (
        {
            "label": "Baisse du nombre de personnes expulsées à Paris depuis 2008",
            "unit": "%",
            "kind": "share",
            "direction": "increase",
        },
        {
            "label": "Personnes expulsées à Paris",
            "unit": "personnes",
            "kind": "level",
            "direction": "decrease",
            "baseline_year": 2008,
            "reference_change": "-30.00",
            "description": (
                "Chiffre de contexte cité dans l'ambition : la prévention des expulsions "
                "« a permis de réduire de 30% le nombre de personnes expulsées à Paris "
                "depuis 2008 ». Le rapport ne donne ni la date de cette mesure ni les "
                "nombres de personnes."
            ),
        },
    ),
    # « deux cycles de quatre modules » in 2022, « 2 cycles » again in 2023: a level kept.
    30: ({"direction": "increase"}, {"direction": "maintain"}),
}

# The indicator of measure 5's stated aim, which the first seed did not have.
YOUNG_PEOPLE_HOUSED = {
    "pk": 36,
    "report_row_id": 6,
    "position": 0,
    "label": "Jeunes sortants de l'ASE ayant accédé à un logement",
    "unit": "jeunes",
    "unit_singular": "jeune",
    "kind": "annual_flow",
    "direction": "increase",
    "is_headline": False,
    "description": (
        "Ambition de la mesure 5 : « Augmenter le nombre de jeunes sortants d'ASE, qui "
        "accèdent à un logement ». Le rapport ne donne ni objectif chiffré ni résultat."
    ),
    "producer": PRODUCER,
    "source": REPORT,
    "source_location": location(6, AMBITION),
}

# Indicators whose own figures (plan target, baseline, change) the report states.
INDICATOR_FIGURES_FROM = {4: 2, 5: 2, 7: 2, 8: 3, 12: 3, 19: 6, 22: 7}

# Year target (indicator, year) -> where the report states it, and its derivation
# when the report does not state it as such.
TARGETS = {
    (1, 2023): (1, PLAN, ""),
    (5, 2023): (
        2,
        BILAN_AND_PLAN,
        "33 logements prévus par les conventions signées en 2022 + « la captation des 7 "
        "logements restants » prévue en 2023",
    ),
    (6, 2023): (
        2,
        BILAN_AND_PLAN,
        "5 bailleurs sociaux signataires en 2022 + « 3 nouveaux bailleurs sociaux » en 2023",
    ),
    (8, 2023): (
        3,
        BILAN_AND_PLAN,
        "8 Pensions de Famille agréées fin 2022 + « au moins 3 nouvelles structures » en 2023",
    ),
    (9, 2023): (3, PLAN, ""),
    **{(18, year): (5, AMBITION, "") for year in range(2021, 2027)},
    (20, 2023): (6, BILAN, ""),
    (25, 2023): (8, PLAN, ""),
    (28, 2023): (10, PLAN, ""),
    (29, 2023): (10, PLAN, ""),
    (30, 2023): (10, PLAN, ""),
    (31, 2023): (11, PLAN, ""),
    (34, 2023): (13, PLAN, ""),
}

# Indicators with a 2022 result, and their report row.
RESULTS_2022 = {
    1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2, 8: 3, 9: 3, 10: 3, 11: 3, 21: 6, 23: 7,
    24: 8, 25: 8, 26: 9, 27: 9, 28: 10, 29: 10, 30: 10, 32: 12, 33: 12, 35: 15,
}  # fmt: skip

# « associant plus de 20 professionnels » : a bound, not exactly 20.
RESULT_BOUNDS = {(27, 2022): "more_than"}

PERIOD_TARGET_ROW = 4

# Every reviewed row of the seed carries this time; saving a row changes it, so a
# row that still has it is exactly as seeded.
SEEDED_AT = datetime.datetime(2023, 7, 1, tzinfo=datetime.UTC)


def provenance(row: int, column: str) -> dict:
    return {"producer": PRODUCER, "source": REPORT, "source_location": location(row, column)}


def _matches(obj, fields: dict) -> bool:
    return all(str(getattr(obj, name)) == str(value) for name, value in fields.items())


def correct_seeded_figures(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    YearTarget = apps.get_model("indicators", "YearTarget")
    YearResult = apps.get_model("indicators", "YearResult")
    PeriodTarget = apps.get_model("indicators", "PeriodTarget")
    ReportRow = apps.get_model("measures", "ReportRow")
    seeded = {i.pk: i for i in Indicator.objects.filter(pk__lte=35)}
    if not seeded:
        return  # an empty database: the fixture already says all of this

    for indicator in seeded.values():
        singular = UNITS_SINGULAR.get(indicator.unit)
        if singular is not None and not indicator.unit_singular:
            indicator.unit_singular = singular
            indicator.save(update_fields=["unit_singular"])

    for pk, (seeded_fields, fixed_fields) in INDICATOR_FIXES.items():
        indicator = seeded.get(pk)
        if indicator is None or not _matches(indicator, seeded_fields):
            continue
        if pk == 22:
            # The « 30 % en 2021 » result was the misreading itself.
            YearResult.objects.filter(
                indicator_id=22, year=2021, value=30, updated_at=SEEDED_AT
            ).delete()
            if indicator.year_results.exists() or indicator.year_targets.exists():
                continue  # someone entered figures for it: leave it to them
        for name, value in fixed_fields.items():
            setattr(indicator, name, value)
        if "unit" in fixed_fields:
            indicator.unit_singular = UNITS_SINGULAR[fixed_fields["unit"]]
        indicator.save()

    for pk, row in INDICATOR_FIGURES_FROM.items():
        Indicator.objects.filter(pk=pk, source="").update(**provenance(row, AMBITION))

    if ReportRow.objects.filter(pk=6).exists() and not Indicator.objects.filter(pk=36).exists():
        Indicator.objects.create(**YOUNG_PEOPLE_HOUSED)

    for (indicator, year), (row, column, derivation) in TARGETS.items():
        as_seeded = YearTarget.objects.filter(
            indicator_id=indicator, year=year, source="", updated_at=SEEDED_AT
        )
        for target in as_seeded:
            target.__dict__.update(provenance(row, column))
            if derivation and target.comment == derivation_seed_comment(indicator):
                # The seed wrote the derivation as a comment: it is now its own field.
                target.derivation, target.comment = derivation, ""
            target.save()

    for indicator, row in RESULTS_2022.items():
        YearResult.objects.filter(
            indicator_id=indicator, year=2022, source=REPORT, updated_at=SEEDED_AT
        ).update(producer=PRODUCER, source_location=location(row, BILAN))
    for (indicator, year), bound in RESULT_BOUNDS.items():
        YearResult.objects.filter(
            indicator_id=indicator, year=year, value=20, updated_at=SEEDED_AT
        ).update(bound=bound)
    PeriodTarget.objects.filter(indicator_id__in=range(13, 18), source="").update(
        **provenance(PERIOD_TARGET_ROW, BILAN)
    )


# The comments the first seed gave its derived targets.
SEED_DERIVATION_COMMENTS = {
    5: (
        "33 logements conventionnés + les 7 logements restants prévus par les conventions "
        "avec 3 nouveaux bailleurs."
    ),
    6: "5 bailleurs signataires + 3 nouveaux bailleurs sociaux prévus en 2023.",
    8: "8 agréées fin 2022 + « au moins 3 nouvelles structures » en 2023.",
}


def derivation_seed_comment(indicator: int) -> str:
    return SEED_DERIVATION_COMMENTS.get(indicator, "")


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_figures_as_the_report_states"),
        ("measures", "0004_remove_commitment_outcome"),
    ]

    operations = [migrations.RunPython(correct_seeded_figures, migrations.RunPython.noop)]
