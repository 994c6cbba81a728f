"""Shared by the bilan's tests: what the database says the table is, computed without
indicators.bilan, and the builders and readers the test modules have in common."""

import io
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command

from core.workflow import EntryStatus
from indicators.models import Indicator
from measures.markup import markup_to_plain_text
from measures.models import Ambition, Axis, BilanEntry, ReportingYear, ReportRow

NBSP = "\u00a0"
HEADERS = ["Ambition de la Ville 2021-2026", "Bilan 2022", "#", "Plan d'action 2023"]
AXIS_HEADINGS = [
    "1. Mobiliser l'offre de logement au profit des personnes prioritaires",
    "2. Prévenir des sorties d'institution et des expulsions locatives",
    "3. Aller vers les personnes sans-abris",
    "4. Accompagner les personnes sans domicile au logement",
    "5. Éclairer les politiques de lutte contre le sans-abrisme",
]
FILE_STEM = "bilan-2022-perspectives-2023"


def expected_table(year: int = 2022, texts: dict | None = None) -> list[list[str]]:
    """Header, then axis headings and rows as the report lays them out, in plain text.

    ``texts`` maps a row's pk to its (bilan, plan d'action) texts in markup; by
    default, the texts published for ``year``.
    """
    if texts is None:
        texts = {
            entry.report_row_id: (entry.bilan_text, entry.action_plan_text)
            for entry in BilanEntry.objects.published().filter(reporting_year__year=year)
        }
    headers = [HEADERS[0], f"Bilan {year}", "#", f"Plan d'action {year + 1}"]
    table = [headers]
    axis, ambitions, measures = None, set(), set()
    rows = ReportRow.objects.in_report_order().select_related("ambition__axis", "measure")
    for row in rows:
        if row.ambition.axis != axis:
            axis = row.ambition.axis
            table.append([f"{axis.number}. {axis.title}", "", "", ""])
        bilan_text, action_plan_text = texts[row.pk]
        number = ""
        if row.measure_id and row.measure_id not in measures:
            number = str(row.measure.number)
        ambition = "" if row.ambition_id in ambitions else markup_to_plain_text(row.ambition.text)
        ambitions.add(row.ambition_id)
        measures.add(row.measure_id)
        table.append(
            [
                ambition,
                markup_to_plain_text(bilan_text),
                number,
                markup_to_plain_text(action_plan_text),
            ]
        )
    return table


def text(value) -> str:
    return "" if value is None else str(value)


def export_file(tmp_path: Path, fmt: str) -> Path:
    path = tmp_path / f"{FILE_STEM}.{fmt}"
    out = io.StringIO()
    call_command(
        "export_bilan", "--year", "2022", "--format", fmt, "--output", str(path), stdout=out
    )
    assert f"{path} écrit" in out.getvalue()
    return path


def exporter(username="exportateur"):
    user = get_user_model().objects.create_user(username=username, password="x" * 20)
    user.user_permissions.add(Permission.objects.get(codename="export_bilan"))
    return user


def seed_report_cells(containing: str) -> list[str]:
    """The tab-separated cells of the seed report's table line that contains ``containing``."""
    report = Path(settings.SEED_REPORT_PATH).read_text(encoding="utf-8")
    line = next(line for line in report.splitlines() if containing in line)
    return line.split("\t")


def normalised(value: str) -> str:
    return " ".join(value.replace(NBSP, " ").replace("\u202f", " ").split())


def add_axis_with_rows(plan, number=6, rows=3):
    axis = Axis.objects.create(plan=plan, number=number, title=f"Axe ajouté {number}")
    ambition = Ambition.objects.create(axis=axis, position=1, text="Une **ambition** de plus")
    year = ReportingYear.objects.get(plan=plan, year=2022)
    for position in range(1, rows + 1):
        row = ReportRow.objects.create(ambition=ambition, position=position, title="Ligne")
        BilanEntry.objects.create(
            reporting_year=year,
            report_row=row,
            bilan_text="Fait",
            action_plan_text="À faire",
            status=EntryStatus.PUBLISHED,
        )
        Indicator.objects.create(report_row=row, label="Compte", unit="ménages", kind="level")
