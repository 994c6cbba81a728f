"""An indicator broken down by arrondissement has its 20 figures of a year entered in one
form, reviewed and published together like a result.

The 2022 figures are the report's (the 10e and 14e pilot arrondissements of measure 8,
the ELIAHS team's 36 households in the 18e); every 2023 figure here is made up.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import ArrondissementFigures, EntryMessage, Indicator
from tests.accounts import login, make_user
from tests.entry.actions import review

pytestmark = pytest.mark.django_db


@pytest.fixture
def pilots(seed_plan):
    """« Arrondissements engagés dans une démarche pilote de premier accueil » (measure 8)."""
    return Indicator.objects.get(report_row__measure__number=8, by_arrondissement=True)


@pytest.fixture
def agent_8(seed_plan):
    return make_user("agent-8", roles.EDITORS, measures=[8])


def figures_post(indicator, year, **fields):
    prefix = f"arrondissements-{indicator.pk}-{year}-"
    return {prefix + name: value for name, value in ({"revision": ""} | fields).items()}


def save_figures(client, indicator, year=2023, **fields):
    url = reverse("entry:arrondissement_figures", args=[indicator.pk, year]) + f"?annee={year}"
    return client.post(url, figures_post(indicator, year, **fields))


def test_the_entry_page_has_20_figures_for_each_indicator_broken_down(client, agent_8, pilots):
    login(client, agent_8)
    html = client.get(reverse("entry:measure", args=[8]), {"annee": 2022}).content.decode()
    assert "Chiffres 2022 par arrondissement" in html
    prefix = f"arrondissements-{pilots.pk}-2022-"
    assert html.count(f'name="{prefix}arrondissement_') == 20
    assert f'name="{prefix}arrondissement_10" value="1"' in html
    assert f'name="{prefix}arrondissement_14" value="1"' in html
    assert "20e arrondissement" in html


def test_a_measure_without_such_indicator_has_no_such_section(client, editor):
    login(client, editor)
    html = client.get(reverse("entry:measure", args=[1]), {"annee": 2022}).content.decode()
    assert "par arrondissement" not in html


def test_the_figures_are_a_draft_with_empty_arrondissements_left_without_figure(
    client, agent_8, pilots
):
    login(client, agent_8)
    response = save_figures(
        client, pilots, arrondissement_10="1", arrondissement_14="1", arrondissement_18="1"
    )
    assert response.status_code == 302
    draft = ArrondissementFigures.objects.get(indicator=pilots, year=2023)
    assert draft.status == EntryStatus.DRAFT
    figures = draft.figures()
    assert (figures[10], figures[18], figures[19]) == (Decimal(1), Decimal(1), None)
    assert "enregistrés comme brouillon" in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Saisissez le chiffre d&#x27;au moins un arrondissement"),
        ({"arrondissement_3": "-1"}, "ne peut pas être négative"),
        ({"arrondissement_3": "1e3"}, "sans exposant"),
        ({"arrondissement_3": "trois"}, "Saisissez un nombre"),
    ],
)
def test_bad_figures_are_refused_in_french_and_change_nothing(
    client, agent_8, pilots, fields, message
):
    login(client, agent_8)
    response = save_figures(client, pilots, **fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html or message.replace("&#x27;", "'") in html
    assert ArrondissementFigures.objects.filter(year=2023).count() == 0


def test_only_the_measure_s_agents_enter_them_and_only_for_indicators_broken_down(
    client, editor, agent_8, pilots
):
    login(client, editor)  # measures 1 and 2
    assert save_figures(client, pilots, arrondissement_1="2").status_code == 403
    login(client, agent_8)
    other = Indicator.objects.filter(report_row__measure__number=8, by_arrondissement=False)
    assert save_figures(client, other.first(), arrondissement_1="2").status_code == 404
    assert not ArrondissementFigures.objects.filter(year=2023).exists()


def test_the_figures_go_through_the_queue_beside_the_published_ones(client, agent_8, pilots):
    reviewer = make_user("valideur", roles.REVIEWERS)
    login(client, agent_8)
    figures = {"arrondissement_10": "1", "arrondissement_14": "1", "arrondissement_19": "1"}
    save_figures(client, pilots, year=2022, **figures)
    draft = ArrondissementFigures.objects.open().get()
    client.post(reverse("entry:submit", args=["arrondissements", draft.pk]) + "?annee=2022")
    login(client, reviewer)
    html = client.get(reverse("entry:review")).content.decode()
    assert "Chiffres par arrondissement" in html
    assert "10e\xa0: 1 ; 14e\xa0: 1 ; 19e\xa0: 1" in html  # the new figures
    assert "10e\xa0: 1 ; 14e\xa0: 1 ; 0 dans les 18 autres" in html  # the published ones
    note = "Le 19e n'a rejoint la démarche qu'en 2023 (fictif)"
    review(client, "renvoyer", f"arrondissements:{draft.pk}", note=note)
    assert (
        EntryMessage.objects.get(kind="arrondissements", indicator=pilots, year=2022).text == note
    )
    draft.refresh_from_db()
    assert draft.status == EntryStatus.RETURNED
    login(client, agent_8)
    save_figures(
        client,
        pilots,
        year=2022,
        arrondissement_10="1",
        arrondissement_14="1",
        revision=str(draft.revision),
    )
    client.post(reverse("entry:submit", args=["arrondissements", draft.pk]) + "?annee=2022")
    login(client, reviewer)
    review(client, "valider-publier", f"arrondissements:{draft.pk}")
    draft.refresh_from_db()
    assert draft.status == EntryStatus.PUBLISHED
    assert ArrondissementFigures.objects.filter(status=EntryStatus.SUPERSEDED).count() == 1
