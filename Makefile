# leerwerk: `make run` starts everything, `make test` runs every test. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP_QUIET := --quiet --disable-pip-version-check

.PHONY: run test services lint format check-python chromium clean-local

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' || \
		{ echo "leerwerk needs Python 3.11 (found: $$($(PYTHON) --version 2>&1)); set PYTHON=/path/to/python3.11"; exit 1; }

$(VENV)/bin/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip $(PIP_QUIET) install --upgrade pip

# Reinstall only when pyproject.toml changed (stamp files), so a second run starts fast.
$(VENV)/.stamp-base: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip $(PIP_QUIET) install -e .
	touch $@

$(VENV)/.stamp-dev: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip $(PIP_QUIET) install -e '.[dev]'
	touch $@ $(VENV)/.stamp-base

.env:
	cp .env.example .env

run: $(VENV)/.stamp-base .env
	$(PY) -m leerwerk.devstack run

services: $(VENV)/.stamp-base .env
	$(PY) -m leerwerk.devstack services

chromium:
	@bash scripts/ensure-chromium.sh

# Tests get their own database (test_leerwerk, made by pytest-django) and Redis db 1, so
# they can run while `make run` is up; the embedded services are reused or started.
test: $(VENV)/.stamp-dev .env chromium
	EMBEDDED_REDIS_DB=1 $(PY) -m leerwerk.devstack exec -- bash scripts/test.sh $(PYTEST_ARGS)

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Removes the embedded databases and Redis data (asks nothing: only for local use).
clean-local:
	rm -rf .local
