"""The plan's whole life in the browser: measure 3 year after year, then the final bilan.

EVERY 2023-2026 FIGURE IN THIS MODULE IS MADE UP (plausible values, not the City's): the
City's report stops at the bilan 2022. Each made-up result says so in its comment, which
the pages show beside it.

A reader goes from the overview to the final bilan and reads measure 3 there, then its
whole period; an administrator downloads the final bilan's workbook from the page and
reads it back.
"""

import io
import re
from datetime import date
from decimal import Decimal as D

import pytest

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import Indicator, YearResult
from measures.models import Plan, ReportingYear, ReportRow
from tests.accounts import make_user
from tests.e2e.labels import entry_label
from tests.e2e.test_journeys import chart_values, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MADE_UP = "Valeur fictive (test) : le rapport de la Ville s'arrête au bilan 2022."
PENSIONS = "Pensions de Famille agréées au cours de la mandature"
PENSIONS_IN_THE_YEAR = "Pensions de Famille agréées dans l'année"
# MADE UP: Pensions de Famille approved since 2021 at the end of each year (8 in 2022 is
# the report's), and those approved in each year (the report gives none).
MADE_UP_PENSIONS = {2023: 11, 2024: 13, 2025: 15, 2026: 18}
MADE_UP_IN_THE_YEAR = {2023: 3, 2024: 2, 2025: 2, 2026: 3}
# MADE UP: measure 3's text of the final bilan.
MADE_UP_FINAL_TEXT = (
    "Texte fictif : **18 Pensions de Famille** agréées sur la durée du plan.\n\n"
    "Second paragraphe fictif du bilan final."
)


def publish_made_up_years():
    plan = Plan.objects.get()
    for year in range(2023, 2027):
        ReportingYear.objects.create(plan=plan, year=year, published_on=date(year + 1, 6, 30))
    for label, values in (
        (PENSIONS, MADE_UP_PENSIONS),
        (PENSIONS_IN_THE_YEAR, MADE_UP_IN_THE_YEAR),
    ):
        indicator = Indicator.objects.get(label=label)
        for year, value in values.items():
            YearResult.objects.create(
                indicator=indicator,
                year=year,
                value=D(value),
                status=EntryStatus.PUBLISHED,
                comment=MADE_UP,
            )


def test_a_reader_follows_measure_3_to_the_end_of_the_plan(journey):
    publish_made_up_years()
    page = journey.page

    journey.visit("/", "vue-d-ensemble")
    with journey.navigating("bilan-final"):
        page.get_by_role("link", name="Bilan final 2021-2026").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Bilan final 2021-2026"
    # Every year is published: nothing says provisional.
    assert page.get_by_text("Bilan provisoire").count() == 0
    table = page.get_by_role(
        "table", name="Indicateurs de « Pensions de Famille » à la fin du plan"
    )
    pensions = table.get_by_role("row").filter(has_text=PENSIONS)
    # 18 ≥ 17 (made up): attained, as of 2026; 18 / 17 = 106 % of the way.
    assert " ".join(pensions.inner_text().split()) == (
        f"{PENSIONS} 17 Pensions de Famille Cible sur la durée du plan, fixée par le plan. "
        "18 Pensions de Famille Valeur de 2026, dernière année du plan. "
        "atteint 106 % du chemin vers la cible."
    )
    # A flow with one yearly target, « au moins 3 » in 2023 (the report's): 2 in 2022 (the
    # report's) + 3 + 2 + 2 + 3 (made up) = 12 in all; 2023's 3 meets its target.
    in_the_year = table.get_by_role("row", name=re.compile(r"^Pensions de Famille agréées dans"))
    words = " ".join(in_the_year.inner_text().split())
    assert "12 Pensions de Famille Somme des résultats annuels publiés de 2021 à 2026." in words
    assert "Sans objectif pour 2021, 2022, 2024, 2025 et 2026" in words
    assert words.endswith("atteint 100 % du chemin vers la cible.")

    journey.visit("/mesures/3/duree/", "mesure-3-duree")
    pensions_id = Indicator.objects.get(label=PENSIONS).pk
    article = page.locator(f"#indicateur-{pensions_id}")
    caption = " ".join(article.locator("figcaption").inner_text().split())
    assert caption.startswith("De 8 Pensions de Famille en 2022 à 18 Pensions de Famille en 2026.")
    year_rows = article.get_by_role("table").get_by_role("row")
    lines = [" ".join(year_rows.nth(i).inner_text().split()) for i in range(1, 7)]
    assert lines[:2] == ["2021 aucune valeur publiée —", "2022 8 Pensions de Famille —"]
    # 2023's target is the report's, « au moins 11 », derived (its derivation follows).
    assert lines[2].startswith("2023 11 Pensions de Famille au moins 11 Pensions de Famille")
    assert lines[3:] == [
        "2024 13 Pensions de Famille —",
        "2025 15 Pensions de Famille —",
        "2026 18 Pensions de Famille —",
    ]
    drawn = chart_values(page, f"figure-duree-{pensions_id}", "Résultat")
    # 2021 has nothing published: a gap in the line, never a 0.
    assert drawn == {2021: None, 2022: 8, **MADE_UP_PENSIONS}

    journey.finish()


def test_an_administrator_downloads_the_final_workbook_from_the_page(journey):
    import openpyxl

    publish_made_up_years()
    make_user("administratrice", roles.ADMINISTRATORS)
    log_in(journey, "administratrice", "saisie-accueil")
    page = journey.page
    journey.visit("/bilan/final/", "bilan-final")
    with page.expect_download() as download:
        page.get_by_role("link", name="Classeur Excel (XLSX)").click()
    assert download.value.suggested_filename == "bilan-final-2021-2026.xlsx"
    with open(download.value.path(), "rb") as file:
        sheet = openpyxl.load_workbook(io.BytesIO(file.read()))["Bilan final 2021-2026"]
    rows = {row[4]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert (rows[PENSIONS][9], rows[PENSIONS][11]) == (18, "atteint")
    assert rows[PENSIONS_IN_THE_YEAR][9] == 12

    # Then freezes it: the confirmation has the focus, the edition's files are listed.
    page.get_by_label("Note d'édition (facultative, par exemple la correction apportée)").fill(
        "Édition de démonstration (fictif)"
    )
    with journey.navigating("bilan-final-publie"):
        page.get_by_role("button", name="Publier et figer le bilan final").click()
    assert page.evaluate("() => document.activeElement.id") == "messages"
    assert "Édition n° 1 du bilan final publiée." in page.locator("#messages").inner_text()
    with page.expect_download() as frozen:
        page.get_by_role("link", name="PDF — édition n° 1").click()
    assert frozen.value.suggested_filename == "bilan-final-2021-2026.pdf"
    journey.finish()


def test_measure_3_s_final_text_goes_from_the_entry_form_to_the_final_bilan(journey):
    """The agent writes it with the texts of 2026, the validator publishes it, a reader
    reads it under measure 3 in the final bilan."""
    publish_made_up_years()
    make_user("agente-3", roles.EDITORS, measures=[3])
    make_user("valideuse", roles.REVIEWERS)
    row = ReportRow.objects.get(measure__number=3, letter="")
    page = journey.page

    log_in(journey, "agente-3", "agente-accueil")
    journey.visit("/saisie/mesures/3/?annee=2026", "saisie-2026")
    form = page.locator(f"form[action*='/saisie/textes/{row.pk}/2026/']")
    assert "à remplir" in form.locator("legend").inner_text()
    form.get_by_label(entry_label("Bilan final du plan (2021-2026)")).fill(MADE_UP_FINAL_TEXT)
    with journey.navigating("saisie-2026-bilan-final"):
        form.get_by_role("button", name=re.compile(r"^Enregistrer le brouillon \(")).click()
    assert "à remplir" not in form.locator("legend").inner_text()
    with journey.navigating("saisie-2026-soumis"):
        page.get_by_role("button", name="Soumettre tous les brouillons de la mesure").click()
    with journey.navigating("deconnexion"):
        page.get_by_role("button", name=re.compile(r"^Se déconnecter")).click()

    log_in(journey, "valideuse", "valideuse-accueil")
    journey.visit("/saisie/validation/", "file")
    item = page.locator(".review-item", has_text="Bilan final du plan")
    assert item.get_by_text("18 Pensions de Famille").is_visible()
    with journey.navigating("file-tout"):
        page.get_by_role("link", name="Tout sélectionner dans les saisies soumises").click()
    with journey.navigating("file-publie"):
        page.get_by_role("button", name="Valider et publier la sélection").click()
    with journey.navigating("deconnexion-valideuse"):
        page.get_by_role("button", name=re.compile(r"^Se déconnecter")).click()

    journey.visit("/bilan/final/", "bilan-final-texte")
    text = page.locator(".final-text")
    assert text.count() == 1
    assert " ".join(text.inner_text().split()) == (
        "Texte fictif : 18 Pensions de Famille agréées sur la durée du plan. "
        "Second paragraphe fictif du bilan final."
    )
    assert text.locator("strong").inner_text() == "18 Pensions de Famille"
    # It follows measure 3's title and comes before its table.
    heading = page.get_by_role("heading", level=3, name=re.compile(r"^Mesure 3 : "))
    assert heading.evaluate("(h, t) => !!(h.compareDocumentPosition(t) & 4)", text.element_handle())
    journey.finish()
