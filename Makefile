# Two commands matter (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   ?= demo.db

.PHONY: demo test lint bench soak clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## demo: set everything up and open the app on an embedded SQLite demo database
demo: $(STAMP)
	@test -e $(DEMO) || $(BIN)/ladder --db $(DEMO) demo
	$(BIN)/ladder --db $(DEMO)

## test: set everything up and run the whole test suite (lint included)
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/pytest -q

## bench: run the benchmarks and write bench/RESULTS.md
bench: $(STAMP)
	$(BIN)/python -m bench

## soak: SIGKILL rounds, concurrent writers and fuzzed input; figures to bench/RESULTS.md
soak: $(STAMP)
	$(BIN)/python -m bench.soak

clean:
	rm -rf $(VENV) $(DEMO) $(DEMO)-wal $(DEMO)-shm .pytest_cache .ruff_cache .hypothesis
