# Two commands for a fresh machine: `make run` and `make test` (see README).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint pytest database browser clean-demo

run: $(VENV)/.runtime database
	$(PY) -m streamlit run dashboard/app.py --server.port $(PORT)

test: $(VENV)/.test browser lint pytest

lint: $(VENV)/.test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Two workers (this machine has two cores); a file's tests stay together, so module fixtures
# (a seeded database, a running app) are built once.
pytest: $(VENV)/.test browser
	$(PY) -m pytest -n 2 --dist loadfile --durations=30

# Migrate the configured database; seed the embedded demo database when it is absent.
database: $(VENV)/.runtime
	$(PY) -m dashboard.prepare

# Each first-start step says what it does in one line; pip itself stays quiet.
$(PY):
	@echo "Creando el entorno de Python en $(VENV)…"
	@$(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(PY)
	@echo "Instalando dependencias (puede tardar un par de minutos)…"
	@$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.test: requirements-test.txt $(VENV)/.runtime
	@echo "Instalando dependencias de las pruebas…"
	@$(PY) -m pip install --quiet -r requirements-test.txt
	@touch $@

# End-to-end tests drive Debian's Chromium (browsers cannot be downloaded here).
browser:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -q chromium >/dev/null || \
	    { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }; \
	  else echo "Falta Chromium: instálelo con 'sudo apt-get install -y chromium'" >&2; exit 1; fi; }

clean-demo:
	rm -f data/mdc_demo.sqlite3*
