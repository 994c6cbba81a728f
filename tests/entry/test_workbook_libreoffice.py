"""A workbook as a person's spreadsheet gives it back (#14): filled, then opened and saved
again by LibreOffice Calc (headless), as XLSX and as ODS, and imported.

LibreOffice rewrites the whole file (its own styles, number formats, cached values, the
sheet protection and the hidden columns as it understands them): what matters is that the
import still finds every row, reads the figures typed, and finds the rest unchanged.
Without LibreOffice (Debian: ``apt-get install libreoffice-calc-nogui``) this test is
skipped with that message, unless ``LDAPLAN_REQUIRE_E2E=1`` (set by ``.ci/run``, which
installs it). The figures typed are made up (fictif).
"""

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from core.workflow import EntryStatus
from indicators.models import YearResult
from tests.accounts import login
from tests.entry.workbooks import confirm, download, plain, preview_of, set_cell

pytestmark = pytest.mark.django_db


def resaved_by_libreoffice(content: bytes, name: str, fmt: str, folder: Path) -> bytes:
    """``content`` opened by LibreOffice Calc and saved again as ``fmt`` (xlsx or ods)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        reason = "LibreOffice est introuvable : apt-get install libreoffice-calc-nogui."
        if os.environ.get("LDAPLAN_REQUIRE_E2E") == "1":
            pytest.fail(f"{reason} (LDAPLAN_REQUIRE_E2E=1 : ce test doit tourner ici)")
        pytest.skip(reason)
    source = folder / name
    source.write_bytes(content)
    out = folder / f"out-{fmt}"
    # A profile of its own: no clash with another LibreOffice, nothing left in $HOME.
    profile = (folder / "profil").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (out / f"{source.stem}.{fmt}").read_bytes()


def post(client, content: bytes, name: str):
    upload = io.BytesIO(content)
    upload.name = name
    url = reverse("entry:measure_import", args=[1]) + "?annee=2022"
    return client.post(url, {"workbook": upload})


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_a_workbook_saved_again_by_libreoffice_imports(
    client, editor, louez_solidaire, state_funding, tmp_path, fmt
):
    login(client, editor)
    book = download(client)
    set_cell(book, "Indicateurs", louez_solidaire.pk, "Résultat 2022", "74")  # fictif
    set_cell(book, "Indicateurs", state_funding.pk, "Résultat 2022", "366 000 €")  # fictif
    filled = io.BytesIO()
    book.save(filled)
    content = resaved_by_libreoffice(filled.getvalue(), "collecte.xlsx", fmt, tmp_path)
    assert content[:2] == b"PK"

    page, workbook_import = preview_of(client, post(client, content, f"collecte.{fmt}"))
    text = re.sub(r"<[^>]+>", "", plain(page.content.decode()))
    # Every other row found unchanged: LibreOffice's rewriting changed no figure.
    assert re.search(r"2 lignes à importer,\s+\d+ inchangées,\s+0 refusée", text), text[:3000]
    assert "73 logements → 74 logements" in text
    assert confirm(client, workbook_import).status_code == 302
    draft = YearResult.objects.get(indicator=louez_solidaire, year=2022, status=EntryStatus.DRAFT)
    assert draft.value == 74
    funding = YearResult.objects.get(indicator=state_funding, year=2022, status=EntryStatus.DRAFT)
    # The date LibreOffice saved as its own date cell is read back as the same date.
    assert (funding.value, funding.as_of.isoformat()) == (366000, "2022-12-31")
