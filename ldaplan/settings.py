"""Settings for ldaplan, read from environment variables (see .env.example).

SQLite in the project's var/ folder is the default a new user gets; set
DATABASE_URL to use PostgreSQL.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# Only ever used by a developer's machine: production refuses it (see below).
DEV_SECRET_KEY = "ldaplan-dev-only-not-secret"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY and not env_bool("LDAPLAN_ALLOW_DEV_SECRET", False):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off (or set DEBUG=1 on a developer machine)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

# Demo mode creates demo accounts and prints their passwords: never in production.
LDAPLAN_DEMO = env_bool("LDAPLAN_DEMO", DEBUG)

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
    # The project package itself, for its management commands (seed_plan, demo_accounts).
    "ldaplan",
    "measures",
    "indicators",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
]

# Reading the dashboard needs an account when this is on (default: public).
LDAPLAN_LOGIN_REQUIRED = env_bool("LDAPLAN_LOGIN_REQUIRED", False)
if LDAPLAN_LOGIN_REQUIRED:
    MIDDLEWARE.append("django.contrib.auth.middleware.LoginRequiredMiddleware")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "entry:home"
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French for everyone until the English translation ships: negotiating the
# language from the browser would give French words with English figures.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Third-party assets come from npm at setup (package-lock.json); never committed.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/plotly", NODE_MODULES / "plotly.js-basic-dist-min"),
]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# The plan the product tracks is the Paris Logement d'abord plan; the seed
# report lives beside the project, in ../shared/seed.
SEED_REPORT_PATH = Path(
    os.environ.get(
        "LDAPLAN_SEED_REPORT",
        BASE_DIR.parent / "shared" / "seed" / "000_79ac265318690668.txt",
    )
)
