"""The export_bilan command: a file in each format, text on stdout, errors in French."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators.bilan.writers import EXPORT_FORMATS
from measures.models import ReportingYear
from tests.bilan.helpers import expected_table, export_file
from tests.helpers import make_reporting_year

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_command_writes_the_file_in_each_format(seed_plan, tmp_path, fmt):
    path = export_file(tmp_path, fmt)
    assert path.stat().st_size > 1000
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_command_writes_text_formats_to_stdout_with_a_dash(seed_plan, fmt):
    out = io.StringIO()
    call_command("export_bilan", "--year", "2022", "--format", fmt, "--output", "-", stdout=out)
    if fmt == "csv":
        assert list(csv.reader(io.StringIO(out.getvalue()))) == expected_table()
    else:
        assert json.loads(out.getvalue())["titre"] == "Bilan 2022 & perspectives 2023"


def test_command_refuses_binary_formats_on_stdout(seed_plan):
    with pytest.raises(CommandError, match="binaire"):
        call_command("export_bilan", "--year", "2022", "--format", "xlsx", "--output", "-")


@pytest.mark.parametrize(
    ("year", "fmt", "message"),
    [
        ("1999", "csv", "Aucun bilan n'est ouvert pour l'année 1999"),
        ("2022", "xls", "Format d'export inconnu\xa0: « xls »"),
        ("2023", "pdf", "n'a encore aucun texte publié"),
    ],
)
def test_command_fails_in_french_and_writes_no_file(seed_plan, tmp_path, year, fmt, message):
    make_reporting_year(ReportingYear.objects.get(year=2022).plan, 2023)
    path = tmp_path / "bilan.out"
    with pytest.raises(CommandError, match=message):
        call_command("export_bilan", "--year", year, "--format", fmt, "--output", str(path))
    assert list(tmp_path.iterdir()) == []


def test_command_keeps_an_existing_file_when_the_export_fails(seed_plan, tmp_path):
    path = tmp_path / "bilan.csv"
    path.write_text("version précédente", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("export_bilan", "--year", "1999", "--format", "csv", "--output", str(path))
    assert path.read_text(encoding="utf-8") == "version précédente"
