# Two commands a newcomer needs: `make demo` and `make test` (see README, Quick start).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test test-fast lint format clean system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/ggcrawl demo

# pytest exits 5 when it collects no tests; make treats that, like any failure, as failure.
test: $(STAMP) system-deps lint
	$(BIN)/python -m pytest

# The edit loop's lane, under a minute on 2 cores: ruff, then every test but the e2e, server,
# browser and slow ones (see the markers in pyproject.toml), property tests with at most 50
# examples each (the `fast` profile in tests/conftest.py), one worker per core. No apt-get.
test-fast: $(STAMP) lint
	$(BIN)/python -m pytest -q -n auto --hypothesis-profile=fast \
		-m "not e2e and not slow and not server and not browser"

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used);
# CJK fonts make the screenshots show Chinese; the sqlite3 shell reads compressed snapshots.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v sqlite3 >/dev/null 2>&1 || \
		! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then \
		echo "installing chromium, sqlite3 and fonts-noto-cjk with apt-get"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium sqlite3 \
			fonts-noto-cjk >/dev/null; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
