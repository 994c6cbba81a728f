"""E-mail settings from the environment: ``EMAIL_URL`` or the usual ``EMAIL_*`` variables.

A few lines of our own rather than dj-email-url: its last release dates from 2022 and
its project has moved on without one, while what we read is small and stable.

``EMAIL_URL`` forms:

- ``smtp://user:password@host:25``: plain SMTP (the port defaults to 25);
- ``submission://user:password@host:587`` (or ``smtp+tls://``): STARTTLS, port 587 by default;
- ``smtps://user:password@host:465`` (or ``smtp+ssl://``): TLS from the start, port 465;
- ``console://``: messages written on the standard output (development);
- ``dummy://``: nothing sent, nothing written.

The user name and password are percent-encoded in the URL (``%40`` for « @ »).
"""

from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
DUMMY_BACKEND = "django.core.mail.backends.dummy.EmailBackend"

# scheme → (default port, STARTTLS, implicit TLS)
SMTP_SCHEMES = {
    "smtp": (25, False, False),
    "submission": (587, True, False),
    "smtp+tls": (587, True, False),
    "smtps": (465, False, True),
    "smtp+ssl": (465, False, True),
}
OTHER_SCHEMES = {"console": CONSOLE_BACKEND, "dummy": DUMMY_BACKEND}


def _true(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def parse_email_url(url: str) -> dict:
    """The Django settings an ``EMAIL_URL`` stands for.

    >>> parse_email_url("submission://agent%40paris.fr:s3cret@smtp.example.org")["EMAIL_PORT"]
    587
    >>> parse_email_url("console://")["EMAIL_BACKEND"]
    'django.core.mail.backends.console.EmailBackend'
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in OTHER_SCHEMES:
        return {"EMAIL_BACKEND": OTHER_SCHEMES[scheme]}
    if scheme not in SMTP_SCHEMES:
        raise ImproperlyConfigured(
            f"EMAIL_URL: unknown scheme {scheme!r} (use smtp, submission, smtps, console or dummy)."
        )
    default_port, use_tls, use_ssl = SMTP_SCHEMES[scheme]
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL: the SMTP server's host name is missing.")
    try:
        port = parts.port or default_port
    except ValueError as error:
        raise ImproperlyConfigured("EMAIL_URL: the port is not a number.") from error
    return {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
    }


def email_settings(environ, *, debug: bool) -> dict:
    """``EMAIL_URL`` when set, else the ``EMAIL_*`` variables; with neither, the console in
    debug mode and a local mail server (localhost:25) otherwise."""
    if environ.get("EMAIL_URL"):
        found = parse_email_url(environ["EMAIL_URL"])
    elif environ.get("EMAIL_HOST"):
        found = {
            "EMAIL_BACKEND": SMTP_BACKEND,
            "EMAIL_HOST": environ["EMAIL_HOST"],
            "EMAIL_PORT": int(environ.get("EMAIL_PORT") or 25),
            "EMAIL_HOST_USER": environ.get("EMAIL_HOST_USER", ""),
            "EMAIL_HOST_PASSWORD": environ.get("EMAIL_HOST_PASSWORD", ""),
            "EMAIL_USE_TLS": _true(environ.get("EMAIL_USE_TLS", "")),
            "EMAIL_USE_SSL": _true(environ.get("EMAIL_USE_SSL", "")),
        }
    else:
        found = {"EMAIL_BACKEND": CONSOLE_BACKEND if debug else SMTP_BACKEND}
    if found.get("EMAIL_USE_TLS") and found.get("EMAIL_USE_SSL"):
        raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on.")
    # A mail server that does not answer must not hold a request or a command forever.
    found["EMAIL_TIMEOUT"] = int(environ.get("EMAIL_TIMEOUT") or 10)
    found["DEFAULT_FROM_EMAIL"] = environ.get(
        "DEFAULT_FROM_EMAIL", "Plan Logement d'abord <ne-pas-repondre@localhost>"
    )
    found["SERVER_EMAIL"] = environ.get("SERVER_EMAIL", found["DEFAULT_FROM_EMAIL"])
    return found
