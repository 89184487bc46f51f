# One Makefile for people and CI. `make book` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BOOK_FLAGS := -W -n --keep-going

.PHONY: book check test bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

## Validate every table and audit every number in the sources.
check: $(STAMP)
	$(BIN)/python -m prisons check

## Execute the chapters (cached) and write _build/html; warnings are errors.
book: check
	$(BIN)/jupyter-book build . $(BOOK_FLAGS)

## Every test: data, computations, chapters, strict build, stale data, browser.
test: $(STAMP) /usr/bin/chromium
	$(BIN)/python -m pytest -q

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
/usr/bin/chromium:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

## Print install, build, rebuild and page-size figures.
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf _build
