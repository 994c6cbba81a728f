"""A real OpenID Connect provider on loopback for the single sign-on tests.

``tools/oidc_provider.mjs`` runs panva's certified ``oidc-provider`` (an npm dev
dependency) under Node. Each mode (generic, ProConnect, short-lived ID tokens) starts
once per test package, on a free port, and stops at the end. The tests drive its
login form over HTTP (``requests``) and ldaplan with Django's test client.

Without Node or the package the tests are skipped with what to install, unless
``LDAPLAN_REQUIRE_E2E=1`` (set by ``.ci/run``) turns the skip into a failure.
"""

import pytest

from tests.oidc.provider import Provider, require_prerequisites


@pytest.fixture(scope="package")
def start_provider(tmp_path_factory):
    """Starts a provider of a given kind, once per kind for the package; stops them all after."""
    require_prerequisites()
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
