# The two commands: `make run` and `make test`. Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= $(or $(CYBERSTATE_DB),cyberstate.db)
# Size of the synthetic store `make bench` builds (1000000 for the 1M-claim figures; that build is long).
SYNTHETIC_CLAIMS ?= 100000

.PHONY: run test lint bench clean install install-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/cyberstate --db $(DB) load
	$(BIN)/cyberstate --db $(DB) import misp-galaxy
	$(BIN)/cyberstate --db $(DB) ingest --seeds --galaxy-descriptions
	$(BIN)/cyberstate --db $(DB) tour

test: install-test
	$(BIN)/python -m pytest
	$(BIN)/ruff check src tests bench

lint: install-test
	$(BIN)/ruff check src tests bench

bench: install-test
	$(BIN)/python bench/run.py
	$(BIN)/python bench/galaxy.py
	$(BIN)/python bench/analysis.py
	$(BIN)/python bench/readmodel.py --db $(DB)
	rm -f /tmp/cyberstate-synthetic.db
	$(BIN)/python bench/synthetic.py --claims $(SYNTHETIC_CLAIMS) --bulk -o /tmp/cyberstate-synthetic.db
	$(BIN)/python bench/readmodel.py --synthetic /tmp/cyberstate-synthetic.db
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python bench/extract.py

clean:
	rm -rf $(VENV) cyberstate.db cyberstate.db-wal cyberstate.db-shm
