# Praktijkbank. `make serve` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
LOCK   := requirements.lock
LOCK_INPUTS := pyproject.toml build-requirements.in

# UNLOCKED=1 (the weekly "newest releases" workflow): the newest versions pyproject.toml
# allows, in a venv of their own, instead of the exact versions of requirements.lock.
ifeq ($(UNLOCKED),1)
VENV   ?= .venv-newest
export PRAKTIJKBANK_UNLOCKED := 1
else
VENV   ?= .venv
endif
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup serve edit build validate test test-fast system-deps node-deps browser-deps bench bench-large bench-relevance clean lock mutate

ifeq ($(UNLOCKED),1)
$(STAMP): $(LOCK_INPUTS) | system-deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --upgrade --upgrade-strategy eager -e '.[test,dev]'
	touch $(STAMP)
else
# Every package at the version and hash in the lock; then the project itself, which adds
# nothing (--no-deps) and builds with the locked setuptools (--no-build-isolation).
$(STAMP): $(LOCK) $(LOCK_INPUTS) | system-deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --require-hashes -r $(LOCK)
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)
endif

# Refresh requirements.lock to the newest versions pyproject.toml allows (hashes for every
# platform). Run it on purpose, then `make test`, and commit the lock on its own.
lock: $(STAMP)
	$(VENV)/bin/uv pip compile $(LOCK_INPUTS) --extra test --extra dev --generate-hashes \
	  --universal --python-version 3.11 --upgrade --quiet -o $(LOCK)

setup: $(STAMP)

serve: $(STAMP) node-deps
	$(PY) -m generator serve

# serve, with the web editor at /admin/ saving straight into practices/ (decap-server on 127.0.0.1:8081)
edit: $(STAMP) node-deps
	$(PY) -m generator serve --edit

build: $(STAMP) node-deps
	$(PY) -m generator build --strict

validate: $(STAMP)
	$(PY) -m generator validate

# The same check as GitHub Actions annotations (::error file=…,line=…::…), so that on a
# pull request every problem shows up at its line. .github/workflows/pr.yml runs this.
.PHONY: validate-github
validate-github: $(STAMP)
	PRAKTIJKBANK_CACHE=off $(PY) -m generator validate --format github  # one run on a fresh runner: writing a cache only costs

# WeasyPrint (the jury report as PDF) draws text with Pango; Debian ships it and a font,
# which the preview cards use too
system-deps:
	@ldconfig -p | grep -q libpangoft2-1.0 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; \
	  else echo "install Pango for WeasyPrint (sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)"; exit 1; fi; }

# Debian's Chromium for the browser tests (browsers cannot be downloaded here)
browser-deps: node-deps
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "install Debian's chromium package (sudo apt-get install chromium)"; exit 1; fi; }

# The npm packages of package-lock.json: the web editor (Decap CMS, decap-server, yaml) and
# axe-core for the accessibility checks. npm writes node_modules/.package-lock.json on every
# install, so a changed lock installs again.
node-deps: node_modules/.package-lock.json
node_modules/.package-lock.json: package-lock.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; \
	  else echo "install Node.js and npm (sudo apt-get install npm)"; exit 1; fi; }
	npm ci --no-audit --no-fund --silent
	@touch $@

test: $(STAMP) browser-deps
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser"

bench: $(STAMP) browser-deps
	$(PY) -m bench

# build and validate at 1,000 and 10,000 records, 3 interleaved runs (about half an hour here)
bench-large: $(STAMP) browser-deps
	$(PY) -m bench --large

bench-relevance: $(STAMP) browser-deps  # the relevance part of make bench alone (a minute)
	$(PY) -m bench.relevance

# Mutation testing of generator/ with the in-process tests ([tool.mutmut] in pyproject.toml),
# one worker: the machine is shared. Results start fresh (the tests change between runs), and
# tests/mutation_report.py prints killed / (total - equivalent) per module; equivalent
# mutants are listed in tests/equivalent_mutants.txt. MUTANTS="generator.loader*" runs a
# part; MUTATE_MIN=90 fails when loader, validate or render score lower. About an hour here.
MUTANTS ?=
MUTATE_MIN ?= 0
mutate: $(STAMP)
	rm -rf mutants
	$(VENV)/bin/mutmut run --max-children 1 $(MUTANTS)
	$(PY) tests/mutation_report.py --min $(MUTATE_MIN)

clean:
	rm -rf site .site-* build/docs/* .venv .venv-newest node_modules mutants
