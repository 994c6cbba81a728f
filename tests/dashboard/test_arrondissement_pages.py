"""The map page of an indicator broken down by arrondissement: published figures only,
drawn on the map, written in a table and a sentence, and protected when they count people.

The 2022 figures are the report's (pilot arrondissements 10e and 14e; ELIAHS 18e: 36
households); every 2023 figure here is made up.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from core.workflow import EntryStatus
from indicators.models import ArrondissementFigures, Indicator
from tests.rgaa_pages import parse, plan_words, sample_html, unmarked_french

pytestmark = pytest.mark.django_db


def map_page(client, indicator, **params):
    return client.get(reverse("indicators:indicator_arrondissements", args=[indicator.pk]), params)


@pytest.fixture
def pilots(seed_plan):
    return Indicator.objects.get(report_row__measure__number=8, by_arrondissement=True)


@pytest.fixture
def eliahs(seed_plan):
    return Indicator.objects.get(report_row__measure__number=6, by_arrondissement=True)


def table_cell(html, name):
    """The table's cell of the arrondissement ``name`` (« 18e »)."""
    match = re.search(rf'<th scope="row">{name}</th><td>([^<]*)</td>', html)
    assert match, name
    return match.group(1)


def test_the_pilot_arrondissements_on_the_map_in_the_table_and_the_sentence(client, pilots):
    response = map_page(client, pilots)
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 arrondissements sur 20 ont engagé une démarche pilote de premier accueil" in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<path") == 20
    assert "<title>10e : 1" in svg.replace("\xa0", " ")
    assert table_cell(html, "10e") == "1"
    assert table_cell(html, "13e") == "0"
    # Nothing is fetched from another host: the map is drawn in the page.
    assert not re.search(r'(src|href)="(https?:)?//', svg)


def test_small_counts_of_people_are_protected_with_a_secondary_cell(client, eliahs):
    ArrondissementFigures.objects.create(
        indicator=eliahs,
        year=2023,
        arrondissement_18=Decimal(3),
        arrondissement_19=Decimal(12),
        arrondissement_10=Decimal(40),
        status=EntryStatus.PUBLISHED,
    )
    html = map_page(client, eliahs, annee=2023).content.decode()
    assert table_cell(html, "18e") == "moins de 5"
    assert table_cell(html, "19e") == "non diffusé"
    assert table_cell(html, "10e") == "40"
    assert "<title>18e : 3" not in html.replace("\xa0", " ")
    assert "écrit « moins de 5 »" in html
    # The 2022 figure of the report (36) stays as published.
    assert table_cell(map_page(client, eliahs, annee=2022).content.decode(), "18e") == "36"


def test_figures_not_published_are_not_shown(client, eliahs):
    for status in (EntryStatus.DRAFT, EntryStatus.SUBMITTED, EntryStatus.VALIDATED):
        ArrondissementFigures.objects.filter(year=2023).delete()
        ArrondissementFigures.objects.create(
            indicator=eliahs, year=2023, arrondissement_18=Decimal(99), status=status
        )
        html = map_page(client, eliahs, annee=2023).content.decode()
        assert table_cell(html, "18e") == "36"  # the latest published year, 2022
        assert "18e : 99" not in html.replace("\xa0", " ")


def test_the_years_with_figures_are_offered_and_an_unknown_year_shows_the_latest(client, pilots):
    ArrondissementFigures.objects.create(
        indicator=pilots, year=2023, arrondissement_19=Decimal(1), status=EntryStatus.PUBLISHED
    )
    latest = map_page(client, pilots).content.decode()
    assert table_cell(latest, "19e") == "1"
    assert '<a href="?annee=2022">2022</a>' in latest
    assert table_cell(map_page(client, pilots, annee=2022).content.decode(), "19e") == "0"
    assert table_cell(map_page(client, pilots, annee="2099").content.decode(), "19e") == "1"


def test_an_indicator_without_published_figures_says_so(client, seed_plan):
    pensions = Indicator.objects.get(report_row__measure__number=3, by_arrondissement=True)
    html = map_page(client, pensions).content.decode()
    assert "Aucun chiffre par arrondissement n'est encore publié" in html
    assert "<svg" not in html


def test_only_indicators_broken_down_have_a_map(client, seed_plan):
    other = Indicator.objects.filter(by_arrondissement=False).first()
    assert map_page(client, other).status_code == 404
    missing = reverse("indicators:indicator_arrondissements", args=[9999])
    assert client.get(missing).status_code == 404


def test_the_measure_page_leads_to_the_map(client, pilots):
    html = client.get(reverse("indicators:measure", args=[8])).content.decode()
    assert reverse("indicators:indicator_arrondissements", args=[pilots.pk]) in html


def test_the_english_page_draws_the_same_map(client, pilots):
    client.cookies["django_language"] = "en"
    html = map_page(client, pilots).content.decode()
    assert '<html lang="en"' in html
    assert html.count("<path") >= 20


def test_the_map_s_embed_page_has_no_site_chrome_and_is_framed_from_listed_origins_only(
    client, pilots, settings
):
    url = reverse("indicators:indicator_arrondissements_embed", args=[pilots.pk])
    closed = client.get(url)
    assert closed.status_code == 200
    html = closed.content.decode()
    assert "<nav" not in html
    assert html.count("<path") >= 20
    assert "2 arrondissements sur 20 ont engagé" in html
    assert "frame-ancestors 'none'" in closed["Content-Security-Policy"]
    settings.LDAPLAN_EMBED_ORIGINS = ["https://www.paris.fr"]
    opened = client.get(url, {"annee": 2022})
    assert "frame-ancestors https://www.paris.fr" in opened["Content-Security-Policy"]
    assert "X-Frame-Options" not in opened


def test_the_map_s_data_file_holds_the_figures_as_shown(client, eliahs):
    ArrondissementFigures.objects.create(
        indicator=eliahs,
        year=2023,
        arrondissement_18=Decimal(3),
        arrondissement_19=Decimal(12),
        arrondissement_10=Decimal(40),
        status=EntryStatus.PUBLISHED,
    )
    url = reverse("indicators:indicator_arrondissements_csv", args=[eliahs.pk])
    response = client.get(url, {"annee": 2023})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert "18e;moins de 5" in lines
    assert "19e;non diffusé" in lines
    assert "10e;40" in lines
    assert "1er;pas de donnée" in lines  # no figure: said so, never 0
    assert len(lines) == 3 + 20


@pytest.mark.parametrize(
    "path", ["/indicateurs/26/arrondissements/", "/indicateurs/26/arrondissements/integrer/"]
)
def test_the_english_map_marks_every_french_word_of_the_plan(client, seed_plan, path):
    document = parse(sample_html(client, path, "en"))
    assert document.get("lang") == "en"
    assert unmarked_french(document, plan_words()) == []
