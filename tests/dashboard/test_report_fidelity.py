"""The dashboard pages say what the report *Bilan 2022 & perspectives 2023* says.

Pinned against the report's own words, on the seeded plan: the fall in evictions
« depuis 2008 » is context, measure 5's aim has no figure, « plus de 20 » is not
20, a derived target says so, a held baseline is shown without an invented year,
every figure names its source, and the overview cites the report.
"""

import html as html_lib
import re
from pathlib import Path

import pytest
from django.urls import reverse

from indicators.models import Indicator
from tests.dashboard.test_views import figures, page

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
REPORT = "Bilan 2022 &amp; perspectives 2023 (juillet 2023)"


def article(html: str, pk: int) -> str:
    """The <article> of one indicator on an axis or measure page, as the reader sees it."""
    match = re.search(rf'<article class="indicator" id="indicateur-{pk}".*?</article>', html, re.S)
    assert match, pk
    return match.group(0)


def sentence(html: str, pk: int) -> str:
    caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", article(html, pk), re.S)
    return html_lib.unescape(caption.group(1))


def indicator(label: str) -> Indicator:
    return Indicator.objects.get(label=label)


# 1. « réduire de 30 % le nombre de personnes expulsées à Paris depuis 2008 »


@pytest.mark.parametrize("url", ["/mesures/6/", "/axes/2/"])
def test_evictions_read_as_a_fall_since_2008_not_as_a_year(client, seed_plan, url):
    evictions = indicator("Personnes expulsées à Paris")
    html = page(client, url, annee="2022")
    said = sentence(html, evictions.pk)
    assert said == (
        f"Évolution depuis 2008{NBSP}: \u221230{NBSP}% (sens souhaité{NBSP}: à réduire){NBSP}; "
        "la source ne donne pas la date de cette mesure."
    )
    shown = article(html, evictions.pk)
    assert "donnée de contexte" in shown
    assert "Aucune donnée" not in shown
    assert not re.search(r"30\s*%\s*en 20\d\d", html_lib.unescape(shown))
    # No time series is drawn: no point at any year.
    figure = figures(html)[f"figure-{evictions.pk}"]
    assert all(trace["x"] == [] for trace in figure["data"])
    assert "depuis 2008" in figure["layout"]["annotations"][0]["text"]
    # Nothing to draw: a short band, no toolbar; a drawn chart keeps both.
    assert f'class="chart chart-empty" data-figure="figure-{evictions.pk}" data-compact' in shown
    eliahs = article(
        html, indicator("Ménages accompagnés par l'équipe ELIAHS du 18e arrondissement").pk
    )
    assert 'class="chart" data-figure=' in eliahs
    assert "data-compact" not in eliahs


def test_evictions_data_tables_give_the_change_and_its_missing_date(client, seed_plan):
    evictions = indicator("Personnes expulsées à Paris")
    shown = html_lib.unescape(article(page(client, "/mesures/6/", annee="2022"), evictions.pk))
    assert "Évolution depuis 2008" in shown
    assert "\u221230\u00a0%" in shown
    assert "date de la mesure non précisée" in shown
    axis_table = page(client, "/axes/2/", annee="2022").split("</table>")[0]
    assert f"\u221230{NBSP}% depuis 2008" in html_lib.unescape(axis_table)


# 2. Measure 5's aim: « Augmenter le nombre de jeunes sortants d'ASE, qui accèdent à un logement »


def test_measure_5_aim_says_the_report_gives_neither_target_nor_result(client, seed_plan):
    aim = indicator("Jeunes sortants de l'ASE ayant accédé à un logement")
    html = page(client, "/mesures/5/", annee="2022")
    assert sentence(html, aim.pk) == (
        "La source (Bilan 2022 & perspectives 2023 (juillet 2023)) ne donne ni objectif "
        "chiffré ni résultat pour cet indicateur."
    )
    assert "Aucune donnée" not in article(html, aim.pk)


# 3. « plus de 20 professionnels »


def test_more_than_20_professionals_is_never_a_bare_20(client, seed_plan):
    pilots = indicator("Professionnels associés aux démarches pilotes")
    html = page(client, "/mesures/8/", annee="2022")
    shown = html_lib.unescape(article(html, pilots.pk))
    assert sentence(html, pilots.pk).startswith(f"plus de 20{NBSP}professionnels en 2022")
    assert f'<td class="prose">plus de 20{NBSP}professionnels</td>' in shown
    bars = next(t for t in figures(html)[f"figure-{pilots.pk}"]["data"] if t["type"] == "bar")
    index = bars["x"].index(2022)
    assert bars["text"][index] == "plus de 20"
    assert bars["customdata"][index] == f"Résultat 2022{NBSP}: plus de 20{NBSP}professionnels"
    axis_table = html_lib.unescape(page(client, "/axes/3/", annee="2022").split("</table>")[0])
    assert f"plus de 20{NBSP}professionnels" in axis_table
    assert f">20{NBSP}professionnels<" not in axis_table + shown


# 4. Targets the report does not state: 11 = 8 + « au moins 3 nouvelles structures »

DERIVATION = "8 Pensions de Famille agréées fin 2022 + « au moins 3 nouvelles structures » en 2023"


def test_a_derived_target_says_so_in_table_chart_and_sentence(client, seed_plan):
    pensions = indicator("Pensions de Famille agréées au cours de la mandature")
    html = page(client, "/mesures/3/", annee="2022")
    shown = html_lib.unescape(article(html, pensions.pk))
    assert f'<small class="derived">(déduit{NBSP}: {DERIVATION})</small>' in shown
    figure = figures(html)[f"figure-{pensions.pk}"]
    targets = next(t for t in figure["data"] if t["name"].startswith("Objectif"))
    assert targets["name"] == "Objectif (déduit en 2023)"
    assert DERIVATION in targets["customdata"][targets["x"].index(2023)]
    # The collecting year's sentence gives the 2023 target, and how it is derived.
    landlords = indicator("Bailleurs sociaux ayant signé une convention Un chez-soi d'abord")
    assert "(déduit" in sentence(page(client, "/mesures/2/", annee="2022"), landlords.pk)


def test_a_stated_target_carries_no_mark(client, seed_plan):
    louez = indicator("Logements Louez solidaire captés dans l'année")
    html = page(client, "/mesures/1/", annee="2022")
    assert "déduit" not in article(html, louez.pk)
    assert sentence(html, louez.pk) == f"73{NBSP}logements en 2022{NBSP}; objectif 2023{NBSP}: 75."


def test_the_axis_table_marks_a_derived_target_of_the_year_shown(client, seed_plan):
    table = html_lib.unescape(page(client, "/axes/1/", annee="2023").split("</table>")[0])
    assert DERIVATION in table
    assert "33 logements prévus par les conventions signées en 2022" in table


# 5. Baselines held: 1223 homes already in Pension de Famille, 1000 FJT homes


@pytest.mark.parametrize(
    ("measure", "label", "figure"),
    [
        (3, "Logements en Pension de Famille déjà livrés à Paris", f"1{NBSP}223{NBSP}logements"),
        (
            5,
            "Logements du contingent de la Ville en Foyer Jeunes Travailleurs (FJT)",
            f"1{NBSP}000",
        ),
    ],
)
def test_a_baseline_without_year_is_shown_without_inventing_one(
    client, seed_plan, measure, label, figure
):
    held = indicator(label)
    html = page(client, f"/mesures/{measure}/", annee="2022")
    said = sentence(html, held.pk)
    assert said.startswith(f"Valeur de référence (année non précisée){NBSP}: {figure}")
    assert "Aucune donnée" not in article(html, held.pk)
    lines = [t for t in figures(html)[f"figure-{held.pk}"]["data"] if "dash" in t.get("line", {})]
    assert len(lines) == 1
    assert lines[0]["name"].startswith("Valeur de référence (année non précisée)")
    assert set(lines[0]["y"]) == {float(held.baseline)}
    assert lines[0]["x"] == [2021, 2026]


# 6. Provenance of every figure


def test_each_figure_names_producer_document_place_and_date(client, seed_plan):
    pensions = indicator("Pensions de Famille agréées au cours de la mandature")
    shown = article(page(client, "/mesures/3/", annee="2022"), pensions.pk)
    assert (
        f"Résultat{NBSP}: Ville de Paris — {REPORT}, Tableau des mesures, mesure 3, "
        "colonne « Bilan 2022 » — au 31/12/2022"
    ) in shown
    assert (
        f"Objectif{NBSP}: Ville de Paris — {REPORT}, Tableau des mesures, mesure 3, colonnes"
    ) in shown
    # The indicator's own figure: the plan target of 17.
    assert (
        f"Ville de Paris — {REPORT}, Tableau des mesures, mesure 3, "
        "colonne « Ambition de la Ville 2021-2026 »"
    ) in shown


def test_sources_and_comments_wrap(client, seed_plan):
    html = page(client, "/mesures/3/", annee="2022")
    assert re.search(r'<td class="prose">(Objectif|Résultat)\xa0: Ville de Paris', html)
    css = Path("static/css/ldaplan.css").read_text(encoding="utf-8")
    assert "nth-child(n+3) { white-space: nowrap" not in css
    # A figure holds together by its no-break spaces, not by a nowrap cell that
    # would push the axis table past 1 280 px.
    assert not re.search(r"td\.(figure|prose) \{[^}]*nowrap", css)
    axis = page(client, "/axes/1/", annee="2022")
    assert re.search(r'<td class="figure">8\xa0Pensions de Famille</td>', axis)


# 7. The report's date and introduction


def test_overview_cites_the_report_and_shows_the_plan_introduction(client, seed_plan):
    html = page(client, reverse("indicators:overview"))
    assert (
        "Source\xa0: Ville de Paris, <cite>Bilan 2022 &amp; perspectives 2023</cite>, juillet 2023."
    ) in html
    assert 'href="/bilan/2022/"' in html
    assert '<h2 id="le-plan">Le plan</h2>' in html
    introduction = html.split('<details class="plan-introduction">')[1].split("</details>")[0]
    assert "La Ville de Paris s'engage depuis plus de 20 ans" in introduction
    bilan = page(client, reverse("indicators:bilan", args=[2022]))
    assert "Le tableau ci-dessous restitue les <strong>actions</strong>" in bilan


# 9. Charts' axes in French, tables that scroll in a labelled region


def test_money_axis_reads_100_000_euros_not_100k(client, seed_plan):
    funding = indicator("Financement de l'État (AMI LDA) pour Louez solidaire")
    figure = figures(page(client, "/mesures/1/", annee="2022"))[f"figure-{funding.pk}"]
    yaxis = figure["layout"]["yaxis"]
    assert yaxis["tickformat"] == ",~f"
    assert yaxis["ticksuffix"] == f"{NBSP}€"
    assert figure["layout"]["separators"] == f",{NBSP}"


@pytest.mark.parametrize("url", ["/axes/1/", "/axes/2/", "/mesures/3/", "/mesures/8/"])
def test_every_table_scrolls_in_a_focusable_labelled_region(client, seed_plan, url):
    html = page(client, url, annee="2022")
    tables = html.count("<table")
    regions = re.findall(
        r'<div class="table-container" role="region" tabindex="0" aria-label="[^"]+">', html
    )
    assert tables == len(regions) > 0


# The walk: no held value reads « Aucune donnée »


def holds_a_value(held: Indicator) -> bool:
    return bool(
        held.baseline is not None
        or held.plan_target is not None
        or held.reference_change is not None
        or held.period_targets.exists()
        or held.year_targets.filter(status="published").exists()
        or held.year_results.filter(status="published").exists()
    )


def test_no_indicator_holding_a_value_reads_no_data_on_any_2022_page(client, seed_plan):
    urls = [f"/axes/{n}/" for n in range(1, 6)] + [f"/mesures/{n}/" for n in range(1, 13)]
    seen = set()
    for url in urls:
        html = page(client, url, annee="2022")
        for pk in map(int, re.findall(r'<article class="indicator" id="indicateur-(\d+)"', html)):
            held = Indicator.objects.get(pk=pk)
            if holds_a_value(held):
                assert "Aucune donnée" not in article(html, pk), (url, held.label)
                seen.add(pk)
    assert len(seen) == sum(holds_a_value(i) for i in Indicator.objects.all())
