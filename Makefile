# Two commands matter (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   ?= demo.db

.PHONY: demo test lint lock bench soak clean

# The versions in requirements-dev.lock, the same on every machine and in CI.
$(STAMP): pyproject.toml requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# The sources are compiled once, as an installed app's are: its first frame reads bytecode.
## demo: set everything up and open the app on an embedded SQLite demo database
demo: $(STAMP)
	@$(BIN)/python -m compileall -q ladder data present cli tui seat
	@test -e $(DEMO) || $(BIN)/ladder --db $(DEMO) demo
	$(BIN)/ladder --db $(DEMO)

## test: set everything up and run the whole test suite (lint included)
test: lint
	$(BIN)/pytest -q

## lint: ruff, the code's format, the import contracts and the types
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

## lock: pin every dependency again after a change in pyproject.toml
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url \
		--no-emit-find-links -o requirements-dev.lock pyproject.toml

## bench: run the benchmarks and write bench/RESULTS.md
bench: $(STAMP)
	$(BIN)/python -m bench

## soak: SIGKILL rounds, concurrent writers and fuzzed input; figures to bench/RESULTS.md
soak: $(STAMP)
	$(BIN)/python -m bench.soak

clean:
	rm -rf $(VENV) $(DEMO) $(DEMO)-wal $(DEMO)-shm .pytest_cache .ruff_cache .hypothesis .mypy_cache
