"""The published figures by arrondissement in the open data and the API: published entries
only, twenty lines a year, figures about people protected (a small one is never written,
nor the one that would give it away), the plan of the address, documented columns."""

import csv
import io
import json
from datetime import UTC, datetime
from decimal import Decimal as D

import pytest
from django.core.cache import cache
from django.urls import reverse

from core.workflow import EntryStatus
from indicators import plans
from indicators.models import ArrondissementFigures, Indicator
from indicators.opendata.arrondissement_schema import ARRONDISSEMENT_FIELDNAMES
from measures.models import Plan

pytestmark = pytest.mark.django_db

BOM = "\ufeff"
FILES = ("arrondissement_csv", "arrondissement_french_csv", "arrondissement_json")
API = "/api/chiffres-par-arrondissement"
PILOTS = 26  # Arrondissements engagés dans une démarche pilote (measure 8): not people
ELIAHS = 23  # Ménages accompagnés par l'équipe ELIAHS (measure 6): counts people
# The made-up 2023 ELIAHS figures: 3 is small, 12 would give it away beside the total.
SMALL, GIVES_IT_AWAY, LARGE = D(3), D(12), D(40)


def csv_rows(client, name="arrondissement_csv", delimiter=",", prefix="") -> list[dict]:
    text = client.get(prefix + reverse(f"opendata:{name}")).content.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=delimiter))


def json_rows(client) -> list[dict]:
    return json.loads(client.get(reverse("opendata:arrondissement_json")).content)["chiffres"]


def api_items(client, query=None) -> list[dict]:
    answer = client.get(API, {"limit": 1000, **(query or {})}).json()
    assert answer["count"] == len(answer["items"])
    return answer["items"]


def of(rows, indicator, year, key="indicateur_id") -> dict[int, dict]:
    """The lines of an indicator's year, by arrondissement number."""
    return {
        int(r["arrondissement"]): r
        for r in rows
        if int(r[key]) == indicator and int(r["annee"]) == year
    }


def make_entry(indicator, year, status=EntryStatus.PUBLISHED, **figures):
    """A made-up entry (« fictif »): ``figures`` as arrondissement_<n>=Decimal."""
    published = status == EntryStatus.PUBLISHED
    return ArrondissementFigures.objects.create(
        indicator_id=indicator,
        year=year,
        status=status,
        source="Bilan fictif",
        published_at=datetime(2024, 7, 1, tzinfo=UTC) if published else None,
        **figures,
    )


@pytest.fixture
def eliahs_2023(seed_plan):
    return make_entry(
        ELIAHS,
        2023,
        arrondissement_18=SMALL,
        arrondissement_19=GIVES_IT_AWAY,
        arrondissement_10=LARGE,
    )


def test_the_csv_has_twenty_lines_per_published_year_of_the_seed(client, seed_plan):
    response = client.get(reverse("opendata:arrondissement_csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('ldaplan-chiffres-par-arrondissement.csv"')
    rows = csv_rows(client)
    assert list(rows[0]) == ARRONDISSEMENT_FIELDNAMES
    assert [(r["indicateur_id"], r["annee"]) for r in rows] == [
        *[(str(ELIAHS), "2022")] * 20,
        *[(str(PILOTS), "2022")] * 20,
    ]
    assert [r["arrondissement"] for r in rows[:20]] == [str(n) for n in range(1, 21)]
    assert [r["code_insee"] for r in rows[:20]] == [str(75100 + n) for n in range(1, 21)]
    assert [r["nom"] for r in rows[:3]] == ["1er", "2e", "3e"]
    first = rows[20]
    assert {k: first[k] for k in ("plan", "axe", "mesure", "ligne", "unite", "source")} == {
        "plan": "Plan parisien pour le logement d'abord",
        "axe": "3",
        "mesure": "8",
        "ligne": "Premier accueil à l'échelle de l'arrondissement",
        "unite": "arrondissements",
        "source": "Rapport bilan 2022 – perspectives 2023",
    }
    assert first["publie_le"] == "2023-07-01"


def test_the_eliahs_18e_is_exact_and_its_other_arrondissements_have_no_figure(client, seed_plan):
    eliahs = of(csv_rows(client), ELIAHS, 2022)
    assert (eliahs[18]["valeur"], eliahs[18]["statut_valeur"], eliahs[18]["nom"]) == (
        "36",
        "exacte",
        "18e",
    )
    # Its figures count people: they went through protection, 36 is 5 or more.
    assert {r["seuil"] for r in eliahs.values()} == {"5"}
    others = [r for n, r in eliahs.items() if n != 18]
    assert {(r["valeur"], r["statut_valeur"]) for r in others} == {("", "sans_donnee")}


def test_small_figures_not_about_people_are_exact(client, seed_plan):
    pilots = of(csv_rows(client), PILOTS, 2022)
    assert {n: r["valeur"] for n, r in pilots.items() if r["valeur"] != "0"} == {
        10: "1",
        14: "1",
    }
    assert {r["statut_valeur"] for r in pilots.values()} == {"exacte"}
    assert {r["seuil"] for r in pilots.values()} == {""}
    pilots = of(api_items(client), PILOTS, 2022)
    assert (pilots[10]["valeur"], pilots[10]["seuil"]) == (1, None)


def assert_hidden_lines(lines: dict[int, dict], empty) -> None:
    """18e « moins de 5 », 19e hidden beside it, 10e shown; 3 and 12 nowhere in them."""
    assert (lines[18]["valeur"], lines[18]["statut_valeur"]) == (empty, "moins_de_k")
    assert (lines[19]["valeur"], lines[19]["statut_valeur"]) == (empty, "secret_secondaire")
    assert lines[10]["statut_valeur"] == "exacte"
    for number in (18, 19):
        cells = {str(value) for value in lines[number].values()}
        assert not cells & {"3", "3.0", "3,0", "12", "12.0", "12,0"}, lines[number]


def test_a_small_figure_about_people_and_the_one_beside_it_are_never_written(client, eliahs_2023):
    for name, delimiter in (("arrondissement_csv", ","), ("arrondissement_french_csv", ";")):
        lines = of(csv_rows(client, name, delimiter), ELIAHS, 2023)
        assert_hidden_lines(lines, "")
        assert lines[10]["valeur"] == "40"
        assert {r["seuil"] for r in lines.values()} == {"5"}
    lines = of(json_rows(client), ELIAHS, 2023)
    assert_hidden_lines(lines, None)
    assert lines[10]["valeur"] == 40
    lines = of(api_items(client, {"indicateur": ELIAHS, "annee": 2023}), ELIAHS, 2023)
    assert len(lines) == 20
    assert_hidden_lines(lines, None)
    assert (lines[10]["valeur"], lines[10]["seuil"]) == (40, 5)


def test_the_hidden_figures_are_nowhere_in_the_answers(client, eliahs_2023):
    # The only 2023 lines are the ELIAHS ones: no value but 40 among them, and no total.
    for rows in (csv_rows(client), json_rows(client), api_items(client, {"annee": 2023})):
        year = [r for r in rows if int(r["annee"]) == 2023]
        assert len(year) == 20
        assert {r["valeur"] for r in year} - {None, "", "40", 40} == set()


@pytest.mark.parametrize(
    "status",
    [EntryStatus.DRAFT, EntryStatus.SUBMITTED, EntryStatus.RETURNED, EntryStatus.VALIDATED],
)
def test_an_entry_not_published_is_in_no_file_nor_the_api(client, seed_plan, status):
    make_entry(PILOTS, 2023, status=status, arrondissement_5=D(987654))
    for name in (*FILES, "arrondissement_schema_json"):
        content = client.get(reverse(f"opendata:{name}")).content.decode()
        assert "987654" not in content, name
    assert {r["annee"] for r in csv_rows(client)} == {"2022"}
    items = api_items(client)
    assert len(items) == 40
    assert {item["annee"] for item in items} == {2022}


def test_sensitive_figures_are_protected_even_when_they_count_no_one(client, seed_plan):
    Indicator.objects.filter(pk=PILOTS).update(is_sensitive=True)
    for rows, empty, zero in ((csv_rows(client), "", "0"), (api_items(client), None, 0)):
        pilots = of(rows, PILOTS, 2022)
        assert {n for n, r in pilots.items() if r["statut_valeur"] == "moins_de_k"} == {10, 14}
        assert (pilots[10]["valeur"], pilots[14]["valeur"]) == (empty, empty)
        # Zero is shown: an arrondissement with nobody is not a person to protect.
        assert (pilots[1]["valeur"], pilots[1]["statut_valeur"]) == (zero, "exacte")


def test_the_threshold_is_the_site_s(client, seed_plan, settings):
    settings.LDAPLAN_SMALL_COUNT_THRESHOLD = 50
    eliahs = of(csv_rows(client), ELIAHS, 2022)
    assert (eliahs[18]["valeur"], eliahs[18]["statut_valeur"], eliahs[18]["seuil"]) == (
        "",
        "moins_de_k",
        "50",
    )


def test_an_indicator_no_longer_broken_down_leaves_the_files(client, seed_plan):
    Indicator.objects.filter(pk=PILOTS).update(by_arrondissement=False)
    assert {r["indicateur_id"] for r in csv_rows(client)} == {str(ELIAHS)}
    assert {item["indicateur_id"] for item in api_items(client)} == {ELIAHS}


def test_the_french_csv_uses_semicolons_and_decimal_commas(client, seed_plan):
    make_entry(PILOTS, 2023, arrondissement_3=D("2.50"))
    response = client.get(reverse("opendata:arrondissement_french_csv"))
    assert response["Content-Disposition"].endswith(
        'ldaplan-chiffres-par-arrondissement-tableur-fr.csv"'
    )
    assert response.content.decode().startswith(BOM + "plan;axe;mesure;ligne;indicateur_id;")
    french = csv_rows(client, "arrondissement_french_csv", ";")
    assert list(french[0]) == ARRONDISSEMENT_FIELDNAMES
    assert of(french, PILOTS, 2023)[3]["valeur"] == "2,5"
    assert of(csv_rows(client), PILOTS, 2023)[3]["valeur"] == "2.5"
    assert of(json_rows(client), PILOTS, 2023)[3]["valeur"] == 2.5


def test_the_json_carries_its_schema_and_numbers(client, seed_plan):
    document = json.loads(client.get(reverse("opendata:arrondissement_json")).content)
    assert [c["colonne"] for c in document["schema"]] == ARRONDISSEMENT_FIELDNAMES
    rows = document["chiffres"]
    assert len(rows) == 40
    assert all(list(r) == ARRONDISSEMENT_FIELDNAMES for r in rows)
    eliahs = of(rows, ELIAHS, 2022)[18]
    assert (eliahs["arrondissement"], eliahs["code_insee"], eliahs["valeur"]) == (18, "75118", 36)
    assert (eliahs["seuil"], eliahs["mesure"], eliahs["publie_le"]) == (5, "6", "2023-07-01")
    assert of(rows, ELIAHS, 2022)[1]["valeur"] is None


def test_the_api_gives_the_files_fields_with_the_row_named_as_for_indicators(client, seed_plan):
    answer = client.get(API).json()
    assert answer["count"] == 40
    assert answer["items"][17] == {
        "axe": 2,
        "mesure": 6,
        "ligne": "6",
        "titre_ligne": "Prévention des expulsions et santé mentale",
        "indicateur_id": ELIAHS,
        "indicateur": "Ménages accompagnés par l'équipe ELIAHS du 18e arrondissement",
        "unite": "ménages",
        "annee": 2022,
        "arrondissement": 18,
        "code_insee": "75118",
        "nom": "18e",
        "valeur": 36,
        "statut_valeur": "exacte",
        "seuil": 5,
        "source": "Rapport bilan 2022 – perspectives 2023",
        "publie_le": "2023-07-01",
    }


@pytest.mark.parametrize(
    ("query", "indicators_and_years"),
    [
        ({"indicateur": ELIAHS}, [(ELIAHS, 2022), (ELIAHS, 2023)]),
        ({"annee": 2023}, [(ELIAHS, 2023)]),
        ({"mesure": 8}, [(PILOTS, 2022)]),
        ({"mesure": 1}, []),
        ({"axe": 2, "annee": 2022}, [(ELIAHS, 2022)]),
        ({"axe": 3}, [(PILOTS, 2022)]),
        ({"axe": 1}, []),
        ({"indicateur": 999999}, []),
    ],
)
def test_the_api_filters_by_axis_measure_indicator_and_year(
    client, eliahs_2023, query, indicators_and_years
):
    items = api_items(client, query)
    entries = list(dict.fromkeys((item["indicateur_id"], item["annee"]) for item in items))
    assert entries == indicators_and_years
    assert len(items) == 20 * len(entries)


@pytest.mark.parametrize("name", ["axe", "mesure", "indicateur", "annee"])
def test_a_filter_too_large_for_the_database_finds_nothing(client, seed_plan, name):
    response = client.get(API, {name: 10**20})
    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 0}


def test_the_api_pages_through_the_lines(client, seed_plan):
    answer = client.get(API, {"limit": 5, "offset": 15}).json()
    assert answer["count"] == 40
    assert [item["nom"] for item in answer["items"]] == ["16e", "17e", "18e", "19e", "20e"]


def test_the_openapi_document_describes_the_list(client, seed_plan):
    document = client.get("/api/openapi.json").json()
    operation = document["paths"][API]["get"]
    parameters = {parameter["name"] for parameter in operation["parameters"]}
    assert parameters == {"axe", "mesure", "indicateur", "annee", "limit", "offset"}
    assert set(operation["responses"]) == {"200", "404", "422"}
    fields = document["components"]["schemas"]["ArrondissementFigureOut"]["properties"]
    assert "secret_secondaire" in fields["statut_valeur"]["description"]


def add_more_entries():
    """Made-up published years: the answers cost no more queries for them."""
    for year in (2023, 2024, 2025):
        make_entry(PILOTS, year, arrondissement_10=D(1), arrondissement_11=D(2))
        make_entry(ELIAHS, year, arrondissement_18=D(3), arrondissement_17=D(30))


@pytest.mark.parametrize(
    "url",
    [
        # The plan, then the entries with their indicators and rows.
        "/donnees/chiffres-par-arrondissement.csv",
        "/donnees/chiffres-par-arrondissement-tableur-fr.csv",
        "/donnees/chiffres-par-arrondissement.json",
        f"{API}?limit=1000",
        f"{API}?mesure=6&annee=2024",
    ],
)
def test_the_figures_are_read_in_a_fixed_number_of_queries(
    client, seed_plan, django_assert_num_queries, url
):
    add_more_entries()
    with django_assert_num_queries(2):
        response = client.get(url)
    assert response.status_code == 200
    assert "2024" in response.content.decode()


def test_the_files_and_the_api_are_of_the_plan_of_the_address(client, seed_plan):
    seeded = Plan.objects.get()
    successor = plans.copy_plan_structure(
        seeded, title="Plan successeur fictif", start_year=2027, end_year=2032
    )
    prefix = f"/plans/{successor.slug}"
    assert csv_rows(client, prefix=prefix) == []
    assert client.get(f"{prefix}{API}").json()["count"] == 0
    assert len(csv_rows(client, prefix=f"/plans/{seeded.slug}")) == 40
    assert client.get(f"/plans/{seeded.slug}{API}").json()["count"] == 40


@pytest.mark.parametrize("path", [*(reverse(f"opendata:{name}") for name in FILES), API])
def test_an_unknown_plan_is_a_404(client, seed_plan, path):
    assert client.get(f"/plans/plan-inconnu{path}").status_code == 404


def test_without_a_plan_the_files_have_their_header_only_and_the_api_a_404(client, db):
    assert csv_rows(client) == []
    response = client.get(API)
    assert response.status_code == 404
    assert response.json() == {"detail": "Aucun plan n'est chargé."}


@pytest.fixture
def page_cache(settings):
    """The page cache with its version in the shared cache (as in test_conditional_pages)."""
    settings.LDAPLAN_PAGE_CACHE = True
    settings.LDAPLAN_DATA_VERSION = "cache"
    cache.clear()
    yield
    cache.clear()


@pytest.mark.usefixtures("page_cache")
@pytest.mark.parametrize("path", ["/donnees/chiffres-par-arrondissement.csv", API])
def test_answers_are_revalidated_by_the_data_version(
    client, seed_plan, path, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    etag = client.get(path)["ETag"]
    with django_assert_max_num_queries(0):
        assert client.get(path, headers={"if-none-match": etag}).status_code == 304
    # Publishing figures changes every tag: the next reader gets the new file.
    with django_capture_on_commit_callbacks(execute=True):
        make_entry(PILOTS, 2023, arrondissement_4=D(1))
    changed = client.get(path, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_the_page_links_every_file_and_documents_the_columns(client, seed_plan):
    html = client.get(reverse("opendata:index")).content.decode()
    for name in (*FILES, "arrondissement_schema_json"):
        assert f'href="{reverse(f"opendata:{name}")}"' in html, name
    table = html[html.index('id="colonnes-arrondissements"') :]
    table = table[: table.index("</table>")]
    documented = [cell.split("</code>")[0] for cell in table.split('<th scope="row"><code>')[1:]]
    assert documented == ARRONDISSEMENT_FIELDNAMES
    for code in ("exacte", "moins_de_k", "secret_secondaire", "sans_donnee"):
        assert code in table, code
    assert f'href="{API}"' in html


def test_the_table_schema_lists_every_column_with_its_type(client, seed_plan):
    response = client.get(reverse("opendata:arrondissement_schema_json"))
    assert response.status_code == 200
    assert "attachment" not in response["Content-Disposition"]
    schema = json.loads(response.content)
    assert schema["description"]
    assert [field["name"] for field in schema["fields"]] == ARRONDISSEMENT_FIELDNAMES
    types = {field["name"]: field["type"] for field in schema["fields"]}
    assert (types["valeur"], types["seuil"], types["code_insee"]) == ("number", "integer", "string")
    assert all(field["description"] for field in schema["fields"])
