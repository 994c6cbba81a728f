"""What the public reads while a year is being collected: the seed's 2022 bilan is
published (July 2023), 2023 is opened and its values trickle in."""

import html as html_lib
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from core.workflow import EntryStatus
from indicators.models import Indicator, YearResult
from measures.models import Axis, Plan, ReportingYear
from tests.dashboard.test_views import figures, page
from tests.helpers import grow_plan

pytestmark = pytest.mark.django_db

ARTICLE = re.compile(
    r'<article class="indicator" id="indicateur-(\d+)".*?'
    r'<span class="badge status-(\w+)"><span aria-hidden="true">[^<]*</span> ([^<]+)</span>.*?'
    r"<figcaption[^>]*>(.*?)</figcaption>",
    re.S,
)

# What a sentence says for each badge: the badge's own word, or its equivalent.
SAID_AS = {
    "met": ("atteint",),
    "on_track": ("en bonne voie",),
    "behind": ("en retard",),
    "in_collection": ("en cours de collecte",),
    "not_due": ("pas encore dû",),
    "no_data": ("aucun résultat publié", "Aucune donnée"),
    # A change cited as context (« −30 % depuis 2008 ») has no year to collect.
    "context": ("la source ne donne pas la date de cette mesure",),
}


def agrees(status: str, sentence: str, year: int) -> bool:
    """Whether a sentence says what its badge says (or, for « sans objectif », gives no
    target of that year: a later year's target may be said)."""
    if status == "no_target":
        return f"bjectif {year}" not in sentence and "pour un objectif de" not in sentence
    return any(phrase in sentence for phrase in SAID_AS[status])


def open_2023(published_on: date | None = None) -> ReportingYear:
    return ReportingYear.objects.create(
        plan=Plan.objects.get(), year=2023, published_on=published_on
    )


def publish_2023(label: str, value: int) -> None:
    YearResult.objects.create(
        indicator=Indicator.objects.get(label=label),
        year=2023,
        value=Decimal(value),
        status=EntryStatus.PUBLISHED,
    )


def badges_and_sentences(client, year: int) -> dict[int, tuple[str, str, str]]:
    """Every indicator of the five axis pages: {pk: (status, badge word, sentence)}."""
    found = {}
    for number in range(1, 6):
        html = page(client, reverse("indicators:axis", args=[number]), annee=str(year))
        for pk, status, word, sentence in ARTICLE.findall(html):
            found[int(pk)] = (status, word.strip(), html_lib.unescape(sentence))
    assert len(found) == Indicator.objects.count()
    return found


def test_every_indicator_reads_in_collection_for_2023_and_its_sentence_agrees(client, seed_plan):
    open_2023()
    for pk, (status, word, sentence) in badges_and_sentences(client, 2023).items():
        if Indicator.objects.get(pk=pk).reference_change is not None:
            assert status == "context", (pk, sentence)
            assert "2023" not in sentence
            continue
        assert status == "in_collection", (pk, sentence)
        assert word == "en cours de collecte"
        assert sentence.startswith("Résultat 2023 en cours de collecte"), (pk, sentence)
        assert "sans donnée" not in sentence
        assert "en retard" not in sentence


def test_badge_and_sentence_agree_with_values_published_during_the_collection(client, seed_plan):
    open_2023()
    # Made-up 2023 figures, published one by one while 2023 is being collected.
    publish_2023("Logements Louez solidaire captés dans l'année", 80)
    publish_2023("Logements sociaux captés pour Un chez-soi d'abord", 17)
    publish_2023("Professionnels formés sur l'accès au logement des publics prioritaires", 200)
    shown = badges_and_sentences(client, 2023)
    for pk, (status, word, sentence) in shown.items():
        assert agrees(status, sentence, 2023), (pk, word, sentence)
    statuses = {status for status, _word, _sentence in shown.values()}
    assert {"met", "on_track", "behind", "in_collection"} <= statuses


def test_badge_and_sentence_agree_on_the_published_2022_bilan(client, seed_plan):
    shown = badges_and_sentences(client, 2022)
    for pk, (status, word, sentence) in shown.items():
        assert agrees(status, sentence, 2022), (pk, word, sentence)
    assert {status for status, _word, _sentence in shown.values()} >= {"on_track", "no_target"}


def un_chez_soi_status(client, year: int) -> tuple[str, str]:
    indicator = Indicator.objects.get(label="Logements sociaux captés pour Un chez-soi d'abord")
    status, _word, sentence = badges_and_sentences(client, year)[indicator.pk]
    return status, sentence


def test_un_chez_soi_d_abord_is_not_late_because_2023_is_being_collected(client, seed_plan):
    open_2023()
    status, sentence = un_chez_soi_status(client, 2023)
    assert status == "in_collection"
    assert (
        "fin 2022\xa0: 16\xa0logements sur un objectif de 40 d'ici 2026, soit 40\xa0%" in sentence
    )
    assert "en bonne voie" in sentence


def test_once_the_2023_bilan_is_published_a_missing_result_is_missing_again(client, seed_plan):
    open_2023(published_on=date(2024, 7, 1))
    louez = Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")
    status, _word, sentence = badges_and_sentences(client, 2023)[louez.pk]
    assert status == "no_data"
    assert "en cours de collecte" not in sentence


def test_a_year_not_opened_yet_is_not_due(client, seed_plan):
    open_2023()
    shown = badges_and_sentences(client, 2024)
    # Every indicator but the change cited as context, which has no year.
    assert {status for status, _word, _sentence in shown.values()} == {"not_due", "context"}


def test_the_chart_marks_the_year_being_collected_without_a_zero_bar(client, seed_plan):
    open_2023()
    louez = Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")
    html = page(client, reverse("indicators:measure", args=[1]), annee="2023")
    figure = figures(html)[f"figure-{louez.pk}"]
    bars = next(t for t in figure["data"] if t["type"] == "bar")
    assert dict(zip(bars["x"], bars["y"], strict=True))[2023] is None
    notes = [(a["x"], a["text"]) for a in figure["layout"]["annotations"]]
    assert notes == [(2023, "en cours de collecte")]


def test_overview_cards_each_have_a_data_table_and_no_next_year_diamond(client, seed_plan):
    html = page(client, reverse("indicators:overview"))
    cards = html.split('<ul class="headline-grid">')[1].split("</ul>\n</section>")[0]
    # Each card's bullet is drawn by the server: no figure left for a script.
    headlines = dict(re.findall(r'id="headline-(\d+)" data-drawn>(<svg.*?</svg>)', cards))
    assert cards.count("<summary>Données du graphique</summary>") == len(headlines) > 0
    assert "data-figure" not in cards
    louez = Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")
    # 2022 shown: 73 captured, no 2022 target; the 2023 target is in the sentence only.
    louez_svg = headlines[str(louez.pk)]
    assert '<path class="bar"' in louez_svg
    assert "<polygon" not in louez_svg
    assert "73\xa0logements en 2022\xa0; objectif 2023\xa0: 75." in cards


def test_overview_summaries_list_only_the_statuses_that_occur(client, seed_plan):
    Axis.objects.create(plan=Plan.objects.get(), number=6, title="Un axe sans contenu")
    html = page(client, reverse("indicators:overview"))
    assert ": <strong>0</strong>" not in html
    assert f"{Indicator.objects.count()} indicateurs\xa0:" in html
    sixth = html.split('Axe 6 — <span lang="fr">Un axe sans contenu</span>')[1].split(
        "</li>\n    \n  </ol>"
    )[0]
    assert "Aucun indicateur chiffré." in sixth
    assert "Aucun jalon." in sixth


@pytest.mark.parametrize(("url", "queries"), [("/", 8), ("/axes/5/", 7), ("/mesures/12/", 10)])
def test_a_year_being_collected_costs_no_extra_query(
    client, seed_plan, django_assert_num_queries, url, queries
):
    # The year's phase comes from the two years current_plan() already reads.
    open_2023()
    with django_assert_num_queries(queries):
        client.get(url, {"annee": "2023"})
    grow_plan(extra_measures=5, years=range(2021, 2024))
    with django_assert_num_queries(queries):
        response = client.get(url, {"annee": "2023"})
    assert "en cours de collecte" in response.content.decode()
