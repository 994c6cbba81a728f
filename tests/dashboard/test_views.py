"""The partner pages: overview, axis and measure pages, on the seed plan."""

import gzip
import json
import re
from decimal import Decimal as D

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from indicators.models import Indicator, Kind, Milestone, MilestoneYearStatus, YearResult
from tests.helpers import grow_plan

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def figures(html: str) -> dict[str, dict]:
    """The Plotly figure dicts embedded in a page, by script id."""
    found = re.findall(r'<script id="([^"]+)" type="application/json">(.*?)</script>', html, re.S)
    return {dom_id: json.loads(body) for dom_id, body in found if dom_id != "chart-config"}


def test_overview_lists_the_five_axes_and_links_to_every_axis_and_measure(client, seed_plan):
    html = page(client, reverse("indicators:overview"))
    for number in range(1, 6):
        assert f'href="/axes/{number}/?annee=2022"' in html
    for number in range(1, 13):
        assert f'href="/mesures/{number}/?annee=2022"' in html
    assert "Mobiliser l&#x27;offre de logement au profit des personnes prioritaires" in html


def test_overview_defaults_to_the_latest_year_with_results(client, seed_plan):
    html = page(client, reverse("indicators:overview"))
    assert '<option value="2022" selected>' in html


def test_overview_shows_headline_indicators_with_their_figures(client, seed_plan):
    html = page(client, reverse("indicators:overview"))
    headline_count = Indicator.objects.filter(is_headline=True).count()
    assert headline_count >= 4
    assert len(re.findall(r'id="headline-\d+" data-drawn><svg class="bullet"', html)) == (
        headline_count
    )
    assert "Louez solidaire" in html


def test_overview_counts_milestones_by_status(client, seed_plan):
    html = page(client, reverse("indicators:overview"), annee="2022")
    done_2022 = MilestoneYearStatus.objects.filter(year=2022, progress="done").count()
    assert done_2022 > 0
    assert re.search(rf"réalisé : <strong>{done_2022}</strong>", html)


def test_axis_page_draws_one_chart_per_indicator_with_its_sentence(client, seed_plan):
    html = page(client, reverse("indicators:axis", args=[1]), annee="2022")
    axis_indicators = Indicator.objects.filter(report_row__ambition__axis__number=1)
    charts = {k: v for k, v in figures(html).items() if k.startswith("figure-")}
    assert set(charts) == {f"figure-{pk}" for pk in axis_indicators.values_list("pk", flat=True)}
    assert html.count("<figcaption ") == axis_indicators.count()


def test_axis_page_shows_8_of_17_pensions_de_famille(client, seed_plan):
    indicator = Indicator.objects.get(kind=Kind.CUMULATIVE, plan_target=17)
    html = page(client, reverse("indicators:axis", args=[1]), annee="2022")
    figure = figures(html)[f"figure-{indicator.pk}"]
    bars = next(t for t in figure["data"] if t["type"] == "bar")
    assert dict(zip(bars["x"], bars["y"], strict=True))[2022] == 8.0
    assert (
        f"8{NBSP}Pensions de Famille sur un objectif de 17 d&#x27;ici 2026, soit 47{NBSP}%{NBSP}; "
        "en bonne voie." in html
    )


def test_axis_page_shows_louez_solidaire_73_and_75(client, seed_plan):
    indicator = Indicator.objects.get(year_results__value=73)
    html = page(client, reverse("indicators:axis", args=[1]), annee="2022")
    figure = figures(html)[f"figure-{indicator.pk}"]
    values = {
        (t["type"], x): y for t in figure["data"] for x, y in zip(t["x"], t["y"], strict=True)
    }
    assert values[("bar", 2022)] == 73.0
    assert values[("scatter", 2023)] == 75.0


def test_axis_page_lists_its_milestones(client, seed_plan):
    html = page(client, reverse("indicators:axis", args=[4]), annee="2023")
    milestone = Milestone.objects.filter(report_row__ambition__axis__number=4).first()
    assert milestone.title.replace("'", "&#x27;") in html


def test_axis_indicator_table_sorts_by_status_without_error(client, seed_plan):
    for order in [
        "status",
        "-status",
        "result",
        "-progress",
        "plan_target",
        "-target",
        "row_reference",
    ]:
        response = client.get(reverse("indicators:axis", args=[1]), {"ind-sort": order})
        assert response.status_code == 200


def test_measure_page_shows_ambition_bilan_and_action_plan(client, seed_plan):
    html = page(client, reverse("indicators:measure", args=[1]), annee="2022")
    assert "Bilan 2022" in html
    assert "Plan d'action 2023" in html
    assert "<strong>captation de 73 nouveaux logements</strong>" in html
    assert "365" + NBSP + "000" + NBSP + "€" in html


def test_measure_9_shows_its_three_sub_actions_under_one_ambition(client, seed_plan):
    html = page(client, reverse("indicators:measure", args=[9]), annee="2022")
    assert html.count("Ambition de la Ville 2021-2026") == 1
    for letter in "abc":
        assert f">{letter}. " in html
    assert f"295{NBSP}professionnels en 2022{NBSP}; objectif 2023{NBSP}: 300." in html


def test_measure_page_has_a_data_table_per_chart(client, seed_plan):
    html = page(client, reverse("indicators:measure", args=[9]), annee="2023")
    chart_count = len([k for k in figures(html) if k.startswith("figure-")])
    assert chart_count == Indicator.objects.filter(report_row__measure__number=9).count()
    assert html.count("Données du graphique") == chart_count


def test_measure_without_indicator_says_so_in_words(client, seed_plan):
    html = page(client, reverse("indicators:measure", args=[11]), annee="2022")
    assert "pas d'indicateur chiffré" in html


def test_indicator_with_no_data_says_so_and_never_shows_0_percent(client, seed_plan):
    arpp = Indicator.objects.get(label__icontains="ARPP")
    html = page(client, reverse("indicators:measure", args=[4]), annee="2022")
    assert "aucun résultat publié pour 2022" in html
    assert f"0{NBSP}%" not in html
    figure = figures(html)[f"figure-{arpp.pk}"]
    assert all(y is None for t in figure["data"] if t["type"] == "bar" for y in t["y"])


@pytest.mark.parametrize(
    "url",
    [
        "/axes/6/",
        "/axes/0/",
        "/mesures/13/",
        "/mesures/0/",
        "/?annee=2019",
        "/?annee=2027",
        "/?annee=deux-mille",
        "/axes/1/?annee=-1",
        "/mesures/1/?annee=2022%27--",
        "/page-inconnue/",
    ],
)
def test_unknown_axis_measure_or_year_gives_a_french_404(client, seed_plan, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_pages_without_a_plan_give_a_404_not_a_500(client, db):
    response = client.get(reverse("indicators:overview"))
    assert response.status_code == 404
    assert "Aucun plan n&#x27;est chargé." in response.content.decode()


def test_pages_load_nothing_from_another_host(client, seed_plan):
    for url in ["/", "/axes/1/", "/mesures/3/"]:
        html = page(client, url)
        assert not re.search(r'(src|href)="(https?:)?//', html), url


def test_plotly_bundle_is_served_by_the_project(client, seed_plan):
    html = page(client, reverse("indicators:measure", args=[1]))
    assert "/static/vendor/plotly/plotly-basic.min.js" in html
    assert finders.find("vendor/plotly/plotly-basic.min.js"), "run `make assets` (npm ci)"
    assert finders.find("js/charts.js")


def test_the_overview_sends_no_script_its_bullets_are_drawn_by_the_server(client, seed_plan):
    html = page(client, reverse("indicators:overview"))
    assert "plotly" not in html
    assert "charts.js" not in html
    assert html.count('<svg class="bullet"') == Indicator.objects.filter(is_headline=True).count()


def test_status_is_given_in_words_not_only_colour(client, seed_plan):
    html = page(client, reverse("indicators:axis", args=[1]), annee="2022")
    assert re.search(
        r'class="badge status-on_track"><span aria-hidden="true">[^<]+</span> en bonne voie', html
    )


# Query counts: fixed, whatever the size of the plan. Axis 1 holds the indicators with
# period targets (one query for them); axis 5 and measure 12 have none, and do not ask.


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/", 8),
        ("/axes/5/", 7),
        ("/mesures/12/", 10),
    ],
)
def test_page_query_count_does_not_grow_with_the_plan(
    client, seed_plan, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        client.get(url, {"annee": "2022"})
    grow_plan(extra_measures=5, years=range(2021, 2027))
    with django_assert_num_queries(queries):
        response = client.get(url, {"annee": "2022"})
    assert response.status_code == 200


def test_default_year_costs_no_extra_query(client, seed_plan, django_assert_num_queries):
    with django_assert_num_queries(8):
        client.get("/")


def test_tables_have_captions_and_scoped_headers(client, seed_plan):
    html = page(client, reverse("indicators:axis", args=[1]), annee="2022")
    assert "<caption>Indicateurs de l&#x27;axe 1 en 2022</caption>" in html
    assert "<caption>Objectifs et résultats annuels\xa0: Logements Louez solidaire" in html
    assert '<th scope="row"><a href="#indicateur-' in html
    assert '<th scope="col"' in html


def test_sorted_column_is_announced(client, seed_plan):
    html = page(client, reverse("indicators:axis", args=[1]), **{"ind-sort": "-status"})
    assert 'aria-sort="descending"' in html


def test_chart_page_transfers_at_most_500_kb_of_gzipped_js_and_css(client, seed_plan):
    html = page(client, reverse("indicators:axis", args=[1]))
    assets = re.findall(r'(?:src|href)="/static/([^"]+\.(?:js|css))"', html)
    assert any(name.endswith("plotly-basic.min.js") for name in assets)
    total = 0
    for name in assets:
        path = finders.find(name)
        assert path, name
        with open(path, "rb") as asset:
            total += len(gzip.compress(asset.read(), compresslevel=6))
    assert total <= 500 * 1024, f"{total} bytes gzipped"


def table_order(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<th scope="row"><a href="#indicateur-(\d+)"', html)]


def test_indicator_table_sorts_by_result_with_missing_values_last(client, seed_plan):
    url = reverse("indicators:axis", args=[1])
    ascending = table_order(page(client, url, annee="2022", **{"ind-sort": "result"}))
    results = dict(YearResult.objects.filter(year=2022).values_list("indicator_id", "value"))
    shown = [results.get(pk) for pk in ascending]
    known = [value for value in shown if value is not None]
    assert known == sorted(known)
    assert shown == known + [None] * (len(shown) - len(known))
    assert known[0] == D(2)


@pytest.mark.parametrize("year", ["٢٠٢٢", "２０２２", "02022", "²"])
def test_a_year_is_written_with_four_ascii_digits(client, seed_plan, year):
    response = client.get(reverse("indicators:axis", args=[1]), {"annee": year})
    assert response.status_code == 404
    assert "ne fait pas partie du plan" in response.content.decode()
