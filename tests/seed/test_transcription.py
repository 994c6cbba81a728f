"""The seed's texts against the 2022 report they transcribe, exactly."""

import re
from collections import Counter

import pytest

from measures.markup import markup_paragraphs, render_markup
from measures.models import (
    Ambition,
    Axis,
    BilanEntry,
    Plan,
    ReportingYear,
)
from tests.seed.report import (
    AXIS_TITLES,
    BOLD,
    HTML_TAG,
    MARKUP_LIST_START,
    NBSP,
    REFERENCES,
    SUPERSCRIPT_E,
    all_texts,
    entry,
    normalise,
    plain,
    read_report,
    ref_id,
    row,
)

# --- 2. Exact transcription --------------------------------------------------------


def test_seed_report_is_readable():
    assert "Plan d'action 2023" in read_report()


@pytest.mark.usefixtures("seed_plan")
@pytest.mark.parametrize("number", list(AXIS_TITLES))
def test_axis_title_is_in_the_report(number, report_text):
    title = Axis.objects.get(number=number).title
    assert normalise(title) in report_text


@pytest.mark.usefixtures("seed_plan")
@pytest.mark.parametrize("number", list(AXIS_TITLES))
def test_axis_summary_is_in_the_report(number, report_text):
    summary = Axis.objects.get(number=number).summary
    assert plain(summary) in report_text


@pytest.mark.usefixtures("seed_plan")
@pytest.mark.parametrize("reference", REFERENCES, ids=ref_id)
def test_ambition_text_is_in_the_report(reference, report_text):
    text = row(reference).ambition.text
    missing = [p for p in markup_paragraphs(text) if plain(p) not in report_text]
    assert not missing, f"row {ref_id(reference)}: not in the report: {missing}"


@pytest.mark.usefixtures("seed_plan")
@pytest.mark.parametrize("field", ["bilan_text", "action_plan_text"])
@pytest.mark.parametrize("reference", REFERENCES, ids=ref_id)
def test_bilan_entry_paragraphs_are_in_the_report(reference, field, report_text):
    text = getattr(entry(reference), field)
    paragraphs = markup_paragraphs(text)
    assert paragraphs, f"row {ref_id(reference)}: empty {field}"
    missing = [p for p in paragraphs if plain(p) not in report_text]
    assert not missing, f"row {ref_id(reference)} {field}: not in the report: {missing}"


@pytest.mark.usefixtures("seed_plan")
def test_introductions_are_in_the_report(report_text):
    texts = [Plan.objects.get().introduction, ReportingYear.objects.get().introduction]
    missing = [p for text in texts for p in markup_paragraphs(text) if plain(p) not in report_text]
    assert not missing
    assert len(markup_paragraphs(Plan.objects.get().introduction)) == 3


@pytest.mark.usefixtures("seed_plan")
def test_bold_passages_of_the_table_are_the_reports(raw_report):
    """Every <b> of the table (but the axis headings and the # cells) is bold, once."""
    table = raw_report.split("Plan d'action 2023", 1)[1]
    axis_heading = re.compile(
        r"^(\d\. )?(" + "|".join(re.escape(t) for t in AXIS_TITLES.values()) + ")$"
    )
    expected = Counter(
        passage
        for passage in (
            normalise(HTML_TAG.sub("", b)) for b in re.findall(r"<b>(.*?)</b>", table, re.S)
        )
        if not passage.isdigit() and not axis_heading.match(passage)
    )
    texts = [a.text for a in Ambition.objects.all()]
    for bilan in BilanEntry.objects.all():
        texts += [bilan.bilan_text, bilan.action_plan_text]
    found = Counter(normalise(b) for text in texts for b in BOLD.findall(text))
    assert found == expected


@pytest.mark.usefixtures("seed_plan")
def test_texts_keep_the_reports_typos_and_quotes():
    assert "l'UNAF0" in entry("5").bilan_text
    assert "l'UNAF0" in entry("5").action_plan_text
    assert "les Enfants du Canal" in entry("10").bilan_text
    assert "l'association des Enfants de Canal" in entry("10").action_plan_text
    assert "la Ville s'est engagé à atteindre" in entry("").bilan_text
    assert "**GT « Élaboration du Protocole d'attribution en FJT »**" in entry("5").bilan_text
    assert entry("11").bilan_text == "Nouvelle action en 2023"


@pytest.mark.usefixtures("seed_plan")
def test_texts_use_no_break_spaces_in_figures_and_keep_unspaced_figures():
    bilan = entry("").bilan_text
    assert f"40{NBSP}% de logements publics" in bilan
    assert f"25{NBSP}500 logements sociaux" in bilan
    assert "dont 35% de PLAI" in bilan
    assert f"(365{NBSP}000{NBSP}€ par an)" in entry("1").bilan_text
    assert entry("7").bilan_text.startswith(f"1{NBSP}910 entretiens")
    assert f"l'objectif de 2{NBSP}000 désignations annuelles" in entry("4").action_plan_text
    assert "2000 désignations par an" in row("4").ambition.text
    assert "aux 1223 logements" in row("3").ambition.text
    for name, text in all_texts():
        assert not re.search(r"\d \d{3}(?!\d)|\d [%€]", text), name


@pytest.mark.usefixtures("seed_plan")
def test_superscript_e_becomes_the_modifier_letter():
    assert f"dans le 19{SUPERSCRIPT_E} a conclu" in entry("6").bilan_text
    assert f"les 10{SUPERSCRIPT_E} et le 14{SUPERSCRIPT_E} arrondissements" in entry("8").bilan_text
    assert "ELIAHS du 18e arrondissement" in entry("6").bilan_text


@pytest.mark.usefixtures("seed_plan")
def test_sub_action_texts_keep_their_letter_prefix():
    for letter in "abc":
        bilan = entry(f"9{letter}")
        assert bilan.bilan_text.startswith(f"**{letter}. "), letter
        assert bilan.action_plan_text.startswith(f"{letter}. "), letter


@pytest.mark.usefixtures("seed_plan")
def test_broken_hash_cells_leave_only_the_plan_text():
    assert entry("6").action_plan_text.startswith("**Recruter un professionnel")
    assert entry("7").action_plan_text.startswith("**Poursuivre les permanences")
    assert entry("8").action_plan_text.startswith("**Expérimenter de nouveaux")
    assert entry("11").action_plan_text.startswith("Dans le cadre du PDALHPD")
    assert entry("12").action_plan_text.startswith("**Réaliser les Tableaux de bord")
    assert len(markup_paragraphs(entry("12").action_plan_text)) == 3


@pytest.mark.usefixtures("seed_plan")
def test_texts_are_markup_never_html_nor_lists():
    for name, text in all_texts():
        assert text, name
        assert not HTML_TAG.search(text), name
        assert "\n\n\n" not in text, name
        for paragraph in markup_paragraphs(text):
            assert not MARKUP_LIST_START.match(paragraph), f"{name}: {paragraph[:40]}"


@pytest.mark.usefixtures("seed_plan")
def test_texts_render_as_paragraphs_and_bold():
    for name, text in all_texts():
        html = str(render_markup(text))
        assert html.count("<p>") == len(markup_paragraphs(text)), name
        assert html.count("<strong>") == len(BOLD.findall(text)), name
        assert "**" not in html, name
        assert "<ol>" not in html, name
        assert "<ul>" not in html, name
