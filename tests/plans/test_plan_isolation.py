"""Nothing mixes two plans that share measure numbers: queues, boards, entry pages,
open data, API, and the links and files of editions.

The successor 2027-2032 and its figures are made up for these tests (« fictif »).
"""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from core.workflow import EntryStatus
from indicators import plans, roles
from indicators.bilan.editions import publish_edition
from indicators.entry import queue
from indicators.models import Indicator
from measures.models import Measure
from tests.accounts import make_user
from tests.helpers import main_text
from tests.plans.conftest import SUCCESSOR_TITLE, main_text_of, plan_path

pytestmark = pytest.mark.django_db


def test_the_queue_and_its_count_are_of_one_plan(seeded, successor, two_submissions):
    for plan in (seeded, successor):
        listed = queue.review_items(plan=plan)[EntryStatus.SUBMITTED]
        assert [item.entry.pk for item in listed] == [two_submissions[plan.pk].pk]
        assert queue.submitted_count(plan) == 1


def test_a_validator_cannot_act_on_another_plan_s_entry(client, seeded, successor, two_submissions):
    validator = make_user("valideur", roles.REVIEWERS)
    client.force_login(validator)
    other = two_submissions[successor.pk]
    # At the addresses without prefix (the seed, current), the successor's entry is unknown.
    response = client.post(
        reverse("entry:review"), {"entries": [f"resultat:{other.pk}"], "action": "valider"}
    )
    assert response.status_code == 400
    assert "Saisie inconnue" in main_text_of(response.content.decode())
    other.refresh_from_db()
    assert other.status == EntryStatus.SUBMITTED
    # In the successor's space, the same entry is its own.
    page = main_text(client.get(plan_path(successor, "saisie/validation/")))
    assert "22" in page


@override_settings(LDAPLAN_SEPARATION_OF_DUTIES=False)
def test_an_editor_of_measure_3_enters_it_in_the_plan_of_the_page(client, seeded, successor):
    editor = make_user("agent", roles.EDITORS)
    Measure.objects.get(axis__plan=seeded, number=3).editors.add(editor)
    client.force_login(editor)
    assert client.get("/saisie/mesures/3/").status_code == 200
    # The successor copied who enters measure 3 before the editor was added: not this one.
    assert client.get(plan_path(successor, "saisie/mesures/3/")).status_code == 403
    # An indicator of the other plan is not entered from this plan's pages.
    theirs = Indicator.objects.filter(
        report_row__ambition__axis__plan=successor, report_row__measure__number=3
    ).first()
    response = client.post(reverse("entry:indicator_year", args=[theirs.pk, 2022]) + "?annee=2022")
    assert response.status_code == 404


def test_an_edition_s_links_name_its_plan_and_its_files_stay_with_it(client, seeded, successor):
    edition = publish_edition(2022)
    assert f'href="/plans/{seeded.slug}/mesures/1/?annee=2022"' in edition.table_html
    assert 'href="/mesures/' not in edition.table_html
    plans.make_current(successor)
    # The old plan's files at its address; none of them at the successor's.
    frozen = f"bilan/2022/editions/{edition.number}/pdf/"
    pdf = client.get(plan_path(seeded, frozen))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content]) == bytes(
        edition.files.get(format="pdf").content
    )
    assert client.get(f"/{frozen}").status_code == 404
    client.force_login(get_user_model().objects.create_superuser("admin", password=None))
    assert client.get(plan_path(seeded, "bilan/2022/export/pdf/")).status_code == 200
    assert client.get("/bilan/2022/export/pdf/").status_code == 404


def test_open_data_and_the_api_are_of_the_plan_of_the_address(client, seeded, successor):
    seed_csv = client.get("/donnees/valeurs.csv").content.decode("utf-8-sig")
    successor_csv = client.get(plan_path(successor, "donnees/valeurs.csv")).content.decode(
        "utf-8-sig"
    )
    seed_rows = list(csv.DictReader(io.StringIO(seed_csv)))
    successor_rows = list(csv.DictReader(io.StringIO(successor_csv)))
    assert {row["plan"] for row in seed_rows} == {seeded.title}
    assert any(row["valeur"] for row in seed_rows)
    # The successor lists its own indicators, with no figure yet.
    assert {row["plan"] for row in successor_rows} == {SUCCESSOR_TITLE}
    assert not any(row["valeur"] or row["annee"] for row in successor_rows)
    seed_ids = {item["id"] for item in client.get("/api/indicateurs?limit=500").json()["items"]}
    theirs = client.get(plan_path(successor, "api/indicateurs?limit=500")).json()["items"]
    assert len(theirs) == len(seed_ids)
    assert not seed_ids & {item["id"] for item in theirs}
    # An indicator of one plan is not found in the other's API.
    one_of_the_seed = min(seed_ids)
    assert client.get(f"/api/indicateurs/{one_of_the_seed}").status_code == 200
    missing = client.get(plan_path(successor, f"api/indicateurs/{one_of_the_seed}"))
    assert missing.status_code == 404


def test_the_completeness_board_and_the_entry_home_are_of_the_plan_of_the_address(
    client, seeded, successor, two_submissions
):
    validator = make_user("valideur", roles.REVIEWERS)
    client.force_login(validator)
    seed_board = main_text(client.get("/saisie/avancement/"))
    successor_board = main_text(client.get(plan_path(successor, "saisie/avancement/")))
    assert "Avancement de la saisie 2022 " in seed_board
    assert "50 % saisi, 50 % validé" in seed_board
    # The successor's board: its first year, its one submitted result of 36 indicators.
    assert "Avancement de la saisie 2027 " in successor_board
    assert "1 % saisi, 0 % validé" in successor_board
    # Each home counts its own plan's submitted entry only.
    for space in ("", plan_path(successor, "")[:-1]):
        home = main_text(client.get(f"{space}/saisie/"))
        assert "1 saisie attend votre validation" in home, space


def test_a_shared_chart_keeps_showing_its_plan_once_another_is_current(client, seeded, successor):
    page = client.get("/axes/1/?annee=2022").content.decode()
    shared = re.search(r'href="(/plans/[^"]+/integrer/\?annee=2022)"', page).group(1)
    assert shared.startswith(plan_path(seeded))
    before = main_text(client.get(shared))
    plans.make_current(successor)
    # The address another site framed still shows the same chart of the same plan.
    assert main_text(client.get(shared)) == before
    # (Without the prefix, the same indicator is not the current plan's any more.)
    assert client.get(shared.removeprefix(plan_path(seeded)[:-1])).status_code == 404
