"""No figure or text that is not yet published reaches a role that may not see it.

Entries of "this measure" are created in every unpublished state, each with a
value no other figure has (98765x); every page and export of the permission
matrix is then fetched by every role, and the response searched for them —
inside the zip parts of XLSX, ODS and DOCX files and the text of PDFs too.

Who may see what:

* drafts, submitted and returned entries: the measure's own editors, the
  validators and the administrators (on the entry pages, the review queue and
  the measure's history);
* validated figures: the same, and readers holding « Peut voir les chiffres
  validés non encore publiés » (validators and administrators by default);
* the bilan exports and the open data hold published values only, whoever asks.
"""

import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from core.workflow import EntryStatus
from indicators.bilan.editions import publish_edition
from indicators.bilan.writers import EXPORT_FORMATS
from indicators.entry.exchanges import ThreadKey, post_message
from indicators.models import Indicator, MilestoneYearStatus, YearResult, YearTarget
from measures.models import BilanEntry, Commitment, ReportingYear

from .conftest import ROLES, act_as
from .test_permission_matrix import EXPECTED

pytestmark = pytest.mark.django_db

UNPUBLISHED = {
    # what: (value or text, state)
    "draft result": ("987651", EntryStatus.DRAFT),
    "submitted target": ("987652", EntryStatus.SUBMITTED),
    "returned result": ("987653", EntryStatus.RETURNED),
    "validated result": ("987654", EntryStatus.VALIDATED),
    "draft text": ("Brouillon-XQZ-confidentiel", EntryStatus.DRAFT),
    "submitted milestone note": ("Jalon-XQZ-confidentiel", EntryStatus.SUBMITTED),
}
OPEN_STATES_READERS = {"editor", "validator", "admin"}
VALIDATED_READERS = {"editor", "validator", "admin"}


def may_see(role: str, state: str) -> bool:
    if state == EntryStatus.VALIDATED:
        return role in VALIDATED_READERS
    return role in OPEN_STATES_READERS


def pattern(secret: str) -> re.Pattern:
    """The secret as any page may write it: 987654, 987 654 (any space), 987654.0."""
    if secret.isdigit():
        return re.compile(rf"{secret[:3]}[\s\u00a0\u202f.,']?{secret[3:]}")
    return re.compile(re.escape(secret))


@pytest.fixture
def secrets(world):
    """The unpublished entries, on this measure's indicators, milestone and row."""
    indicators = list(Indicator.objects.filter(report_row__measure=world.measure).order_by("pk"))
    editor = world.users["editor"]

    def result(indicator, year, what):
        value, state = UNPUBLISHED[what]
        YearResult.objects.create(
            indicator=indicator, year=year, value=Decimal(value), status=state, entered_by=editor
        )

    result(indicators[0], 2023, "draft result")
    result(indicators[1], 2023, "returned result")
    result(indicators[2], 2023, "validated result")
    value, state = UNPUBLISHED["submitted target"]
    YearTarget.objects.create(
        indicator=indicators[0], year=2024, value=Decimal(value), status=state, entered_by=editor
    )
    text, state = UNPUBLISHED["draft text"]
    BilanEntry.objects.create(
        reporting_year=ReportingYear.objects.get(year=2022),
        report_row=world.row,
        bilan_text=f"**{text}**",
        status=state,
        entered_by=editor,
    )
    note, state = UNPUBLISHED["submitted milestone note"]
    MilestoneYearStatus.objects.create(
        milestone=world.milestone,
        year=2023,
        progress="done",
        note=note,
        status=state,
        entered_by=editor,
    )
    return {what: (pattern(secret), state) for what, (secret, state) in UNPUBLISHED.items()}


def readable_text(response) -> str:
    """What a person could read in the response, whatever its format."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return readable_bytes(content)


def readable_bytes(content: bytes) -> str:
    """What a person could read in a file's bytes: the parts of a zip, a PDF's text."""
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    if content.startswith(b"%PDF"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return content.decode("utf-8", "replace")


def get_paths(targets) -> list[str]:
    """Every page the matrix reads with GET, on the years that hold the secrets."""
    paths = []
    for (name, method), _cells in EXPECTED.items():
        if method != "GET" or name not in targets:
            continue
        path = targets[name].path
        paths.append(path)
        if name.startswith(("indicators:", "entry:")) and "?" not in path:
            paths.extend(f"{path}?annee={year}" for year in (2023, 2024))
    return paths


def leaks(text: str, secrets, role: str) -> list[str]:
    return [
        what
        for what, (found, state) in secrets.items()
        if not may_see(role, state) and found.search(text)
    ]


@pytest.mark.parametrize("role", ROLES)
def test_no_page_shows_a_figure_the_role_may_not_see(client, world, targets, secrets, role):
    act_as(client, world, role)
    found = {}
    for path in get_paths(targets):
        response = client.get(path)
        leaked = leaks(readable_text(response), secrets, role)
        if leaked:
            found[path] = leaked
    assert not found, f"{role} sees unpublished entries: {found}"


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_bilan_exports_hold_published_values_only(client, world, secrets, fmt):
    act_as(client, world, "admin")
    response = client.get(reverse("indicators:bilan_export", args=[2022, fmt]))
    assert response.status_code == 200
    text = readable_text(response)
    assert "Louez solidaire" in text or fmt == "csv"  # the search reads the file's text
    assert leaks(text, secrets, "anonymous") == []


def test_the_search_finds_what_staff_may_see(client, world, secrets):
    """The patterns do match the pages: the editor sees every open entry of the measure."""
    act_as(client, world, "editor")
    page = "".join(
        readable_text(client.get(reverse("entry:measure", args=[world.measure.number]), q))
        for q in ({"annee": "2022"}, {"annee": "2023"})
    )
    assert {what for what, (found, _s) in secrets.items() if found.search(page)} == set(UNPUBLISHED)
    act_as(client, world, "validator")
    queue = readable_text(client.get(reverse("entry:review")))
    assert secrets["submitted target"][0].search(queue)
    assert secrets["validated result"][0].search(queue)


# --- « Échanges »: the internal threads never leave the staff's pages ---------------------------

EXCHANGE_READERS = {"editor", "validator", "admin"}


@pytest.fixture
def exchange_texts(world, targets):
    """One made-up message on a thread of every kind of this measure's entries, and one on
    the unnumbered row's texts (whose thread only those who enter every row may read)."""
    indicator, editor = world.indicator, world.users["editor"]
    reporting_year = ReportingYear.objects.get(year=2022)
    commitment = Commitment.objects.get(report_row=world.row, position=99)
    threads = {
        "resultat": ThreadKey("resultat", indicator.pk, 2023),
        "objectif": ThreadKey("objectif", indicator.pk, 2024),
        "jalon": ThreadKey("jalon", world.milestone.pk, 2023),
        "texte": ThreadKey("texte", world.row.pk, 2022),
        "engagement": ThreadKey("engagement", commitment.pk),
        "ligne sans numéro": ThreadKey("texte", world.unnumbered_row.pk, 2022),
    }
    texts = {}
    for what, key in threads.items():
        text = f"Echange-XQZ-{key.anchor}-confidentiel (fictif)"
        post_message(key, author=editor, text=text, reporting_year_id=reporting_year.pk)
        texts[what] = text
    return texts


def found_exchanges(text: str, exchange_texts) -> list[str]:
    return [what for what, secret in exchange_texts.items() if secret in text]


@pytest.mark.parametrize("role", ROLES)
def test_no_page_but_the_staff_s_shows_an_exchange(client, world, targets, exchange_texts, role):
    """Public and partner pages, open data and the API never show a message, whoever asks;
    the entry pages and the queue show them to the measure's editors and the reviewers only."""
    act_as(client, world, role)
    found = {}
    for path in get_paths(targets):
        seen = found_exchanges(readable_text(client.get(path)), exchange_texts)
        staff_page = path.startswith("/saisie/")
        if seen and not (staff_page and role in EXCHANGE_READERS):
            found[path] = seen
    assert not found, f"{role} sees internal messages: {found}"


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_bilan_exports_and_editions_hold_no_exchange(client, world, exchange_texts, fmt):
    act_as(client, world, "admin")
    response = client.get(reverse("indicators:bilan_export", args=[2022, fmt]))
    text = readable_text(response)
    assert "Louez solidaire" in text or fmt == "csv"  # the search reads the file's text
    assert found_exchanges(text, exchange_texts) == []
    edition = publish_edition(2022, user=world.users["admin"])
    frozen = edition.files.get(format=fmt)
    assert found_exchanges(readable_bytes(bytes(frozen.content)), exchange_texts) == []
    assert found_exchanges(edition.table_html + str(edition.snapshot), exchange_texts) == []


def test_the_search_finds_the_exchanges_staff_may_read(client, world, targets, exchange_texts):
    """The texts are on the pages they belong to: the control for the test above."""
    act_as(client, world, "editor")
    page = "".join(
        readable_text(client.get(reverse("entry:measure", args=[world.measure.number]), q))
        for q in ({"annee": "2022"}, {"annee": "2023"})
    )
    expected = {"resultat", "objectif", "jalon", "texte", "engagement"}
    assert set(found_exchanges(page, exchange_texts)) == expected
    act_as(client, world, "admin")
    row_page = readable_text(client.get(reverse("entry:row", args=[world.unnumbered_row.pk])))
    assert found_exchanges(row_page, exchange_texts) == ["ligne sans numéro"]
    act_as(client, world, "validator")
    queue = readable_text(client.get(reverse("entry:review")))
    # The submitted target of the `targets` fixture is 2025's: its thread is empty.
    assert found_exchanges(queue, exchange_texts) == []
    post_message(
        ThreadKey("objectif", world.indicator.pk, 2025),
        author=world.users["validator"],
        text="Echange-XQZ-file (fictif)",
    )
    assert "Echange-XQZ-file (fictif)" in readable_text(client.get(reverse("entry:review")))
