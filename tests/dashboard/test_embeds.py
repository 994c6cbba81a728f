"""A chart to share: its embed page (no site chrome, framed only from the listed origins)
and its data as CSV."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from indicators.models import Indicator
from ldaplan.env import env_origins
from tests.helpers import main_text

pytestmark = pytest.mark.django_db

LOUEZ = "Logements Louez solidaire captés dans l'année"


@pytest.fixture
def louez(seed_plan):
    return Indicator.objects.get(label=LOUEZ)


def embed_path(indicator, year=2022):
    return f"/indicateurs/{indicator.pk}/integrer/?annee={year}"


def test_the_embed_page_is_the_chart_its_sentence_its_table_and_the_way_back(client, louez):
    response = client.get(embed_path(louez))
    html = response.content.decode()
    assert response.status_code == 200
    for chrome in ('class="site-header"', 'class="site-footer"', "Navigation principale"):
        assert chrome not in html
    text = main_text(response)
    assert text.startswith(LOUEZ)
    assert "73 logements en 2022 ; objectif 2023 : 75." in text
    assert f'data-figure="figure-{louez.pk}"' in html
    assert '<details class="chart-data" open>' in html
    assert "Objectifs et résultats annuels" in text
    # The way back opens the measure's page in the reader's window, not in the frame.
    # In the plan's own space: the framed page keeps showing and naming this plan once
    # another plan is current.
    space = f"/plans/{louez.report_row.ambition.axis.plan.slug}"
    assert f'href="http://testserver{space}/mesures/1/?annee=2022" target="_top"' in html
    assert f'href="{space}/indicateurs/{louez.pk}/donnees.csv?annee=2022" download' in html
    # The chart draws from the site's own files only.
    assert "/static/vendor/plotly/plotly-basic.min.js" in html


def test_no_site_may_frame_it_unless_listed(client, louez, settings):
    default = client.get(embed_path(louez))
    assert "frame-ancestors 'none'" in default["Content-Security-Policy"]
    assert default["X-Frame-Options"] == "DENY"
    settings.LDAPLAN_EMBED_ORIGINS = ["https://www.paris.fr", "https://partenaire.example"]
    listed = client.get(embed_path(louez))
    assert (
        "frame-ancestors https://www.paris.fr https://partenaire.example"
        in listed["Content-Security-Policy"]
    )
    assert "X-Frame-Options" not in listed
    # Every other page stays unframeable.
    overview = client.get("/")
    assert "frame-ancestors 'none'" in overview["Content-Security-Policy"]
    assert overview["X-Frame-Options"] == "DENY"


def test_a_cached_embed_page_keeps_its_framing(client, louez, settings):
    settings.LDAPLAN_PAGE_CACHE = True
    settings.LDAPLAN_DATA_VERSION = "cache"
    settings.LDAPLAN_EMBED_ORIGINS = ["https://www.paris.fr"]
    cache.clear()
    try:
        client.get(embed_path(louez))
        again = client.get(embed_path(louez))
        assert "ETag" in again  # served from the cache
        assert "frame-ancestors https://www.paris.fr" in again["Content-Security-Policy"]
        assert "X-Frame-Options" not in again
    finally:
        cache.clear()


def test_the_chart_data_is_a_french_spreadsheet_csv(client, louez):
    response = client.get(f"/indicateurs/{louez.pk}/donnees.csv?annee=2022")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="indicateur-{louez.pk}-2022.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffIndicateur;" + LOUEZ)
    lines = text.splitlines()
    assert lines[1] == "Année;Objectif;Résultat;Source;Commentaire"
    assert lines[2].startswith("2022;;73\u00a0logements;Résultat\u00a0: Ville de Paris")
    assert "&amp;" not in text
    assert "&#x27;" not in text
    assert "<" not in text
    assert "None" not in text


def test_an_unknown_indicator_or_year_is_a_404(client, louez):
    assert client.get("/indicateurs/999999/integrer/").status_code == 404
    assert client.get("/indicateurs/999999/donnees.csv").status_code == 404
    assert client.get(embed_path(louez, year=1999)).status_code == 404


def test_each_chart_leads_to_its_embed_page_and_its_csv_in_its_plan_s_space(client, louez):
    html = client.get("/axes/1/?annee=2022").content.decode()
    space = f"/plans/{louez.report_row.ambition.axis.plan.slug}"
    assert f'href="{space}/indicateurs/{louez.pk}/integrer/?annee=2022"' in html
    assert f'href="{space}/indicateurs/{louez.pk}/donnees.csv?annee=2022" download' in html


@pytest.mark.parametrize("value", ["www.paris.fr", "https://www.paris.fr/page", "javascript:x"])
def test_a_listed_origin_that_is_not_one_stops_the_server_at_start(monkeypatch, value):
    monkeypatch.setenv("LDAPLAN_EMBED_ORIGINS", f"https://ok.example,{value}")
    with pytest.raises(ImproperlyConfigured, match="is not an origin"):
        env_origins("LDAPLAN_EMBED_ORIGINS")
    monkeypatch.setenv("LDAPLAN_EMBED_ORIGINS", " https://www.paris.fr , http://127.0.0.1:8000 ")
    assert env_origins("LDAPLAN_EMBED_ORIGINS") == ["https://www.paris.fr", "http://127.0.0.1:8000"]
