"""The yearly campaign in a browser: an administrator sets the calendar of 2023 (a mistake
first, refused in French), then reads the completeness board, filters it and downloads it.

Today is 1 April 2024 for the server (``timezone.localdate`` patched in this process, where
the live server runs): the collection closed on 31 March, so what is missing is late.
"""

import csv
import io
from datetime import date

import pytest
from django.utils import timezone

from indicators import roles
from measures.models import ReportingYear
from tests.accounts import make_user
from tests.e2e.test_journeys import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
NBSP = "\xa0"


def test_admin_sets_the_calendar_then_reads_the_board(journey, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2024, 4, 1))
    plan = ReportingYear.objects.get(year=2022).plan
    ReportingYear.objects.create(plan=plan, year=2023)
    admin = make_user("administratrice", roles.ADMINISTRATORS)
    admin.is_staff = True
    admin.save()
    page = journey.page
    log_in(journey, "administratrice", "saisie-accueil")
    assert "Calendrier de la campagne non fixé" in page.locator("#campagne").inner_text()

    with journey.navigating("calendrier"):
        page.get_by_role("link", name="Calendrier de la campagne 2023").click()
    page.get_by_label("Ouverture de la collecte").fill("2024-01-08")
    # A slip: the collection closing before it opens.
    page.get_by_label("Clôture de la collecte").fill("2023-12-31")
    with journey.navigating("calendrier-erreur", status=400):
        page.get_by_role("button", name="Enregistrer le calendrier").click()
    assert "La collecte doit ouvrir avant sa clôture." in page.locator("main").inner_text()
    assert ReportingYear.objects.get(year=2023).collection_opens_on is None

    page.get_by_label("Clôture de la collecte").fill("2024-03-31")
    page.get_by_label("Date limite de validation").fill("2024-05-31")
    page.get_by_label("Publication prévue le").fill("2024-07-01")
    with journey.navigating("calendrier-enregistre"):
        page.get_by_role("button", name="Enregistrer le calendrier").click()
    main = page.locator("main").inner_text()
    assert "Calendrier de la campagne 2023 enregistré." in main
    assert f"Collecte close, validation jusqu'au 31{NBSP}mai 2024 — 60 jours restants" in main
    assert f"31{NBSP}mars 2024" in page.locator("table").inner_text()  # the change, listed

    with journey.navigating("avancement"):
        page.get_by_role("link", name="Avancement").click()
    total = page.locator("#total").inner_text()
    assert total.endswith(f"{NBSP}% validé"), total
    # Nothing of 2023 is entered yet: every measure misses something, late.
    rows = page.locator("table.board-table tbody tr")
    assert rows.count() == 13  # the 12 measures and the row without a number
    assert page.locator("table.board-table .badge.late").count() == 13

    page.get_by_label("Axe").select_option("3")
    with journey.navigating("avancement-axe-3"):
        page.get_by_role("button", name="Filtrer").click()
    assert rows.count() == 2  # measures 7 and 8
    with journey.navigating("avancement-tri"):
        page.get_by_role("link", name="Attendu").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    content = download_info.value.path().read_bytes().decode("utf-8")
    assert content.startswith("\ufeffAxe;Mesure;")
    lines = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    # As shown: axis 3 only, sorted by what is expected.
    assert {line[0] for line in lines[1:-1]} == {"3"}
    expected = [int(line[4]) for line in lines[1:-1]]
    assert expected == sorted(expected)
    assert lines[-1][2] == "Total"

    with journey.navigating("saisie-mesure"):
        page.locator("table.board-table tbody th a").first.click()
    assert "saisie en retard" in page.locator("main").inner_text()
