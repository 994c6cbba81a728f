"""Where the campaign stands, on staff pages only: the banner, the agent's own figures, and
« saisie en retard » after the collection closed — never on public or partner pages."""

from datetime import date
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators import roles
from measures.models import ReportingYear
from tests.accounts import login, make_user
from tests.campaign.campaign_world import make_campaign

pytestmark = pytest.mark.django_db
NBSP = "\xa0"
LATE = "saisie en retard"
BANNER = (
    f"Collecte ouverte jusqu'au 31{NBSP}mars 2024 — 12 jours restants — "
    f"publication prévue le 1er{NBSP}juillet 2024"
)


def on(monkeypatch, day: date):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def text(response) -> str:
    assert response.status_code == 200
    return unescape(response.content.decode())


@pytest.fixture
def world():
    return make_campaign()


def test_the_agent_home_shows_the_banner_and_their_own_figures(client, world, monkeypatch):
    on(monkeypatch, date(2024, 3, 19))
    login(client, world.alice)
    response = client.get(reverse("entry:home"))
    html = text(response)
    assert BANNER in html
    # Alice's measure 1 alone: 5 of 7 entered (71 %), 2 of 7 validated or published (29 %).
    assert f"71{NBSP}% saisi, 29{NBSP}% validé" in html
    assert (
        f"attendu{NBSP}: 7 · saisi{NBSP}: 5 · soumis{NBSP}: 1 · renvoyé{NBSP}: 1 · "
        f"validé{NBSP}: 1 · publié{NBSP}: 1"
    ) in html
    # Bob's measure is not hers.
    assert [measure.number for measure, _to_fill in response.context["measures"]] == [1]
    assert "Mesure 2" not in html
    assert LATE not in html


def test_after_the_closing_date_the_home_marks_what_is_missing_late(client, world, monkeypatch):
    on(monkeypatch, date(2024, 4, 1))
    login(client, world.alice)
    html = text(client.get(reverse("entry:home")))
    assert f"Collecte close, validation jusqu'au 31{NBSP}mai 2024 — 60 jours restants" in html
    assert html.count(LATE) == 1


def test_the_entry_page_marks_each_missing_form_late_after_the_closing_date(
    client, world, monkeypatch
):
    login(client, world.alice)
    page = reverse("entry:measure", args=[1]) + "?annee=2023"
    on(monkeypatch, date(2024, 3, 31))  # the last day of the collection: not late yet
    html = text(client.get(page))
    assert "Collecte ouverte jusqu'au 31" in html
    assert "dernier jour" in html
    assert LATE not in html
    on(monkeypatch, date(2024, 4, 1))
    # Missing: i2's target 2024 and c1's mark; once beside the page's count, once on each.
    assert text(client.get(page)).count(LATE) == 1 + 2


def test_the_review_queue_shows_the_banner(client, world, monkeypatch):
    on(monkeypatch, date(2024, 3, 19))
    login(client, make_user("valideur", roles.REVIEWERS))
    assert BANNER in text(client.get(reverse("entry:review")))


def test_a_progress_status_en_retard_is_not_a_late_entry(client, world, monkeypatch):
    """« en retard » (an indicator behind its target) and « saisie en retard » (an entry
    missing after the collection closed) are two words: the board never says the first."""
    on(monkeypatch, date(2024, 4, 1))
    login(client, make_user("valideur", roles.REVIEWERS))
    html = text(client.get(reverse("entry:completeness")))
    assert html.count("en retard") == html.count(LATE)


@pytest.mark.parametrize("reader", ["anonymous", "partner", "agent"])
def test_public_and_partner_pages_never_show_the_campaign(client, seed_plan, monkeypatch, reader):
    # 2023 opened with a calendar long past: on staff pages, everything missing is late.
    ReportingYear.objects.create(
        plan=ReportingYear.objects.get(year=2022).plan,
        year=2023,
        collection_opens_on=date(2024, 1, 8),
        collection_closes_on=date(2024, 3, 31),
        validation_deadline=date(2024, 5, 31),
        planned_publication_on=date(2024, 7, 1),
    )
    on(monkeypatch, date(2024, 4, 15))
    if reader == "partner":
        login(client, make_user("partenaire", roles.PARTNERS))
    elif reader == "agent":
        login(client, make_user("agent", roles.EDITORS, measures=[1]))
    for url in (
        reverse("indicators:overview"),
        reverse("indicators:overview") + "?annee=2023",
        reverse("indicators:axis", args=[1]),
        reverse("indicators:measure", args=[1]) + "?annee=2023",
        reverse("indicators:bilan", args=[2022]),
        reverse("indicators:bilan", args=[2023]),
    ):
        html = text(client.get(url))
        assert LATE not in html, url
        assert "campaign-banner" not in html, url
        assert "Collecte close" not in html, url
    if reader == "agent":
        # The same agent's staff page does show it: the test above is not vacuous.
        assert LATE in text(client.get(reverse("entry:home")))
