"""A reader follows measure 8's pilot arrondissements from the measure to their map, moves
across the map with the keyboard, then shares it: every page drawn from the site's own
files (no tile, no map server), accessible at both widths (axe-core), and its CSV."""

import pytest

from indicators.models import Indicator

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PILOTS = "Arrondissements engagés dans une démarche pilote de premier accueil"


def test_a_reader_reads_the_map_by_keyboard_and_shares_it(journey):
    page = journey.page
    pilots = Indicator.objects.get(label=PILOTS)
    journey.visit("/mesures/8/?annee=2022", "mesure-8")
    with journey.navigating("carte-pilotes"):
        page.get_by_role("link", name=f"Carte et tableau par arrondissement — {PILOTS}").click()
    assert page.url.endswith(f"/indicateurs/{pilots.pk}/arrondissements/")
    lead = page.locator("p.lead").inner_text()
    assert "2 arrondissements sur 20 ont engagé une démarche pilote" in lead
    image = page.get_by_role("img", name=f"{PILOTS} en 2022, par arrondissement")
    assert image.count() == 1
    # Each arrondissement is a stop of the keyboard, named by its figure.
    areas = page.locator("svg.arrondissement-map [tabindex='0']")
    assert areas.count() == 20
    areas.first.focus()
    focused = page.evaluate("document.activeElement.querySelector('title').textContent")
    assert focused.startswith("1er")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.querySelector('title').textContent")
    assert focused.startswith("2e")
    row = page.locator("table tr", has=page.locator("th", has_text="10e"))
    assert row.locator("td").inner_text() == "1"
    with journey.navigating("integrer-carte-pilotes"):
        page.get_by_role("link", name="Partager ou intégrer cette carte", exact=False).click()
    assert page.get_by_role("navigation").count() == 0
    assert page.locator("svg.arrondissement-map path").count() >= 20
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger ces données (CSV)").click()
    lines = download.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert "10e;1" in lines
    assert "14e;1" in lines
