"""Production settings: the deploy check, the secret key, security headers, static files.

The settings are read once, when Django starts: what production gets is tested
in a separate process started with production's environment variables.
"""

import json
import os
import re
import secrets
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse

from ldaplan.settings import DEV_SECRET_KEY

ROOT = django_settings.BASE_DIR


def production_env(**extra) -> dict:
    """The environment of a production server: no DEBUG, a real key, its host name, HTTPS."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LDAPLAN_", "DJANGO_")) and key not in ("DEBUG", "SECRET_KEY")
    }
    env |= {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "logement-dabord.paris.fr",
        "LDAPLAN_HTTPS": "1",
        "DJANGO_SETTINGS_MODULE": "ldaplan.settings",
    }
    return env | extra


def run(args, env, **kwargs):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        **kwargs,
    )


def test_deploy_check_reports_nothing_with_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "DEBUG"], production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "secret_key", [None, DEV_SECRET_KEY], ids=["no key", "the development key"]
)
def test_app_refuses_to_start_without_a_real_secret_key_when_debug_is_off(secret_key):
    env = production_env()
    del env["SECRET_KEY"]
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key
    # What gunicorn does first: load the WSGI application.
    result = run(["-c", "import ldaplan.wsgi"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set" in result.stderr


HTTPS_PROBE = textwrap.dedent(
    """
    import json
    import django
    django.setup()
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_HOST="logement-dabord.paris.fr")
    plain = client.get("/axes/1/")
    health = client.get("/healthz")
    secure = client.get("/healthz", secure=True)
    print(json.dumps({
        "plain": [plain.status_code, plain.get("Location", "")],
        "health": health.status_code,
        "secure": [secure.status_code, secure.get("Strict-Transport-Security", "")],
        "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
        "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY,
        "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
        "debug": settings.DEBUG,
    }))
    """
)


@pytest.mark.parametrize(
    "secret_key",
    ["x", "ldaplan-test-only-key", "a" * 60, "django-insecure-" + "abcdefghij" * 5],
    ids=["one character", "short", "one character repeated", "django-insecure prefix"],
)
def test_app_refuses_to_start_with_a_weak_secret_key_when_debug_is_off(secret_key):
    result = run(["-c", "import ldaplan.wsgi"], production_env(SECRET_KEY=secret_key))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is too weak for production" in result.stderr


def test_deploy_check_is_clean_with_only_a_key_and_a_host_name():
    """Production is secure by default: no HTTPS setting to remember."""
    env = production_env()
    del env["LDAPLAN_HTTPS"]
    result = run(["manage.py", "check", "--deploy", "--fail-level", "DEBUG"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


PLAIN_HTTP_PROBE = textwrap.dedent(
    """
    import json
    import django
    django.setup()
    from django.conf import settings
    from django.test import Client

    health = Client(HTTP_HOST="logement-dabord.paris.fr").get("/healthz")
    print(json.dumps({
        "health": [health.status_code, health.get("Strict-Transport-Security", "")],
        "ssl_redirect": settings.SECURE_SSL_REDIRECT,
        "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    }))
    """
)


def test_plain_http_is_a_deliberate_choice():
    result = run(["-c", PLAIN_HTTP_PROBE], production_env(LDAPLAN_HTTPS="0"))
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe == {"health": [200, ""], "ssl_redirect": False, "session_cookie_secure": False}


def test_manage_py_reads_the_developers_env_file(tmp_path):
    """After `make run`, `python manage.py …` works without retyping the environment."""
    env_file = tmp_path / ".env"
    env_file.write_text(f"DEBUG=1\nSECRET_KEY={secrets.token_urlsafe(50)}\n", encoding="utf-8")
    env = production_env(LDAPLAN_ENV_FILE=str(env_file))
    del env["SECRET_KEY"], env["DEBUG"]
    assert run(["manage.py", "check"], env).returncode == 0

    env["LDAPLAN_ENV_FILE"] = str(tmp_path / "absent.env")
    refused = run(["manage.py", "check"], env)
    assert refused.returncode != 0
    assert "SECRET_KEY must be set" in refused.stderr


def test_https_settings_redirect_send_hsts_and_secure_cookies():
    result = run(["-c", HTTPS_PROBE], production_env())
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["plain"] == [301, "https://logement-dabord.paris.fr/axes/1/"]
    assert probe["health"] == 200  # a load balancer's check, in plain HTTP
    status, hsts = probe["secure"]
    assert status == 200
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts
    assert probe["session_cookie_secure"] is True
    assert probe["session_cookie_httponly"] is True
    assert probe["csrf_cookie_secure"] is True
    assert probe["debug"] is False


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.parametrize(
    "path", ["/", "/axes/1/", "/mesures/2/", "/bilan/2022/", "/connexion/", "/page-absente/"]
)
def test_every_page_carries_the_security_headers(client, seed_plan, path):
    response = client.get(path)
    csp = csp_directives(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert not any("http" in value for values in csp.values() for value in values)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_no_page_has_an_inline_script(client, seed_plan):
    """script-src 'self' would block one: every script is a file or JSON data."""
    for path in ("/", "/axes/1/", "/mesures/2/", "/bilan/2022/", "/connexion/"):
        html = client.get(path).content.decode()
        for attributes in re.findall(r"<script([^>]*)>", html):
            assert "src=" in attributes or 'type="application/json"' in attributes, (
                path,
                attributes,
            )
        assert not re.search(r"\son[a-z]+=", html), f"inline event handler on {path}"


def test_collected_static_files_have_hashed_names_and_are_served_compressed(
    client, seed_plan, settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # The admin's and the API page's files are left out: compressing them takes time
    # and no dashboard page uses them.
    call_command(
        "collectstatic",
        interactive=False,
        verbosity=0,
        ignore_patterns=["admin/*", "ninja/*", "django_tables2/*"],
    )

    html = client.get(reverse("indicators:axis", args=[1])).content.decode()
    bundle = re.search(r'src="(/static/vendor/plotly/plotly-basic\.min\.[0-9a-f]{12}\.js)"', html)
    assert bundle, "the plotly bundle's URL is not hashed"
    response = client.get(bundle.group(1), HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] in ("br", "gzip")
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    collected = tmp_path / "static" / bundle.group(1).removeprefix("/static/")
    assert len(body) < collected.stat().st_size
