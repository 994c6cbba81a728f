"""« Sur toute la durée du plan »: an axis's and a measure's indicators over every plan year.

The seed holds the 2022 bilan; the 2023 values here are made up (fictifs).
"""

import html as html_lib
import re
from datetime import date
from decimal import Decimal

import plotly.graph_objects as go
import pytest
from django.urls import reverse

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import Indicator, YearResult
from measures.models import Plan, ReportingYear
from tests.accounts import login, make_user
from tests.dashboard.test_views import figures
from tests.helpers import grow_plan, main_text

pytestmark = pytest.mark.django_db

LOUEZ = "Logements Louez solidaire captés dans l'année"
PENSIONS = "Pensions de Famille agréées au cours de la mandature"


def text(client, url, **params) -> str:
    return main_text(client.get(url, params))


def article(page_text: str, label: str) -> str:
    """The text of one indicator's part of the page, from its heading to the next one."""
    start = page_text.index(label)
    following = page_text.find("Année par année", page_text.index("Année par année", start) + 1)
    return page_text[start : following if following > 0 else None]


def publish(label: str, year: int, value: int, status=EntryStatus.PUBLISHED):
    YearResult.objects.create(
        indicator=Indicator.objects.get(label=label),
        year=year,
        value=Decimal(value),
        status=status,
    )


def test_a_measure_reads_year_after_year_with_years_without_values_said_so(client, seed_plan):
    page = text(client, reverse("indicators:measure_period", args=[3]))

    assert page.startswith("Mesure 3 : Pensions de Famille")
    pensions = article(page, PENSIONS)
    # A stock: read year by year, never added up; its plan target closes the sentence.
    assert (
        "En 2022 : 8 Pensions de Famille. Cible du plan : 17 Pensions de Famille d'ici 2026."
        in (pensions)
    )
    assert "Cumul des résultats" not in pensions
    rows = re.findall(
        r"(20\d\d) (aucune valeur publiée|à venir|[\d ]+ Pensions de Famille)", pensions
    )
    assert rows[:6] == [
        ("2021", "aucune valeur publiée"),
        ("2022", "8 Pensions de Famille"),
        ("2023", "à venir"),
        ("2024", "à venir"),
        ("2025", "à venir"),
        ("2026", "à venir"),
    ]
    assert " 0 Pensions" not in pensions


def test_a_flow_adds_up_its_published_years_and_says_which_had_no_target(client, seed_plan):
    ReportingYear.objects.create(plan=Plan.objects.get(), year=2023, published_on=date(2024, 6, 1))
    publish(LOUEZ, 2023, 80)  # fictif

    louez = article(text(client, reverse("indicators:axis_period", args=[1])), LOUEZ)

    # 73 in 2022 (the report) + 80 in 2023 (fictif); the only target is 2023's, 75.
    assert (
        "De 2022 à 2023, 153 logements ; objectifs annuels cumulés : 75 logements, "
        "sans objectif pour 2022."
    ) in louez
    # Année | Résultat publié | Cumul | Objectif | Objectif cumulé
    assert (
        "2022 73 logements 73 logements — — "
        "2023 80 logements 153 logements 75 logements 75 logements"
    ) in louez


def test_only_published_values_even_for_the_staff(client, seed_plan):
    ReportingYear.objects.create(plan=Plan.objects.get(), year=2023)
    publish(LOUEZ, 2023, 999, status=EntryStatus.VALIDATED)  # fictif, not published
    reviewer = make_user("valideuse", roles.REVIEWERS, measures=[1])
    login(client, reviewer)

    louez = article(text(client, reverse("indicators:measure_period", args=[1])), LOUEZ)

    assert "999" not in louez
    assert "2023 en cours de collecte" in louez
    assert "En 2022, 73 logements." in louez


def test_nothing_published_is_said_and_the_page_speaks_english_too(client, seed_plan, settings):
    indicator = Indicator.objects.get(label="Logements en Pension de Famille déjà livrés à Paris")
    page = text(client, reverse("indicators:measure_period", args=[3]))
    assert "Aucun résultat publié de 2021 à 2026." in article(page, indicator.label)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("indicators:measure_period", args=[3]))
    html = response.content.decode()
    assert '<html lang="en">' in html
    # The plan's words stay French, marked so for a screen reader.
    assert f'<h2 id="titre-{indicator.pk}" lang="fr">' in html
    assert "Over the whole plan" in html


@pytest.mark.parametrize("url", ["/mesures/99/duree/", "/axes/9/duree/"])
def test_an_unknown_axis_or_measure_is_a_french_404(client, seed_plan, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "n'existe pas" in html_lib.unescape(response.content.decode())


def test_the_yearly_pages_lead_to_the_whole_period(client, seed_plan):
    measure = client.get(reverse("indicators:measure", args=[3]), {"annee": "2022"})
    axis = client.get(reverse("indicators:axis", args=[1]), {"annee": "2022"})
    assert f'href="{reverse("indicators:measure_period", args=[3])}"' in measure.content.decode()
    assert f'href="{reverse("indicators:axis_period", args=[1])}"' in axis.content.decode()


@pytest.mark.parametrize(("url", "queries"), [("/axes/1/duree/", 7), ("/mesures/3/duree/", 6)])
def test_the_query_count_does_not_grow_with_the_plan(
    client, seed_plan, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        client.get(url)
    grow_plan(extra_measures=5, years=range(2021, 2027))
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


def test_the_page_has_no_year_selector_every_year_is_on_it(client, seed_plan):
    html = client.get(reverse("indicators:measure_period", args=[3])).content.decode()
    yearly = client.get(reverse("indicators:measure", args=[3])).content.decode()
    assert 'name="annee"' in yearly
    assert 'name="annee"' not in html


def test_a_flow_s_chart_draws_its_results_running_total_and_cumulative_target(client, seed_plan):
    ReportingYear.objects.create(plan=Plan.objects.get(), year=2023, published_on=date(2024, 6, 1))
    publish(LOUEZ, 2023, 80)  # fictif
    louez = Indicator.objects.get(label=LOUEZ)
    html = client.get(reverse("indicators:measure_period", args=[1])).content.decode()
    found = figures(html)

    figure = found[f"figure-duree-{louez.pk}"]
    go.Figure(figure)  # a wrong property fails here
    results, totals, targets = figure["data"]
    assert results["x"] == list(range(2021, 2027))
    # 2021 has no published value: no bar and no point, never 0.
    assert results["y"] == [None, 73.0, 80.0, None, None, None]
    assert totals["y"] == [None, 73.0, 153.0, None, None, None]
    assert targets["y"] == [None, None, 75.0, None, None, None]
    assert totals["customdata"][2] == "Cumul fin 2023\xa0: 153\xa0logements"
    # Every chart is a figure named by its sentence, with its table inside.
    assert html.count('<figure class="chart-figure" role="figure"') == len(found)
    assert html.count("<caption>Année par année") == len(found)


def test_a_year_s_target_reads_as_on_the_yearly_pages(client, seed_plan):
    # The report's 2023 target of Pensions de Famille: « au moins 11 », derived from 8 + 3.
    pensions = article(text(client, reverse("indicators:measure_period", args=[3])), PENSIONS)
    assert "2023 à venir au moins 11 Pensions de Famille (déduit : " in pensions
