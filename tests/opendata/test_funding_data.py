"""The published funding amounts and the partners in the open data and the API: published
amounts only, every partner, the plan of the address, documented columns."""

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
from indicators.models import Indicator
from indicators.opendata.funding_schema import FUNDING_FIELDNAMES, PARTNER_FIELDNAMES
from measures.funding import FundingAmount, FundingSource, Partner, PartnerKind
from measures.models import Measure, Plan, ReportRow

pytestmark = pytest.mark.django_db

BOM = "\ufeff"
FUNDING_FILES = ("funding_csv", "funding_french_csv", "funding_json")
PARTNER_FILES = ("partners_csv", "partners_french_csv", "partners_json")
SEED_PARTNERS = {
    "AFFIL": "9",
    "AORIF": "9",
    "DRIHL": "11",
    "Dihal": "1",
    "Les Enfants du Canal": "10",
    "Médecins du Monde": "10",
    "RIVP": "10",
    "SIAO 75": "10",
    "Ville de Paris": "1, 10, 11",
}


def csv_rows(client, name, delimiter=",", prefix="") -> list[dict]:
    text = client.get(prefix + reverse(f"opendata:{name}")).content.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=delimiter))


def json_file(client, name) -> dict:
    return json.loads(client.get(reverse(f"opendata:{name}")).content)


def make_amount(year, status=EntryStatus.PUBLISHED, planned=None, spent=None, source_pk=1):
    """A made-up amount (« fictif ») of a seeded source of Louez solidaire."""
    published = status == EntryStatus.PUBLISHED
    return FundingAmount.objects.create(
        source=FundingSource.objects.get(pk=source_pk),
        year=year,
        planned=planned,
        spent=spent,
        status=status,
        published_at=datetime(2024, 7, 1, tzinfo=UTC) if published else None,
    )


def test_funding_csv_has_its_columns_and_the_seed_s_two_amounts(client, seed_plan):
    response = client.get(reverse("opendata:funding_csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('ldaplan-financements.csv"')
    rows = csv_rows(client, "funding_csv")
    assert list(rows[0]) == FUNDING_FIELDNAMES
    assert [
        (r["axe"], r["mesure"], r["ligne"], r["nature_financeur"], r["programme"], r["annee"])
        for r in rows
    ] == [
        ("1", "1", "Louez solidaire et sans risque", "state", "AMI LDA", "2022"),
        ("1", "1", "Louez solidaire et sans risque", "city", "", "2022"),
    ]
    assert rows[0]["financeur"] == "Dihal"
    assert rows[1]["financeur"] == "Ville de Paris"
    assert {(r["montant_prevu"], r["montant_depense"]) for r in rows} == {("365000", "")}
    assert {r["plan"] for r in rows} == {"Plan parisien pour le logement d'abord"}
    assert rows[0]["publie_le"] == "2023-07-01"


def test_french_funding_csv_uses_semicolons_and_decimal_commas(client, seed_plan):
    make_amount(2023, planned=D("365000.00"), spent=D("352400.50"))
    response = client.get(reverse("opendata:funding_french_csv"))
    assert response["Content-Disposition"].endswith('ldaplan-financements-tableur-fr.csv"')
    assert response.content.decode("utf-8").startswith(BOM + "plan;axe;mesure;ligne;")
    french = csv_rows(client, "funding_french_csv", ";")
    assert list(french[0]) == FUNDING_FIELDNAMES
    assert [(r["annee"], r["montant_prevu"], r["montant_depense"]) for r in french] == [
        ("2022", "365000", ""),
        ("2023", "365000", "352400,5"),
        ("2022", "365000", ""),
    ]
    standard = csv_rows(client, "funding_csv")
    assert (standard[1]["montant_prevu"], standard[1]["montant_depense"]) == ("365000", "352400.5")


def test_funding_json_carries_its_schema_and_numbers(client, seed_plan):
    document = json_file(client, "funding_json")
    assert [c["colonne"] for c in document["schema"]] == FUNDING_FIELDNAMES
    amounts = document["financements"]
    assert all(list(a) == FUNDING_FIELDNAMES for a in amounts)
    assert [(a["financeur_id"], a["programme"], a["annee"]) for a in amounts] == [
        (2, "AMI LDA", 2022),
        (1, None, 2022),
    ]
    assert [(a["montant_prevu"], a["montant_depense"]) for a in amounts] == [
        (365000, None),
        (365000, None),
    ]


@pytest.mark.parametrize(
    "status",
    [EntryStatus.DRAFT, EntryStatus.SUBMITTED, EntryStatus.RETURNED, EntryStatus.VALIDATED],
)
def test_an_amount_not_published_is_in_no_file_nor_the_api(client, seed_plan, status):
    make_amount(2023, status=status, planned=D(987654))
    for name in (*FUNDING_FILES, "funding_schema_json"):
        assert "987654" not in client.get(reverse(f"opendata:{name}")).content.decode(), name
    answer = client.get("/api/financements").json()
    assert answer["count"] == 2
    assert {item["annee"] for item in answer["items"]} == {2022}


def test_partners_file_lists_the_nine_partners_with_their_measures(client, seed_plan):
    response = client.get(reverse("opendata:partners_csv"))
    assert response["Content-Disposition"].endswith('ldaplan-partenaires.csv"')
    for name, delimiter in (("partners_csv", ","), ("partners_french_csv", ";")):
        rows = csv_rows(client, name, delimiter)
        assert list(rows[0]) == PARTNER_FIELDNAMES
        assert {r["nom"]: r["mesures"] for r in rows} == SEED_PARTNERS, name
        # Alphabetical the French way: neither case nor accents count.
        assert [r["nom"] for r in rows[2:4]] == ["Dihal", "DRIHL"]
    city = next(r for r in csv_rows(client, "partners_csv") if r["nom"] == "Ville de Paris")
    assert (city["nature"], city["siret"]) == ("city", "")
    partners = json_file(client, "partners_json")["partenaires"]
    assert len(partners) == 9
    assert next(p for p in partners if p["nom"] == "Ville de Paris")["mesures"] == [1, 10, 11]


def test_a_partner_with_no_measure_is_listed_everywhere(client, seed_plan):
    Partner.objects.create(
        name="Fondation fictive", kind=PartnerKind.ASSOCIATION, siret="21750001600019"
    )
    rows = csv_rows(client, "partners_csv")
    assert len(rows) == 10
    fictive = next(r for r in rows if r["nom"] == "Fondation fictive")
    assert (fictive["nature"], fictive["siret"], fictive["mesures"]) == (
        "association",
        "21750001600019",
        "",
    )
    listed = json_file(client, "partners_json")["partenaires"]
    assert next(p for p in listed if p["nom"] == "Fondation fictive")["mesures"] == []
    items = client.get("/api/partenaires").json()["items"]
    assert next(p for p in items if p["nom"] == "Fondation fictive")["mesures"] == []


def test_csv_cells_a_spreadsheet_would_run_are_made_inert(client, seed_plan):
    FundingSource.objects.filter(pk=1).update(programme='=HYPERLINK("http://example.org")')
    Partner.objects.filter(pk=5).update(name="@SIAO 75")
    for suffix, delimiter in (("csv", ","), ("french_csv", ";")):
        funding = csv_rows(client, f"funding_{suffix}", delimiter)
        assert funding[0]["programme"] == '\'=HYPERLINK("http://example.org")'
        names = {r["nom"] for r in csv_rows(client, f"partners_{suffix}", delimiter)}
        assert "'@SIAO 75" in names
    assert json_file(client, "funding_json")["financements"][0]["programme"].startswith("=")


def test_the_api_lists_published_amounts_with_the_files_fields(client, seed_plan):
    answer = client.get("/api/financements").json()
    assert answer["count"] == 2
    first = answer["items"][0]
    assert first == {
        "axe": 1,
        "mesure": 1,
        "ligne": "1",
        "titre_ligne": "Louez solidaire et sans risque",
        "financeur_id": 2,
        "financeur": "Dihal",
        "nature_financeur": "state",
        "programme": "AMI LDA",
        "annee": 2022,
        "montant_prevu": 365000,
        "montant_depense": None,
        "commentaire": "« 365 000 € par an » (bilan 2022).",
        "publie_le": "2023-07-01",
    }
    assert answer["items"][1]["programme"] is None


@pytest.mark.parametrize(
    ("query", "years_and_funders"),
    [
        ({"mesure": 1}, [(2022, 2), (2023, 2), (2022, 1)]),
        ({"mesure": 2}, []),
        ({"axe": 1, "annee": 2023}, [(2023, 2)]),
        ({"axe": 2}, []),
        ({"annee": 2022, "limit": 1, "offset": 1}, [(2022, 1)]),
    ],
)
def test_the_api_filters_amounts_by_axis_measure_and_year(
    client, seed_plan, query, years_and_funders
):
    make_amount(2023, planned=D(400000))
    items = client.get("/api/financements", query).json()["items"]
    assert [(item["annee"], item["financeur_id"]) for item in items] == years_and_funders


def test_the_api_lists_partners_filtered_by_measure(client, seed_plan):
    answer = client.get("/api/partenaires", {"limit": 100}).json()
    assert answer["count"] == 9
    city = next(p for p in answer["items"] if p["nom"] == "Ville de Paris")
    assert city == {
        "id": 1,
        "nom": "Ville de Paris",
        "nature": "city",
        "siret": None,
        "mesures": [1, 10, 11],
        # The report names the City among those at the CALEOL exchange workshop, and
        # as the funder of Louez solidaire's second line.
        "indicateurs": [3, 32],
    }
    tenth = client.get("/api/partenaires", {"mesure": 10}).json()["items"]
    assert [p["nom"] for p in tenth] == [
        "Les Enfants du Canal",
        "Médecins du Monde",
        "RIVP",
        "SIAO 75",
        "Ville de Paris",
    ]
    assert client.get("/api/partenaires", {"mesure": 2}).json() == {"items": [], "count": 0}


def test_the_openapi_document_describes_both_lists(client, seed_plan):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path, filters in (
        ("/api/financements", {"axe", "mesure", "annee", "limit", "offset"}),
        ("/api/partenaires", {"mesure", "limit", "offset"}),
    ):
        operation = paths[path]["get"]
        assert {parameter["name"] for parameter in operation["parameters"]} == filters
        assert set(operation["responses"]) == {"200", "404", "422"}


def add_more_funding_and_partners():
    """Made-up amounts, sources and partners: the files cost no more queries for them."""
    row = ReportRow.objects.get(measure__number=10, letter="")
    for number in range(5):
        partner = Partner.objects.create(name=f"Partenaire fictif {number}", kind="other")
        partner.measures.add(Measure.objects.get(number=10), Measure.objects.get(number=3))
        partner.indicators.add(*Indicator.objects.filter(report_row__measure__number=3))
        source = FundingSource.objects.create(report_row=row, funder=partner, position=number)
        FundingAmount.objects.create(
            source=source,
            year=2023,
            planned=D(1000 * number + 1),
            status=EntryStatus.PUBLISHED,
        )


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # The plan, then the amounts with their sources, funders and rows.
        ("/donnees/financements.csv", 2),
        ("/donnees/financements.json", 2),
        ("/api/financements?limit=100", 2),
        # The plan, the partners, the plan's measures they carry, the plan's indicators
        # the report ties them to.
        ("/donnees/partenaires.csv", 4),
        ("/donnees/partenaires-tableur-fr.csv", 4),
        ("/api/partenaires?limit=100", 4),
        ("/api/partenaires?mesure=10", 4),
    ],
)
def test_funding_and_partners_are_read_in_a_fixed_number_of_queries(
    client, seed_plan, django_assert_num_queries, url, queries
):
    add_more_funding_and_partners()
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    assert "Partenaire fictif 4" in response.content.decode()


def test_the_files_and_the_api_are_of_the_plan_of_the_address(client, seed_plan):
    seeded = Plan.objects.get()
    successor = plans.copy_plan_structure(
        seeded, title="Plan successeur fictif", start_year=2027, end_year=2032
    )
    prefix = f"/plans/{successor.slug}"
    # The successor has no amount yet; its partners carry its measures of the same numbers
    # (copied with the structure, plans.copy_plan_structure).
    assert csv_rows(client, "funding_csv", prefix=prefix) == []
    rows = csv_rows(client, "partners_csv", prefix=prefix)
    assert {r["nom"]: r["mesures"] for r in rows} == SEED_PARTNERS
    assert client.get(f"{prefix}/api/financements").json()["count"] == 0
    assert client.get(f"{prefix}/api/partenaires", {"mesure": 10}).json()["count"] == 5
    # A partner added to the successor's measure 2 only is listed with it there alone.
    rivp = Partner.objects.get(name="RIVP")
    rivp.measures.add(Measure.objects.get(axis__plan=successor, number=2))
    rows = csv_rows(client, "partners_csv", prefix=prefix)
    assert {r["nom"]: r["mesures"] for r in rows}["RIVP"] == "2, 10"
    assert {r["nom"]: r["mesures"] for r in csv_rows(client, "partners_csv")}["RIVP"] == "10"
    # The seed's stay at the addresses without prefix, and at its own.
    assert len(csv_rows(client, "funding_csv", prefix=f"/plans/{seeded.slug}")) == 2
    assert len(csv_rows(client, "funding_csv")) == 2


@pytest.mark.parametrize(
    "path",
    [
        "donnees/financements.csv",
        "donnees/partenaires.json",
        "api/financements",
        "api/partenaires",
    ],
)
def test_an_unknown_plan_is_a_404(client, seed_plan, path):
    assert client.get(f"/plans/plan-inconnu/{path}").status_code == 404


def test_without_a_plan_the_files_have_their_header_only_and_the_api_a_404(client, db):
    assert csv_rows(client, "funding_csv") == []
    assert csv_rows(client, "partners_csv") == []
    response = client.get("/api/partenaires")
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
@pytest.mark.parametrize(
    "path", ["/donnees/financements.csv", "/donnees/partenaires.json", "/api/financements"]
)
def test_answers_are_revalidated_by_the_data_version(
    client, seed_plan, path, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    etag = client.get(path)["ETag"]
    with django_assert_max_num_queries(0):
        assert client.get(path, headers={"if-none-match": etag}).status_code == 304
    # Publishing an amount changes every tag: the next reader gets the new file.
    with django_capture_on_commit_callbacks(execute=True):
        make_amount(2023, planned=D(400000))
    changed = client.get(path, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_the_page_links_every_file_and_documents_their_columns(client, seed_plan):
    html = client.get(reverse("opendata:index")).content.decode()
    names = (*FUNDING_FILES, "funding_schema_json", *PARTNER_FILES, "partners_schema_json")
    for name in names:
        assert f'href="{reverse(f"opendata:{name}")}"' in html, name
    for table_id, fieldnames in (
        ("colonnes-financements", FUNDING_FIELDNAMES),
        ("colonnes-partenaires", PARTNER_FIELDNAMES),
    ):
        table = html[html.index(f'id="{table_id}"') :]
        table = table[: table.index("</table>")]
        documented = [
            cell.split("</code>")[0] for cell in table.split('<th scope="row"><code>')[1:]
        ]
        assert documented == fieldnames, table_id
    assert 'href="/api/financements"' in html
    assert 'href="/api/partenaires"' in html


@pytest.mark.parametrize(
    ("name", "fieldnames"),
    [("funding_schema_json", FUNDING_FIELDNAMES), ("partners_schema_json", PARTNER_FIELDNAMES)],
)
def test_each_table_schema_lists_every_column_with_its_type(client, seed_plan, name, fieldnames):
    response = client.get(reverse(f"opendata:{name}"))
    assert response.status_code == 200
    assert "attachment" not in response["Content-Disposition"]
    schema = json.loads(response.content)
    assert schema["description"]
    assert [field["name"] for field in schema["fields"]] == fieldnames
    for field in schema["fields"]:
        assert field["type"] in {"string", "integer", "number", "date"}, field["name"]
        assert field["description"], field["name"]
        if field["example"] and field["type"] == "integer":
            assert field["example"].isdigit(), field["name"]
