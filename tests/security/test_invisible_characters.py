"""Invisible characters in the plan's texts: refused when typed, removed when written out.

A control character (U+000B, U+001B…) or a bidirectional override or isolate
(U+202A–U+202E, U+2066–U+2069) in a bilan text, a label, a source or a
comment used to be saved; XML refuses most of them, so the XLSX and DOCX
exports and the publication of an edition then answered 500.

* What older versions saved is written out without them: the texts are
  stored straight through the ORM, as old data would be, then every export,
  an edition, the open data and the bilan page are read back;
* every form refuses them with a French message next to the field, and saves
  nothing: the entry forms, the return note, the edition note, the admin.
"""

import io
import json
import re
import zipfile
from decimal import Decimal

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from core.workflow import EntryStatus
from indicators.bilan.writers import EXPORT_FORMATS
from indicators.models import BilanEdition, Indicator, Milestone, MilestoneYearStatus, YearResult
from measures.models import (
    Ambition,
    Axis,
    BilanEntry,
    Commitment,
    CommitmentMark,
    Plan,
    ReportingYear,
    ReportRow,
)

from .conftest import act_as
from .hostile import entries_snapshot
from .test_no_leak import readable_text as readable_file_text

pytestmark = pytest.mark.django_db

# No NUL: PostgreSQL refuses it in a text, so no older version could have saved one.
# The vertical tab becomes a space; every other one goes.
STORED = "\x1b[31m\x07\x7f\u202a\u202e\u2066\u2069\ufffe\x0b"
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)


def trapped(text: str) -> str:
    return f"{text} avant{STORED}après"


CLEANED = "avant[31m après"


@pytest.fixture
def stored(world):
    """Every kind of text of the plan holds invisible characters, published where it can be."""
    year = ReportingYear.objects.get(year=2022)
    Plan.objects.update(title=trapped("Plan"), introduction=trapped("Introduction"))
    ReportingYear.objects.filter(pk=year.pk).update(introduction=trapped("Introduction"))
    Axis.objects.update(title=trapped("Axe"))
    Ambition.objects.filter(pk=world.row.ambition_id).update(text=trapped("Ambition"))
    ReportRow.objects.filter(pk=world.row.pk).update(title=trapped("Ligne"))
    BilanEntry.objects.filter(report_row=world.row, status=EntryStatus.PUBLISHED).update(
        bilan_text=trapped("Bilan"), action_plan_text=trapped("- Plan d'action")
    )
    Indicator.objects.filter(pk=world.indicator.pk).update(
        label=trapped("Libellé"), unit=trapped("logements")
    )
    YearResult.objects.create(
        indicator=world.indicator,
        year=2024,
        value=Decimal(12),
        source=trapped("Source"),
        comment=trapped("Commentaire"),
        status=EntryStatus.PUBLISHED,
    )
    Milestone.objects.filter(pk=world.milestone.pk).update(title=trapped("Jalon"))
    MilestoneYearStatus.objects.create(
        milestone=world.milestone,
        year=2024,
        progress="done",
        note=trapped("Note"),
        status=EntryStatus.PUBLISHED,
    )
    commitment = Commitment.objects.create(
        reporting_year=year, report_row=world.row, position=9, text=trapped("Engagement")
    )
    CommitmentMark.objects.create(
        commitment=commitment,
        outcome="done",
        comment=trapped("Commentaire"),
        status=EntryStatus.PUBLISHED,
    )
    return world


CHARACTER_REFERENCE = re.compile(r"&#(x?)([0-9a-fA-F]+);")


def readable_text(response) -> str:
    """The response's text; for a zipped document (XLSX, ODS, DOCX), its XML parts
    only, with their character references (``&#232;``, ``&#x1b;``) read."""
    if not response.content.startswith(b"PK"):
        return readable_file_text(response)
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = [name for name in archive.namelist() if name.endswith((".xml", ".rels"))]
        xml = "\n".join(archive.read(name).decode("utf-8") for name in names)
    return CHARACTER_REFERENCE.sub(lambda m: chr(int(m[2], 16 if m[1] else 10)), xml)


def assert_written_without_them(text: str) -> None:
    found = FORBIDDEN.findall(text)
    assert not found, f"invisible characters written: {found[:5]}"
    assert CLEANED in text


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_every_export_is_written_without_the_invisible_characters(client, stored, fmt):
    act_as(client, stored, "admin")
    response = client.get(reverse("indicators:bilan_export", args=[2022, fmt]))
    assert response.status_code == 200
    text = readable_text(response)
    if fmt == "json":
        # JSON writes a control character as \u001b: the texts are read back.
        text = json.dumps(json.loads(text), ensure_ascii=False)
    if fmt == "pdf":
        # A PDF's text comes back as laid out: its words only.
        assert not FORBIDDEN.findall(text)
        assert "avant" in text
    else:
        assert_written_without_them(text)


def test_publishing_an_edition_writes_every_file_without_them(client, stored):
    act_as(client, stored, "admin")
    response = client.post(reverse("indicators:bilan_publish", args=[2022]), {"note": "Corrigée"})
    assert response.status_code == 302
    edition = BilanEdition.objects.get()
    assert sorted(edition.files.values_list("format", flat=True)) == sorted(EXPORT_FORMATS)
    assert_written_without_them(edition.table_html)
    assert_written_without_them(json.dumps(edition.snapshot, ensure_ascii=False))
    for stored_file in edition.files.all():
        url = reverse("indicators:bilan_edition_file", args=[2022, 1, stored_file.format])
        text = readable_text(client.get(url))
        assert not FORBIDDEN.findall(text), stored_file.format


@pytest.mark.parametrize("name", ["values_csv", "values_french_csv", "values_json"])
def test_open_data_is_written_without_them(client, stored, name):
    response = client.get(reverse(f"opendata:{name}"))
    assert response.status_code == 200
    text = response.content.decode()
    if name == "values_json":
        text = json.dumps(json.loads(text), ensure_ascii=False)
    assert_written_without_them(text)


def test_the_bilan_page_shows_the_texts_without_them(client, stored):
    response = client.get(reverse("indicators:bilan", args=[2022]))
    assert response.status_code == 200
    assert_written_without_them(response.content.decode())


# --- Every form refuses them ---------------------------------------------------------------

REFUSAL = "caractère invisible non accepté"
TYPED = ["\x0b", "\x1b", "\x07", "\x7f", "\u202e", "\u2066", "\u2069"]


def entry_form_post(world, case: str, text: str) -> tuple[str, dict]:
    """The URL and the data of an entry form whose ``case`` field (form:field) holds ``text``."""
    form, field = case.split(":")
    if form == "indicator":
        prefix = f"ind-{world.indicator.pk}-2023-"
        # The page of 2023: there its form takes the result (and the target).
        path = reverse("entry:indicator_year", args=[world.indicator.pk, 2023]) + "?annee=2023"
        data = {"result_value": "7", "target_comparator": "exactly", "change_reason": "other"}
    elif form == "milestone":
        prefix = f"jalon-{world.milestone.pk}-2023-"
        path = reverse("entry:milestone_year", args=[world.milestone.pk, 2023])
        data = {"progress": "done"}
    elif form == "bilan":
        prefix = f"texte-{world.row.pk}-2022-"
        path = reverse("entry:bilan_text", args=[world.row.pk, 2022])
        data = {"bilan_text": "Fait", "action_plan_text": "À faire"}
    else:
        commitment = Commitment.objects.create(
            reporting_year=ReportingYear.objects.get(year=2022),
            report_row=world.row,
            position=1,
            text="Signer 3 conventions",
        )
        prefix = f"engagement-{commitment.pk}-"
        path = reverse("entry:commitment", args=[commitment.pk])
        data = {"outcome": "done", "revision": ""}
    data[field] = f"avant{text}après"
    return path, {prefix + name: value for name, value in data.items()}


@pytest.mark.parametrize("character", TYPED, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize(
    "case",
    [
        "indicator:result_source",
        "indicator:result_comment",
        "indicator:change_comment",
        "milestone:note",
        "bilan:bilan_text",
        "bilan:action_plan_text",
        "commitment:comment",
    ],
)
def test_entry_forms_refuse_them_with_a_french_message(client, world, case, character):
    act_as(client, world, "editor")
    path, data = entry_form_post(world, case, character)
    before = entries_snapshot()
    response = client.post(path, data)
    assert response.status_code == 400
    assert f"{REFUSAL} (U+{ord(character):04X})" in response.content.decode()
    assert entries_snapshot() == before


@pytest.mark.parametrize("character", TYPED, ids=lambda c: f"U+{ord(c):04X}")
def test_the_return_note_refuses_them(client, world, character):
    act_as(client, world, "validator")
    submitted = YearResult.objects.create(
        indicator=world.indicator, year=2023, value=Decimal(5), status=EntryStatus.SUBMITTED
    )
    before = entries_snapshot()
    response = client.post(
        reverse("entry:review"),
        {"action": "renvoyer", "entries": [f"resultat:{submitted.pk}"], "note": f"a{character}b"},
    )
    assert response.status_code == 400
    assert REFUSAL in response.content.decode()
    assert entries_snapshot() == before


def test_the_edition_note_refuses_them(client, world):
    act_as(client, world, "admin")
    response = client.post(
        reverse("indicators:bilan_publish", args=[2022]), {"note": "Corrigée\x1b"}, follow=True
    )
    assert f"{REFUSAL} (U+001B)" in response.content.decode()
    assert not BilanEdition.objects.exists()


def test_the_admin_refuses_them_in_a_title(client, world):
    act_as(client, world, "admin")
    axis = Axis.objects.get(number=1)
    data = model_to_dict(axis) | {"title": "Mobiliser\u202e l'offre"}
    response = client.post(reverse("admin:measures_axis_change", args=[axis.pk]), data)
    assert response.status_code == 200
    assert f"{REFUSAL} (U+202E)" in response.content.decode()
    axis.refresh_from_db()
    assert "\u202e" not in axis.title
