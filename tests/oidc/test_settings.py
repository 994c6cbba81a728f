"""Single sign-on settings: read from the environment, checked at start, deploy check clean."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from ldaplan.oidc_settings import oidc_settings

PROCONNECT = {
    "LDAPLAN_OIDC_DISCOVERY_URL": (
        "https://auth.agentconnect.gouv.fr/api/v2/.well-known/openid-configuration"
    ),
    "LDAPLAN_OIDC_CLIENT_ID": "identifiant-fictif",
    "LDAPLAN_OIDC_CLIENT_SECRET": "secret-fictif",
    "LDAPLAN_OIDC_PROCONNECT": "1",
    "LDAPLAN_OIDC_BUTTON_LABEL": "Se connecter avec ProConnect",
}


def production(**extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LDAPLAN_", "DJANGO_")) and key not in ("DEBUG", "SECRET_KEY")
    }
    return (
        env
        | {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "logement-dabord.paris.fr",
            "LDAPLAN_HTTPS": "1",
            "DJANGO_SETTINGS_MODULE": "ldaplan.settings",
        }
        | extra
    )


def run(args, env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_stays_clean_with_single_sign_on():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "DEBUG"], production(**PROCONNECT)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_logout_may_send_the_browser_on_to_the_provider_and_nowhere_else():
    probe = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'], "
        "settings.OIDC_RP_SCOPES, settings.OIDC_USE_PKCE]))"
    )
    result = run(["-c", probe], production(**PROCONNECT))
    assert result.returncode == 0, result.stderr
    form_action, scopes, pkce = json.loads(result.stdout)
    assert form_action == ["'self'", "https://auth.agentconnect.gouv.fr"]
    assert scopes == "openid email given_name usual_name"
    assert pkce is True


def test_single_sign_on_is_off_without_a_discovery_url():
    assert oidc_settings({"LDAPLAN_OIDC_CLIENT_ID": "x"})["LDAPLAN_OIDC_ENABLED"] is False


@pytest.mark.parametrize("missing", ["LDAPLAN_OIDC_CLIENT_ID", "LDAPLAN_OIDC_CLIENT_SECRET"])
def test_a_discovery_url_without_client_credentials_stops_the_start(missing):
    environ = dict(PROCONNECT)
    del environ[missing]
    with pytest.raises(ImproperlyConfigured, match=missing):
        oidc_settings(environ)


def test_a_generic_provider_gets_the_standard_scopes():
    environ = PROCONNECT | {"LDAPLAN_OIDC_PROCONNECT": ""}
    assert oidc_settings(environ)["OIDC_RP_SCOPES"] == "openid email profile"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LDAPLAN_OIDC_DOMAIN_GROUPS", "asso.example"),
        ("LDAPLAN_OIDC_DOMAIN_GROUPS", "asso.example:"),
        ("LDAPLAN_OIDC_CLAIM_GROUPS", "siret:Agents"),
        ("LDAPLAN_OIDC_CLAIM_GROUPS", "siret=12345678900011"),
        ("LDAPLAN_OIDC_CLAIM_GROUPS", "=12345678900011:Agents"),
        ("LDAPLAN_OIDC_CLAIM_GROUPS", "groups=:Partenaires"),
    ],
)
def test_a_role_mapping_not_written_as_documented_stops_the_start(name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        oidc_settings(PROCONNECT | {name: value})


def test_a_claim_value_may_hold_a_colon_the_group_is_after_the_last_one():
    environ = PROCONNECT | {"LDAPLAN_OIDC_CLAIM_GROUPS": "groups=urn:ville:ldaplan:Partenaires"}
    assert oidc_settings(environ)["LDAPLAN_OIDC_CLAIM_GROUPS"] == (
        ("groups", "urn:ville:ldaplan", "Partenaires"),
    )
