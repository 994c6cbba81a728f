"""The source report travels with the repository: a bare clone can check the seed."""

import os
from pathlib import Path

from django.conf import settings

from tests.seed.report import read_report

KEPT_COPY = settings.BASE_DIR / "fixtures" / "rapport-bilan-2022-perspectives-2023.md"


def test_the_report_is_read_from_the_repository_unless_told_otherwise():
    assert KEPT_COPY.is_file()
    if "LDAPLAN_SEED_REPORT" not in os.environ:
        assert Path(settings.SEED_REPORT_PATH) == KEPT_COPY


def test_the_kept_copy_is_the_bilan_2022_report():
    text = KEPT_COPY.read_text(encoding="utf-8")
    assert text.lstrip().startswith("# PACTE PARISIEN")
    assert "**Bilan 2022 & perspectives 2023**" in text
    assert "Juillet 2023" in text
    assert read_report() == text or "LDAPLAN_SEED_REPORT" in os.environ
