"""A whole second reporting year in the browser, from the first keystroke to the published
*Bilan 2023 & perspectives 2024*, with what an anonymous reader sees checked at every step.

An administrator opens 2023; the agents of measures 1, 2 and 3 enter results, a target
of 2024, milestone statuses, the texts of the bilan and the plan d'action and the
commitments' outcomes (one types « 8O » and corrects it); a validator sends one result
back and publishes the rest in one step; the agent corrects it, the validator publishes
it; the administrator publishes the bilan 2023, whose six files are read back.

EVERY 2023 AND 2024 FIGURE, STATUS, TEXT AND COMMENT IN THIS MODULE IS MADE UP (plausible
values, not the City's): the City's report stops at the bilan 2022.

With ``LDAPLAN_WRITE_GUIDE=1`` the journey also copies a few of its screenshots to
``docs/guide/``, where the README's guide for agents and validators shows them.
"""

import os
import re
from dataclasses import dataclass
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.conf import settings

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import Indicator, Milestone, YearResult, YearTarget
from measures.models import BilanEntry, Commitment, ReportingYear, ReportRow
from tests.accounts import make_user
from tests.e2e.conftest import DESKTOP, Journey
from tests.e2e.labels import entry_label
from tests.e2e.second_year_files import check_bilan_2023_files
from tests.e2e.test_journeys import chart_values, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

GUIDE = Path(settings.BASE_DIR) / "docs" / "guide"


@dataclass(frozen=True)
class MadeUpMeasure:
    """What one agent enters for one measure in 2023. MADE UP."""

    number: int
    agent: str
    indicator: str
    result: str  # as typed, the French way
    next_target: str | None  # the 2024 target, as typed
    milestone_status: str | None  # the label chosen for the measure's 2023 milestone
    bilan_text: str
    action_plan_text: str
    commitment_comment: str


MADE_UP = (
    MadeUpMeasure(
        1,
        "agent-mesure-1",
        "Logements Louez solidaire captés dans l'année",
        "78",
        "80",
        None,
        "En 2023 (fictif), **78 logements** ont été captés par Louez solidaire.",
        "Capter 80 logements en 2024 (fictif).\n\nRenforcer la prospection auprès des bailleurs.",
        "Prospection menée toute l'année (fictif).",
    ),
    MadeUpMeasure(
        2,
        "agent-mesure-2",
        "Logements sociaux captés pour Un chez-soi d'abord",
        "24",
        None,
        "réalisé",
        "En 2023 (fictif), 8 logements sociaux de plus pour Un chez-soi d'abord.",
        "Signer une convention avec 2 bailleurs de plus en 2024 (fictif).",
        "Conventions signées en juin (fictif).",
    ),
    MadeUpMeasure(
        3,
        "agent-mesure-3",
        "Pensions de Famille agréées dans l'année",
        "4",
        "3",
        "en cours",
        "En 2023 (fictif), **5 Pensions de Famille** ont été agréées.",
        "Agréer au moins 3 Pensions de Famille en 2024 (fictif).",
        "Étude des leviers en cours (fictif).",
    ),
)
# Made up: the validator sends measure 3's result back; its agent corrects 4 into 5.
RETURN_NOTE = "L'agrément de décembre manque-t-il ? (motif fictif)"
CORRECTED_RESULT = "5"


def indicator(label: str) -> Indicator:
    return Indicator.objects.get(label=label)


def row_of(number: int) -> ReportRow:
    return ReportRow.objects.get(measure__number=number)


def log_out(journey):
    with journey.navigating("deconnexion"):
        journey.page.get_by_role("button", name=re.compile(r"^Se déconnecter")).click()


def save_button(form, words: str = "Enregistrer le brouillon"):
    """The form's button showing ``words``: its name goes on with what the form saves."""
    return form.get_by_role("button", name=re.compile(rf"^{re.escape(words)} \("))


def save(journey, form, name: str, button: str = "Enregistrer le brouillon"):
    """Click the form's button; the page comes back at the form's own message."""
    with journey.navigating(name):
        save_button(form, button).click()


def guide_shot(journey, name: str):
    """The page as it is now, for the README's guide (only when asked to write it)."""
    if os.environ.get("LDAPLAN_WRITE_GUIDE") == "1":
        GUIDE.mkdir(parents=True, exist_ok=True)
        journey.page.screenshot(path=GUIDE / f"{name}.png")


# --- The anonymous reader ---------------------------------------------------------------


def sentence(page, label: str) -> str:
    dom_id = f"figure-{indicator(label).pk}"
    return page.locator(f"figure:has([data-figure='{dom_id}']) figcaption").inner_text()


def reader_checks(reader: Journey, step: str, *, default_year: int, published: dict):
    """What anyone reads: the default year, and 2023 as far as it is published.

    ``published`` maps a made-up measure to its published 2023 result (or None).
    """
    page = reader.page
    reader.visit("/", f"{step}-vue-d-ensemble")
    assert page.get_by_label("Année", exact=True).input_value() == str(default_year)
    assert "brouillon" not in page.content()
    reader.visit("/axes/1/", f"{step}-axe-1")
    assert page.get_by_label("Année", exact=True).input_value() == str(default_year)
    for measure in MADE_UP:
        reader.visit(f"/mesures/{measure.number}/?annee=2023", f"{step}-mesure-{measure.number}")
        said = sentence(page, measure.indicator)
        drawn = chart_values(page, f"figure-{indicator(measure.indicator).pk}", "Résultat")
        value = published.get(measure.number)
        assert "en retard" not in said, said
        if value is None:
            # Being collected: no bar, no figure typed by an agent, and said so.
            assert drawn.get(2023) is None, drawn
            if measure.number != 2:  # a stock is told by its plan: judged at the end of 2022
                assert "en cours de collecte" in said, said
        else:
            assert drawn[2023] == int(value), drawn
            assert value in said, said


# --- The staff ---------------------------------------------------------------------------


def admin_opens_2023(journey):
    page = journey.page
    log_in(journey, "administratrice", "admin-accueil")
    journey.visit("/bilan/2022/", "admin-bilan-2022")
    with journey.navigating("admin-bilan-2023-ouvert"):
        page.get_by_role("button", name="Ouvrir l'année de bilan 2023").click()
    assert ReportingYear.objects.filter(year=2023, published_on=None).exists()
    log_out(journey)


def open_measure(journey, measure: MadeUpMeasure):
    """From the agent's landing page (the year being collected) to the measure's page."""
    page = journey.page
    log_in(journey, measure.agent, f"{measure.agent}-accueil")
    assert page.get_by_role("heading", level=1).inner_text() == "Saisie 2023"
    if measure.number == 1:
        guide_shot(journey, "saisie-accueil")
    with journey.navigating(f"{measure.agent}-mesure-{measure.number}"):
        page.get_by_role("link", name=re.compile(rf"^Mesure {measure.number} : ")).click()


def enter_result(journey, measure: MadeUpMeasure, typed: str):
    page = journey.page
    pk = indicator(measure.indicator).pk
    form = page.locator(f"form[action*='/saisie/indicateurs/{pk}/2023/']")
    form.get_by_label(entry_label("Résultat 2023")).fill(typed)
    form.get_by_label("Source (document)").fill("Tableau de suivi de la direction (fictif)")
    save(journey, form, f"{measure.agent}-resultat")
    notice = page.locator(f"#{form.get_attribute('id')}-message")
    # Said in words as a confirmation, not only by its colour.
    assert notice.inner_text().startswith("Confirmation\xa0: Résultat 2023 de"), notice.inner_text()


def a_mistake_then_its_correction(journey, measure: MadeUpMeasure):
    """« 8O » (a letter O) is refused in French and nothing is written; then the figure."""
    page = journey.page
    pk = indicator(measure.indicator).pk
    form = page.locator(f"form[action*='/saisie/indicateurs/{pk}/2023/']")
    form.get_by_label(entry_label("Résultat 2023")).fill("8O")
    with journey.navigating(f"{measure.agent}-erreur", status=400):
        save_button(form).click()
    form = page.locator(f"form[action*='/saisie/indicateurs/{pk}/2023/']")
    assert form.get_by_role("alert").is_visible()
    assert not YearResult.objects.filter(indicator_id=pk, year=2023).exists()
    guide_shot(journey, "saisie-erreur")
    enter_result(journey, measure, measure.result)


def enter_the_rest(journey, measure: MadeUpMeasure):
    """Target of 2024, milestone status, texts, a commitment's outcome; then submit."""
    page = journey.page
    pk = indicator(measure.indicator).pk
    if measure.next_target:
        form = page.locator(f"form[action*='/saisie/indicateurs/{pk}/2024/']")
        form.get_by_label(entry_label("Objectif 2024")).fill(measure.next_target)
        save(journey, form, f"{measure.agent}-objectif-2024")
    row = row_of(measure.number)
    if measure.milestone_status:
        milestone = Milestone.objects.filter(report_row=row, planned_year=2023).first()
        form = page.locator(f"form[action*='/saisie/jalons/{milestone.pk}/2023/']")
        form.get_by_label(entry_label("Avancement")).select_option(label=measure.milestone_status)
        save(journey, form, f"{measure.agent}-jalon")
    commitment = Commitment.objects.filter(reporting_year__year=2023, report_row=row).first()
    form = page.locator(f"form#engagement-{commitment.pk}")
    form.get_by_label("Réalisation").select_option(label="réalisé")
    form.get_by_label("Commentaire").fill(measure.commitment_comment)
    save(journey, form, f"{measure.agent}-engagement", button="Enregistrer")
    form = page.locator(f"form[action*='/saisie/textes/{row.pk}/2023/']")
    form.get_by_label(entry_label("Bilan")).fill(measure.bilan_text)
    form.get_by_label("Plan d'action de l'année suivante").fill(measure.action_plan_text)
    save(journey, form, f"{measure.agent}-textes")
    if measure.number == 1:
        guide_shot(journey, "saisie-brouillon")
    with journey.navigating(f"{measure.agent}-soumis"):
        page.get_by_role("button", name="Soumettre tous les brouillons de la mesure").click()
    log_out(journey)


# --- The validator -------------------------------------------------------------------------


def open_queue(journey, step: str):
    page = journey.page
    log_in(journey, "valideuse", f"{step}-valideuse-accueil")
    with journey.navigating(f"{step}-file"):
        page.get_by_role("link", name="Ouvrir la file de validation").click()


def line(page, kind: str, subject: str):
    return page.get_by_label(re.compile(rf"^{kind}\s+{re.escape(subject)} — 2023$"))


def validator_returns_one_and_publishes_the_rest(journey):
    page = journey.page
    open_queue(journey, "validation-1")
    # Each line says what it is: a result and a target of the same indicator are two things.
    kinds = set(page.locator(".review-item .badge").all_inner_texts())
    assert kinds == {
        "Résultat",
        "Objectif",
        "Statut de jalon",
        "Texte du bilan et du plan d'action",
        "Engagement",  # a commitment's outcome is reviewed like the rest
    }
    for measure in MADE_UP:
        # Texts are shown whole, not cut, for the validator approves them as they are.
        assert page.get_by_text(measure.action_plan_text.split("\n")[0]).count()
    guide_shot(journey, "validation-file")
    line(page, "Résultat", MADE_UP[2].indicator).check()
    page.get_by_label("Motif du renvoi").fill(RETURN_NOTE)
    with journey.navigating("validation-1-renvoi"):
        page.get_by_role("button", name="Renvoyer pour reprise").click()
    with journey.navigating("validation-1-tout"):
        page.get_by_role("link", name="Tout sélectionner dans les saisies soumises").click()
    with journey.navigating("validation-1-publie"):
        page.get_by_role("button", name="Valider et publier la sélection").click()
    assert page.get_by_text("Aucune saisie en attente.").is_visible()
    log_out(journey)


def agent_corrects_the_returned_result(journey):
    measure = MADE_UP[2]
    page = journey.page
    open_measure(journey, measure)
    # The note beside the entry's state, and as the first message of its internal thread.
    assert page.locator(".return-note", has_text=RETURN_NOTE).is_visible()
    assert page.locator(".exchange-message.is-return-note", has_text=RETURN_NOTE).is_visible()
    enter_result(journey, measure, CORRECTED_RESULT)
    with journey.navigating(f"{measure.agent}-resoumis"):
        page.get_by_role("button", name="Soumettre tous les brouillons de la mesure").click()
    log_out(journey)
    open_queue(journey, "validation-2")
    line(page, "Résultat", measure.indicator).check()
    with journey.navigating("validation-2-publie"):
        page.get_by_role("button", name="Valider et publier la sélection").click()
    log_out(journey)


def admin_publishes_the_bilan_2023(journey):
    page = journey.page
    log_in(journey, "administratrice", "admin-accueil-2")
    journey.visit("/bilan/2023/", "admin-bilan-2023")
    for measure in MADE_UP:
        assert page.get_by_text(measure.commitment_comment).count()
    with journey.navigating("admin-bilan-2023-publie"):
        page.get_by_role("button", name="Publier et figer ce bilan").click()
    guide_shot(journey, "bilan-publie")
    assert ReportingYear.objects.get(year=2023).published_on is not None
    log_out(journey)


def made_up_entries_published() -> None:
    """Every made-up entry is published, the returned result as corrected."""
    for measure in MADE_UP:
        result = YearResult.objects.get(
            indicator__label=measure.indicator, year=2023, status=EntryStatus.PUBLISHED
        )
        expected = CORRECTED_RESULT if measure.number == 3 else measure.result
        assert result.value == D(expected)
        if measure.next_target:
            assert YearTarget.objects.get(
                indicator__label=measure.indicator, year=2024, status=EntryStatus.PUBLISHED
            ).value == D(measure.next_target)
        assert (
            BilanEntry.objects.get(
                report_row=row_of(measure.number),
                reporting_year__year=2023,
                status=EntryStatus.PUBLISHED,
            ).bilan_text
            == measure.bilan_text
        )


def test_a_whole_second_year_from_the_first_keystroke_to_the_bilan_2023(
    journey, browser, live_server, tmp_path
):
    admin = make_user("administratrice", roles.ADMINISTRATORS)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    for measure in MADE_UP:
        make_user(measure.agent, roles.EDITORS, measures=[measure.number])
    make_user("valideuse", roles.REVIEWERS)
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR", accept_downloads=True)
    reader = Journey(context.new_page(), live_server.url, journey.folder / "lecteur")
    reader.folder.mkdir()
    try:
        admin_opens_2023(journey)
        reader_checks(reader, "ouverte", default_year=2022, published={})
        open_measure(journey, MADE_UP[0])
        a_mistake_then_its_correction(journey, MADE_UP[0])
        # A draft of 78 is saved, not submitted: nothing of it shows.
        reader_checks(reader, "brouillon", default_year=2022, published={})
        enter_the_rest(journey, MADE_UP[0])
        for measure in MADE_UP[1:]:
            open_measure(journey, measure)
            enter_result(journey, measure, measure.result)
            enter_the_rest(journey, measure)
        reader_checks(reader, "soumise", default_year=2022, published={})
        validator_returns_one_and_publishes_the_rest(journey)
        reader_checks(reader, "publiee", default_year=2022, published={1: "78", 2: "24"})
        agent_corrects_the_returned_result(journey)
        reader_checks(reader, "corrigee", default_year=2022, published={1: "78", 2: "24", 3: "5"})
        made_up_entries_published()
        admin_publishes_the_bilan_2023(journey)
        reader_checks(reader, "bilan", default_year=2023, published={1: "78", 2: "24", 3: "5"})
        check_bilan_2023_files(reader, MADE_UP, {1: "78", 2: "24", 3: CORRECTED_RESULT}, tmp_path)
        reader.finish()
    finally:
        context.close()
