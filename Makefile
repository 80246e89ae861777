# Build, run and test the decision aid. Plain GNU make + POSIX sh (Debian 12).
#
#   make run     create .venv if missing, install requirements.txt, start the app
#   make test    create .venv if missing, install requirements-dev.txt, install the
#                Debian packages and axe-core the browser tests need when missing,
#                run the whole test suite (PYTEST_ARGS="..." passes extra arguments)
#   make lint    ruff over everything, mypy (strict) over the pure modules
#   make bench   run bench/run.py with the dev environment
#   make clean   remove caches and test artifacts; make distclean also removes
#                .venv and node_modules
#
# make itself exits 2 when a recipe fails, so `make test` also writes pytest's own
# exit code to test-artifacts/pytest-exit-code (.ci/run reads it).

SHELL := /bin/sh

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
RUN_STAMP := $(VENV)/.req-stamp
DEV_STAMP := $(VENV)/.req-dev-stamp
NPM_STAMP := node_modules/.ci-stamp
ARTIFACTS := test-artifacts
PYTEST_ARGS ?=

.PHONY: help run test lint bench clean distclean venv deps dev-deps sysdeps npm-deps
.DEFAULT_GOAL := help

help:
	@echo "make run        start the app on http://localhost:8501 (installs requirements.txt)"
	@echo "make test       run all tests (installs requirements-dev.txt, chromium, axe-core)"
	@echo "                make test PYTEST_ARGS='tests/e2e/test_x.py -x' for a subset"
	@echo "make lint       ruff over everything, mypy (strict) over the pure modules"
	@echo "make bench      run bench/run.py"
	@echo "make clean      remove caches and test-artifacts/; make distclean also .venv, node_modules"

run: $(RUN_STAMP)
	$(VENV)/bin/python -m decision_aid.serve

test: $(DEV_STAMP) sysdeps npm-deps
	@mkdir -p $(ARTIFACTS); rm -f $(ARTIFACTS)/pytest-exit-code; \
	rc=0; $(PY) -m pytest $(PYTEST_ARGS) || rc=$$?; \
	echo "$$rc" > $(ARTIFACTS)/pytest-exit-code; \
	exit "$$rc"

# The pure modules (no Streamlit: tests/unit/test_layers.py) are type-checked strictly
# (pyproject.toml [tool.mypy] overrides); ruff's rules and exceptions are in pyproject.toml too.
MYPY_STRICT := decision_aid/contract.py decision_aid/assess.py decision_aid/answers.py \
	decision_aid/parts.py decision_aid/i18n.py decision_aid/content

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy $(MYPY_STRICT)

bench: $(DEV_STAMP)
	$(PY) bench/run.py

venv: $(VENV)/bin/pip
deps: $(RUN_STAMP)
dev-deps: $(DEV_STAMP)

# bin/pip rather than bin/python: a venv whose ensurepip step failed is retried.
$(VENV)/bin/pip:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): requirements.txt | $(VENV)/bin/pip
	$(PIP) install --progress-bar off -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(VENV)/bin/pip
	$(PIP) install --progress-bar off -r requirements-dev.txt
	touch $@ $(RUN_STAMP)

# Debian packages, installed only when missing: chromium (browser tests; never
# `playwright install`), pdftoppm (PDF pages to PNG), zbarimg (QR decoding),
# DejaVu fonts, npm (axe-core), nginx (tests/deploy: the reverse proxy). sudo only when not root.
sysdeps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v zbarimg >/dev/null 2>&1 || missing="$$missing zbar-tools"; \
	test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || missing="$$missing fonts-dejavu-core"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  echo "Installing missing Debian packages:$$missing"; \
	  $$sudo apt-get update && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi

# npm ci when axe-core is missing or package-lock.json is newer than the last npm ci.
# (npm gives installed files a fixed 1985 mtime, hence the stamp file.)
npm-deps:
	@if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f $(NPM_STAMP) ] || \
	    [ package-lock.json -nt $(NPM_STAMP) ]; then \
	  npm ci --no-audit --no-fund && touch $(NPM_STAMP); \
	fi

clean:
	rm -rf .pytest_cache .hypothesis $(ARTIFACTS)
	find . -path ./$(VENV) -prune -o -path ./node_modules -prune -o \
	  -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) node_modules
