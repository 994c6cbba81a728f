"""Migrating a database whose commitments were marked before marks were reviewed: each
outcome given becomes the commitment's published mark, so the public bilan says the same."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("measures", "0002_historicalcommitment_commitment")]
AFTER = [("measures", "0004_remove_commitment_outcome")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_given_outcomes_become_published_marks_and_to_report_stays_unmarked():
    old = migrate(BEFORE)
    Plan = old.get_model("measures", "Plan")
    Axis = old.get_model("measures", "Axis")
    Ambition = old.get_model("measures", "Ambition")
    ReportRow = old.get_model("measures", "ReportRow")
    ReportingYear = old.get_model("measures", "ReportingYear")
    Commitment = old.get_model("measures", "Commitment")
    plan = Plan.objects.create(title="Plan", start_year=2021, end_year=2026)
    axis = Axis.objects.create(plan=plan, number=1, title="Axe")
    ambition = Ambition.objects.create(axis=axis, position=1, text="Ambition")
    row = ReportRow.objects.create(ambition=ambition, position=1, title="Ligne")
    year = ReportingYear.objects.create(plan=plan, year=2023)
    done = Commitment.objects.create(
        reporting_year=year,
        report_row=row,
        position=1,
        text="Capter",
        outcome="partly_done",
        comment="70 sur 75",
        revision=3,
    )
    to_report = Commitment.objects.create(
        reporting_year=year, report_row=row, position=2, text="Ouvrir", outcome="to_report"
    )

    new = migrate(AFTER)
    CommitmentMark = new.get_model("measures", "CommitmentMark")
    marks = list(
        CommitmentMark.objects.values_list("commitment_id", "outcome", "comment", "status")
    )
    assert marks == [(done.pk, "partly_done", "70 sur 75", "published")]
    assert CommitmentMark.objects.get().published_at is not None
    assert not CommitmentMark.objects.filter(commitment_id=to_report.pk).exists()
    field_names = {f.name for f in new.get_model("measures", "Commitment")._meta.get_fields()}
    assert not {"outcome", "comment", "revision"} & field_names

    # And back: the published mark is the commitment's outcome again.
    old = migrate(BEFORE)
    Commitment = old.get_model("measures", "Commitment")
    assert Commitment.objects.get(pk=done.pk).outcome == "partly_done"
    assert Commitment.objects.get(pk=to_report.pk).outcome == "to_report"
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
