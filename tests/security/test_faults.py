"""A failure in the middle of a multi-row save leaves the database as it was.

The failure is forced (the second write of the save raises, as a lost
connection or a full disk would); the test's own transaction is not there to
hide anything: these tests commit for real (``transaction=True``).
"""

import contextlib
import logging
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse

from core import entries
from core.workflow import EntryStatus
from indicators.entry import queue, services
from indicators.models import Indicator, YearResult, YearTarget

from .conftest import act_as, make_user

pytestmark = pytest.mark.django_db(transaction=True)


class DiskFull(Exception):
    """Stands for any failure of the database or the machine in the middle of a save."""


def fail_on_call(real, number: int):
    """``real``, except that its ``number``-th call raises ``DiskFull``."""
    calls = []

    def wrapper(*args, **kwargs):
        calls.append(args)
        if len(calls) == number:
            raise DiskFull
        return real(*args, **kwargs)

    return wrapper


def everything(indicator):
    """The values of the indicator and their history, as rows."""
    return {
        model.__name__: sorted(
            tuple(row.values())
            for row in model.objects.filter(indicator=indicator).order_by("pk").values()
        )
        for model in (YearResult, YearTarget, YearResult.history.model, YearTarget.history.model)
    }


@pytest.fixture
def louez_solidaire(seed_plan):
    return Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")


def test_record_year_failing_on_its_second_row_keeps_neither(louez_solidaire):
    before = everything(louez_solidaire)
    with (
        mock.patch.object(services, "save_entry", fail_on_call(entries.save_entry, 2)),
        pytest.raises(DiskFull),
    ):
        services.record_year(
            louez_solidaire,
            2024,
            target=Decimal(80),
            result=Decimal(81),
            source="DLH",
        )
    assert everything(louez_solidaire) == before


def test_entry_form_failing_on_its_second_row_keeps_neither(client, louez_solidaire):
    """The same through the entry page: target then result, the result's save fails."""
    editor = make_user("agent", "Agents de saisie", measures=[1])
    client.force_login(editor)
    client.raise_request_exception = False
    prefix = f"ind-{louez_solidaire.pk}-2024-"
    before = everything(louez_solidaire)
    logged = []
    handler = logging.Handler(level=logging.ERROR)
    handler.emit = logged.append
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    with (
        mock.patch.object(services, "save_entry", fail_on_call(entries.save_entry, 2)),
        contextlib.ExitStack() as cleanup,
    ):
        cleanup.callback(logger.removeHandler, handler)
        response = client.post(
            reverse("entry:indicator_year", args=[louez_solidaire.pk, 2024]) + "?annee=2024",
            {
                prefix + "target_value": "80",
                prefix + "target_comparator": "exactly",
                prefix + "result_value": "81",
            },
        )
    assert response.status_code == 500
    assert "DiskFull" not in response.content.decode()  # the French error page, no trace
    # The server's log has the error with its request and its traceback.
    (record,) = logged
    assert record.request.path.startswith("/saisie/indicateurs/")
    assert record.request.user == editor
    assert record.exc_info[0] is DiskFull
    assert everything(louez_solidaire) == before
    # The same form goes through once the fault is gone.
    response = client.post(
        reverse("entry:indicator_year", args=[louez_solidaire.pk, 2024]) + "?annee=2024",
        {
            prefix + "target_value": "80",
            prefix + "target_comparator": "exactly",
            prefix + "result_value": "81",
        },
    )
    assert response.status_code == 302
    assert YearResult.objects.get(indicator=louez_solidaire, year=2024).value == Decimal(81)


def test_review_batch_failing_on_its_second_entry_changes_none(client, world):
    """Validating two entries at once: the second transition fails, the first is undone."""
    first = YearResult.objects.create(
        indicator=world.indicator, year=2023, value=Decimal(5), status=EntryStatus.SUBMITTED
    )
    second = YearTarget.objects.create(
        indicator=world.indicator, year=2024, value=Decimal(6), status=EntryStatus.SUBMITTED
    )
    act_as(client, world, "validator")
    client.raise_request_exception = False
    with mock.patch.object(queue, "transition", fail_on_call(entries.transition, 2)):
        response = client.post(
            reverse("entry:review"),
            {"action": "valider", "entries": [f"resultat:{first.pk}", f"objectif:{second.pk}"]},
        )
    assert response.status_code == 500
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.revision) == (EntryStatus.SUBMITTED, 1)
    assert (second.status, second.revision) == (EntryStatus.SUBMITTED, 1)
    assert first.history.count() == 1
