"""The embedded SQLite database under saves from several processes at once: never a 500.

Each app server process has its own connection to the database file. Without
WAL, a busy timeout and write transactions that take the lock at their start,
two saves that overlap make one of them fail with « database is locked ».
"""

import json

from .test_production_settings import ROOT, production_env, run

PROBE = ROOT / "tests" / "security" / "probes" / "sqlite_race.py"


def test_racing_saves_on_sqlite_never_answer_500(tmp_path):
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'course.sqlite3'}",
        LDAPLAN_HTTPS="0",
        LDAPLAN_LOGIN_THROTTLING="0",
        PYTHONPATH=str(ROOT),
        ALLOWED_HOSTS="testserver",
    )
    result = run([str(PROBE)], env)
    assert result.returncode == 0, result.stderr[-3000:]
    statuses = json.loads(result.stdout.strip().splitlines()[-1])
    assert sum(statuses.values()) == 28
    # Every save is either taken (a redirect back to the page) or refused as a
    # genuine conflict with what another process saved first (409).
    assert set(statuses) <= {"302", "409"}, statuses
