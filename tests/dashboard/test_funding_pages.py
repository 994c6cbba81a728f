"""Funding and partners on the public pages: the measure page's section, the axis's
« Financements » page, and the arithmetic under them (totals, euros per result)."""

import ast
import html as html_lib
import json
import re
from decimal import Decimal as D
from pathlib import Path

import plotly.graph_objects as go
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from core.workflow import EntryStatus
from indicators.dashboard import funding_chart
from indicators.dashboard.funding import (
    FundingLine,
    RowResult,
    by_year,
    costs_per_result,
    funder_totals,
    funding_of,
)
from indicators.roles import PARTNERS
from measures.models import FundingAmount, FundingSource, Partner, Plan, ReportRow
from tests.accounts import login, make_user
from tests.helpers import grow_plan, main_text

NBSP = "\u00a0"
EUROS_365_000 = f"365{NBSP}000{NBSP}€"
PLAN_YEARS = list(range(2021, 2027))
DIHAL = "Dihal (Délégation interministérielle à l'hébergement et à l'accès au logement)"


def line(year=2022, funder="Ville de Paris", planned=None, spent=None, row=1, programme=""):
    return FundingLine(
        year=year,
        funder=funder,
        programme=programme,
        row_pk=row,
        row_reference=str(row),
        row_title=f"Ligne {row}",
        measure_number=row,
        planned=None if planned is None else D(planned),
        spent=None if spent is None else D(spent),
    )


def result(value, year=2022, row=1, indicator=1, exact=True):
    return RowResult(row, year, indicator, D(value), "ménages", exact)


# --- Totals (pure) -------------------------------------------------------------------


def test_totals_per_funder_add_each_funder_s_amounts_across_years_in_report_order():
    lines = [
        line(2022, "Dihal", planned=365000),
        line(2022, "Ville de Paris", planned=365000),
        line(2023, "Dihal", planned=400000, spent=350000),
    ]
    totals = {t.funder: (t.planned, t.spent) for t in funder_totals(lines)}
    assert totals == {"Dihal": (D(765000), D(350000)), "Ville de Paris": (D(365000), None)}
    assert [t.funder for t in funder_totals(lines)] == ["Dihal", "Ville de Paris"]


def test_a_total_with_no_amount_given_is_none_never_zero():
    funding = funding_of([line(planned=365000), line(funder="Dihal", planned=1000)])
    assert funding.total.planned == D(366000)
    assert funding.total.spent is None


def test_years_are_grouped_oldest_first_with_their_own_totals():
    years = by_year([line(2023, planned=10), line(2022, planned=1), line(2022, "Dihal", planned=2)])
    assert [(y.year, y.total.planned, len(y.funders)) for y in years] == [
        (2022, D(3), 2),
        (2023, D(10), 1),
    ]


# --- Euros per unit of result (pure) -------------------------------------------------


def test_euros_per_result_where_spending_and_the_one_result_of_the_year_are_known():
    [cost] = costs_per_result([line(spent=72000)], [result(36)])
    assert (cost.year, cost.spent, cost.result, cost.cost) == (2022, D(72000), D(36), D(2000))


@pytest.mark.parametrize(
    ("lines", "results"),
    [
        pytest.param([line(planned=72000)], [result(36)], id="planned-only"),
        pytest.param([line(spent=72000)], [], id="no-result"),
        pytest.param([line(spent=72000)], [result(36, year=2023)], id="result-of-another-year"),
        pytest.param([line(spent=72000)], [result(36, row=2)], id="result-of-another-row"),
        pytest.param(
            [line(spent=72000)],
            [result(36), result(5, indicator=2)],
            id="two-indicators",
        ),
        pytest.param(
            [line(spent=72000), line(funder="Dihal", planned=1000)],
            [result(36)],
            id="one-source-leaves-spending-out",
        ),
        pytest.param([line(spent=72000)], [result(20, exact=False)], id="a-bound"),
        pytest.param([line(spent=72000)], [result(0)], id="a-result-of-zero"),
    ],
)
def test_no_euros_per_result_unless_both_figures_cover_the_same_year_and_row(lines, results):
    assert costs_per_result(lines, results) == []


def test_euros_per_result_add_every_source_s_spending_of_the_row():
    lines = [line(spent=50000), line(funder="Dihal", spent=22000)]
    [cost] = costs_per_result(lines, [result(36)])
    assert cost.cost == D(2000)


# --- The chart and its sentences (pure) ----------------------------------------------


def louez_solidaire_funding():
    return funding_of(
        [
            line(funder=DIHAL, planned=365000, programme="AMI LDA"),
            line(funder="Ville de Paris", planned=365000),
        ]
    )


def test_the_chart_stacks_one_bar_trace_per_funder_over_the_plan_years():
    with translation.override("fr"):
        figure = funding_chart.funding_figure(louez_solidaire_funding(), PLAN_YEARS)
    go.Figure(figure)  # raises on any unknown property or bad value
    json.dumps(figure, allow_nan=False)
    bars = [t for t in figure["data"] if t["type"] == "bar"]
    assert [t["name"] for t in bars] == ["Dihal", "Ville de Paris"]
    assert bars[0]["y"] == [None, 365000.0, None, None, None, None]
    assert bars[0]["customdata"][1] == f"Dihal, 2022{NBSP}: {EUROS_365_000}"
    assert figure["layout"]["barmode"] == "stack"
    assert figure["layout"]["separators"] == f",{NBSP}"
    totals = next(t for t in figure["data"] if t["type"] == "scatter")
    assert totals["text"][1] == f"730{NBSP}000{NBSP}€"
    # Funders differ by more than colour (RGAA 3.1).
    assert bars[0]["marker"]["pattern"]["shape"] != bars[1]["marker"]["pattern"]["shape"]


def test_the_chart_draws_spending_when_nothing_is_planned():
    funding = funding_of([line(spent=72000)])
    figure = funding_chart.funding_figure(funding, PLAN_YEARS)
    assert figure["data"][0]["y"][1] == 72000.0
    assert figure["layout"]["yaxis"]["title"]["text"] == "Montants dépensés (€)"


def test_the_year_s_sentence_says_the_total_then_each_funder_s_part():
    year = louez_solidaire_funding().years[0]
    with translation.override("fr"):
        sentences = funding_chart.year_sentences(year, 1)
    assert sentences == [
        f"En 2022, 730{NBSP}000{NBSP}€ prévus pour l'axe 1.",
        f"Montants prévus par financeur{NBSP}: {DIHAL}, {EUROS_365_000}{NBSP}; "
        f"Ville de Paris, {EUROS_365_000}.",
    ]


def test_the_chart_module_does_not_import_plotly():
    tree = ast.parse(Path(funding_chart.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert "plotly" not in imported


# --- The measure page ----------------------------------------------------------------


def funding_section(html: str) -> str:
    found = re.search(r'<section aria-labelledby="financements">.*?</section>', html, re.S)
    assert found, "no funding section"
    return found.group()


def words(html: str) -> str:
    """The words of ``html``, tags dropped, entities read, spaces collapsed."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.django_db
def test_measure_1_lists_each_source_s_2022_amounts_its_totals_and_its_partners(client, seed_plan):
    html = client.get(reverse("indicators:measure", args=[1])).content.decode()
    section = funding_section(html)
    assert '<h2 id="financements">Financements et partenaires</h2>' in section
    # French figures, their spaces no-break: each source's 365 000 € and their total.
    assert section.count(f'<td class="figure">{EUROS_365_000}</td>') == 4  # years; funders
    assert f'<td class="figure">730{NBSP}000{NBSP}€</td>' in section
    text = words(section)
    assert "Financements publiés de la mesure 1 en 2022" in text
    # One line per source: funder, programme, planned, spent (none published).
    # The glossary shortens « Dihal (Délégation…) » to an <abbr> that spells it out.
    assert re.search(r"Dihal( \(Délégation[^)]*\))? AMI LDA 365 000 € —", text)
    assert "Ville de Paris — 365 000 € —" in text
    assert "Total 2022 730 000 € —" in text
    assert "Total par financeur en 2022" in text
    assert '<th scope="row">Ville de Paris</th>' in section
    assert '<th scope="col">Montant prévu</th>' in section
    assert re.search(r"Dihal( \(Délégation[^)]*\))? \(service de l'État\)", text)
    assert "Ville de Paris (service de la Ville)" in text


@pytest.mark.django_db
def test_measure_2_has_no_funding_section(client, seed_plan):
    html = client.get(reverse("indicators:measure", args=[2])).content.decode()
    assert "Financements et partenaires" not in html
    assert "funding-table" not in html


@pytest.mark.django_db
def test_a_measure_with_partners_and_no_funding_says_so_and_names_them(client, seed_plan):
    section = words(
        funding_section(client.get(reverse("indicators:measure", args=[10])).content.decode())
    )
    assert "Aucun financement publié pour cette mesure." in section
    assert "RIVP (bailleur social)" in section
    assert "Les Enfants du Canal (association)" in section


def add_funding(row_pk: int, year: int, status=EntryStatus.PUBLISHED, **amounts) -> FundingAmount:
    funder, _created = Partner.objects.get_or_create(name="Fondation Test", kind="other")
    source, _created = FundingSource.objects.get_or_create(
        report_row=ReportRow.objects.get(pk=row_pk), funder=funder
    )
    return FundingAmount.objects.create(source=source, year=year, status=status, **amounts)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status",
    [EntryStatus.DRAFT, EntryStatus.SUBMITTED, EntryStatus.VALIDATED, EntryStatus.RETURNED],
)
def test_amounts_not_yet_published_are_never_shown(client, seed_plan, status):
    add_funding(1, 2023, status=status, planned=D(987654))
    partner = make_user("partenaire", group=PARTNERS)  # sees validated indicator figures
    for reader in (client, login(client.__class__(), partner)):
        for url in (
            reverse("indicators:measure", args=[1]),
            reverse("indicators:axis_funding", args=[1]),
        ):
            text = main_text(reader.get(url))
            assert "987" not in text
            assert "Fondation Test" not in text
            assert "en 2023" not in text


@pytest.mark.django_db
def test_euros_per_result_are_shown_where_both_figures_are_published(client, seed_plan):
    # Measure 6's row has one indicator with a published 2022 result: 36 ménages.
    add_funding(7, 2022, spent=D(72000))
    text = words(
        funding_section(client.get(reverse("indicators:measure", args=[6])).content.decode())
    )
    assert "2022 72 000 € 36 ménages 2 000 €" in text
    # Measure 1's row spent 730 000 € in 2022, but three of its indicators have a 2022
    # result: the euro is shared between them in unknown parts, so nothing is shown.
    FundingAmount.objects.filter(source__report_row__pk=1).update(spent=D(365000))
    measure_1 = funding_section(
        client.get(reverse("indicators:measure", args=[1])).content.decode()
    )
    assert "Total 2022 730 000 € 730 000 €" in words(measure_1)
    assert "funding-costs" not in measure_1


# --- The axis's « Financements » page ------------------------------------------------


def embedded_figure(html: str, dom_id: str) -> dict:
    found = re.search(rf'<script id="{dom_id}" type="application/json">(.*?)</script>', html, re.S)
    assert found, f"no figure {dom_id}"
    return json.loads(found.group(1))


@pytest.mark.django_db
def test_axis_funding_page_draws_the_chart_and_gives_its_table_and_sentence(client, seed_plan):
    response = client.get(reverse("indicators:axis_funding", args=[1]))
    assert response.status_code == 200
    html = response.content.decode()
    figure = embedded_figure(html, "financements-axe-1")
    bars = {t["name"]: t["y"][PLAN_YEARS.index(2022)] for t in figure["data"] if t["type"] == "bar"}
    assert bars == {"Dihal": 365000.0, "Ville de Paris": 365000.0}
    text = main_text(response)
    assert "En 2022, 730 000 € prévus pour l'axe 1." in text
    assert "Montants prévus par financeur : Dihal" in text
    assert "Financements publiés de l'axe 1 en 2022" in text
    # Glossary expansions (visually hidden) may follow the acronyms' first use.
    expansion = r"( \([^)]*\))?"
    louez = f"Dihal{expansion} AMI LDA{expansion} 1 Louez solidaire et sans risque 365 000 € —"
    assert re.search(louez, text)
    assert '<a href="/mesures/1/">1</a>' in html


@pytest.mark.django_db
def test_an_axis_without_published_funding_says_so_without_a_chart(client, seed_plan):
    response = client.get(reverse("indicators:axis_funding", args=[2]))
    assert "Aucun financement publié pour l'axe 2." in main_text(response)
    assert "financements-axe-2" not in response.content.decode()
    assert "plotly" not in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_axis_has_no_funding_page(client, seed_plan):
    assert client.get("/axes/9/financements/").status_code == 404


@pytest.mark.django_db
def test_the_axis_page_and_the_measure_page_lead_to_the_funding_page(client, seed_plan):
    link = f'href="{reverse("indicators:axis_funding", args=[1])}"'
    assert link in client.get(reverse("indicators:axis", args=[1])).content.decode()
    assert link in client.get(reverse("indicators:measure", args=[1])).content.decode()


@pytest.mark.django_db
def test_the_funding_page_answers_in_the_plan_s_own_space(client, seed_plan):
    slug = Plan.objects.get().slug
    response = client.get(f"/plans/{slug}/axes/1/financements/")
    assert response.status_code == 200
    assert f'href="/plans/{slug}/axes/1/"' in response.content.decode()


@pytest.mark.django_db
def test_the_english_page_renders_with_the_funders_marked_french(client, seed_plan, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    pages = {}
    for name in ("axis_funding", "measure"):
        response = client.get(reverse(f"indicators:{name}", args=[1]))
        assert response.status_code == 200
        pages[name] = response.content.decode()
        assert '<html lang="en">' in pages[name]
        assert '<span lang="fr">Ville de Paris</span>' in pages[name]
    figure = embedded_figure(pages["axis_funding"], "financements-axe-1")
    assert figure["layout"]["separators"] == ".,"
    assert "€730,000" in pages["axis_funding"]


@pytest.mark.django_db
def test_the_funding_page_is_cached_for_anonymous_readers(
    client, seed_plan, settings, django_assert_max_num_queries
):
    settings.LDAPLAN_PAGE_CACHE = True
    settings.LDAPLAN_DATA_VERSION = "cache"
    cache.clear()
    try:
        first = client.get(reverse("indicators:axis_funding", args=[1]))
        with django_assert_max_num_queries(0):
            again = client.get(reverse("indicators:axis_funding", args=[1]))
        assert again.content == first.content
    finally:
        cache.clear()


# --- Query counts: fixed, whatever the size of the plan and of its funding -----------


@pytest.mark.django_db
# Measure 1: its partners and the indicators each is tied to, one query (9 in all).
@pytest.mark.parametrize(("url", "queries"), [("/axes/1/financements/", 3), ("/mesures/1/", 9)])
def test_funding_pages_cost_a_fixed_number_of_queries(
    client, seed_plan, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        client.get(url)
    grow_plan(extra_measures=5, years=range(2021, 2027))
    for year in (2023, 2024):
        add_funding(1, year, planned=D(1000))
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "queries"), [("/axes/2/financements/", 4), ("/mesures/6/", 11)])
def test_known_spending_costs_one_query_for_the_rows_results(
    client, seed_plan, django_assert_num_queries, url, queries
):
    add_funding(7, 2022, spent=D(72000))
    with django_assert_num_queries(queries):
        client.get(url)
    add_funding(7, 2023, spent=D(80000))
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
