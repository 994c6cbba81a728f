"""A second reporting year (2023) taken through the product the way its users do, and
readers of the bilan files that keep their content and drop what changes on every
writing (timestamps in XLSX, ODS, DOCX and PDF metadata).

EVERY 2023 AND 2024 FIGURE, STATUS, TEXT AND COMMENT BELOW IS MADE UP for the tests:
none comes from the City's report, which stops at the bilan 2022.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal as D

from django.contrib.auth.models import Permission
from django.urls import reverse

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import Indicator, Milestone, MilestoneYearStatus, YearResult, YearTarget
from measures.markup import markup_paragraphs, markup_to_plain_text
from measures.models import BilanEntry, Commitment, CommitmentMark, ReportRow
from tests.accounts import indicator_post, indicator_url, login, make_user
from tests.bilan.test_writers import docx_table_cells, read_ods
from tests.entry.actions import review, text_post

# Made-up: (indicator label, result 2023, target 2024, comparator of the 2024 target).
MADE_UP_FIGURES = {
    "Logements Louez solidaire captés dans l'année": (D(76), D(80), "exactly"),
    "Pensions de Famille agréées dans l'année": (D(4), D(3), "at_least"),
    "Professionnels formés sur l'accès au logement des publics prioritaires": (
        D(310),
        D(320),
        "exactly",
    ),
}
# Made-up: how the commitments of the plan d'action 2023 were kept, in turn.
MADE_UP_OUTCOMES = ("done", "partly_done", "not_done")
OUTCOME_LABELS = {
    "done": "réalisé",
    "partly_done": "partiellement réalisé",
    "not_done": "non réalisé",
}


def made_up_bilan_text(row: ReportRow) -> str:
    return f"Bilan 2023 fictif, ligne {row.reference or 'sans numéro'} : **{row.pk + 10} actions**."


def made_up_action_plan_text(row: ReportRow) -> str:
    name = row.reference or "sans numéro"
    return f"Plan d'action 2024 fictif, ligne {name}.\n\nSecond paragraphe fictif, ligne {name}."


def made_up_comment(commitment: Commitment) -> str:
    reference = commitment.report_row.reference or "sans numéro"
    return f"Commentaire fictif {reference}-{commitment.position}"


@dataclass
class SecondYear:
    """The accounts of the 2023 cycle and what was entered (the made-up values)."""

    admin: object
    agent: object
    validator: object
    outcomes: dict = field(default_factory=dict)  # commitment pk -> outcome
    milestone: Milestone | None = None


def accounts() -> SecondYear:
    agent = make_user("agent-2023", roles.EDITORS)
    # The unnumbered row has no measure to be assigned: its texts need this permission.
    agent.user_permissions.add(Permission.objects.get(codename="enter_all_measures"))
    return SecondYear(
        admin=make_user("admin-2023", roles.ADMINISTRATORS),
        agent=agent,
        validator=make_user("valideur-2023", roles.REVIEWERS),
    )


def open_2023(client, cycle: SecondYear) -> None:
    """The admin opens 2023 from the bilan 2022 page's button."""
    login(client, cycle.admin)
    response = client.post(reverse("indicators:bilan_open", args=[2023]))
    assert response.status_code == 302, response
    assert response.url == reverse("indicators:bilan", args=[2023])


def enter_2023(client, cycle: SecondYear) -> None:
    """The agent fills 2023 through the entry forms (all made-up), then submits every draft."""
    login(client, cycle.agent)
    for label, (result, next_target, comparator) in MADE_UP_FIGURES.items():
        indicator = Indicator.objects.get(label=label)
        posted = client.post(
            indicator_url(indicator, 2023),
            indicator_post(indicator, 2023, result_value=str(result)),
        )
        assert posted.status_code == 302, posted.content.decode()[:2000]
        posted = client.post(
            indicator_url(indicator, 2024, page_year=2023),
            indicator_post(
                indicator, 2024, target_value=str(next_target), target_comparator=comparator
            ),
        )
        assert posted.status_code == 302, posted.content.decode()[:2000]
    cycle.milestone = Milestone.objects.filter(planned_year=2023).order_by("pk").first()
    prefix = f"jalon-{cycle.milestone.pk}-2023-"
    posted = client.post(
        reverse("entry:milestone_year", args=[cycle.milestone.pk, 2023]) + "?annee=2023",
        {prefix + "progress": "done", prefix + "note": "Note fictive", prefix + "revision": ""},
    )
    assert posted.status_code == 302, posted.content.decode()[:2000]
    for row in ReportRow.objects.in_report_order().select_related("measure"):
        posted = client.post(
            reverse("entry:bilan_text", args=[row.pk, 2023]) + "?annee=2023",
            text_post(
                row,
                2023,
                bilan_text=made_up_bilan_text(row),
                action_plan_text=made_up_action_plan_text(row),
                revision="",
            ),
        )
        assert posted.status_code == 302, posted.content.decode()[:2000]
    _mark_commitments(client, cycle)
    _submit_drafts(client)


def _mark_commitments(client, cycle: SecondYear) -> None:
    commitments = Commitment.objects.filter(reporting_year__year=2023).select_related(
        "report_row__measure"
    )
    for index, commitment in enumerate(commitments.order_by("pk")):
        outcome = MADE_UP_OUTCOMES[index % len(MADE_UP_OUTCOMES)]
        prefix = f"engagement-{commitment.pk}-"
        posted = client.post(
            reverse("entry:commitment", args=[commitment.pk]),
            {
                prefix + "outcome": outcome,
                prefix + "comment": made_up_comment(commitment),
                prefix + "revision": "",
            },
        )
        assert posted.status_code == 302, posted.content.decode()[:2000]
        cycle.outcomes[commitment.pk] = outcome


def drafts() -> list[tuple[str, object]]:
    """Every entry of the 2023 cycle still to be submitted, with its kind's slug."""
    return [
        *(("resultat", e) for e in YearResult.objects.filter(status=EntryStatus.DRAFT)),
        *(("objectif", e) for e in YearTarget.objects.filter(status=EntryStatus.DRAFT)),
        *(("jalon", e) for e in MilestoneYearStatus.objects.filter(status=EntryStatus.DRAFT)),
        *(("texte", e) for e in BilanEntry.objects.filter(status=EntryStatus.DRAFT)),
        *(("engagement", e) for e in CommitmentMark.objects.filter(status=EntryStatus.DRAFT)),
    ]


def _submit_drafts(client) -> None:
    entries = drafts()
    # 3 results, 3 targets, 1 milestone status, one text per row, one mark per commitment.
    assert len(entries) == 7 + ReportRow.objects.count() + Commitment.objects.count()
    for kind, entry in entries:
        url = reverse("entry:submit", args=[kind, entry.pk]) + "?annee=2023"
        assert client.post(url).status_code == 302


def validate_and_publish(client, cycle: SecondYear) -> None:
    """The validator validates, then publishes, everything submitted."""
    login(client, cycle.validator)
    tokens = [f"{kind}:{entry.pk}" for kind, entry in _submitted()]
    assert review(client, "valider", *tokens).status_code == 302
    assert review(client, "publier", *tokens).status_code == 302
    assert not _submitted()


def _submitted() -> list[tuple[str, object]]:
    submitted = EntryStatus.SUBMITTED
    return [
        *(("resultat", e) for e in YearResult.objects.filter(status=submitted)),
        *(("objectif", e) for e in YearTarget.objects.filter(status=submitted)),
        *(("jalon", e) for e in MilestoneYearStatus.objects.filter(status=submitted)),
        *(("texte", e) for e in BilanEntry.objects.filter(status=submitted)),
        *(("engagement", e) for e in CommitmentMark.objects.filter(status=submitted)),
    ]


def publish_2023_figures(client) -> SecondYear:
    """Open 2023, enter it, and publish every entry: the bilan 2023 is not frozen yet."""
    cycle = accounts()
    open_2023(client, cycle)
    enter_2023(client, cycle)
    validate_and_publish(client, cycle)
    return cycle


def freeze(client, cycle: SecondYear, year: int) -> None:
    """The admin publishes and freezes the bilan of ``year`` from its page."""
    login(client, cycle.admin)
    response = client.post(reverse("indicators:bilan_publish", args=[year]), {"note": ""})
    assert response.status_code == 302


# ---------------------------------------------------------------------------
# What a file says, without what changes at every writing.


def content(fmt: str, data: bytes):
    """The content of an exported file: cells, paragraphs and text, no metadata."""
    return READERS[fmt](bytes(data))


def _csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def _xlsx(data: bytes) -> dict[str, list[tuple]]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook}


def _ods(data: bytes) -> dict:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bilan.ods"
        path.write_bytes(data)
        return read_ods(path)


def _docx(data: bytes) -> dict:
    from docx import Document

    document = Document(io.BytesIO(data))
    return {
        "paragraphs": [p.text for p in document.paragraphs],
        "tables": [docx_table_cells(table) for table in document.tables],
    }


def _pdf(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


READERS = {
    "csv": _csv,
    "xlsx": _xlsx,
    "ods": _ods,
    "json": lambda data: json.loads(data),
    "docx": _docx,
    "pdf": _pdf,
}


def expected_commitments(cycle: SecondYear) -> list[tuple[str, str, str, str]]:
    """The commitments as the bilan 2023 should list them, from the bilan 2022's published
    plan d'action (in report order, one per paragraph) and the made-up outcomes entered."""
    rows = []
    published = {
        e.report_row_id: e for e in BilanEntry.objects.published().filter(reporting_year__year=2022)
    }
    for row in ReportRow.objects.in_report_order().select_related("measure"):
        for position, paragraph in enumerate(
            markup_paragraphs(published[row.pk].action_plan_text), start=1
        ):
            commitment = Commitment.objects.get(
                reporting_year__year=2023, report_row=row, position=position
            )
            rows.append(
                (
                    row.reference,
                    markup_to_plain_text(paragraph),
                    OUTCOME_LABELS[cycle.outcomes[commitment.pk]],
                    made_up_comment(commitment),
                )
            )
    return rows
