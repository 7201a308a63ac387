# Praktijkbank. `make serve` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup serve build validate test test-fast browser-deps bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

serve: $(STAMP)
	$(PY) -m generator serve

build: $(STAMP)
	$(PY) -m generator build --strict

validate: $(STAMP)
	$(PY) -m generator validate

# The same check as GitHub Actions annotations (::error file=…,line=…::…), so that on a
# pull request every problem shows up at its line. .github/workflows/pr.yml runs this.
.PHONY: validate-github
validate-github: $(STAMP)
	$(PY) -m generator validate --format github

# Debian's Chromium for the browser tests (browsers cannot be downloaded here) and
# axe-core from the npm registry for the accessibility checks.
browser-deps:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "install Debian's chromium package (sudo apt-get install chromium)"; exit 1; fi; }
	@test -f node_modules/axe-core/axe.min.js || npm install --no-audit --no-fund --silent

test: $(STAMP) browser-deps
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser"

bench: $(STAMP) browser-deps
	$(PY) -m bench

clean:
	rm -rf site .site-* build/docs/* $(VENV) node_modules
