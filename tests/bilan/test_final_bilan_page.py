"""« Bilan final 2021-2026 »: each indicator's plan target, what was achieved, its final status.

The seed holds the 2022 bilan; every 2023-2026 figure here is made up (fictif).
"""

import html as html_lib
import re
from datetime import date
from decimal import Decimal

import pytest

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import Indicator, YearResult, YearTarget
from measures.models import Plan, ReportingYear
from tests.accounts import login, make_user
from tests.helpers import grow_plan, main_text

pytestmark = pytest.mark.django_db

URL = "/bilan/final/"
LOUEZ = "Logements Louez solidaire captés dans l'année"
PENSIONS = "Pensions de Famille agréées au cours de la mandature"
BENEFICIARIES = "Bénéficiaires d'Un chez-soi d'abord Paris"
PROFESSIONALS = "Professionnels associés aux démarches pilotes"


def page_text(client, **params) -> str:
    return main_text(client.get(URL, params))


def line_of(text: str, label: str) -> str:
    """An indicator's line of its table: from its label to the end of its status cell."""
    start = text.index(label)
    end = re.compile(
        r"(atteint|partiellement atteint|non atteint|sans objectif chiffré|"
        r"aucun résultat à comparer)( -?\d+ % du chemin vers la cible\.)?"
    ).search(text, start)
    return text[start : end.end()]


def publish(label: str, year: int, value, *, model=YearResult, status=EntryStatus.PUBLISHED):
    model.objects.create(
        indicator=Indicator.objects.get(label=label),
        year=year,
        value=Decimal(value),
        status=status,
    )


def publish_every_year_to_2026():
    plan = Plan.objects.get()
    for year in range(2023, 2027):
        ReportingYear.objects.create(plan=plan, year=year, published_on=date(year + 1, 6, 1))
    # Louez solidaire (fictif): results 2023-2026 and targets 2024-2026 (2023's, 75, is the
    # report's).
    for year, value in {2023: 80, 2024: 60, 2025: 90, 2026: 70}.items():
        publish(LOUEZ, year, value)
    for year in (2024, 2025, 2026):
        publish(LOUEZ, year, 80, model=YearTarget)
    publish(PENSIONS, 2026, 18)  # fictif, plan target 17
    publish(BENEFICIARIES, 2025, 140)  # fictif, nothing for 2026; plan target 155


def test_before_the_last_year_is_published_the_bilan_says_it_is_provisional(client, seed_plan):
    text = page_text(client)

    assert text.startswith("Bilan final 2021-2026")
    assert (
        "Bilan provisoire. Le bilan 2026 n'est pas encore publié : les chiffres s'arrêtent au "
        "dernier bilan publié, celui de 2022"
    ) in text
    # Pensions de Famille: 8 at the end of 2022 (the report) for 17 over the plan:
    # 8 / 17 = 0.47, under half the way.
    assert line_of(text, PENSIONS) == (
        f"{PENSIONS} 17 Pensions de Famille Cible sur la durée du plan, fixée par le plan. "
        "8 Pensions de Famille Dernière valeur publiée, celle de 2022 : aucune n'a été "
        "publiée pour 2026. non atteint 47 % du chemin vers la cible."
    )


def test_with_every_year_published_each_figure_says_how_it_was_obtained(client, seed_plan):
    publish_every_year_to_2026()

    text = page_text(client)

    assert "provisoire" not in text
    # A flow with no plan target: its yearly targets added up, 75 + 80 + 80 + 80 = 315,
    # compared with the results of the same years, 80 + 60 + 90 + 70 = 300: 95 % of the
    # way, partly. Its total adds 2022's 73 (the report): 373. 2021 has nothing published.
    assert line_of(text, LOUEZ) == (
        f"{LOUEZ} 315 logements Somme des objectifs annuels, faute de cible sur la durée du "
        "plan. Sans objectif pour 2021 et 2022 : les résultats de ces années ne sont pas "
        "comparés (résultats des années avec objectif : 300 logements). "
        "373 logements Somme des résultats annuels publiés de 2021 à 2026. Aucun résultat "
        "publié pour 2021 : rien n'y est compté. partiellement atteint 95 % du chemin vers "
        "la cible."
    )
    # A cumulative count read in 2026: 18 ≥ 17.
    assert line_of(text, PENSIONS) == (
        f"{PENSIONS} 17 Pensions de Famille Cible sur la durée du plan, fixée par le plan. "
        "18 Pensions de Famille Valeur de 2026, dernière année du plan. "
        "atteint 106 % du chemin vers la cible."
    )
    # A level whose 2026 value is missing: read as of 2025, 140 / 155 = 0.9032.
    assert "Dernière valeur publiée, celle de 2025 : aucune n'a été publiée pour 2026." in (
        line_of(text, BENEFICIARIES)
    )
    assert line_of(text, BENEFICIARIES).endswith(
        "partiellement atteint 90 % du chemin vers la cible."
    )


def test_a_total_holding_plus_de_20_is_a_lower_bound(client, seed_plan):
    # The report gives « plus de 20 » professionals for 2022; 12 more in 2024 (fictif).
    publish(PROFESSIONALS, 2024, 12)
    line = line_of(page_text(client), PROFESSIONALS)
    assert "au moins 32 professionnels" in line
    assert "sans objectif chiffré" in line


def test_drafts_never_count_whoever_reads(client, seed_plan):
    publish_every_year_to_2026()
    publish(PENSIONS, 2026, 999, status=EntryStatus.VALIDATED)  # fictif, not published
    login(client, make_user("valideuse", roles.REVIEWERS, measures=[3]))
    line = line_of(page_text(client), PENSIONS)
    assert "999" not in line
    assert "18 Pensions de Famille" in line


def test_the_summary_counts_each_final_status(client, seed_plan):
    publish_every_year_to_2026()
    response = client.get(URL)
    html = response.content.decode()
    badge = r'<span class="badge status-\w+">([^<:]+?)\s: (\d+)</span>'
    counts = {label: int(count) for label, count in re.findall(badge, html)}
    indicators = Indicator.objects.count()
    assert sum(counts.values()) == indicators
    # Pensions de Famille, and whatever else met its target.
    assert counts["atteint"] >= 1
    assert counts["partiellement atteint"] >= 2
    text = page_text(client)
    assert f"{counts['atteint']} indicateur" in text
    assert f"sur {indicators} " in text


def test_every_measure_of_the_plan_has_its_place_with_its_ambition(client, seed_plan):
    html = client.get(URL).content.decode()
    text = page_text(client)
    for number in range(1, 13):
        # A no-break space before the colon, the French way.
        assert re.search(rf"<h3>Mesure {number}[a-c]?\xa0:", html), number
    for axis in range(1, 6):
        assert f'<h2 id="axe-{axis}">Axe {axis}\xa0:' in html
    assert "Ligne sans numéro :" in text
    assert html.count('<div class="ambition" lang="fr">') == 12


def test_the_page_is_linked_from_the_bilan_the_overview_and_the_site_map(client, seed_plan):
    for url in ("/bilan/2022/", "/plan-du-site/", "/"):
        assert f'href="{URL}"' in client.get(url).content.decode(), url


def test_the_page_speaks_english_too(client, seed_plan, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(URL).content.decode()
    assert '<html lang="en">' in html
    assert "Final assessment 2021-2026" in html
    # The colon follows English typography: no space before it.
    assert '">Axis 1: <span lang="fr">' in html
    assert '>Measure 1: <span lang="fr">' in html
    assert f'<span lang="fr">{html_lib.escape(PENSIONS, quote=False)}</span>' in html


def test_a_post_is_refused(client, seed_plan):
    assert client.post(URL).status_code == 405


def test_the_query_count_does_not_grow_with_the_plan(client, seed_plan, django_assert_num_queries):
    # 11: the published texts of the final bilan are one of them.
    with django_assert_num_queries(11):
        client.get(URL)
    grow_plan(extra_measures=5, years=range(2021, 2027))
    # 11: the published texts of the final bilan are one of them.
    with django_assert_num_queries(11):
        response = client.get(URL)
    assert response.status_code == 200


def test_on_a_phone_each_figure_reads_under_its_column_s_name(client, seed_plan):
    html = client.get(URL).content.decode()
    # The stylesheet shows data-label above each cell on narrow screens (stacked blocks).
    for column in ("Cible sur la durée du plan", "Réalisé", "Statut final"):
        assert f'<td data-label="{column}">' in html
    assert '<th scope="row"><span lang="fr">' in html


def test_each_measure_leads_to_its_whole_period(client, seed_plan):
    html = client.get(URL).content.decode()
    assert '<a href="/mesures/3/duree/">La mesure 3 année par année</a>' in html
    # Sub-actions 9a, 9b and 9c lead to their measure, 9.
    assert html.count('<a href="/mesures/9/duree/">') == 3
