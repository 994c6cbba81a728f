"""More charts to share: an indicator's chart over every plan year and an axis's funding
chart, each with its embed page (no site chrome, framed only from the listed origins)
and its data as CSV; published values only, as the pages they come from."""

from decimal import Decimal

import pytest

from core.workflow import EntryStatus
from indicators.models import Indicator, YearResult
from measures.models import FundingAmount, FundingSource, Partner, Plan, ReportRow
from tests.helpers import grow_plan, main_text
from tests.rgaa_pages import parse, plan_words, sample_html, unmarked_french

pytestmark = pytest.mark.django_db

LOUEZ = "Logements Louez solidaire captés dans l'année"
PENSIONS = "Pensions de Famille agréées au cours de la mandature"
NBSP = "\u00a0"


@pytest.fixture
def louez(seed_plan):
    return Indicator.objects.get(label=LOUEZ)


@pytest.fixture
def space(seed_plan):
    """The plan's own space, where shared addresses lead."""
    return f"/plans/{Plan.objects.get().slug}"


def period_embed(indicator) -> str:
    return f"/indicateurs/{indicator.pk}/duree/integrer/"


FUNDING_EMBED = "/axes/1/financements/integrer/"


def add_funding(row_pk: int, year: int, status=EntryStatus.PUBLISHED, programme="", **amounts):
    funder, _created = Partner.objects.get_or_create(name="Fondation Test", kind="other")
    source, _created = FundingSource.objects.get_or_create(
        report_row=ReportRow.objects.get(pk=row_pk), funder=funder, programme=programme
    )
    return FundingAmount.objects.create(source=source, year=year, status=status, **amounts)


def assert_no_site_chrome(html: str):
    for chrome in ("<nav", 'class="site-header"', 'class="site-footer"', "Navigation principale"):
        assert chrome not in html


# --- An indicator over every plan year -------------------------------------------------


def test_the_period_embed_is_the_chart_its_sentence_its_table_and_the_way_back(
    client, louez, space
):
    response = client.get(period_embed(louez))
    html = response.content.decode()
    assert_no_site_chrome(html)
    text = main_text(response)
    assert text.startswith(f"{LOUEZ} — Sur toute la durée du plan")
    assert "En 2022, 73 logements" in text
    assert f"Année par année : {LOUEZ}" in text
    assert "aucune valeur publiée" in text
    assert f'data-figure="figure-duree-{louez.pk}"' in html
    # The way back opens the measure's page over the whole plan, at this indicator, in the
    # reader's window; in the plan's own space, which keeps naming this plan.
    back = f"http://testserver{space}/mesures/1/duree/#indicateur-{louez.pk}"
    assert f'href="{back}" target="_top"' in html
    assert f'href="{space}/indicateurs/{louez.pk}/duree.csv" download' in html
    assert "/static/vendor/plotly/plotly-basic.min.js" in html


def test_the_period_data_is_a_french_spreadsheet_csv_of_published_values(client, louez):
    YearResult.objects.create(
        indicator=louez, year=2023, value=Decimal(987), status=EntryStatus.DRAFT
    )
    response = client.get(f"/indicateurs/{louez.pk}/duree.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="indicateur-{louez.pk}-2021-2026.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith(f"\ufeffIndicateur;{LOUEZ}\r\n")
    lines = text.splitlines()
    assert lines[1] == (
        "Année;Résultat publié;Cumul des résultats;Objectif de l'année;Objectif cumulé"
    )
    assert lines[2] == "2021;aucune valeur publiée;;;"
    assert lines[3] == f"2022;73{NBSP}logements;73{NBSP}logements;;"
    assert lines[4] == f"2023;à venir;;75{NBSP}logements;75{NBSP}logements"
    assert len(lines) == 2 + 6  # one line per plan year
    assert "987" not in text
    assert "987" not in client.get(period_embed(louez)).content.decode()
    for markup in ("<", "&amp;", "&#x27;", "None"):
        assert markup not in text


def test_a_label_typed_like_a_formula_is_inert_in_the_period_csv(client, louez):
    Indicator.objects.filter(pk=louez.pk).update(label='=HYPERLINK("http://example.org")')
    text = client.get(f"/indicateurs/{louez.pk}/duree.csv").content.decode()
    assert text.startswith('\ufeffIndicateur;"\'=HYPERLINK(""http://example.org"")"')


def test_an_indicator_without_a_measure_leads_back_to_its_axis(client, louez, space):
    other = Indicator.objects.filter(report_row__measure__isnull=True).first()
    if other is None:
        pytest.skip("every indicator of the seed has a measure")
    html = client.get(period_embed(other)).content.decode()
    axis = other.report_row.ambition.axis.number
    assert f"{space}/axes/{axis}/duree/#indicateur-{other.pk}" in html


def test_the_period_pages_lead_to_each_chart_s_embed_and_csv(client, louez, space):
    pensions = Indicator.objects.get(label=PENSIONS)
    for url, indicator in (("/mesures/1/duree/", louez), ("/axes/1/duree/", pensions)):
        html = client.get(url).content.decode()
        embed = f'href="{space}/indicateurs/{indicator.pk}/duree/integrer/"'
        assert embed in html, url
        assert f'href="{space}/indicateurs/{indicator.pk}/duree.csv" download' in html, url
    # The links name their chart for those who hear them out of context.
    page = client.get("/mesures/1/duree/").content.decode()
    named = f'<span class="visually-hidden"> — <span lang="fr">{LOUEZ}</span></span>'
    assert page.count(named.replace("'", "&#x27;")) == 2


def test_an_unknown_indicator_has_no_period_embed_nor_csv(client, seed_plan):
    assert client.get("/indicateurs/999999/duree/integrer/").status_code == 404
    assert client.get("/indicateurs/999999/duree.csv").status_code == 404


# --- An axis's funding --------------------------------------------------------------------


def test_the_funding_embed_is_the_chart_its_sentences_its_tables_and_the_way_back(
    client, seed_plan, space
):
    response = client.get(FUNDING_EMBED)
    html = response.content.decode()
    assert_no_site_chrome(html)
    text = main_text(response)
    assert text.startswith("Financements — Axe 1")
    assert "En 2022, 730 000 € prévus pour l'axe 1." in text
    assert "Financements publiés de l'axe 1 en 2022" in text
    assert "Total par financeur en 2022" in text
    assert 'data-figure="financements-axe-1"' in html
    # No link to the site's pages inside the frame, which they would refuse to fill.
    assert '<a href="/mesures/1/">' not in html
    assert f'href="http://testserver{space}/axes/1/financements/" target="_top"' in html
    assert f'href="{space}/axes/1/financements.csv" download' in html


def test_an_axis_without_published_funding_embeds_a_sentence_and_no_file(client, seed_plan):
    response = client.get("/axes/2/financements/integrer/")
    assert "Aucun financement publié pour l'axe 2." in main_text(response)
    assert "financements.csv" not in response.content.decode()
    assert client.get("/axes/2/financements.csv").status_code == 404


def test_the_funding_data_is_a_french_spreadsheet_csv_of_published_amounts(client, seed_plan):
    add_funding(1, 2023, status=EntryStatus.VALIDATED, planned=Decimal(987654))
    add_funding(1, 2022, programme="=cmd|' /C calc'!A0", planned=Decimal("1250.50"))
    response = client.get("/axes/1/financements.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="financements-axe-1.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("\ufeffAxe;1;")
    assert lines[1] == (
        "Année;Financeur;Programme;Ligne du bilan;Montant prévu (€);Montant dépensé (€)"
    )
    assert "2022;Ville de Paris;;1 Louez solidaire et sans risque;365000;" in lines
    # A programme typed like a formula stays text; an amount has a decimal comma.
    assert "2022;Fondation Test;'=cmd|' /C calc'!A0;1 Louez solidaire et sans risque;1250,5;" in (
        lines
    )
    # Amounts not yet published are not in the file.
    assert "987654" not in text
    assert "2023" not in text


def test_the_funding_page_leads_to_its_embed_and_csv(client, seed_plan, space):
    html = client.get("/axes/1/financements/").content.decode()
    assert f'href="{space}/axes/1/financements/integrer/"' in html
    assert f'href="{space}/axes/1/financements.csv" download' in html
    named = '<span class="visually-hidden"> — Financements de l\'axe 1, par financeur et par année'
    assert html.count(named) == 2


def test_an_unknown_axis_has_no_funding_embed_nor_csv(client, seed_plan):
    assert client.get("/axes/9/financements/integrer/").status_code == 404
    assert client.get("/axes/9/financements.csv").status_code == 404


# --- Framing, for both ------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["period", "funding"])
def test_no_site_may_frame_them_unless_listed(client, louez, settings, kind):
    url = period_embed(louez) if kind == "period" else FUNDING_EMBED
    default = client.get(url)
    assert default.status_code == 200
    assert "frame-ancestors 'none'" in default["Content-Security-Policy"]
    assert default["X-Frame-Options"] == "DENY"
    settings.LDAPLAN_EMBED_ORIGINS = ["https://www.paris.fr"]
    listed = client.get(url)
    assert "frame-ancestors https://www.paris.fr" in listed["Content-Security-Policy"]
    assert "X-Frame-Options" not in listed
    # The pages they come from stay unframeable.
    source = client.get("/mesures/1/duree/" if kind == "period" else "/axes/1/financements/")
    assert "frame-ancestors 'none'" in source["Content-Security-Policy"]
    assert source["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("url", ["/indicateurs/{pk}/duree/integrer/", FUNDING_EMBED])
def test_english_embeds_mark_the_plan_s_french_words(client, louez, url):
    words = plan_words()
    document = parse(sample_html(client, url.format(pk=louez.pk), "en"))
    assert document.get("lang") == "en"
    assert unmarked_french(document, words) == []


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/indicateurs/{pk}/duree/integrer/", 4),
        ("/indicateurs/{pk}/duree.csv", 4),
        (FUNDING_EMBED, 3),
        ("/axes/1/financements.csv", 3),
    ],
)
def test_the_query_count_does_not_grow_with_the_plan(
    client, louez, django_assert_num_queries, url, queries
):
    url = url.format(pk=louez.pk)
    with django_assert_num_queries(queries):
        client.get(url)
    grow_plan(extra_measures=5, years=range(2021, 2027))
    for year in (2023, 2024):
        add_funding(1, year, planned=Decimal(1000))
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
