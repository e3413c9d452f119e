# The two set-up commands: `make run` and `make test` (see README.md).
VENV ?= .venv
PY := $(VENV)/bin/python
SPMP := $(VENV)/bin/spmp
HOST ?= 127.0.0.1
PORT ?= 8866
# The user the app acts as until login arrives; a demo coordinator by default.
SPMP_USER ?= mhowell

.PHONY: install run test bench clean-store

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# axe-core, injected into pages by the accessibility tests (pinned in package-lock.json).
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

install: $(VENV)/.installed node_modules/.package-lock.json

run: install
	$(SPMP) demo --if-empty
	$(SPMP) serve --host $(HOST) --port $(PORT) --user $(SPMP_USER)

test: install
	$(PY) -m pytest

# Benchmarks print figures and ratios against peers measured in the same run (not pass/fail).
# A venv of its own: ipyautoui brings front-end extensions the app must not load.
BENCH_VENV ?= .venv-bench
$(BENCH_VENV)/.installed: pyproject.toml
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -e '.[test,bench]'
	touch $@

bench: install $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python -m benchmarks

clean-store:
	@echo "This deletes the default SQLite store and everything in it."
	rm -i "$${SPMP_HOME:-$${XDG_DATA_HOME:-$$HOME/.local/share}/spmp}/spmp.sqlite3"
