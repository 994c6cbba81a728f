"""The bilan of year N+1, and a bilan that shows only its own year.

The 2023 cycle is driven as the product's users drive it (an admin opens 2023, an agent
fills the entry forms, a validator validates and publishes, an admin freezes the
edition): see ``tests/bilan/second_year.py``. EVERY 2023 AND 2024 FIGURE, STATUS, TEXT
AND COMMENT IN THESE TESTS IS MADE UP; none comes from the City's report.
"""

import html
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils.html import escape, strip_tags

from indicators.bilan.export import export_bilan
from indicators.bilan.writers import EXPORT_FORMATS
from indicators.models import BilanEdition, Indicator, YearResult
from measures.abbreviations import unwrap
from measures.models import Plan, ReportRow
from tests.accounts import login
from tests.bilan.helpers import AXIS_HEADINGS, expected_table, normalised, text
from tests.bilan.second_year import (
    MADE_UP_FIGURES,
    content,
    expected_commitments,
    freeze,
    made_up_action_plan_text,
    made_up_bilan_text,
    publish_2023_figures,
)
from tests.bilan.test_writers import normalised_paragraphs

pytestmark = pytest.mark.django_db

FORMATS = list(EXPORT_FORMATS)


def exported_2022() -> dict:
    return {fmt: content(fmt, export_bilan(2022, fmt).content) for fmt in FORMATS}


def downloaded(client, year: int) -> dict:
    """Each format as the page's download links serve it (logged in with the export right)."""
    files = {}
    for fmt in FORMATS:
        response = client.get(reverse("indicators:bilan_export", args=[year, fmt]))
        assert response.status_code == 200, (fmt, response.status_code)
        files[fmt] = content(fmt, response.content)
    return files


def main_content(client, year: int) -> str:
    """The page's <main> as a reader sees it, without the links to the other years."""
    client.logout()
    html = client.get(reverse("indicators:bilan", args=[year])).content.decode()
    main = re.search(r"<main\b.*?</main>", html, re.S).group(0)
    main = re.sub(r'<nav class="bilan-years".*?</nav>', "", main, flags=re.S)
    return "\n".join(line for line in main.splitlines() if line.strip())


def bilan_tables(html: str) -> str:
    """The bilan table (and the commitments, if any) of a page."""
    start = html.index('<div class="table-container">')
    return html[start : html.index("</main>")]


def test_bilan_2022_says_the_same_after_2023_is_published(client, seed_plan):
    files_before, page_before = exported_2022(), main_content(client, 2022)
    louez = next(
        row
        for row in files_before["xlsx"]["Indicateurs"]
        if row[1] == "Logements Louez solidaire captés dans l'année"
    )
    assert louez[3:6] == (None, 73, 75)  # no target 2022, result 2022, target 2023 (seed)

    cycle = publish_2023_figures(client)
    assert YearResult.objects.filter(year=2023, status="published").count() == 3

    assert exported_2022() == files_before
    login(client, cycle.validator)
    assert downloaded(client, 2022) == files_before
    assert main_content(client, 2022) == page_before


def test_bilan_2022_frozen_after_2023_is_published_says_what_2022_said(client, seed_plan):
    files_before, page_before = exported_2022(), main_content(client, 2022)
    cycle = publish_2023_figures(client)
    freeze(client, cycle, 2022)

    edition = BilanEdition.objects.get(reporting_year__year=2022)
    assert edition.number == 1
    for stored in edition.files.all():
        assert content(stored.format, stored.content) == files_before[stored.format], stored.format
    login(client, cycle.validator)
    assert downloaded(client, 2022) == files_before
    after = main_content(client, 2022)
    assert "Édition n° 1 publiée le" in after
    # The same table, word for word; only its links now name the plan's own pages, so
    # that they keep their meaning once another plan is the current one.
    plan_pages = f'href="/plans/{Plan.objects.get().slug}/'
    assert plan_pages in bilan_tables(after)
    assert bilan_tables(after).replace(plan_pages, 'href="/') == bilan_tables(page_before)


# ---------------------------------------------------------------------------
# The bilan 2023, from what was entered.


def made_up_texts() -> dict:
    return {
        row.pk: (made_up_bilan_text(row), made_up_action_plan_text(row))
        for row in ReportRow.objects.select_related("measure")
    }


def expected_indicator_figures() -> list[list]:
    """Per indicator, in report order: #, label, unit, target 2023 (seed), result 2023 and
    target 2024 (made up, or the seed's own 2024 target)."""
    rows = []
    for indicator in Indicator.objects.for_dashboard():
        targets = {t.year: t.value for t in indicator.year_targets.all()}
        result, next_target, _comparator = MADE_UP_FIGURES.get(
            indicator.label, (None, targets.get(2024), None)
        )
        rows.append(
            [
                indicator.report_row.reference,
                indicator.label,
                indicator.unit,
                targets.get(2023),
                result,
                next_target,
            ]
        )
    return rows


def check_xlsx_2023(workbook: dict, cycle) -> None:
    assert list(workbook) == [
        "Bilan 2023 & perspectives 2024",
        "Indicateurs",
        "Chiffres et sources",
        "Engagements 2023",
        "Glossaire des sigles",
    ]
    table = [[text(v) for v in row] for row in workbook["Bilan 2023 & perspectives 2024"]]
    assert table == expected_table(2023, made_up_texts())
    indicators = workbook["Indicateurs"]
    assert list(indicators[0])[:8] == [
        "#",
        "Indicateur",
        "Unité",
        "Objectif 2023",
        "Résultat 2023",
        "Objectif 2024",
        "Avancement 2023",
        "Statut 2023",
    ]
    read = [
        [text(r[0]), r[1], r[2], *(None if v is None else D(str(v)) for v in r[3:6])]
        for r in indicators[1:]
    ]
    assert read == expected_indicator_figures()
    statuses = {r[1]: (r[6], r[7]) for r in indicators[1:]}
    # Made up: 76 of 75, 4 of « au moins 3 », 310 of 300.
    assert statuses["Logements Louez solidaire captés dans l'année"] == (
        pytest.approx(76 / 75, abs=1e-4),
        "atteint",
    )
    assert statuses["Pensions de Famille agréées dans l'année"][1] == "atteint"
    assert [tuple(text(v) for v in row) for row in workbook["Engagements 2023"]] == [
        ("#", "Engagement", "Réalisation", "Commentaire"),
        *expected_commitments(cycle),
    ]


def check_documents_2023(files: dict, cycle) -> None:
    """CSV, ODS, JSON, DOCX and PDF say what the XLSX says."""
    table = expected_table(2023, made_up_texts())
    commitments = expected_commitments(cycle)
    assert files["csv"] == table
    assert files["ods"]["Bilan 2023 & perspectives 2024"] == table
    assert [tuple(row) for row in files["ods"]["Engagements 2023"][1:]] == commitments
    document = files["json"]
    assert [r["bilan"] for r in document["bilan"]] == [row[1] for row in table[1:] if row[1]]
    louez = next(
        i
        for i in document["indicateurs"]
        if i["unite"] == "logements" and "Louez" in i["indicateur"]
    )
    assert (louez["resultat_annee"], louez["objectif_annee_suivante"]) == (76, 80)
    assert [
        (c["reference"], c["engagement"], c["libelle_realisation"], c["commentaire"])
        for c in document["engagements"]
    ] == commitments
    docx_tables = files["docx"]["tables"]
    assert docx_tables[0] == [[normalised_paragraphs(cell) for cell in row] for row in table]
    assert docx_tables[1][1:] == [[normalised_paragraphs(c) for c in row] for row in commitments]
    assert "Réalisation du plan d'action 2023" in files["docx"]["paragraphs"]
    docx_indicators = {row[1]: row for row in docx_tables[2]}
    # Objectif 2023, résultat 2023, objectif 2024, each with its unit.
    assert docx_indicators["Pensions de Famille agréées dans l'année"][4:7] == [
        "au moins 3 Pensions de Famille",
        "4 Pensions de Famille",
        "au moins 3 Pensions de Famille",
    ]
    pdf = normalised(" ".join(files["pdf"]))
    for heading in AXIS_HEADINGS:
        assert normalised(heading) in pdf
    for row in table[1:]:
        for cell in (row[1], row[3]):
            for paragraph in filter(None, cell.split("\n\n")):
                assert normalised(paragraph) in pdf
    assert "Réalisation du plan d'action 2023" in pdf
    for _reference, _text, outcome, comment in commitments:
        assert normalised(comment) in pdf
        assert outcome in pdf


def test_bilan_2023_files_hold_what_was_entered_and_the_edition_freezes_them(client, seed_plan):
    cycle = publish_2023_figures(client)
    login(client, cycle.validator)
    live = downloaded(client, 2023)
    check_xlsx_2023(live["xlsx"], cycle)
    check_documents_2023(live, cycle)

    # A draft until its edition: what is not in yet is still being collected.
    assert "en cours de collecte" in str(live["xlsx"])

    freeze(client, cycle, 2023)
    edition = BilanEdition.objects.get(reporting_year__year=2023)
    assert sorted(edition.files.values_list("format", flat=True)) == sorted(FORMATS)
    assert "en cours de collecte" not in str(
        content("xlsx", edition.files.get(format="xlsx").content)
    )
    for stored in edition.files.all():
        # The edition holds what the bilan says once published, figures and texts alike.
        published = content(stored.format, export_bilan(2023, stored.format).content)
        assert content(stored.format, stored.content) == published, stored.format
        assert stored.filename == f"bilan-2023-perspectives-2024.{stored.format}"
    assert edition.snapshot["annee"] == 2023


def test_bilan_2023_page_shows_the_texts_the_plan_d_action_2024_and_the_commitments(
    client, seed_plan
):
    cycle = publish_2023_figures(client)
    freeze(client, cycle, 2023)
    page = main_content(client, 2023)
    assert "Édition n° 1 publiée le" in page
    for header in (
        "Bilan 2023",
        "Plan d&#x27;action 2024",
        "Réalisation du plan d&#x27;action 2023",
    ):
        assert header in page
    for row in ReportRow.objects.select_related("measure"):
        # « Bilan 2023 fictif, ligne 9a : <strong>24 actions</strong>. »
        bilan_text, bold = made_up_bilan_text(row).split(" : **")
        assert f"{escape(bilan_text)} : <strong>{bold.rstrip('*.')}</strong>." in page
        for paragraph in made_up_action_plan_text(row).split("\n\n"):
            # The markup renderer leaves apostrophes as they are.
            assert f"<p>{paragraph}</p>" in page
    # The words as shown: without the acronyms' expansions read out to screen readers.
    words = normalised(html.unescape(strip_tags(unwrap(page))))
    for _reference, commitment, _outcome, comment in expected_commitments(cycle):
        assert normalised(commitment) in words
        assert escape(comment) in page
    assert page.count("<td>partiellement réalisé</td>") == sum(
        1 for outcome in cycle.outcomes.values() if outcome == "partly_done"
    )


def test_commitments_are_read_in_one_query_however_many(
    client, seed_plan, django_assert_num_queries
):
    from indicators.bilan.editions import open_reporting_year
    from indicators.bilan.shaping import load_bilan
    from measures.models import Plan

    open_reporting_year(Plan.objects.get(), 2023)
    # Year, rows, texts, commitments: the same 4 queries as the bilan 2022, which has none.
    with django_assert_num_queries(4):
        bilan = load_bilan(2023)
    assert len(bilan.commitments) > len(ReportRow.objects.all())
    assert bilan.commitments[0].reference == "1"
    assert bilan.commitments[0].outcome_label == "à renseigner"


def test_a_bilan_being_collected_says_so_and_its_edition_says_what_is_missing(client, seed_plan):
    """Before its edition the bilan 2023 is a draft: a result not in yet is « en cours de
    collecte »; the edition, published, says « sans donnée » for the same indicator."""
    from indicators.bilan.shaping import load_bilan

    cycle = publish_2023_figures(client)
    # A seeded indicator with a 2023 target but no made-up 2023 result.
    waiting = next(
        row
        for row in load_bilan(2023, with_indicators=True).indicators
        if row.label not in MADE_UP_FIGURES and row.target is not None
    )
    assert waiting.status_label == "en cours de collecte"
    freeze(client, cycle, 2023)
    frozen = {row.pk: row for row in load_bilan(2023, with_indicators=True).indicators}
    assert frozen[waiting.pk].status_label == "sans donnée"
    edition = BilanEdition.objects.get(reporting_year__year=2023)
    statuses = {row["indicateur"]: row["statut"] for row in edition.snapshot["indicateurs"]}
    assert statuses[waiting.label] == "no_data"
