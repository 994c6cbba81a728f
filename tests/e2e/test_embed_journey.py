"""A reader shares a chart: from axis 1's chart data to its embed page, drawn from the
site's own files only, accessible at both widths (axe-core), and its CSV."""

import pytest

from indicators.models import Indicator

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LOUEZ = "Logements Louez solidaire captés dans l'année"


def test_a_reader_opens_a_chart_s_embed_page_and_downloads_its_data(journey):
    page = journey.page
    louez = Indicator.objects.get(label=LOUEZ)
    journey.visit("/axes/1/?annee=2022", "axe-1")
    figure = page.locator(f"figure:has([data-figure='figure-{louez.pk}'])")
    figure.locator("summary", has_text="Données du graphique").click()
    with journey.navigating("integrer-louez-solidaire"):
        figure.get_by_role("link", name=f"Partager ou intégrer ce graphique — {LOUEZ}").click()
    assert page.get_by_role("heading", level=1).inner_text() == LOUEZ
    assert page.locator("[data-drawn]").count() == 1
    assert page.get_by_role("navigation").count() == 0
    back = page.get_by_role("link", name="Voir sur le tableau de bord", exact=False)
    assert back.get_attribute("target") == "_top"
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger ces données (CSV)").click()
    content = download.value.path().read_text(encoding="utf-8-sig")
    assert content.splitlines()[1] == "Année;Objectif;Résultat;Source;Commentaire"
