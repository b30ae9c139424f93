# Two entry points for a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: run test setup lint bench index clean browser

run: setup
	$(BIN)/rag serve

test: setup-dev browser
	$(BIN)/ruff check .
	$(BIN)/pytest -q

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e .
	touch $(STAMP)

setup-dev: $(DEVSTAMP)

$(DEVSTAMP): $(STAMP)
	$(BIN)/pip install -q -e ".[dev]"
	touch $(DEVSTAMP)

# Debian's chromium for the Playwright tests (playwright cannot download browsers here).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }

lint: setup-dev
	$(BIN)/ruff check .

index: setup
	$(BIN)/rag index

bench: setup-dev
	$(BIN)/python -m bench.run

clean:
	rm -rf embeddings/gen-* embeddings/manifest.json test-artifacts
