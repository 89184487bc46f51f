# One Makefile for people and CI. `make book` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BOOK_FLAGS := -W -n --keep-going

.PHONY: book check pageweight pdf test bench clean

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

## Print each page's requests, bytes, first paint and load time on a 400 kbit/s link, against the budgets.
pageweight: book /usr/bin/chromium
	$(BIN)/python scripts/pageweight.py

# The same name as prisons.paths.PDF_NAME (the book links to it).
PDF_NAME := covid-19-in-irans-prisons-2020.pdf
PDF := _build/pdf/$(PDF_NAME)
# Everything the book is made from: the PDF is remade only when one of these changed.
BOOK_INPUTS := $(wildcard chapters/*.md data/* data/sources/* prisons/*.py prisons/static/* _static/*) \
	_config.yml _toc.yml CITATION.cff LICENSE LICENSE-DATA.md $(STAMP)

## The whole book as one PDF, printed offline by headless Chromium; copied into _build/html/downloads/.
pdf: book /usr/bin/chromium $(PDF) _build/html/downloads/$(PDF_NAME)

# Order-only on book: the singlehtml build reuses the html build's cache and must run after it.
$(PDF): $(BOOK_INPUTS) | book /usr/bin/chromium
	$(BIN)/jupyter-book build . --builder singlehtml $(BOOK_FLAGS)
	$(BIN)/python -m prisons pdf --out $@

# The html book may have been rebuilt from scratch since the PDF was printed.
_build/html/downloads/$(PDF_NAME): $(PDF) | book
	mkdir -p $(@D) && cp -p $< $@

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
