# The two commands: `make run` and `make test`. Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= $(or $(CYBERSTATE_DB),cyberstate.db)
DECISIONS ?= $(DB).decisions.yaml
# Size of the synthetic store `make bench` builds once and reuses (1000000 for the 1M-claim figures; that first
# build takes about nine minutes).
SYNTHETIC_CLAIMS ?= 100000
# Where `make run` / `make serve` start the workbench.
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint bench clean install install-test serve web-assets

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

# The analyst's decisions (reviews, merges, unmerges, hand-loaded claims) are exported beside the store
# before the build and loaded back after it, so neither a rebuild nor a deleted store loses them.
run: install
	if [ -s $(DB) ]; then $(BIN)/cyberstate --db $(DB) export decisions -o $(DECISIONS); fi
	$(BIN)/cyberstate --db $(DB) load
	$(BIN)/cyberstate --db $(DB) import misp-galaxy
	$(BIN)/cyberstate --db $(DB) ingest --seeds --galaxy-descriptions --workers 0
	if [ -f $(DECISIONS) ]; then $(BIN)/cyberstate --db $(DB) load $(DECISIONS); fi
	$(BIN)/cyberstate --db $(DB) tour
	@echo "Open http://$(HOST):$(PORT)/ and type a name (e.g. Violet Typhoon). Ctrl-C stops the server."
	$(BIN)/cyberstate --db $(DB) serve --host $(HOST) --port $(PORT)

# The workbench alone, over an existing store.
serve: install
	$(BIN)/cyberstate --db $(DB) serve --host $(HOST) --port $(PORT)

# Refresh the committed Cytoscape.js build from the npm registry (needs npm; see src/cyberstate/web/static/README.md).
CYTOSCAPE_VERSION ?= 3.35.0
web-assets:
	mkdir -p build/npm
	cd build/npm && npm install --no-audit --no-fund --prefix . cytoscape@$(CYTOSCAPE_VERSION)
	cp build/npm/node_modules/cytoscape/dist/cytoscape.min.js src/cyberstate/web/static/cytoscape.min.js
	cp build/npm/node_modules/cytoscape/LICENSE src/cyberstate/web/static/cytoscape.LICENSE

test: install-test
	$(BIN)/python -m pytest
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: install-test
	$(BIN)/python bench/run.py
	$(BIN)/python bench/galaxy.py
	$(BIN)/python bench/analysis.py
	$(BIN)/python bench/readmodel.py --db $(DB)
	$(BIN)/python bench/web.py --db $(DB)
	$(BIN)/python bench/readmodel.py --synthetic-claims $(SYNTHETIC_CLAIMS)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python bench/extract.py

clean:
	rm -rf $(VENV) cyberstate.db cyberstate.db-wal cyberstate.db-shm
