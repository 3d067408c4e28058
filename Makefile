# The two commands: `make run` (everything locally) and `make test` (install + all tests).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8080
STORE_PORT ?= 8000
DATA_DIR ?= ./.data
export PORT STORE_PORT DATA_DIR
# swagger-ui-dist pulls in an analytics package whose install script would call out.
export SCARF_ANALYTICS=false

.PHONY: run test install install-run bench clean lambda-deps browser first-start-note faketime

# `make run` needs only the runtime: requirements.txt, dynalite and the vendored assets.
run: first-start-note install-run
	$(PY) -m infra.run_local

test: install lambda-deps
	$(PY) -m pytest -q

# Python deps for AWS Lambda as manylinux wheels (pip, at install time), so that tests/deploy
# can run `serverless package` and `zappa package` offline (a no-op when up to date); and our
# own code compiled to unchecked-hash .pyc files for both packages (infra/code_bundle.py).
lambda-deps: install
	$(PY) -m infra.lambda_bundle

# Each benchmark runs as `python -m benchmarks.<name>` with its defaults; add new ones here
# (helpers such as serve.py, which blocks, are not benchmarks). Results: benchmarks/results/.
BENCHMARKS ?= cold_start store_calls store_write_cost list_reads growth duty_growth load open_loop dashboard_reads suggestion_reads
bench: install
	@for m in $(BENCHMARKS); do echo "== benchmarks.$$m"; $(PY) -m benchmarks.$$m || exit 1; done

VENDOR := static/vendor/echarts.min.js static/vendor/swagger-ui/swagger-ui-bundle.js \
	static/vendor/swagger-ui/swagger-ui.css
BOTOCORE_DATA := functions/storage/botocore-data/botocore-version
install-run: $(VENV)/.runtime node_modules/.runtime $(VENDOR) $(BOTOCORE_DATA)
install: $(VENV)/.installed node_modules/.installed $(VENDOR) $(BOTOCORE_DATA) browser faketime

# The store client's botocore data, trimmed from the installed botocore (again whenever the
# runtime packages are reinstalled): functions/storage/botocore_data.py says why.
$(BOTOCORE_DATA): $(VENV)/.runtime
	$(PY) -m infra.trim_botocore

first-start-note:
	@test -f $(VENV)/.runtime -a -f node_modules/.runtime || \
		echo "First start: installing the Python runtime packages and dynalite (under a minute: 41 s measured on a busy 2-core machine; later starts take seconds)."

# The admin dashboard's charts and the API docs viewer, served from our own static files.
static/vendor/echarts.min.js: node_modules/.runtime
	mkdir -p static/vendor
	cp node_modules/echarts/dist/echarts.min.js $@
static/vendor/swagger-ui/%: node_modules/.runtime
	mkdir -p static/vendor/swagger-ui
	cp node_modules/swagger-ui-dist/$* $@

# The browser suite drives Debian's chromium (never `playwright install`: no downloads
# outside the package registries); CJK fonts so screenshots show Chinese, not boxes.
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium fonts-noto-cjk >/dev/null; \
	fi

# Debian's faketime runs the tests a year or three ahead (README: the tests and the date).
faketime:
	@if ! command -v faketime >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null; \
	fi

$(VENV)/.runtime: requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Running needs the dependencies only; tests also need the deploy tool (devDependencies).
# A full install already holds everything running needs.
node_modules/.runtime: package.json package-lock.json
	@if [ node_modules/.installed -nt package-lock.json ] && [ node_modules/.installed -nt package.json ]; then \
		echo "node_modules: full install present"; \
	else npm ci --omit=dev --no-audit --no-fund --loglevel=error; fi
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@ node_modules/.runtime

clean:
	rm -rf $(VENV) node_modules .pytest_cache
