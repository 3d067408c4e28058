# The two commands: `make run` (everything locally) and `make test` (install + all tests).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8080
STORE_PORT ?= 8000
DATA_DIR ?= ./.data
export PORT STORE_PORT DATA_DIR

.PHONY: run test install bench clean lambda-deps browser

run: install
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
BENCHMARKS ?= cold_start store_calls growth load open_loop dashboard_reads
bench: install
	@for m in $(BENCHMARKS); do echo "== benchmarks.$$m"; $(PY) -m benchmarks.$$m || exit 1; done

install: $(VENV)/.installed node_modules/.installed static/vendor/echarts.min.js browser

# The admin dashboard's charts, served from our own static files (no CDN).
static/vendor/echarts.min.js: node_modules/.installed
	mkdir -p static/vendor
	cp node_modules/echarts/dist/echarts.min.js $@

# The browser suite drives Debian's chromium (never `playwright install`: no downloads
# outside the package registries); CJK fonts so screenshots show Chinese, not boxes.
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium fonts-noto-cjk >/dev/null; \
	fi

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
