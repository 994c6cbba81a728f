"""A funding source's yearly amounts are an entry like the others: typed on the entry page
the French way, saved as a draft, submitted, reviewed in the queue, then published.

The 2022 amounts are the report's (365 000 € from the AMI LDA, 365 000 € from the City
for Louez solidaire); every 2023 amount and message here is made up: « fictif ».
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.workflow import EntryStatus
from indicators.entry.exchanges import ThreadKey
from indicators.models import EntryMessage
from measures.models import FundingAmount, FundingSource
from tests.accounts import login
from tests.entry.actions import review

pytestmark = pytest.mark.django_db


@pytest.fixture
def ami_lda(seed_plan):
    """The Dihal's funding of Louez solidaire through the AMI LDA (measure 1)."""
    return FundingSource.objects.get(programme="AMI LDA")


def amounts_post(source, year, **fields):
    prefix = f"financement-{source.pk}-{year}-"
    return {prefix + name: value for name, value in fields.items()}


def save_amounts(client, source, year=2023, page_year=None, **fields):
    url = reverse("entry:funding_year", args=[source.pk, year])
    data = amounts_post(source, year, **({"revision": ""} | fields))
    return client.post(f"{url}?annee={page_year or year}", data)


def entry_page(client, year):
    return client.get(reverse("entry:measure", args=[1]), {"annee": year}).content.decode()


def test_the_entry_page_shows_each_source_with_its_published_amounts_typed_the_french_way(
    client, editor
):
    login(client, editor)
    html = entry_page(client, 2022)
    assert "Financements 2022" in html
    assert ">Dihal</abbr> — " in html  # the glossary explains the acronym
    assert "AMI LDA" in html
    # Both sources' forms open on the published 365 000 €, never « 365000.00 ».
    for source in (1, 2):
        assert f'name="financement-{source}-2022-planned" value="365 000"' in html
    assert "365000.00" not in html
    assert html.count("Financement 2022") == 2  # « Financement 2022 : publié »


def test_a_saved_amount_is_a_draft_and_the_public_keeps_the_published_one(client, editor, ami_lda):
    login(client, editor)
    response = save_amounts(client, ami_lda, planned="365 000", spent="120 000,50")
    assert response.status_code == 302
    draft = FundingAmount.objects.get(source=ami_lda, year=2023)
    assert (draft.status, draft.planned, draft.spent) == (
        EntryStatus.DRAFT,
        Decimal("365000"),
        Decimal("120000.50"),
    )
    html = client.get(response.url).content.decode()
    assert "Montants 2023 du financement" in html
    assert "enregistrés comme brouillon" in html


def test_an_unchanged_save_writes_nothing(client, editor, ami_lda):
    login(client, editor)
    response = save_amounts(
        client, ami_lda, year=2022, planned="365 000", comment="« 365 000 € par an » (bilan 2022)."
    )
    assert response.status_code == 302
    assert not FundingAmount.objects.open().exists()
    assert "Aucune modification" in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"planned": "", "spent": ""},
            "Indiquez le montant prévu, le montant dépensé, ou les deux",
        ),
        ({"planned": "-5"}, "Un montant ne peut pas être négatif"),
        ({"planned": "3.65E+5"}, "sans exposant"),
        ({"spent": "12,345"}, "Deux décimales au plus"),
        ({"planned": "deux cents"}, "Saisissez"),
    ],
)
def test_bad_amounts_are_refused_in_french_and_change_nothing(
    client, editor, ami_lda, fields, message
):
    login(client, editor)
    response = save_amounts(client, ami_lda, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert FundingAmount.objects.count() == 2  # the report's two, nothing more


def test_an_agent_of_another_measure_may_not_enter_it(client, other_editor, ami_lda):
    login(client, other_editor)
    assert save_amounts(client, ami_lda, planned="1").status_code == 403
    assert FundingAmount.objects.count() == 2


def test_an_unknown_source_or_a_year_outside_the_plan_is_not_found(client, editor, ami_lda):
    login(client, editor)
    url = reverse("entry:funding_year", args=[999, 2023])
    assert client.post(url, amounts_post(ami_lda, 2023, planned="1")).status_code == 404
    assert save_amounts(client, ami_lda, year=2031, planned="1").status_code == 404


def test_the_year_of_a_funding_goes_from_the_agent_to_the_public_through_the_queue(
    client, editor, reviewer, ami_lda
):
    """Enter, submit, see it in the queue beside the published figure, return it with a
    note, correct, submit again, validate and publish: the old amount is superseded."""
    login(client, editor)
    save_amounts(client, ami_lda, year=2022, page_year=2022, planned="365 000", spent="300 000")
    draft = FundingAmount.objects.open().get()
    submitted = client.post(reverse("entry:submit", args=["financement", draft.pk]) + "?annee=2022")
    assert submitted.status_code == 302
    login(client, reviewer)
    # Read with plain spaces: figures and French punctuation keep theirs unbreakable.
    queue = client.get(reverse("entry:review")).content.decode().replace("\xa0", " ")
    assert "Montants d&#x27;un financement" in queue or "Montants d'un financement" in queue
    assert "prévu : 365 000 € ; dépensé : 300 000 €" in queue
    assert "Valeur publiée : prévu : 365 000 €" in queue  # the amount it replaces
    note = "Le montant dépensé est celui de 2021 (fictif)"
    review(client, "renvoyer", f"financement:{draft.pk}", note=note)
    draft.refresh_from_db()
    assert draft.status == EntryStatus.RETURNED
    # The note becomes a message of the funding's thread, shown on the agent's page.
    message = EntryMessage.objects.get(kind="financement")
    assert (message.funding_source_id, message.year, message.text) == (ami_lda.pk, 2022, note)
    login(client, editor)
    assert note in entry_page(client, 2022)
    save_amounts(
        client,
        ami_lda,
        year=2022,
        page_year=2022,
        planned="365 000",
        spent="280 000",
        revision=str(draft.revision),
    )
    client.post(reverse("entry:submit", args=["financement", draft.pk]) + "?annee=2022")
    login(client, reviewer)
    review(client, "valider-publier", f"financement:{draft.pk}")
    published = FundingAmount.objects.get(source=ami_lda, year=2022, status="published")
    assert published.pk == draft.pk
    assert published.spent == Decimal("280000")
    old = FundingAmount.objects.get(source=ami_lda, year=2022, status="superseded")
    assert old.spent is None


def test_submit_all_submits_the_funding_drafts_of_the_year(client, editor, ami_lda):
    login(client, editor)
    save_amounts(client, ami_lda, planned="10 000")
    response = client.post(reverse("entry:submit_all", args=[1]) + "?annee=2023")
    assert response.status_code == 302
    assert FundingAmount.objects.get(year=2023).status == EntryStatus.SUBMITTED


def test_a_message_about_a_funding_is_posted_on_its_thread(client, editor, ami_lda):
    login(client, editor)
    key = ThreadKey("financement", ami_lda.pk, 2022)
    url = reverse("entry:exchange_year", args=["financement", ami_lda.pk, 2022]) + "?annee=2022"
    text = "Convention signée en mars (fictif)"
    response = client.post(url, {key.anchor + "-text": text})
    assert response.status_code == 302
    assert EntryMessage.objects.get(kind="financement", funding_source=ami_lda).text == text
    assert text in entry_page(client, 2022)


def test_a_measure_without_funding_says_where_sources_come_from(client, editor):
    login(client, editor)
    html = client.get(reverse("entry:measure", args=[2]), {"annee": 2022}).content.decode()
    assert "Aucune source de financement n&#x27;est déclarée" in html or (
        "Aucune source de financement n'est déclarée" in html
    )


def test_a_funding_change_is_in_the_measure_history_with_the_amounts_before(
    client, editor, ami_lda
):
    login(client, editor)
    save_amounts(client, ami_lda, planned="10 000")
    draft = FundingAmount.objects.get(year=2023)
    save_amounts(client, ami_lda, planned="12 000", revision=str(draft.revision))
    html = client.get(reverse("indicators:measure", args=[1])).content.decode()
    history = html[html.index("Historique des modifications") :].replace("\xa0", " ")
    assert "Financement 2023" in history
    assert "prévu : 10 000 €" in history  # the amount before
    assert "prévu : 12 000 €" in history
