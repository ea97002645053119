# One entry point. Every target builds or reuses the local virtual environment in .venv from
# requirements.lock (exact versions, so figures are byte-identical) and pyproject.toml.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help figures test lint docs lab html student validate refresh check lock clean bench e2e e2e-deps

help: ## list the targets
	@grep -E '^[a-z0-9]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	@echo "Setting up $(VENV) from requirements.lock (first run: a few minutes) ..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

figures: $(STAMP) ## run the changed notebooks (in parallel) and regenerate figures/
	$(BIN)/python -m analysis build

bench: $(STAMP) ## time the build against nbconvert, imports, loading, tests (BENCH=--quick: shorter)
	$(BIN)/python -m analysis.bench $(BENCH)

test: lint ## lint, the unit tests and the notebooks under nbval, then the browser test (make e2e)
	$(BIN)/python -m pytest
	$(MAKE) e2e

lint: $(STAMP) ## check the code and the notebooks with ruff (rules in pyproject.toml)
	$(BIN)/ruff check .

validate: $(STAMP) ## check every data table against data/datapackage.json
	$(BIN)/python -m analysis validate

lab: $(STAMP) ## open JupyterLab on the notebooks
	$(BIN)/jupyter lab notebooks/

html: $(STAMP) ## export every notebook to standalone HTML in build/html/
	$(BIN)/python -m analysis html --out build/html

student: $(STAMP) ## student edition without worked solutions (notebooks + HTML) in build/student/
	$(BIN)/python -m analysis student --out build/student

refresh: $(STAMP) ## fetch the publishers' files, check them, update data/ (needs the network; ARGS=--dry-run ...)
	$(BIN)/python -m analysis refresh $(ARGS)

check: $(STAMP) ## verify data/ against data/manifest.json (names files changed since)
	$(BIN)/python -m analysis check

docs: $(STAMP) ## regenerate the column documentation in data/README.md from data/datapackage.json
	$(BIN)/python -m analysis docs

# The browser test needs Debian's chromium and a font with Japanese glyphs; apt only when missing.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
e2e-deps:
	@command -v chromium >/dev/null && fc-list :lang=ja family | grep -q . || \
		{ $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium fonts-noto-cjk; }

e2e: $(STAMP) e2e-deps ## browser test: every notebook run in JupyterLab in headless chromium, and the HTML editions
	$(BIN)/python -m pytest -o addopts="-p no:cacheprovider" tests/e2e/e2e_browser.py $(E2E)


lock: ## re-resolve requirements.lock from pyproject.toml (needs the package registry)
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet "setuptools>=68" ".[test,e2e]"
	.venv-lock/bin/python -m pip freeze --all --exclude pip --exclude japan-russia-analysis > requirements.lock
	rm -rf .venv-lock

clean: ## remove the virtual environment and exported HTML
	rm -rf $(VENV) build
