# crackdown-briefings: `make` lists the targets.
# Every target that needs the Python environment creates it on first use (.venv).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help setup data reports suggest lab test test-unit lint format benchmark clean

help: ## list the targets
	@echo "crackdown-briefings: make TARGET"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 14

$(STAMP): pyproject.toml
	@scripts/ensure-chromium
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP) ## create .venv and install the project (idempotent; installs Chromium when root)

data: $(STAMP) ## parse raw articles, validate curated events, build data/processed/
	$(BIN)/briefings data

reports: data ## render today's briefings into reports/<date>/<country>/ (HTML + PDF) and reports/index.html
	$(BIN)/briefings render $(RENDER_ARGS)

suggest: data ## suggest events for articles no curated event cites yet (data/suggested/)
	$(BIN)/briefings suggest

lab: data ## JupyterLab on the notebooks at http://127.0.0.1:8888 (LAB_PORT=...); prints the URL
	@scripts/lab notebooks

test: $(STAMP) ## run every test (unit and integration: notebooks, rendering, Chromium)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-unit: $(STAMP) ## run the fast unit tests only
	$(BIN)/python -m pytest -m "not integration" $(PYTEST_ARGS)

LINTED := src tests benchmarks notebooks

lint: $(STAMP) ## ruff lint and format check (code and notebooks), notebooks free of outputs
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/nbstripout --verify notebooks/*.ipynb

format: $(STAMP) ## ruff format (code and notebooks) and strip notebook outputs
	$(BIN)/ruff format $(LINTED)
	$(BIN)/ruff check --fix $(LINTED)
	$(BIN)/nbstripout notebooks/*.ipynb

benchmark: data ## time the render pipeline against the naive chain (prints figures)
	$(BIN)/python benchmarks/render_benchmark.py

clean: ## remove built tables, rendered reports and caches (keeps .venv and raw/curated data)
	find data/processed -type f ! -name .gitkeep -delete
	find reports -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache build src/*.egg-info
