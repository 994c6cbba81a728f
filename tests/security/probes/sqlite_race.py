"""Racing saves on the embedded SQLite database, as several app server processes do.

Run by tests/security/test_sqlite_concurrency.py in its own process, with a
throw-away database file in DATABASE_URL. Prints one JSON line: how many saves
answered with each status code.
"""

import json
import multiprocessing
import sys
from collections import Counter

import django

PROCESSES = 4
SAVES_PER_PROCESS = 7
YEARS = (2023, 2024, 2025, 2026)


def prepare() -> list[tuple[int, int]]:
    """Migrate, load the plan, create the editor; the (indicator, year) pairs to save."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from indicators import roles
    from indicators.models import Indicator
    from measures.models import Measure

    call_command("migrate", verbosity=0)
    call_command("loaddata", "plan", verbosity=0)
    editor = get_user_model().objects.create_user("agent-course")
    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    for measure in Measure.objects.all():
        measure.editors.add(editor)
    indicators = list(Indicator.objects.order_by("pk").values_list("pk", flat=True))
    return [(pk, year) for pk in indicators for year in YEARS]


def save_some(args) -> list[int]:
    """One process: log in and save its share of the values, as fast as it can."""
    worker, pairs, start = args
    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username="agent-course"))
    start.wait()
    statuses = []
    for number, (pk, year) in enumerate(pairs):
        prefix = f"ind-{pk}-{year}-"
        url = reverse("entry:indicator_year", args=[pk, year]) + f"?annee={year}"
        data = {
            prefix + "result_value": str(worker * 100 + number),
            prefix + "target_comparator": "exactly",
        }
        statuses.append(client.post(url, data).status_code)
    return statuses


def main() -> int:
    django.setup()
    pairs = prepare()
    from django.db import connections

    connections.close_all()
    manager = multiprocessing.Manager()
    start = manager.Barrier(PROCESSES)
    shares = [
        (worker, pairs[worker::PROCESSES][:SAVES_PER_PROCESS], start) for worker in range(PROCESSES)
    ]
    with multiprocessing.get_context("fork").Pool(PROCESSES) as pool:
        results = pool.map(save_some, shares)
    counts = Counter(status for statuses in results for status in statuses)
    print(json.dumps({str(status): n for status, n in sorted(counts.items())}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
