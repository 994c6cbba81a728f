"""The OpenID Connect provider of the tests: ``tools/oidc_provider.mjs`` under Node, on loopback.

panva's certified ``oidc-provider`` (an npm dev dependency) with ldaplan's client, fictitious
accounts, and optionally ProConnect's answers or short-lived ID tokens. Used by
tests/oidc (over HTTP) and by the browser journey tests/e2e/test_oidc_journey.py.
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
        "sub": "partenaire",
        "email": "lea.partenaire@asso-partenaire.example",
        "email_verified": True,
        "given_name": "Léa",
        "family_name": "Partenaire (fictif)",
    },
    {
        "sub": "agente-proconnect",
        "email": "claude.usuel@paris.example",
        "given_name": "Claude",
        "usual_name": "Usuel (fictif)",
        # An organisation's number (fictif), released with the « siret » scope.
        "siret": "99999999900011",
    },
    {
        "sub": "membre-de-groupes",
        "email": "sacha.groupes@bailleur.example",
        "email_verified": True,
        "given_name": "Sacha",
        "family_name": "Groupes (fictif)",
        # The provider's groups (fictif), released with the « groups » scope.
        "groups": ["bailleurs-sociaux", "ldaplan-lecture"],
    },
]


def missing_prerequisite() -> str | None:
    """Why the provider cannot run here, or None."""
    if not shutil.which("node"):
        return "Node.js est introuvable : installez-le (Debian : apt-get install npm)."
    if not PACKAGE.exists():
        return f"oidc-provider manque ({PACKAGE.parent}) : lancez npm ci (ou make assets)."
    return None


def require_prerequisites():
    """Skips the test without Node or the package, or fails when LDAPLAN_REQUIRE_E2E=1."""
    reason = missing_prerequisite()
    if reason:
        if os.environ.get("LDAPLAN_REQUIRE_E2E") == "1":
            pytest.fail(f"{reason} (LDAPLAN_REQUIRE_E2E=1 : ces tests doivent tourner ici)")
        pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Provider:
    """A running provider: its discovery URL, and the settings that point ldaplan to it."""

    def __init__(self, folder: Path, *, proconnect=False, id_token_ttl=3600, site=SITE):
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.proconnect = proconnect
        accounts = folder / f"accounts-{self.port}.json"
        accounts.write_text(json.dumps(ACCOUNTS))
        env = os.environ | {
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_REDIRECT_URIS": f"{site}/oidc/callback/",
            "OIDC_POST_LOGOUT_REDIRECT_URIS": f"{site}/",
            "OIDC_ID_TOKEN_TTL": str(id_token_ttl),
            "OIDC_OTHER_CLIENT_ID": OTHER_CLIENT_ID,
            "OIDC_OTHER_CLIENT_SECRET": OTHER_CLIENT_SECRET,
        }
        self.log = folder / f"provider-{self.port}.log"
        command = ["node", str(SCRIPT), "--port", str(self.port), "--accounts", str(accounts)]
        if proconnect:
            command.append("--proconnect")
        # Its warnings and errors go to a file: a pipe nobody reads could fill and block it.
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command, env=env, stdout=subprocess.PIPE, stderr=log, text=True
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
                f"Le fournisseur OpenID Connect n'a pas démarré : {self.log.read_text()}"
            )

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()

    def configure(self, settings, **extra):
        """Point ldaplan's settings (pytest-django's ``settings``) at this provider."""
        self.configure_for(settings, self.issuer, proconnect=self.proconnect, **extra)

    @staticmethod
    def configure_for(settings, issuer: str, *, proconnect=False, **extra):
        environ = {
            "LDAPLAN_OIDC_DISCOVERY_URL": f"{issuer}/.well-known/openid-configuration",
            "LDAPLAN_OIDC_CLIENT_ID": CLIENT_ID,
            "LDAPLAN_OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "LDAPLAN_OIDC_PROCONNECT": "1" if proconnect else "",
            **extra,
        }
        for name, value in oidc_settings(environ).items():
            setattr(settings, name, value)
