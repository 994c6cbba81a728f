"""The four journeys of the plan's users, in a real browser, then one by keyboard alone.

See conftest.py for what is checked on every page (charts, axe-core, console,
other hosts) and where the screenshots go.
"""

import io
import re
from decimal import Decimal as D

import docx
import openpyxl
import pytest

from core.entries import transition
from core.workflow import SUBMIT, EntryStatus
from indicators import roles
from indicators.entry.services import record_year
from indicators.models import Indicator, YearResult
from tests.accounts import PASSWORD, make_user
from tests.e2e.labels import entry_label

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LOUEZ_SOLIDAIRE = "Logements Louez solidaire captés dans l'année"
NUMBER_ERROR = "Saisissez un nombre, par exemple 1 910 ou 12,5."


def louez_solidaire() -> Indicator:
    return Indicator.objects.select_related("report_row__measure__axis").get(label=LOUEZ_SOLIDAIRE)


def log_in(journey, username: str, landing: str):
    """Through the login page, to the page it leads to (named ``landing``)."""
    page = journey.page
    journey.visit("/connexion/", "connexion")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    with journey.navigating(landing):
        page.get_by_role("button", name="Se connecter").click()


def chart_values(page, dom_id: str, trace_name: str) -> dict:
    """{year: value} of a drawn trace, read from the chart Plotly drew."""
    pairs = page.evaluate(
        """([domId, name]) => {
            const trace = document.querySelector(`[data-figure="${domId}"]`).data
                .find(t => t.name === name);
            return trace.x.map((x, i) => [x, trace.y[i]]);
        }""",
        [dom_id, trace_name],
    )
    return {int(year): value for year, value in pairs}


def test_partner_follows_the_plan_from_the_overview_to_a_measure(journey):
    page = journey.page
    journey.visit("/", "vue-d-ensemble")
    # The browser asks for English; the site stays French.
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator("[id^='headline-'] svg[role='img']").count() >= 4

    with journey.navigating("axe-1"):
        page.get_by_role("navigation", name="Navigation principale").get_by_role(
            "link", name="Axe 1", exact=True
        ).click()
    axis_indicators = Indicator.objects.filter(report_row__ambition__axis__number=1).count()
    assert page.locator("[data-figure^='figure-']").count() == axis_indicators
    # Louez solidaire: 73 captured in 2022 against a target of 75, drawn as a bar.
    figure = f"figure-{louez_solidaire().pk}"
    assert chart_values(page, figure, "Résultat")[2022] == 73
    chart = page.locator(f"[data-figure='{figure}']")
    assert chart.locator(".bartext", has_text="73").count() == 1
    details = chart.locator("xpath=..").locator("details")
    details.locator("summary").click()
    assert details.get_by_role("table").is_visible()

    with journey.navigating("mesure-3"):
        page.get_by_role("link", name=re.compile(r"^Mesure 3 : ")).first.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Mesure 3")
    assert page.get_by_text("8\u00a0Pensions de Famille sur un objectif de 17").count()

    # The switcher on the page: the same measure in English, the figures the English way.
    with journey.navigating("measure-3-english"):
        page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Measure 3")
    assert page.get_by_text("out of a target of 17 by 2026, that is 47%").count()
    with journey.navigating("mesure-3-francais"):
        page.get_by_role("button", name="Français").click()
    assert page.locator("html").get_attribute("lang") == "fr"


def test_editor_corrects_a_mistake_then_submits_a_result(journey):
    make_user("agent", roles.EDITORS, measures=[1, 2])
    indicator = louez_solidaire()
    page = journey.page
    log_in(journey, "agent", "saisie")

    with journey.navigating("saisie-mesure-1-2022"):
        page.get_by_role("link", name=re.compile(r"^Mesure 1\s: ")).click()
    page.get_by_label("Année", exact=True).select_option("2023")
    with journey.navigating("saisie-mesure-1-2023"):
        page.get_by_role("button", name="Afficher").click()

    form = page.locator(f"form[action*='/saisie/indicateurs/{indicator.pk}/2023/']")
    result = form.get_by_label(entry_label("Résultat 2023"))
    result.fill("8O")  # a letter O instead of a zero
    with journey.navigating("saisie-erreur", status=400):
        form.get_by_role("button", name="Enregistrer le brouillon").click()
    assert page.title().startswith("Erreur\xa0:")
    form = page.locator(f"form[action*='/saisie/indicateurs/{indicator.pk}/2023/']")
    assert form.get_by_role("alert").is_visible()
    assert form.get_by_text(NUMBER_ERROR, exact=True).is_visible()
    result = form.get_by_label(entry_label("Résultat 2023"))
    assert result.get_attribute("aria-invalid") == "true"
    assert not YearResult.objects.filter(indicator=indicator, year=2023).exists()

    result.fill("80")
    with journey.navigating("saisie-brouillon"):
        form.get_by_role("button", name="Enregistrer le brouillon").click()
    # The confirmation is just above the form saved, where the page opens, and has the focus.
    saved = page.locator(f"#indicateur-{indicator.pk}").get_by_role("status")
    assert saved.get_by_text("Résultat 2023 de").is_visible()
    assert saved.get_by_text("enregistré comme brouillon").is_visible()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "status"
    draft = YearResult.objects.get(indicator=indicator, year=2023)
    assert (draft.value, draft.status) == (D(80), EntryStatus.DRAFT)

    with journey.navigating("saisie-soumise"):
        page.get_by_role("button", name="Soumettre tous les brouillons de la mesure").click()
    draft.refresh_from_db()
    assert draft.status == EntryStatus.SUBMITTED


def test_reviewer_validates_and_publishes_then_the_public_chart_shows_it(journey):
    editor = make_user("agent", roles.EDITORS, measures=[1])
    make_user("valideur", roles.REVIEWERS)
    indicator = louez_solidaire()
    recorded = record_year(indicator, 2023, user=editor, result=D(80))
    transition(YearResult, recorded.result.pk, SUBMIT, user=editor)
    page = journey.page

    log_in(journey, "valideur", "saisie-validateur")
    with journey.navigating("file-de-validation"):
        page.get_by_role("link", name="Ouvrir la file de validation").click()
    entry = f"{LOUEZ_SOLIDAIRE} — 2023"
    page.get_by_label(entry).check()
    with journey.navigating("validee"):
        page.get_by_role("button", name="Valider la sélection").click()
    page.get_by_label(entry).check()
    with journey.navigating("publiee"):
        page.get_by_role("button", name="Publier la sélection").click()
    recorded.result.refresh_from_db()
    assert recorded.result.status == EntryStatus.PUBLISHED

    with journey.navigating("deconnexion"):
        page.get_by_role("button", name=re.compile(r"^Se déconnecter")).click()
    journey.visit(f"/axes/{indicator.report_row.measure.axis.number}/?annee=2023", "axe-1-2023")
    figure = f"figure-{indicator.pk}"
    assert chart_values(page, figure, "Résultat")[2023] == 80
    assert page.locator(f"[data-figure='{figure}'] .bartext", has_text="80").count() == 1


def test_admin_downloads_the_bilan_as_xlsx_and_docx(journey, tmp_path):
    admin = make_user("administratrice", roles.ADMINISTRATORS)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    page = journey.page
    log_in(journey, "administratrice", "saisie-admin")
    with journey.navigating("bilan-2022"):
        page.get_by_role("contentinfo").get_by_role("link", name="Le bilan annuel").click()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Classeur Excel (XLSX)").click()
    xlsx = download_info.value
    assert xlsx.suggested_filename == "bilan-2022-perspectives-2023.xlsx"
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.path().read_bytes()))
    first_row = [cell.value for cell in next(workbook.worksheets[0].iter_rows(max_row=1))]
    assert first_row[0] == "Ambition de la Ville 2021-2026"
    assert "Indicateurs" in workbook.sheetnames

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Document Word (DOCX)").click()
    document_file = download_info.value
    assert document_file.suggested_filename == "bilan-2022-perspectives-2023.docx"
    document = docx.Document(io.BytesIO(document_file.path().read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Bilan 2022" in text


# --- Keyboard only ------------------------------------------------------------------------

FOCUSED = """() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(), id: el.id, text: el.textContent.trim().slice(0, 80),
        // Within the window, give or take the pixel a fractional layout rounds off.
        inView: box.width > 0 && box.height > 0 && box.left >= -1 && box.top >= -1
            && box.right <= window.innerWidth + 1 && box.bottom <= window.innerHeight + 1,
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def press_tab(page) -> dict:
    """Tab once; what gets the focus must be on screen and show it."""
    page.keyboard.press("Tab")
    element = focused(page)
    assert element["inView"], f"focus hors de l'écran : {element}"
    assert element["outline"], f"focus invisible : {element}"
    return element


def tab_to(page, selector: str, limit: int = 120) -> dict:
    """Tab until the focus is on ``selector`` (if it is not there yet), in the page's order."""
    if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
        return focused(page)
    for _ in range(limit):
        element = press_tab(page)
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return element
    raise AssertionError(f"{selector} n'est pas atteint en {limit} tabulations")


def in_reading_order(page):
    """No positive tabindex: the tab order is the order of the page."""
    assert page.locator("[tabindex]:not([tabindex='0']):not([tabindex='-1'])").count() == 0


def test_editor_journey_by_keyboard_alone(journey):
    make_user("agent", roles.EDITORS, measures=[1, 2])
    indicator = louez_solidaire()
    result_field = f"#id_ind-{indicator.pk}-2023-result_value"
    page = journey.page
    journey.visit("/connexion/", "connexion")
    in_reading_order(page)

    # Django's login form puts the focus in its first field.
    assert focused(page)["id"] == "id_username"
    page.keyboard.type("agent")
    assert press_tab(page)["id"] == "id_password"
    page.keyboard.type(PASSWORD)
    with journey.navigating("saisie"):
        page.keyboard.press("Enter")

    # The skip link comes first, shows itself and leads to the content.
    first = press_tab(page)
    assert first["text"] == "Aller au contenu", first
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "contenu"
    assert press_tab(page)["text"].startswith("Mesure 1\xa0: ")
    with journey.navigating("saisie-mesure-1-2022"):
        page.keyboard.press("Enter")
    in_reading_order(page)
    tab_to(page, "#annee")
    page.keyboard.press("ArrowDown")
    assert page.locator("#annee").input_value() == "2023"
    tab_to(page, ".year-selector button")
    with journey.navigating("saisie-mesure-1-2023"):
        page.keyboard.press("Enter")

    tab_to(page, result_field)
    page.keyboard.type("8O")
    with journey.navigating("saisie-erreur", status=400):
        page.keyboard.press("Enter")  # submits the form the field belongs to
    # The error is announced: in the title, in an alert, and the page opens at the form.
    assert page.title().startswith("Erreur\xa0:")
    article = page.locator(f"#indicateur-{indicator.pk}")
    assert article.get_by_role("alert").is_visible()
    assert article.get_by_text(NUMBER_ERROR, exact=True).is_visible()
    press_tab(page)
    assert page.evaluate(
        "(id) => document.getElementById(id).contains(document.activeElement)",
        f"indicateur-{indicator.pk}",
    ), "la tabulation ne reprend pas au formulaire en erreur"

    tab_to(page, result_field)
    page.keyboard.press("Control+A")
    page.keyboard.type("80")
    with journey.navigating("saisie-brouillon"):
        page.keyboard.press("Enter")
    assert article.get_by_role("status").get_by_text("enregistré comme brouillon").is_visible()

    tab_to(page, f"#indicateur-{indicator.pk} .entry-states button")
    with journey.navigating("saisie-soumise"):
        page.keyboard.press("Enter")
    assert page.get_by_role("status").get_by_text("Saisie soumise à validation.").is_visible()
    submitted = YearResult.objects.get(indicator=indicator, year=2023)
    assert (submitted.value, submitted.status) == (D(80), EntryStatus.SUBMITTED)
