"""The six files of the bilan 2023 as a reader downloads them, read back against what the
agents of the second-year journey entered (``test_second_year.py``; MADE-UP figures)."""

from decimal import Decimal as D

from core.workflow import EntryStatus
from indicators.models import YearTarget
from measures.markup import markup_to_plain_text
from measures.models import Commitment, ReportRow
from tests.bilan.helpers import expected_table, normalised
from tests.bilan.second_year import content
from tests.bilan.test_writers import normalised_paragraphs

FORMATS = ("csv", "xlsx", "ods", "json", "docx", "pdf")


def download_edition(reader, tmp_path) -> dict:
    """Each file of the bilan 2023's first edition, from the links of its public page."""
    page = reader.page
    reader.visit("/bilan/2023/", "bilan-2023-publie")
    editions = page.get_by_role("region", name="Éditions publiées")
    files = {}
    for fmt in FORMATS:
        with page.expect_download() as download:
            # Each file's link names its edition (RGAA 6.1).
            editions.get_by_role("link", name=f"{fmt.upper()} — édition n° 1", exact=True).click()
        assert download.value.suggested_filename == f"bilan-2023-perspectives-2024.{fmt}"
        files[fmt] = content(fmt, download.value.path().read_bytes())
    return files


def expected_texts(measures) -> dict:
    """Every row's (bilan, plan d'action) of 2023: the made-up ones, blank elsewhere."""
    texts = {row.pk: ("", "") for row in ReportRow.objects.all()}
    for measure in measures:
        row = ReportRow.objects.get(measure__number=measure.number)
        texts[row.pk] = (measure.bilan_text, measure.action_plan_text)
    return texts


def expected_figures(measure, result: str) -> tuple:
    """(target 2023, result 2023, target 2024) of a made-up measure's indicator."""
    targets = {
        t.year: t.value
        for t in YearTarget.objects.filter(
            indicator__label=measure.indicator, status=EntryStatus.PUBLISHED
        )
    }
    return targets.get(2023), D(result), targets.get(2024)


def marked_commitment(measure) -> tuple[str, str, str, str]:
    commitment = Commitment.objects.get(
        reporting_year__year=2023, report_row__measure__number=measure.number, position=1
    )
    return (
        commitment.report_row.reference,
        markup_to_plain_text(commitment.text),
        "réalisé",
        measure.commitment_comment,
    )


def check_bilan_2023_files(reader, measures, results: dict, tmp_path) -> None:
    files = download_edition(reader, tmp_path)
    table = expected_table(2023, expected_texts(measures))
    # The bilan table, cell by cell, in each format that holds it as a table.
    assert files["csv"] == table
    assert [
        [str(v or "") for v in row] for row in files["xlsx"]["Bilan 2023 & perspectives 2024"]
    ] == table
    assert files["ods"]["Bilan 2023 & perspectives 2024"] == table
    assert files["docx"]["tables"][0] == [[normalised_paragraphs(c) for c in row] for row in table]
    pdf = normalised(" ".join(files["pdf"]))
    by_label = {row[1]: row for row in files["xlsx"]["Indicateurs"][1:]}
    json_by_label = {i["indicateur"]: i for i in files["json"]["indicateurs"]}
    commitments = {tuple(str(v or "") for v in row) for row in files["xlsx"]["Engagements 2023"]}
    for measure in measures:
        target, result, next_target = expected_figures(measure, results[measure.number])
        cells = by_label[measure.indicator]
        read = [None if v is None else D(str(v)) for v in cells[3:6]]
        assert read == [target, result, next_target], measure.indicator
        document = json_by_label[measure.indicator]
        assert D(str(document["resultat_annee"])) == result
        for paragraph in filter(None, markup_to_plain_text(measure.bilan_text).split("\n\n")):
            assert normalised(paragraph) in pdf
        assert marked_commitment(measure) in commitments
        assert normalised(measure.commitment_comment) in pdf
