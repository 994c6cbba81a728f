"""The seed fixture (fixtures/plan.json) against the 2022 report it transcribes.

The report itself (``settings.SEED_REPORT_PATH``) is the reference: texts and
figures are checked against it, not against a copy kept in this file.
"""

import re
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from indicators.models import (
    Indicator,
    Milestone,
    MilestoneYearStatus,
    PeriodTarget,
    YearResult,
    YearTarget,
)
from measures.markup import markup_paragraphs, markup_to_plain_text, render_markup
from measures.models import (
    Ambition,
    Axis,
    BilanEntry,
    Measure,
    Plan,
    ReportingYear,
    ReportRow,
)

NBSP = "\u00a0"
NNBSP = "\u202f"
SUPERSCRIPT_E = "\u1d49"

REFERENCES = ["1", "2", "3", "", "4", "5", "6", "7", "8", "9a", "9b", "9c", "10", "11", "12"]
AXIS_TITLES = {
    1: "Mobiliser l'offre de logement au profit des personnes prioritaires",
    2: "Prévenir des sorties d'institution et des expulsions locatives",
    3: "Aller vers les personnes sans-abris",
    4: "Accompagner les personnes sans domicile au logement",
    5: "Éclairer les politiques de lutte contre le sans-abrisme",
}
MEASURE_AXES = {1: 1, 2: 1, 3: 1, 4: 1, 5: 2, 6: 2, 7: 3, 8: 3, 9: 4, 10: 4, 11: 4, 12: 5}

ALL_MODELS = [
    Plan,
    ReportingYear,
    Axis,
    Measure,
    Ambition,
    ReportRow,
    BilanEntry,
    Indicator,
    YearTarget,
    YearResult,
    PeriodTarget,
    Milestone,
    MilestoneYearStatus,
]

MARKUP_LIST_START = re.compile(r"^(\d+[.)]|[-*+])\s")
HTML_TAG = re.compile(r"<[^>]+>")
BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


def ref_id(reference: str) -> str:
    return reference or "sans-numero"


def normalise(text: str) -> str:
    """Typography-insensitive form: plain spaces, 'e' for 'ᵉ', whitespace collapsed."""
    text = text.replace(NBSP, " ").replace(NNBSP, " ").replace(SUPERSCRIPT_E, "e")
    return " ".join(text.split())


def plain(markup: str) -> str:
    return normalise(markup_to_plain_text(markup))


def read_report() -> str:
    path = Path(settings.SEED_REPORT_PATH)
    if not path.is_file():
        pytest.fail(
            f"The seed report is missing: {path} (settings.SEED_REPORT_PATH, "
            "env LDAPLAN_SEED_REPORT). The fixture is checked against it and cannot be "
            "tested without it."
        )
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def raw_report() -> str:
    return read_report().replace("<sup>e</sup>", "e")


@pytest.fixture(scope="module")
def report_text(raw_report) -> str:
    """The report as plain text: no HTML tags, no Markdown bold markers."""
    return normalise(HTML_TAG.sub("", raw_report).replace("**", ""))


def row(reference: str) -> ReportRow:
    rows = [r for r in ReportRow.objects.select_related("measure") if r.reference == reference]
    assert len(rows) == 1, f"expected one report row {reference!r}, found {len(rows)}"
    return rows[0]


def entry(reference: str) -> BilanEntry:
    return BilanEntry.objects.get(reporting_year__year=2022, report_row=row(reference))


def all_texts():
    """(name, markup) for every restricted-Markdown text of the fixture."""
    plan = Plan.objects.get()
    yield "plan.introduction", plan.introduction
    for year in ReportingYear.objects.all():
        yield f"reportingyear {year.year}.introduction", year.introduction
    for axis in Axis.objects.all():
        yield f"axis {axis.number}.summary", axis.summary
    for ambition in Ambition.objects.all():
        yield f"ambition {ambition.pk}.text", ambition.text
    for bilan in BilanEntry.objects.select_related("report_row__measure"):
        reference = ref_id(bilan.report_row.reference)
        yield f"bilan {reference}.bilan_text", bilan.bilan_text
        yield f"bilan {reference}.action_plan_text", bilan.action_plan_text


# --- 1. Structure ------------------------------------------------------------------


@pytest.mark.usefixtures("seed_plan")
def test_plan_and_reporting_year():
    plan = Plan.objects.get()
    assert plan.pk == 1
    assert plan.title == "Plan parisien pour le logement d'abord"
    assert plan.programme == "Pacte parisien de lutte contre l'exclusion 2021-2026"
    assert (plan.start_year, plan.end_year) == (2021, 2026)
    reporting_year = ReportingYear.objects.get()
    assert (reporting_year.plan_id, reporting_year.year) == (1, 2022)
    assert reporting_year.published_on is None


@pytest.mark.usefixtures("seed_plan")
def test_five_axes_numbered_1_to_5_with_the_report_titles():
    axes = {axis.number: axis.title for axis in Axis.objects.filter(plan_id=1)}
    assert axes == AXIS_TITLES


@pytest.mark.usefixtures("seed_plan")
def test_twelve_measures_numbered_1_to_12_on_their_axes():
    measures = {m.number: m.axis.number for m in Measure.objects.select_related("axis")}
    assert measures == MEASURE_AXES
    assert all(m.title for m in Measure.objects.all())


@pytest.mark.usefixtures("seed_plan")
def test_report_rows_come_in_report_order():
    references = [r.reference for r in ReportRow.objects.in_report_order()]
    assert references == REFERENCES


@pytest.mark.usefixtures("seed_plan")
def test_measures_7_and_8_share_one_ambition():
    assert row("7").ambition_id == row("8").ambition_id
    assert Ambition.objects.get(pk=row("7").ambition_id).rows.count() == 2


@pytest.mark.usefixtures("seed_plan")
def test_sub_actions_9a_9b_9c_share_one_ambition_and_measure_9():
    rows = [row(reference) for reference in ("9a", "9b", "9c")]
    assert {r.ambition_id for r in rows} == {rows[0].ambition_id}
    assert {r.measure.number for r in rows} == {9}
    assert [r.letter for r in rows] == ["a", "b", "c"]
    assert [r.position for r in rows] == [1, 2, 3]
    assert [r.title for r in rows] == [
        "Formation sur l'accès au logement des publics prioritaires",
        "Formation-action Logement d'abord",
        "Sensibilisation des membres des CALEOL",
    ]


@pytest.mark.usefixtures("seed_plan")
def test_unnumbered_row_has_no_measure_and_its_own_ambition():
    unnumbered = row("")
    assert unnumbered.measure is None
    assert unnumbered.letter == ""
    assert unnumbered.title == "Politiques d'attribution et de production de logements sociaux"
    assert unnumbered.ambition.axis.number == 1
    assert list(unnumbered.ambition.rows.all()) == [unnumbered]


@pytest.mark.usefixtures("seed_plan")
def test_rows_and_ambitions_sit_on_the_axis_of_their_measure():
    assert Ambition.objects.count() == 12
    for report_row in ReportRow.objects.select_related("measure", "ambition"):
        if report_row.measure is not None:
            assert report_row.measure.axis_id == report_row.ambition.axis_id, report_row


@pytest.mark.usefixtures("seed_plan")
def test_every_row_has_one_bilan_entry_for_2022():
    assert BilanEntry.objects.count() == 15
    for report_row in ReportRow.objects.all():
        entries = report_row.bilan_entries.filter(reporting_year__year=2022)
        assert entries.count() == 1, report_row
        assert entries.get().bilan_text, report_row
        assert entries.get().action_plan_text, report_row


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


# --- 3. Figures --------------------------------------------------------------------

RESULT, TARGET, PERIOD, PLAN_TARGET, BASELINE = "result", "target", "period", "plan", "baseline"
DAP = "Convention DAP 2023-2028"
SLT = "Stratégie Logement 2035"
PF_IN_YEAR = "^Pensions de Famille agréées dans"  # not "Logements des Pensions…"

# (row, label fragment, kind, what, year or period label, value, evidence in the report)
FIGURES = [
    ("1", "Louez solidaire captés", "annual_flow", RESULT, 2022, "73", "captation de 73 nouveaux"),
    ("1", "Louez solidaire captés", "annual_flow", TARGET, 2023, "75", "Capter 75 logements"),
    ("1", "de l'État", "annual_flow", RESULT, 2022, "365000", "AMI2-LDA (365 000 € par an)"),
    ("1", "de la Ville", "annual_flow", RESULT, 2022, "365000", "de Paris (365 000 € par an)"),
    ("2", "captés pour Un chez-soi", "cumulative", RESULT, 2022, "16", "16 logements ont été"),
    ("2", "captés pour Un chez-soi", "cumulative", PLAN_TARGET, None, "40", "Mettre 40 logements"),
    ("2", "prévus par les conventions", "cumulative", RESULT, 2022, "33", "disposition de 33"),
    ("2", "prévus par les conventions", "cumulative", PLAN_TARGET, None, "40", "Mettre 40 "),
    ("2", "prévus par les conventions", "cumulative", TARGET, 2023, "40", "des 7 logements"),
    ("2", "ayant signé", "cumulative", RESULT, 2022, "5", "convention avec 5 bailleurs"),
    ("2", "ayant signé", "cumulative", TARGET, 2023, "8", "avec 3 nouveaux bailleurs"),
    ("2", "Bénéficiaires", "level", PLAN_TARGET, None, "155", "jusqu'à 155 bénéficiaires"),
    ("3", "agréées depuis 2021", "cumulative", RESULT, 2022, "8", "portant à 8 le nombre"),
    ("3", "agréées depuis 2021", "cumulative", PLAN_TARGET, None, "17", "17 nouvelles Pensions"),
    ("3", "agréées depuis 2021", "cumulative", TARGET, 2023, "11", "au moins 3 nouvelles"),
    ("3", PF_IN_YEAR, "annual_flow", RESULT, 2022, "2", "de 2 nouvelles Pensions"),
    ("3", PF_IN_YEAR, "annual_flow", TARGET, 2023, "3", "au moins 3 nouvelles"),
    ("3", "Logements des Pensions", "annual_flow", RESULT, 2022, "43", "composées de 43 logements"),
    ("3", "relogées", "annual_flow", RESULT, 2022, "4", "pour quatre personnes sans-abris"),
    ("3", "déjà livrés", "level", BASELINE, 2021, "1223", "aux 1223 logements"),
    ("", "logements publics", "share", PERIOD, SLT, "40", "40 % de logements publics"),
    ("", "Part de logements sociaux", "share", PERIOD, SLT, "30", "30 % de logements sociaux"),
    ("", "sociaux produits", "annual_flow", PERIOD, DAP, "25500", "produire 25 500 logements"),
    ("", "Part de PLAI dans", "share", PERIOD, DAP, "35", "dont 35% de PLAI"),
    ("", "PLAI adapté", "share", PERIOD, DAP, "3", "et 3% de PLAI adapté"),
    *[
        ("4", "ARPP", "annual_flow", TARGET, year, "2000", "2000 désignations par an")
        for year in range(2021, 2027)
    ],
    ("5", "en Foyer Jeunes", "level", BASELINE, 2021, "1000", "aux 1000 logements du contingent"),
    ("5", "vacances", "share", TARGET, 2023, "20", "20% des vacances du contingent"),
    ("5", "SEJM", "annual_flow", RESULT, 2022, "200", "200 professionnels du secteur"),
    ("6", "expulsées", "share", RESULT, 2021, "30", "réduire de 30% le nombre de personnes"),
    ("6", "ELIAHS", "annual_flow", RESULT, 2022, "36", "a accompagné 36 ménages"),
    ("7", "Entretiens", "annual_flow", RESULT, 2022, "1910", "1 910 entretiens réalisés"),
    ("7", "Sites", "level", RESULT, 2022, "5", "au sein de 5 sites"),
    ("7", "Sites", "level", TARGET, 2023, "5", "au sein des 5 sites"),
    ("8", "Arrondissements", "cumulative", RESULT, 2022, "2", "les 10e et le 14e arrondissements"),
    ("8", "associés", "annual_flow", RESULT, 2022, "20", "plus de 20 professionnels"),
    ("9a", "Professionnels formés", "annual_flow", RESULT, 2022, "295", "295 professionnels"),
    ("9a", "Professionnels formés", "annual_flow", TARGET, 2023, "300", "Former 300 travailleurs"),
    ("9a", "Séminaires", "annual_flow", RESULT, 2022, "1", "au travers d'un séminaire"),
    ("9a", "Séminaires", "annual_flow", TARGET, 2023, "2", "2 séminaires d'une journée"),
    ("9a", "Cycles", "annual_flow", RESULT, 2022, "2", "deux cycles de quatre modules"),
    ("9a", "Cycles", "annual_flow", TARGET, 2023, "2", "2 cycles de 4 modules"),
    ("9b", "Équipes", "annual_flow", TARGET, 2023, "9", "au profit de 9 équipes"),
    ("9c", "Participants", "annual_flow", RESULT, 2022, "15", "avec 15 participants"),
    ("9c", "Bailleurs sociaux représentés", "annual_flow", RESULT, 2022, "6", "représentant 6"),
    ("10", "projet pilote", "annual_flow", TARGET, 2023, "15", "au profit de 15 ménages"),
    ("12", "Réunions", "annual_flow", RESULT, 2022, "3", "s'est réuni trois fois en 2022"),
]


def figure_id(figure) -> str:
    reference, fragment, _kind, what, when, _value, _evidence = figure
    return f"{ref_id(reference)}-{fragment}-{what}-{when}"


def indicator(reference: str, fragment: str) -> Indicator:
    """The one indicator of a row whose label contains ``fragment`` (or starts with it: "^…")."""
    indicators = Indicator.objects.filter(report_row=row(reference))
    if fragment.startswith("^"):
        found = list(indicators.filter(label__startswith=fragment[1:]))
    else:
        found = list(indicators.filter(label__contains=fragment))
    assert len(found) == 1, f"row {ref_id(reference)}: {len(found)} indicators match {fragment!r}"
    return found[0]


@pytest.mark.usefixtures("seed_plan")
@pytest.mark.parametrize(
    ("reference", "fragment", "kind", "what", "when", "value", "evidence"),
    FIGURES,
    ids=[figure_id(f) for f in FIGURES],
)
def test_figure(reference, fragment, kind, what, when, value, evidence):
    found = indicator(reference, fragment)
    assert found.kind == kind
    if what == RESULT:
        stored = found.year_results.get(year=when).value
    elif what == TARGET:
        stored = found.year_targets.get(year=when).value
    elif what == PERIOD:
        stored = found.period_targets.get(label=when).value
    elif what == PLAN_TARGET:
        stored = found.plan_target
    else:
        assert found.baseline_year == when
        stored = found.baseline
    assert stored == Decimal(value)


@pytest.mark.parametrize(
    "evidence", sorted({f[-1] for f in FIGURES}), ids=lambda evidence: evidence[:30]
)
def test_figure_is_stated_in_the_report(evidence, report_text):
    assert evidence in report_text


@pytest.mark.usefixtures("seed_plan")
def test_every_value_row_is_in_the_figures_table():
    """No figure in the fixture escapes the check against the report."""
    checked = Counter(figure[3] for figure in FIGURES)
    assert YearResult.objects.count() == checked[RESULT]
    assert YearTarget.objects.count() == checked[TARGET]
    assert PeriodTarget.objects.count() == checked[PERIOD]
    assert Indicator.objects.exclude(plan_target=None).count() == checked[PLAN_TARGET]
    assert Indicator.objects.exclude(baseline=None).count() == checked[BASELINE]


@pytest.mark.usefixtures("seed_plan")
def test_period_targets_carry_their_frame():
    periods = {(p.label, p.start_year, p.end_year) for p in PeriodTarget.objects.all()}
    assert periods == {(SLT, None, 2035), (DAP, 2023, 2028)}


@pytest.mark.usefixtures("seed_plan")
def test_au_moins_targets_use_the_at_least_comparator():
    at_least = YearTarget.objects.filter(comparator="at_least")
    assert {(t.indicator.report_row.reference, t.year, t.value) for t in at_least} == {
        ("3", 2023, Decimal(11)),
        ("3", 2023, Decimal(3)),
    }


@pytest.mark.usefixtures("seed_plan")
def test_directions():
    assert indicator("6", "expulsées").direction == "increase"
    assert indicator("7", "Sites").direction == "maintain"
    assert set(Indicator.objects.values_list("direction", flat=True)) <= {
        "increase",
        "maintain",
    }


@pytest.mark.usefixtures("seed_plan")
def test_headline_indicators():
    headline = {
        (i.report_row.reference, i.label) for i in Indicator.objects.filter(is_headline=True)
    }
    assert headline == {
        ("1", indicator("1", "Louez solidaire captés").label),
        ("2", indicator("2", "captés pour Un chez-soi").label),
        ("3", indicator("3", "agréées depuis 2021").label),
        ("4", indicator("4", "ARPP").label),
        ("9a", indicator("9a", "Professionnels formés").label),
        ("10", indicator("10", "projet pilote").label),
    }


@pytest.mark.usefixtures("seed_plan")
def test_results_name_their_source_and_date():
    for result in YearResult.objects.all():
        assert result.source == "Bilan 2022 & perspectives 2023 (juillet 2023)", result
        if result.year == 2022:
            assert result.as_of is not None, result
    assert indicator("9c", "Participants").year_results.get().as_of == date(2022, 11, 25)
    assert indicator("1", "Louez solidaire captés").year_results.get().as_of == date(2022, 12, 31)


@pytest.mark.usefixtures("seed_plan")
def test_indicator_positions_are_unique_within_a_row():
    pairs = list(Indicator.objects.values_list("report_row", "position"))
    assert len(pairs) == len(set(pairs))


# --- 4. is_share -------------------------------------------------------------------


@pytest.mark.usefixtures("seed_plan")
@pytest.mark.parametrize("model", [YearTarget, YearResult, PeriodTarget], ids=lambda m: m.__name__)
def test_value_rows_carry_is_share_of_their_indicator(model):
    rows = list(model.objects.select_related("indicator"))
    assert rows
    for value_row in rows:
        assert value_row.is_share == (value_row.indicator.kind == "share"), value_row


# --- 5. Idempotent loading ---------------------------------------------------------


def snapshot():
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in ALL_MODELS}


@pytest.mark.usefixtures("seed_plan")
def test_loading_twice_changes_nothing():
    before = snapshot()
    call_command("loaddata", "plan", verbosity=0)
    after = snapshot()
    assert {name: len(rows) for name, rows in after.items()} == {
        name: len(rows) for name, rows in before.items()
    }
    assert after == before
    assert indicator("7", "Entretiens").year_results.get(year=2022).value == Decimal(1910)


# --- 6. Milestones -----------------------------------------------------------------


@pytest.mark.usefixtures("seed_plan")
def test_milestone_statuses_by_year():
    counts = Counter(MilestoneYearStatus.objects.values_list("year", "progress"))
    assert counts == {(2022, "done"): 6, (2023, "planned"): 18}
    assert set(MilestoneYearStatus.objects.values_list("status", flat=True)) == {"published"}
    assert Milestone.objects.count() == 24


@pytest.mark.usefixtures("seed_plan")
def test_each_milestone_has_a_status_for_its_planned_year():
    for milestone in Milestone.objects.prefetch_related("statuses"):
        assert [s.year for s in milestone.statuses.all()] == [milestone.planned_year], milestone


@pytest.mark.usefixtures("seed_plan")
def test_milestones_per_row():
    counts = Counter(
        (m.report_row.reference, m.planned_year)
        for m in Milestone.objects.select_related("report_row__measure")
    )
    assert counts == {
        ("", 2023): 2,
        ("2", 2023): 1,
        ("3", 2023): 1,
        ("4", 2023): 1,
        ("5", 2022): 1,
        ("5", 2023): 2,
        ("6", 2022): 1,
        ("6", 2023): 1,
        ("7", 2023): 1,
        ("8", 2022): 1,
        ("8", 2023): 1,
        ("9b", 2022): 1,
        ("9b", 2023): 1,
        ("9c", 2022): 1,
        ("9c", 2023): 1,
        ("10", 2022): 1,
        ("10", 2023): 1,
        ("11", 2023): 2,
        ("12", 2023): 3,
    }


@pytest.mark.usefixtures("seed_plan")
def test_milestone_due_dates_and_labels():
    rencontres = Milestone.objects.get(due_label="début 2024")
    assert rencontres.report_row.reference == "12"
    assert rencontres.planned_year == 2023
    assert "Rencontres parisiennes du Logement d'abord" in rencontres.title
    due = {m.report_row.reference: m.due_date for m in Milestone.objects.exclude(due_date=None)}
    assert due == {"9b": date(2023, 5, 23), "9c": date(2022, 11, 25)}
