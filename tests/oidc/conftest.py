"""A real OpenID Connect provider on loopback for the single sign-on tests.

``tools/oidc_provider.mjs`` runs panva's certified ``oidc-provider`` (an npm dev
dependency) under Node. Each mode (generic, ProConnect, short-lived ID tokens) starts
once per test package, on a free port, and stops at the end. The tests drive its
login form over HTTP (``requests``) and ldaplan with Django's test client.

Without Node or the package the tests are skipped with what to install, unless
``LDAPLAN_REQUIRE_E2E=1`` (set by ``.ci/run``) turns the skip into a failure.
"""

import json
import os
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from ldaplan.oidc_settings import oidc_settings
from tests.oidc.flow import SITE

SCRIPT = Path(django_settings.BASE_DIR) / "tools" / "oidc_provider.mjs"
PACKAGE = Path(django_settings.BASE_DIR) / "node_modules" / "oidc-provider" / "package.json"
CLIENT_ID = "ldaplan-tests"
CLIENT_SECRET = "secret-de-test-fictif"
# Another application of the same provider (fictif): its tokens are not for ldaplan.
OTHER_CLIENT_ID = "autre-application"
OTHER_CLIENT_SECRET = "autre-secret-fictif"
START_TIMEOUT = 30  # seconds: Node's start on a busy machine

# The provider's accounts (fictif); the login form's login is the account's sub.
ACCOUNTS = [
    {
        "sub": "nouvelle-agente",
        "email": "camille.nouvelle@paris.example",
        "email_verified": True,
        "given_name": "Camille",
        "family_name": "Nouvelle (fictif)",
    },
    {
        "sub": "agent-existant",
        # Another case than the account's: the match ignores it.
        "email": "Jean.Existant@Paris.example",
        "email_verified": True,
        "given_name": "Jean",
        "family_name": "Existant (fictif)",
    },
    {
        "sub": "adresse-non-verifiee",
        "email": "non.verifiee@paris.example",
        "email_verified": False,
        "given_name": "Dominique",
        "family_name": "Nonverifiee (fictif)",
    },
    {
        "sub": "agente-proconnect",
        "email": "claude.usuel@paris.example",
        "given_name": "Claude",
        "usual_name": "Usuel (fictif)",
    },
]


def missing_prerequisite() -> str | None:
    """Why the provider cannot run here, or None."""
    if not shutil.which("node"):
        return "Node.js est introuvable : installez-le (Debian : apt-get install npm)."
    if not PACKAGE.exists():
        return f"oidc-provider manque ({PACKAGE.parent}) : lancez npm ci (ou make assets)."
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Provider:
    """A running provider: its discovery URL, and the settings that point ldaplan to it."""

    def __init__(self, folder: Path, *, proconnect=False, id_token_ttl=3600):
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.proconnect = proconnect
        accounts = folder / f"accounts-{self.port}.json"
        accounts.write_text(json.dumps(ACCOUNTS))
        env = os.environ | {
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_REDIRECT_URIS": f"{SITE}/oidc/callback/",
            "OIDC_POST_LOGOUT_REDIRECT_URIS": f"{SITE}/",
            "OIDC_ID_TOKEN_TTL": str(id_token_ttl),
            "OIDC_OTHER_CLIENT_ID": OTHER_CLIENT_ID,
            "OIDC_OTHER_CLIENT_SECRET": OTHER_CLIENT_SECRET,
        }
        command = ["node", str(SCRIPT), "--port", str(self.port), "--accounts", str(accounts)]
        if proconnect:
            command.append("--proconnect")
        self.process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self._wait_until_ready()

    def _wait_until_ready(self):
        ready = threading.Event()

        def read():
            for line in self.process.stdout:
                if line.startswith("ready "):
                    ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(START_TIMEOUT):
            self.stop()
            raise RuntimeError(
                f"Le fournisseur OpenID Connect n'a pas démarré : {self.process.stderr.read()}"
            )

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdout, self.process.stderr):
            stream.close()

    def configure(self, settings, **extra):
        """Point ldaplan's settings (pytest-django's ``settings``) at this provider."""
        environ = {
            "LDAPLAN_OIDC_DISCOVERY_URL": f"{self.issuer}/.well-known/openid-configuration",
            "LDAPLAN_OIDC_CLIENT_ID": CLIENT_ID,
            "LDAPLAN_OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "LDAPLAN_OIDC_PROCONNECT": "1" if self.proconnect else "",
            **extra,
        }
        for name, value in oidc_settings(environ).items():
            setattr(settings, name, value)


@pytest.fixture(scope="package")
def start_provider(tmp_path_factory):
    """Starts a provider of a given kind, once per kind for the package; stops them all after."""
    reason = missing_prerequisite()
    if reason:
        if os.environ.get("LDAPLAN_REQUIRE_E2E") == "1":
            pytest.fail(f"{reason} (LDAPLAN_REQUIRE_E2E=1 : ces tests doivent tourner ici)")
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("oidc")
    running: dict[tuple, Provider] = {}

    def start(**options):
        key = tuple(sorted(options.items()))
        if key not in running:
            running[key] = Provider(folder, **options)
        return running[key]

    yield start
    for provider in running.values():
        provider.stop()


@pytest.fixture
def oidc_provider(start_provider, settings, db):
    """The generic provider, with ldaplan configured to use it."""
    provider = start_provider()
    provider.configure(settings)
    return provider


@pytest.fixture
def proconnect_provider(start_provider, settings, db):
    """A provider answering like ProConnect, with ldaplan in its ProConnect mode."""
    provider = start_provider(proconnect=True)
    provider.configure(settings, LDAPLAN_OIDC_BUTTON_LABEL="Se connecter avec ProConnect")
    return provider
