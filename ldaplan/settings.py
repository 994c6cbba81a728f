"""Settings for ldaplan, read from environment variables (see .env.example).

SQLite in the project's var/ folder is the default a new user gets; set
DATABASE_URL to use PostgreSQL.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ldaplan.email_settings import email_settings
from ldaplan.env import env_bool, env_list, env_origins, env_rate, env_whole_number
from ldaplan.oidc_settings import oidc_settings
from ldaplan.storage_settings import storage_settings

BASE_DIR = Path(__file__).resolve().parent.parent

# Only ever used by a developer's machine: production refuses it (see below).
DEV_SECRET_KEY = "ldaplan-dev-only-not-secret"


# What Django's deploy check asks of a key (security.W009): long and varied.
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_DISTINCT_CHARACTERS = 5


def is_strong_secret_key(key: str) -> bool:
    return (
        len(key) >= MIN_SECRET_KEY_LENGTH
        and len(set(key)) >= MIN_SECRET_KEY_DISTINCT_CHARACTERS
        and not key.startswith("django-insecure-")
    )


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and not env_bool("LDAPLAN_ALLOW_DEV_SECRET", False):
    if SECRET_KEY == DEV_SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (or set DEBUG=1 on a developer machine)."
        )
    if not is_strong_secret_key(SECRET_KEY):
        raise ImproperlyConfigured(
            f"SECRET_KEY is too weak for production: at least {MIN_SECRET_KEY_LENGTH} "
            f"characters, {MIN_SECRET_KEY_DISTINCT_CHARACTERS} of them different. Generate "
            "one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

# Demo mode creates demo accounts and prints their passwords: never in production.
LDAPLAN_DEMO = env_bool("LDAPLAN_DEMO", DEBUG)

# --- E-mail ----------------------------------------------------------------------------
# EMAIL_URL or the usual EMAIL_* variables (ldaplan/email_settings.py says which forms).
globals().update(email_settings(os.environ, debug=DEBUG))
# Nothing is mailed from a demo (LDAPLAN_DEMO) unless this asks (e.g. with EMAIL_URL=console://).
LDAPLAN_SEND_EMAIL = env_bool("LDAPLAN_SEND_EMAIL", False)
# Links in e-mails are absolute: the address readers reach the site at.
LDAPLAN_SITE_URL = os.environ.get("LDAPLAN_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Reminders go this many days before the collection closes (and the day after it).
LDAPLAN_REMINDER_DAYS = int(os.environ.get("LDAPLAN_REMINDER_DAYS", "7"))
# Small counts: a figure about people from 1 to K − 1 that could single out a household
# is shown « moins de K » outside the staff's pages (indicators.small_counts).
LDAPLAN_SMALL_COUNT_THRESHOLD = env_whole_number(
    "LDAPLAN_SMALL_COUNT_THRESHOLD", 5, least=2, most=100
)

# Where readers write when a page is not accessible to them (accessibility statement).
LDAPLAN_ACCESSIBILITY_CONTACT = os.environ.get("LDAPLAN_ACCESSIBILITY_CONTACT", "")
# The RGAA audit grid the statement is computed from (docs/rgaa/grille.json).
LDAPLAN_RGAA_GRID = os.environ.get(
    "LDAPLAN_RGAA_GRID", str(BASE_DIR / "docs" / "rgaa" / "grille.json")
)
# The multi-year accessibility plan and this year's action plan (addresses); empty: not published.
LDAPLAN_ACCESSIBILITY_MULTIYEAR_PLAN = os.environ.get("LDAPLAN_ACCESSIBILITY_MULTIYEAR_PLAN", "")
LDAPLAN_ACCESSIBILITY_ACTION_PLAN = os.environ.get("LDAPLAN_ACCESSIBILITY_ACTION_PLAN", "")

# The API's pages: 100 items unless asked, never more than 1 000 in one answer (a larger
# ``limit`` is refused with a French 422 rather than served whole).
NINJA_PAGINATION_MAX_LIMIT = 1000

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "simple_history",
    "axes",
    "csp",
    # The public API; listed for its locally served documentation assets.
    "ninja",
    # The base layer (workflow, formatting, cache, backups, site pages), then the plan's apps.
    "core",
    "measures",
    "indicators",
    # E-mails: notifications, daily digests, reminders, each user's preferences.
    "indicators.notifications",
    # The second factor of local accounts (indicators/second_factor): django-otp and its
    # TOTP devices (the latter's admin in French).
    "django_otp",
    "indicators.second_factor.apps.TotpConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files with compression and far-future caching, before anything else.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # /plans/<slug>/… : the same pages for that plan; an archived plan is read-only.
    "ldaplan.middleware.PlanSpaceMiddleware",
    # An anonymous reader's cached page, before sessions, auth, CSRF and messages.
    "ldaplan.middleware.AnonymousPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # French unless the reader picked English with the switcher (never Accept-Language).
    "ldaplan.middleware.LocaleMiddleware",
    # Open data and API answers revalidated by the data version (ETag, 304).
    "ldaplan.middleware.ConditionalDataMiddleware",
    # The API's 405 in the reader's language and in the shape of its other refusals.
    "indicators.opendata.api_errors.MethodNotAllowedMiddleware",
    # The plan's acronyms in <abbr> on every HTML page (measures/abbreviations.py).
    "ldaplan.middleware.GlossaryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session gave a TOTP code (django-otp).
    "django_otp.middleware.OTPMiddleware",
    # A password session owing a code sees only the second factor's pages (and logout).
    "indicators.second_factor.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A form posted after the session ended: said so on the login page (RGAA 13.1).
    "ldaplan.middleware.ExpiredSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Login throttling; last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on (OpenID Connect); it does nothing unless configured.
    "indicators.sso.backend.SsoBackend",
]
# LDAPLAN_OIDC_* (ldaplan/oidc_settings.py says which); off without a discovery URL.
OIDC = oidc_settings(os.environ)
globals().update(OIDC)
# Password guessing: 5 failures lock the username from that address for an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("LDAPLAN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("LDAPLAN_LOGIN_THROTTLING", True)

# A forgotten password (indicators/password_reset.py): the link mailed works for an
# hour, and once; long enough to open one's mail, short for a link left in a mailbox.
PASSWORD_RESET_TIMEOUT = 3600  # seconds
# Requests for that link, counted in the cache by django-ratelimit: per client address
# (read as django-axes reads it, behind the proxy too) and per address typed in the form.
LDAPLAN_PASSWORD_RESET_RATE_PER_IP = env_rate("LDAPLAN_PASSWORD_RESET_RATE_PER_IP", "5/h")
LDAPLAN_PASSWORD_RESET_RATE_PER_ADDRESS = env_rate("LDAPLAN_PASSWORD_RESET_RATE_PER_ADDRESS", "3/h")
# django-ratelimit is not in INSTALLED_APPS: the app only adds a check that refuses the
# local-memory cache, which counts per process: the default here (REDIS_URL shares them).

# A second factor (TOTP, indicators/second_factor) for every session signed in with a
# password, before any page; single sign-on sessions are exempt (the identity provider
# asks for its own factors). Off, only the accounts that enrolled give their code.
LDAPLAN_TOTP_REQUIRED = env_bool("LDAPLAN_TOTP_REQUIRED", False)
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = os.environ.get("LDAPLAN_TOTP_ISSUER", "Logement d'abord Paris")
# Administrators delete a lost device in the admin; they never read its secret key.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Reading the dashboard needs an account when this is on (default: public).
LDAPLAN_LOGIN_REQUIRED = env_bool("LDAPLAN_LOGIN_REQUIRED", False)
if LDAPLAN_LOGIN_REQUIRED:
    MIDDLEWARE.append("django.contrib.auth.middleware.LoginRequiredMiddleware")
    # An account with no role yet (e.g. made by a single sign-on) reads a page saying so.
    MIDDLEWARE.append("indicators.sso.no_role.NoRoleMiddleware")

# Separation of duties: whoever entered or last changed an entry may not also validate
# or publish it (core.entries.transition refuses). On unless explicitly turned off,
# e.g. for a one-person team.
LDAPLAN_SEPARATION_OF_DUTIES = env_bool("LDAPLAN_SEPARATION_OF_DUTIES", True)

LOGIN_URL = "login"
# Each role lands on its own page (indicators/landing.py): a partner never on a 403.
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "indicators:overview"

ROOT_URLCONF = "ldaplan.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "indicators.context_processors.site_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "ldaplan.wsgi.application"

DEFAULT_SQLITE_PATH = BASE_DIR / "var" / "ldaplan.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{DEFAULT_SQLITE_PATH}",
        # Persistent connections with a health check: PostgreSQL only, SQLite
        # opens a file and gains nothing from keeping it.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Several processes saving at once (gunicorn's workers): readers never wait
    # for a writer (WAL), a writer waits its turn rather than failing (timeout,
    # in seconds), and a transaction takes the write lock when it begins
    # (IMMEDIATE), so two transactions never both read and then fail to upgrade
    # their lock (« database is locked »).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

# Local memory by default (each process its own); Redis, shared by every server, with REDIS_URL.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("LDAPLAN_CACHE_PREFIX", "ldaplan"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Where the data version that invalidates the cached pages lives (core/data_version.py):
# in Redis when there is one (several servers), else in a file that the processes of one
# server share; « database » for several servers without Redis.
LDAPLAN_DATA_VERSION = os.environ.get("LDAPLAN_DATA_VERSION", "cache" if REDIS_URL else "file")
if LDAPLAN_DATA_VERSION not in ("cache", "file", "database"):
    raise ImproperlyConfigured("LDAPLAN_DATA_VERSION vaut « cache », « file » ou « database ».")
LDAPLAN_DATA_VERSION_FILE = os.environ.get(
    "LDAPLAN_DATA_VERSION_FILE", f"{BASE_DIR}/var/data-version"
)
# On by default, but not while developing (a changed template would be served stale).
LDAPLAN_PAGE_CACHE = env_bool("LDAPLAN_PAGE_CACHE", not DEBUG)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French is the default; English (locale/en) is for whoever picks it with the
# switcher on every page, which sets the language cookie (see ldaplan/middleware.py).
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Security headers and HTTPS -----------------------------------------------------

# No inline script, nothing from another origin. plotly.js writes the styles
# of its charts into the page, hence inline styles (never inline scripts).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Logging out of a single sign-on session sends the browser on to the provider:
# the logout form's redirection must be allowed.
if OIDC["LDAPLAN_OIDC_PROVIDER_ORIGIN"]:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        OIDC["LDAPLAN_OIDC_PROVIDER_ORIGIN"]
    )
X_FRAME_OPTIONS = "DENY"
# The sites that may frame a chart's embed page (/indicateurs/<id>/integrer/), as origins
# separated by commas (« https://www.paris.fr,https://partenaire.example »); none by
# default. No other page may ever be framed.
LDAPLAN_EMBED_ORIGINS = env_origins("LDAPLAN_EMBED_ORIGINS")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# A staff session lasts two weeks from login (Django's default, written down): far more
# than the 20 hours under which a time limit must be adjustable (RGAA 13.1, WCAG 2.2.1).
# A form posted after it ended is said to be lost (ldaplan.middleware.ExpiredSessionMiddleware).
SESSION_COOKIE_AGE = 14 * 24 * 3600

# Served over HTTPS (directly or behind a TLS proxy): secure cookies, HSTS, redirect.
# On by default in production; LDAPLAN_HTTPS=0 says the site is deliberately
# served over plain HTTP (and the tests, which run with DEBUG off, say so too).
LDAPLAN_HTTPS = env_bool("LDAPLAN_HTTPS", not DEBUG)
if LDAPLAN_HTTPS:
    SECURE_SSL_REDIRECT = env_bool("LDAPLAN_SSL_REDIRECT", True)
    # A load balancer's health check reaches the server in plain HTTP: no redirect.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("LDAPLAN_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("LDAPLAN_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("LDAPLAN_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
LDAPLAN_BEHIND_PROXY = env_bool("LDAPLAN_BEHIND_PROXY", False)
if LDAPLAN_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Login throttling must count each client, not the proxy every request comes
    # from (or anyone could lock anyone out). django-axes reads the client's
    # address through django-ipware from the proxy's header, read from the right:
    # the entries a client writes itself come before the one our proxy appends.
    AXES_IPWARE_META_PRECEDENCE_ORDER = [
        os.environ.get("LDAPLAN_PROXY_CLIENT_HEADER", "HTTP_X_FORWARDED_FOR"),
        "REMOTE_ADDR",
    ]
    AXES_IPWARE_PROXY_ORDER = "right-most"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Errors go to the server's log with the request that caused them; users get
# the French error pages, never a stack trace.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LDAPLAN_LOG_LEVEL", "WARNING")},
}

STATIC_URL = "static/"
# Third-party assets come from npm at setup (package-lock.json); never committed.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/plotly", NODE_MODULES / "plotly.js-basic-dist-min"),
]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"

# STORAGES (static files; the pièces justificatives in a folder or an S3 bucket), MEDIA_ROOT
# and LDAPLAN_ATTACHMENT_MAX_BYTES: ldaplan/storage_settings.py says which variables.
globals().update(storage_settings(os.environ, base_dir=BASE_DIR, debug=DEBUG))

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# The report the seed plan transcribes (a public City of Paris report, kept in
# the repository: the tests compare the fixture with it, from a bare clone too).
SEED_REPORT_PATH = Path(
    os.environ.get(
        "LDAPLAN_SEED_REPORT",
        BASE_DIR / "fixtures" / "rapport-bilan-2022-perspectives-2023.md",
    )
)
