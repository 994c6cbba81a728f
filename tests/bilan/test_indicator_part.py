"""The « Indicateurs » part of every bilan export: every seeded indicator, each figure the
bilan of 2022 may know, in the report's words (comparators, bounds, derived targets, the
fall since 2008, baselines without a year), with its provenance and its unit in the
singular or the plural."""

import json
from decimal import Decimal as D

import pytest

from indicators.models import Indicator
from tests.bilan.helpers import NBSP, export_file, normalised
from tests.bilan.test_writers import read_ods

pytestmark = pytest.mark.django_db

KIND_LABELS = {
    "valeur_reference": "valeur de référence",
    "evolution_depuis_reference": "évolution depuis l'année de référence",
    "objectif": "objectif",
    "resultat": "résultat",
    "cible_plan": "cible du plan",
    "objectif_periode": "objectif sur une autre période",
}


def held_by_the_2022_bilan() -> set[tuple]:
    """(label, kind, year, value) of every figure the bilan of 2022 may know: results up
    to 2022, targets up to 2023, the indicator's own figures; read from the database."""
    held = set()
    for i in Indicator.objects.prefetch_related("year_targets", "year_results", "period_targets"):
        if i.baseline is not None:
            held.add((i.label, "valeur_reference", i.baseline_year, i.baseline))
        if i.reference_change is not None:
            held.add((i.label, "evolution_depuis_reference", i.baseline_year, i.reference_change))
        if i.plan_target is not None:
            held.add((i.label, "cible_plan", 2026, i.plan_target))
        held |= {(i.label, "objectif_periode", p.end_year, p.value) for p in i.period_targets.all()}
        held |= {
            (i.label, "objectif", t.year, t.value)
            for t in i.year_targets.filter(status="published", year__lte=2023)
        }
        held |= {
            (i.label, "resultat", r.year, r.value)
            for r in i.year_results.filter(status="published", year__lte=2022)
        }
    return held


def read_figure_rows(rows) -> set[tuple]:
    kinds = {label: kind for kind, label in KIND_LABELS.items()}
    return {
        (r[1], kinds[r[2]], int(r[3]) if r[3] else None, D(str(r[4]))) for r in rows[1:] if r[2]
    }


def test_every_export_holds_every_indicator_and_each_of_its_figures(seed_plan, tmp_path):
    from docx import Document
    from openpyxl import load_workbook
    from pypdf import PdfReader

    expected = held_by_the_2022_bilan()
    labels = set(Indicator.objects.values_list("label", flat=True))
    assert len(labels) == 36

    workbook = load_workbook(export_file(tmp_path, "xlsx"))
    assert {r[1] for r in workbook["Indicateurs"].iter_rows(min_row=2, values_only=True)} == labels
    figures = list(workbook["Chiffres et sources"].iter_rows(values_only=True))
    assert {r[1] for r in figures[1:]} == labels
    assert read_figure_rows(figures) == expected

    ods = read_ods(export_file(tmp_path, "ods"))
    assert {r[1] for r in ods["Indicateurs"][1:]} == labels
    assert read_figure_rows(ods["Chiffres et sources"]) == expected

    document = json.loads(export_file(tmp_path, "json").read_text(encoding="utf-8"))
    assert {i["indicateur"] for i in document["indicateurs"]} == labels
    assert {v["indicateur"] for v in document["valeurs"]} == labels
    assert {
        (v["indicateur"], v["type_valeur"], v["annee"], D(str(v["valeur"])))
        for v in document["valeurs"]
        if v["type_valeur"]
    } == expected

    tables = Document(str(export_file(tmp_path, "docx"))).tables
    assert len(tables) == 4  # the bilan, the indicators, their figures, then the glossary
    for table in tables[1:3]:
        assert {row.cells[1].text for row in table.rows[1:]} == labels
    written = [(row.cells[1].text, normalised(row.cells[2].text)) for row in tables[2].rows[1:]]
    assert len(written) == len(expected) + 1  # and one line for the indicator with none

    pdf = normalised(
        " ".join(page.extract_text() for page in PdfReader(export_file(tmp_path, "pdf")).pages)
    )
    assert [label for label in labels if normalised(label) not in pdf] == []
    figure_texts = [normalised(text) for _label, text in written]
    assert [text for text in figure_texts if text.split(" (déduit")[0] not in pdf] == []
    assert normalised("plus de 20 professionnels") in pdf
    assert normalised("−30 % depuis 2008") in pdf
    assert normalised("1 223 logements (année non précisée)") in pdf


def indicator_rows(tmp_path) -> dict[str, tuple]:
    from openpyxl import load_workbook

    sheet = load_workbook(export_file(tmp_path, "xlsx"))["Indicateurs"]
    return {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_the_indicators_sheet_says_what_the_report_says(seed_plan, tmp_path):
    rows = indicator_rows(tmp_path)
    # Columns 8 to 11: baseline, its year, the change since then (%), the plan target.
    homes = rows["Logements en Pension de Famille déjà livrés à Paris"]
    assert (homes[8], homes[9]) == (1223, None)
    assert f"Valeur de référence (année non précisée){NBSP}: 1{NBSP}223{NBSP}logements" in homes[12]
    evictions = rows["Personnes expulsées à Paris"]
    assert evictions[8:11] == (None, None, -30)
    assert f"Évolution{NBSP}: \u221230{NBSP}% depuis 2008" in evictions[12]
    assert "30 % en 2021" not in json.dumps(evictions, ensure_ascii=False)
    pilots = rows["Professionnels associés aux démarches pilotes"]
    assert pilots[4] == 20
    assert pilots[12] == f"Résultat 2022{NBSP}: plus de 20{NBSP}professionnels"
    pensions = rows["Pensions de Famille agréées au cours de la mandature"]
    assert (pensions[5], pensions[11]) == (11, 17)
    assert pensions[12] == (
        f"Objectif 2023{NBSP}: au moins 11{NBSP}Pensions de Famille (déduit{NBSP}: "
        "8 Pensions de Famille agréées fin 2022 + « au moins 3 nouvelles structures » en 2023)"
    )
    dap = rows["Logements sociaux produits"]
    assert dap[12] == f"Objectif Convention DAP 2023-2028{NBSP}: 25{NBSP}500{NBSP}logements sociaux"
    aim = rows["Jeunes sortants de l'ASE ayant accédé à un logement"]
    assert aim[3:6] == (None, None, None)
    assert aim[12] == "Aucun chiffre publié pour cet indicateur."
    assert pensions[13] == "Ville de Paris — Bilan 2022 & perspectives 2023 (juillet 2023)"


def test_a_stated_target_carries_no_derivation(seed_plan, tmp_path):
    rows = indicator_rows(tmp_path)
    in_year = rows["Pensions de Famille agréées dans l'année"]
    assert in_year[12] == f"Objectif 2023{NBSP}: au moins 3{NBSP}Pensions de Famille"
    assert rows["Logements Louez solidaire captés dans l'année"][12] is None


def test_the_figures_sheet_gives_each_figure_its_provenance_and_unit(seed_plan, tmp_path):
    from openpyxl import load_workbook

    sheet = load_workbook(export_file(tmp_path, "xlsx"))["Chiffres et sources"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:8] == (
        "#",
        "Indicateur",
        "Type de valeur",
        "Année",
        "Valeur",
        "Unité",
        "Comparateur",
        "Chiffre",
    )
    by_key = {(r[1], r[2], r[3]): r for r in rows[1:]}
    seminar = by_key[
        ("Séminaires sur l'accès au logement des publics prioritaires", "résultat", "2022")
    ]
    assert (seminar[4], seminar[5], seminar[7]) == (1, "séminaire", f"1{NBSP}séminaire")
    assert seminar[12:] == (
        "31/12/2022",
        "Ville de Paris",
        "Bilan 2022 & perspectives 2023 (juillet 2023)",
        "Tableau des mesures, mesure 9a, colonne « Bilan 2022 »",
    )
    seminars = by_key[
        ("Séminaires sur l'accès au logement des publics prioritaires", "objectif", "2023")
    ]
    assert (seminars[5], seminars[7]) == ("séminaires", f"2{NBSP}séminaires")
    derived = by_key[("Pensions de Famille agréées au cours de la mandature", "objectif", "2023")]
    assert (derived[6], derived[8]) == ("au moins", "oui")
    assert derived[9].startswith("8 Pensions de Famille agréées fin 2022")
    pilots = by_key[("Professionnels associés aux démarches pilotes", "résultat", "2022")]
    assert (pilots[6], pilots[7]) == ("plus de", f"plus de 20{NBSP}professionnels")


def test_documents_write_figures_with_their_unit_and_derivation(seed_plan, tmp_path):
    from docx import Document

    tables = Document(str(export_file(tmp_path, "docx"))).tables
    rows = {row.cells[1].text: [c.text for c in row.cells] for row in tables[1].rows}
    pensions = rows["Pensions de Famille agréées au cours de la mandature"]
    assert pensions[6] == (
        f"au moins 11{NBSP}Pensions de Famille\n(déduit{NBSP}: 8 Pensions de Famille agréées "
        "fin 2022 + « au moins 3 nouvelles structures » en 2023)"
    )
    assert pensions[3] == f"17{NBSP}Pensions de Famille"
    assert (
        rows["Séminaires sur l'accès au logement des publics prioritaires"][5]
        == f"1{NBSP}séminaire"
    )
    assert (
        rows["Professionnels associés aux démarches pilotes"][5]
        == f"plus de 20{NBSP}professionnels"
    )
    assert rows["Personnes expulsées à Paris"][2] == f"\u221230{NBSP}% depuis 2008"
    sources = [[c.text for c in row.cells] for row in tables[2].rows]
    assert [
        f"Résultat 2022{NBSP}: 295{NBSP}professionnels",
        "Ville de Paris — Bilan 2022 & perspectives 2023 (juillet 2023), Tableau des mesures, "
        "mesure 9a, colonne « Bilan 2022 » — au 31/12/2022",
    ] in [row[2:] for row in sources]
