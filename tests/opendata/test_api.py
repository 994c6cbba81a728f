"""The read-only API: published values only, every value with the open data's fields,
texts without markup."""

from decimal import Decimal as D

import pytest

from indicators.models import Indicator, YearResult
from indicators.schema import FIELDNAMES

pytestmark = pytest.mark.django_db


def add_draft_result(value=D(987654)):
    indicator = Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")
    YearResult.objects.create(indicator=indicator, year=2023, value=value, status="draft")
    return indicator


def test_api_lists_axes_and_measures_paginated(client, seed_plan):
    axes = client.get("/api/axes").json()
    assert axes["count"] == 5
    assert [a["numero"] for a in axes["items"]] == [1, 2, 3, 4, 5]
    page = client.get("/api/mesures", {"limit": 5, "offset": 5}).json()
    assert page["count"] == 12
    assert [m["numero"] for m in page["items"]] == [6, 7, 8, 9, 10]


def test_api_pages_of_indicators_read_only_their_page_and_cover_the_list_once(
    client, seed_plan, django_assert_num_queries
):
    """Pages of 10 give the 36 indicators once each, in the report's order; each page
    costs the same (the plan, the count, the page); an offset past the end is an empty
    page with the right count, even one past the database's whole numbers."""
    ids = []
    for offset in range(0, 40, 10):
        with django_assert_num_queries(3):
            page = client.get("/api/indicateurs", {"limit": 10, "offset": offset}).json()
        assert page["count"] == 36
        ids += [item["id"] for item in page["items"]]
    in_order = Indicator.objects.in_report_order().values_list("pk", flat=True)
    assert ids == list(in_order)
    for offset in (36, 1000, 10**24):
        page = client.get("/api/indicateurs", {"limit": 10, "offset": offset}).json()
        assert page == {"items": [], "count": 36}


def test_api_filters_indicators_by_measure(client, seed_plan):
    page = client.get("/api/indicateurs", {"mesure": 3, "limit": 100}).json()
    assert {i["mesure"] for i in page["items"]} == {3}
    pensions = next(i for i in page["items"] if i["cible_plan"] == 17)
    assert pensions["nature"] == "cumulative"
    assert (pensions["unite"], pensions["unite_singulier"]) == (
        "Pensions de Famille",
        "Pension de Famille",
    )
    assert pensions["titre_ligne"] == "Pensions de Famille"


def test_api_indicator_values_are_published_only(client, seed_plan):
    indicator = add_draft_result()
    detail = client.get(f"/api/indicateurs/{indicator.pk}").json()
    values = {(v["annee"], v["type_valeur"]): v["valeur"] for v in detail["valeurs"]}
    assert values == {(2022, "resultat"): 73, (2023, "objectif"): 75}


def test_api_values_carry_the_open_data_fields(client, seed_plan):
    value_fields = {*FIELDNAMES[FIELDNAMES.index("annee") :], "unite", "unite_singulier"}
    pensions = client.get("/api/indicateurs/8").json()["valeurs"]
    assert all(set(v) == value_fields for v in pensions)
    target = next(v for v in pensions if v["type_valeur"] == "objectif")
    assert (target["annee"], target["valeur"], target["comparateur"], target["deduit"]) == (
        2023,
        11,
        "at_least",
        True,
    )
    assert "« au moins 3 nouvelles structures »" in target["derivation"]
    assert target["source"] == "Bilan 2022 & perspectives 2023 (juillet 2023)"
    plan_target = next(v for v in pensions if v["type_valeur"] == "cible_plan")
    assert (plan_target["valeur"], plan_target["periode_debut"], plan_target["periode_fin"]) == (
        17,
        2021,
        2026,
    )
    pilots = client.get("/api/indicateurs/27").json()["valeurs"]
    assert [(v["valeur"], v["borne"], v["valeur_texte"]) for v in pilots] == [
        (20, "more_than", "plus de 20\u00a0professionnels")
    ]
    evictions = client.get("/api/indicateurs/22").json()["valeurs"]
    assert [(v["type_valeur"], v["annee"], v["valeur"]) for v in evictions] == [
        ("evolution_depuis_reference", 2008, -30)
    ]
    homes = client.get("/api/indicateurs/12").json()["valeurs"]
    assert [(v["type_valeur"], v["annee"], v["valeur"]) for v in homes] == [
        ("valeur_reference", None, 1223)
    ]
    assert client.get("/api/indicateurs/36").json()["valeurs"] == []


def api_answers(client) -> dict[str, str]:
    """Every answer of the API over the seed: lists, each indicator, the description."""
    urls = ["/api/axes", "/api/mesures", "/api/indicateurs?limit=100", "/api/openapi.json"]
    urls += [f"/api/indicateurs/{pk}" for pk in Indicator.objects.values_list("pk", flat=True)]
    answers = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        answers[url] = response.content.decode()
    return answers


def test_no_api_answer_holds_raw_markdown(client, seed_plan):
    answers = api_answers(client)
    assert len(answers) == 40
    assert {url: "**" in body for url, body in answers.items()} == dict.fromkeys(answers, False)
    axis = client.get("/api/axes").json()["items"][0]
    assert axis["resume"].startswith("Mobiliser l'offre de logements à travers")
    assert axis["resume_html"].startswith("<p><strong>Mobiliser l'offre de logements</strong>")


def test_indicator_detail_is_read_in_a_fixed_number_of_queries(
    client, seed_plan, django_assert_num_queries
):
    # The plan, the indicator with its row, its targets and results; its period targets
    # only when it has some (indicator 8 has none).
    with django_assert_num_queries(4):
        client.get("/api/indicateurs/8")
    with_period_targets = Indicator.objects.filter(period_targets__isnull=False).first()
    with django_assert_num_queries(5):
        client.get(f"/api/indicateurs/{with_period_targets.pk}")


@pytest.mark.parametrize(
    "url",
    [
        "/api/indicateurs/999999",
        "/api/indicateurs/abc",
        "/api/mesures?axe=deux",
        "/api/axes?limit=-5",
        "/api/inconnu",
    ],
)
def test_api_refuses_bad_requests_with_a_4xx(client, seed_plan, url):
    assert 400 <= client.get(url).status_code < 500


def test_api_has_an_openapi_description(client, seed_plan):
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"].startswith("ldaplan")
    assert {"/api/axes", "/api/mesures", "/api/indicateurs"} <= set(schema["paths"])


def test_api_docs_load_nothing_from_another_host(client, seed_plan):
    html = client.get("/api/docs").content.decode()
    assert "cdn" not in html.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in html
