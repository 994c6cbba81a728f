"""A commitment's outcome is an entry like the others: a draft mark, submitted, validated,
published; the public bilan and its files show the published mark only."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.workflow import EntryStatus
from indicators import roles
from indicators.entry import todo
from measures.models import Commitment, CommitmentMark, Plan, ReportingYear, ReportRow
from tests.accounts import login
from tests.entry.actions import review

pytestmark = pytest.mark.django_db

COMMENT = "Soixante-dix conventions signées"


@pytest.fixture(autouse=True)
def _separation_on(settings):
    settings.LDAPLAN_SEPARATION_OF_DUTIES = True


@pytest.fixture
def commitment(seed_plan):
    """A commitment of measure 1 in the (published) bilan 2022, not marked yet."""
    return Commitment.objects.create(
        reporting_year=ReportingYear.objects.get(year=2022),
        report_row=ReportRow.objects.get(measure__number=1),
        position=1,
        text="**Capter 75 logements** Louez solidaire\n\nen 2022",
    )


def mark(client, commitment, outcome="partly_done", comment=COMMENT, revision=""):
    prefix = f"engagement-{commitment.pk}-"
    return client.post(
        reverse("entry:commitment", args=[commitment.pk]),
        {prefix + "outcome": outcome, prefix + "comment": comment, prefix + "revision": revision},
    )


def submit_mark(client, entry):
    """« Soumettre » beside the mark, on the entry page of 2022."""
    return client.post(reverse("entry:submit", args=["engagement", entry.pk]) + "?annee=2022")


def public_bilan(client, exporter) -> tuple[str, str]:
    """What an anonymous reader reads of the bilan 2022, and its JSON file (the exports
    need an account allowed to export)."""
    client.logout()
    page = client.get(reverse("indicators:bilan", args=[2022])).content.decode()
    client.force_login(exporter)
    exported = client.get(reverse("indicators:bilan_export", args=[2022, "json"]))
    assert exported.status_code == 200, exported.status_code
    return page, exported.content.decode("utf-8-sig")


def test_a_mark_is_public_only_once_published(client, editor, reviewer, admin_user, commitment):
    login(client, editor)
    assert mark(client, commitment).status_code == 302
    draft = CommitmentMark.objects.get(commitment=commitment)
    assert draft.status == EntryStatus.DRAFT
    page, exported = public_bilan(client, admin_user)
    assert "Capter 75 logements" in page  # the commitment itself is public, as « à renseigner »
    assert COMMENT not in page
    assert "partiellement réalisé" not in page
    assert COMMENT not in exported
    exported_outcomes = [c["realisation"] for c in json.loads(exported)["engagements"]]
    assert exported_outcomes == ["to_report"]

    login(client, editor)
    assert submit_mark(client, draft).status_code == 302
    login(client, reviewer)
    assert review(client, "valider", f"engagement:{draft.pk}").status_code == 302
    page, exported = public_bilan(client, admin_user)
    assert COMMENT not in page  # validated is not published yet
    login(client, reviewer)
    assert review(client, "publier", f"engagement:{draft.pk}").status_code == 302
    page, exported = public_bilan(client, admin_user)
    assert COMMENT in page
    assert "partiellement réalisé" in page
    assert COMMENT in exported


def test_the_queue_shows_a_mark_as_engagement_with_the_commitment_in_full(
    client, editor, reviewer, commitment
):
    CommitmentMark.objects.create(
        commitment=commitment, outcome="not_done", comment="Rien", status=EntryStatus.PUBLISHED
    )
    login(client, editor)
    mark(client, commitment)
    draft = CommitmentMark.objects.open().get()
    submit_mark(client, draft)
    login(client, reviewer)
    html = client.get(reverse("entry:review")).content.decode()
    assert f'value="engagement:{draft.pk}"' in html
    assert '<span class="badge">Engagement</span>' in html
    # The commitment's whole text (both paragraphs), the old outcome → the new one, comments.
    assert "<strong>Capter 75 logements</strong> Louez solidaire" in html
    assert "en 2022" in html
    assert "Valeur publiée\xa0: non réalisé" in html
    assert "Nouvelle valeur\xa0: partiellement réalisé" in html
    assert COMMENT in html
    assert "Rien" in html
    assert reverse("indicators:measure", args=[1]) in html
    only = client.get(reverse("entry:review"), {"type": "engagement"}).content.decode()
    assert only.count('name="entries"') == 1
    assert (
        client.get(reverse("entry:review"), {"type": "texte"})
        .content.decode()
        .count(f"engagement:{draft.pk}")
        == 0
    )


def test_the_author_of_a_mark_may_not_validate_it(client, editor, commitment):
    editor.groups.add(Group.objects.get(name=roles.REVIEWERS))
    login(client, editor)
    mark(client, commitment)
    draft = CommitmentMark.objects.get()
    submit_mark(client, draft)
    response = review(client, "valider-publier", f"engagement:{draft.pk}")
    draft.refresh_from_db()
    assert draft.status == EntryStatus.SUBMITTED
    assert "séparation des tâches" in response.content.decode()


def test_submit_all_drafts_of_the_measure_includes_marks(client, editor, commitment):
    login(client, editor)
    mark(client, commitment)
    response = client.post(reverse("entry:submit_all", args=[1]) + "?annee=2022")
    assert response.status_code == 302
    assert CommitmentMark.objects.get().status == EntryStatus.SUBMITTED


def test_a_commitment_is_left_to_fill_until_it_has_a_mark(client, editor, commitment):
    plan = Plan.objects.get()
    rows = ReportRow.objects.filter(measure__number=1)

    def left() -> int:
        board = todo.left_to_fill(plan, rows, 2022, next_year_in_plan=True)
        return board[("measure", commitment.report_row.measure_id)].commitments.count

    assert left() == 1
    login(client, editor)
    page = client.get(reverse("entry:measure", args=[1]), {"annee": "2022"})
    before = page.context["missing_count"]
    mark(client, commitment)
    assert left() == 0
    page = client.get(reverse("entry:measure", args=[1]), {"annee": "2022"})
    assert page.context["missing_count"] == before - 1


def test_to_report_is_not_a_mark(client, editor, commitment):
    login(client, editor)
    response = mark(client, commitment, outcome="to_report")
    assert response.status_code == 400
    assert not CommitmentMark.objects.exists()


def test_the_entry_page_reads_the_marks_in_one_query_however_many(
    client, editor, commitment, django_assert_num_queries
):
    login(client, editor)
    url = reverse("entry:measure", args=[1])
    # The page's 11 queries for a superuser (tests/entry/test_page.py), 3 more for an agent
    # (its permissions, own and groups', and its assignment to the measure), and one for the
    # commitments' marks (prefetched: no query when the year has no commitment): 15; the
    # measure's funding sources with their amounts (2): 17; and the pièces justificatives
    # of the page's entries (1): 18.
    client.get(url, {"annee": "2022"})
    with django_assert_num_queries(18):
        client.get(url, {"annee": "2022"})
    for position in range(2, 6):
        more = Commitment.objects.create(
            reporting_year=commitment.reporting_year,
            report_row=commitment.report_row,
            position=position,
            text=f"Engagement {position}",
        )
        CommitmentMark.objects.create(commitment=more, outcome="done", status=EntryStatus.DRAFT)
    with django_assert_num_queries(18):
        response = client.get(url, {"annee": "2022"})
    assert response.content.decode().count("badge entry-draft") >= 4
