# The two commands: `make run` (everything locally) and `make test` (install + all tests).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8080
STORE_PORT ?= 8000
DATA_DIR ?= ./.data
export PORT STORE_PORT DATA_DIR

.PHONY: run test install bench clean

run: install
	$(PY) -m infra.run_local

test: install
	$(PY) -m pytest -q

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) node_modules .pytest_cache
