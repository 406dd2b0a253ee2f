# Set up, run and test AMF. `make run` and `make test` each do all the set-up they need,
# so both work on a fresh clone; CI calls `make test` (through .ci/run).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# Local commands run in development mode, which also supplies a development SECRET_KEY.
MANAGE := DEBUG=1 $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help install migrate demo run serve lint format test bench system-packages-run system-packages-test

help:
	@echo "make run     set up, migrate, load the demo forum, serve on http://$(HOST):$(PORT)/"
	@echo "             with the background worker beside the server (Ctrl-C stops both)"
	@echo "make test    set up, then ruff, migration and system checks, and pytest"
	@echo "make format  fix what ruff can and format the code"
	@echo "make bench   set up, then run the benchmarks and print their figures"

# Debian packages that are missing (see .ci/install-system-packages): a virtualenv and
# WeasyPrint's Pango for `make run`; chromium, Thai fonts, poppler, gettext, Redis for the tests.
system-packages-run:
	@PYTHON=$(PYTHON) bash .ci/install-system-packages run

system-packages-test:
	@PYTHON=$(PYTHON) bash .ci/install-system-packages test

$(BIN)/python:
	@PYTHON=$(PYTHON) bash .ci/install-system-packages run
	$(PYTHON) -m venv $(VENV)

# Reinstalled whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e '.[test]'
	@touch $@

install: $(VENV)/.installed

migrate: install
	$(MANAGE) migrate --noinput
	$(MANAGE) sync_roles

demo: migrate
	$(MANAGE) load_demo

run: system-packages-run demo serve

# The development server and the background worker side by side. Whichever way the server
# stops (Ctrl-C, a port in use), the trap stops the worker: SIGINT then SIGTERM, so that a
# job it was running goes back to the queue, whole, for the next start. The worker does not
# reload on code changes as the server does: restart after changing what a job runs.
serve:
	@$(MANAGE) run_worker & worker=$$!; \
	trap 'kill -INT $$worker 2>/dev/null; kill -TERM $$worker 2>/dev/null; wait $$worker; \
		trap - EXIT; exit 0' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The deployment check runs as production would: DEBUG off, a long random key, a real host.
DEPLOY_ENV := DEBUG=0 ALLOWED_HOSTS=amf.example.org \
	SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')

# The suite runs on PostgreSQL, the real database (several tests need it: LISTEN/NOTIFY,
# row locks, a dropped connection): the local server unless DATABASE_URL names another.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/amf

test: system-packages-test lint
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check
	$(DEPLOY_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/pytest -n auto

# Figures, not pass/fail: see bench/. BENCH=name runs one benchmark.
bench: install
	DEBUG=1 $(BIN)/python -m bench $(BENCH)
