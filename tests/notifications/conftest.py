import email
import importlib.util
import os
from dataclasses import dataclass
from email import policy
from pathlib import Path

import pytest

from tests.notifications.campaign import make_campaign


@pytest.fixture
def campaign(db, settings):
    settings.LDAPLAN_DEMO = False
    settings.LDAPLAN_SITE_URL = "https://ldaplan.exemple.fr"
    settings.LDAPLAN_REMINDER_DAYS = 7
    return make_campaign()


@dataclass
class Sink:
    host: str
    port: int
    folder: Path

    def messages(self, since: set) -> list:
        """The messages received since ``since`` (a ``names()``), oldest first, parsed."""
        return [
            email.message_from_bytes((self.folder / name).read_bytes(), policy=policy.default)
            for name in sorted(self.names() - since)
        ]

    def names(self) -> set:
        return {path.name for path in self.folder.glob("*.eml")}


def _load_sink_module():
    path = Path(__file__).resolve().parents[2] / "tools" / "smtp_sink.py"
    spec = importlib.util.spec_from_file_location("smtp_sink", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def smtp_sink(tmp_path_factory):
    """A real SMTP server: the one .ci/run started (LDAPLAN_TEST_SMTP=host:port and
    LDAPLAN_TEST_SMTP_DIR), else the same sink started here on a free port: never skipped."""
    address = os.environ.get("LDAPLAN_TEST_SMTP", "")
    if address:
        host, port = address.rsplit(":", 1)
        yield Sink(host, int(port), Path(os.environ["LDAPLAN_TEST_SMTP_DIR"]))
        return
    if os.environ.get("LDAPLAN_REQUIRE_SMTP") == "1":
        pytest.fail("LDAPLAN_REQUIRE_SMTP=1 but LDAPLAN_TEST_SMTP is not set")
    folder = tmp_path_factory.mktemp("mail-sink")
    controller = _load_sink_module().start_sink(folder)
    yield Sink(controller.hostname, controller.port, folder)
    controller.stop()


@pytest.fixture
def smtp_settings(settings, smtp_sink):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = smtp_sink.host, smtp_sink.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.DEFAULT_FROM_EMAIL = "Plan Logement d'abord <ne-pas-repondre@exemple.fr>"
    return smtp_sink
