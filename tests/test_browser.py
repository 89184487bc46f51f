"""Drive the built book in headless Chromium: every page loads with no JavaScript errors and
no request leaving the machine, every chart draws, the chart bundle loads only where it is
needed, and the what-if chart answers its controls.

Uses the system Chromium (never ``playwright install``), on the session's one build of the book
(``book`` in conftest.py). Screenshots of chart pages go to
``_build/screenshots/<page>.png`` for a person to look at.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from prisons import paths
from prisons.book.pdf import CHROMIUM_ARGS, off_machine, serve
from prisons.book.site import EDITION_FOLDERS, MOVED_PAGES

pytestmark = pytest.mark.slow

ROOT = paths.ROOT
HTML = paths.HTML
SCREENSHOTS = paths.BUILD / "screenshots"
EXCLUDED_DIRS = {"_static", "_sources", "reports"}
BUNDLE_PREFIX = "vega-bundle-"
MAX_PAGE_BYTES = 300 * 1024
TIMEOUT_MS = 30_000
WHAT_IF_PAGE = "chapters/explore.html"


# ------------------------------------------------------------------------------- the page list


def _is_page(rel: Path) -> bool:
    return not any(part in EXCLUDED_DIRS or part.startswith(".") for part in rel.parts[:-1])


def built_pages() -> set[str]:
    """Every page of the built book, as paths relative to ``_build/html``."""
    if not HTML.is_dir():
        return set()
    return {
        rel.as_posix()
        for rel in (p.relative_to(HTML) for p in HTML.rglob("*.html"))
        if _is_page(rel)
    }


def _toc_files(node) -> list[str]:
    if isinstance(node, dict):
        return [
            str(v) for k, v in node.items() if k in ("root", "file") and isinstance(v, str)
        ] + [f for k, v in node.items() if k not in ("root", "file") for f in _toc_files(v)]
    if isinstance(node, list):
        return [f for item in node for f in _toc_files(item)]
    return []


def expected_pages() -> set[str]:
    """The pages the book should have, in each edition: one per table-of-contents entry, plus
    Sphinx's own pages."""
    pages = set()
    for lang, (_, toc_file) in {"en": (None, ROOT / "_toc.yml"), "fa": paths.FA_BOOK_CONFIG}.items():
        toc = yaml.safe_load(toc_file.read_text(encoding="utf-8"))
        own = {f"{Path(f).with_suffix('').as_posix()}.html" for f in _toc_files(toc)}
        own |= {"index.html", "search.html", "genindex.html"} | set(MOVED_PAGES)
        pages |= {EDITION_FOLDERS[lang] + page for page in own}
    return pages


# Collected without building: from the table of contents, plus whatever is already built.
PAGES = sorted(expected_pages() | built_pages())


# ------------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def server(book):
    with serve(book) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=paths.CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """One page opened in a fresh context, with everything it asked for and every error."""

    def __init__(self, browser, url: str):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on(
            "response",
            lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        # A missing file is a 404 (above); an aborted request is one a navigation cut off (the
        # forwarding pages' own redirect, say), which is not a failure of the book.
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.failure} {r.url}")
                     if "ERR_ABORTED" not in (r.failure or "") else None)
        self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle", timeout=3 * TIMEOUT_MS)  # a long page on a busy machine

    def external_requests(self) -> list[str]:
        return [url for url in self.requests if off_machine(url)]

    def bundle_requests(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).path.rsplit("/", 1)[-1].startswith(BUNDLE_PREFIX)]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, server):
    opened: list[Visit] = []

    def _open(rel: str) -> Visit:
        v = Visit(browser, f"{server}/{rel}")
        opened.append(v)
        return v

    yield _open
    for v in opened:
        v.close()


# --------------------------------------------------------------------------------------- tests


def test_every_built_page_is_tested(book):
    """A page built but not collected (e.g. on a fresh clone) would go untested."""
    missing = built_pages() - set(PAGES)
    assert not missing, f"built pages not parametrized (add them to _toc.yml?): {sorted(missing)}"
    absent = set(PAGES) - built_pages()
    assert not absent, f"pages expected from _toc.yml but not built: {sorted(absent)}"


# A moved page only forwards to its new address (tested below), so it is not read as a page.
READ_PAGES = [p for p in PAGES if p not in MOVED_PAGES]


@pytest.mark.parametrize("rel", READ_PAGES, ids=[p.removesuffix(".html") for p in READ_PAGES])
def test_page(rel, book, visit):
    path = book / rel
    assert path.is_file(), f"{rel} was not built"

    v = visit(rel)
    page = v.page
    charts = page.locator(".prisons-chart")
    n = charts.count()
    try:
        for i in range(n):
            chart = charts.nth(i)
            cid = chart.get_attribute("data-chart-id") or f"#{i}"
            chart.scroll_into_view_if_needed()  # the interactive chart loads when it comes into view
            page.wait_for_function("c => c.dataset.state === 'drawn'", arg=chart.element_handle(), timeout=TIMEOUT_MS)
            drawing = chart.locator("svg, canvas").first
            drawing.wait_for(state="visible", timeout=TIMEOUT_MS)
            box = drawing.bounding_box()
            assert box and box["width"] > 0 and box["height"] > 0, f"{rel} chart {cid} drew nothing: {box}"
    finally:
        if n:  # even when something above failed: the picture helps say what
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{Path(rel).with_suffix('').as_posix().replace('/', '-')}.png"), full_page=True)

    external = v.external_requests()
    assert not external, f"{rel} requested {len(external)} URL(s) off this machine:\n" + "\n".join(external)
    assert not v.errors, f"{rel} raised JavaScript errors:\n" + "\n".join(v.errors)
    assert not v.failed, f"{rel} had failed requests:\n" + "\n".join(v.failed)
    if n:
        assert v.bundle_requests(), f"{rel} has {n} chart(s) but never requested the Vega bundle"
    else:
        assert not v.bundle_requests(), f"{rel} has no charts but requested {v.bundle_requests()}"

    size = path.stat().st_size
    assert size <= MAX_PAGE_BYTES, f"{rel} is {size / 1024:.0f} KB, over {MAX_PAGE_BYTES // 1024} KB"


def _labels(chart) -> list[str]:
    """The text marks of the chart (the per-prisoner-per-day labels), not axis or title text, nor
    the source line every chart carries (it starts "Figures:")."""
    return [t for t in chart.locator("svg g.mark-text.role-mark text").all_text_contents() if not t.startswith("Figures:")]


def _wait_for_change(page, chart_id: str, before: list[str]) -> list[str]:
    page.wait_for_function(
        """([sel, before]) => {
            const t = [...document.querySelectorAll(sel)].map(e => e.textContent);
            return t.length > 0 && JSON.stringify(t) !== JSON.stringify(before);
        }""",
        arg=[f'[data-chart-id="{chart_id}"] svg g.mark-text.role-mark text', before],
        timeout=10_000,
    )
    return _labels(page.locator(f'[data-chart-id="{chart_id}"]'))


def test_what_if_controls_change_the_labels(book, visit):
    v = visit(WHAT_IF_PAGE)
    page = v.page
    chart = page.locator(".prisons-chart").first
    chart.scroll_into_view_if_needed()  # the interactive chart loads when it comes into view
    chart.locator(".vega-bindings input[type=range]").wait_for(state="attached")
    chart.locator("svg g.mark-text.role-mark text").first.wait_for(state="attached")
    chart_id = chart.get_attribute("data-chart-id")
    slider = chart.locator(".vega-bindings input[type=range]")
    select = chart.locator(".vega-bindings select")
    assert slider.count() == 1 and select.count() == 1, "what-if chart should have one slider and one select"
    assert (slider.get_attribute("min"), slider.get_attribute("max")) == ("90", "92")

    initial = _labels(chart)
    assert len(initial) == 6 and all(t.strip() for t in initial), initial
    assert slider.input_value() == "92", "the slider should start at 92 days"

    slider.evaluate(
        """el => {
            el.value = '90';
            el.dispatchEvent(new Event('input', {bubbles: true}));
            el.dispatchEvent(new Event('change', {bubbles: true}));
        }"""
    )
    after_days = _wait_for_change(page, chart_id, initial)
    assert after_days != initial
    assert len(after_days) == len(initial)

    options = select.locator("option")
    assert options.count() == 2
    current = select.input_value()
    other = next(
        options.nth(i).get_attribute("value")
        for i in range(options.count())
        if options.nth(i).get_attribute("value") != current
    )
    select.select_option(value=other)
    after_population = _wait_for_change(page, chart_id, after_days)
    assert after_population != after_days
    assert len(after_population) == len(initial)

    # The labels can change while the bars stay invisible (e.g. a log scale fed a stacked
    # bar's zero baseline): check that every bar is actually drawn.
    widths = chart.locator("svg g.mark-rect.role-mark path, svg g.mark-rect.role-mark rect").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().width)"
    )
    assert len(widths) == len(initial) and all(w > 0 for w in widths), (
        f"what-if bars are not drawn (widths {widths}); check the console for "
        "'Log scale domain includes zero'"
    )
    assert not v.errors, "\n".join(v.errors)
    assert not v.external_requests(), "\n".join(v.external_requests())


# ------------------------------------------------------------------------------ citing figures


LOCAL_CITATION = "Cited from a local copy of COVID-19 in Iran's prisons, 2020, version "


@pytest.mark.parametrize("opened_from", ["loopback", "file"])
def test_a_citation_from_a_local_copy_names_no_local_address(book, browser, server, opened_from):
    """With no published address set (this build), a citation copied from a local copy, served on
    loopback or opened from disk, says it comes from a local copy and gives the identifier; no
    permalink or citation shows the copy's own address, which no one else could open."""
    base = server if opened_from == "loopback" else book.resolve().as_uri()
    v = Visit(browser, f"{base}/chapters/figures.html#amnesty-capacity")
    try:
        link = v.page.locator('a.prisons-permalink[href="#amnesty-capacity"]')
        assert link.text_content() == "identifier amnesty-capacity (this copy names no published address)"
        entry = v.page.locator("li", has=v.page.locator('a.prisons-permalink[href="#amnesty-capacity"]')).locator("xpath=..")
        citation = entry.locator(".prisons-citation").text_content()
        assert citation.endswith("identifier amnesty-capacity") and LOCAL_CITATION in citation, citation
        shown = " ".join(v.page.locator(".prisons-citation, a.prisons-permalink").all_text_contents())
        for local in ("127.0.0.1", "localhost", "file:", "http://"):
            assert local not in shown, f"a citation shows the local address {local!r}"
        assert not v.errors, "\n".join(v.errors)
    finally:
        v.close()


@pytest.mark.parametrize("opened_from", ["loopback", "file"])
def test_the_copy_button_copies_the_citation(book, browser, server, opened_from):
    """Each citation's copy button puts exactly its text on the clipboard, served or from disk,
    under the page's policy (no CSP violation, no error)."""
    base = server if opened_from == "loopback" else book.resolve().as_uri()
    v = Visit(browser, f"{base}/chapters/methods.html#result-ratio-later")
    try:
        v.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                    origin=server if opened_from == "loopback" else None)
        citation = v.page.locator("#result-ratio-later ~ ul .prisons-citation, #result-ratio-later .prisons-citation").first
        if not citation.count():
            citation = v.page.locator(".prisons-citation").first
        button = citation.locator("xpath=following-sibling::button[1]")
        assert button.is_visible() and button.text_content() == "Copy"
        box = button.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box
        button.click()
        v.page.wait_for_function("b => b.textContent === 'Copied'", arg=button.element_handle())
        copied = v.page.evaluate("navigator.clipboard.readText()")
        assert copied == citation.text_content()
        assert not v.errors, "\n".join(v.errors)
    finally:
        v.close()


def test_a_glued_number_leads_to_its_figure(book, visit):
    v = visit("chapters/overcrowding.html")
    v.page.locator('a[href="figures.html#amnesty-capacity"]').first.click()
    v.page.wait_for_url("**/chapters/figures.html#amnesty-capacity")
    top = v.page.locator("#amnesty-capacity").evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < 900, f"the figure is not in view after following its link (top {top})"


def test_a_computed_number_leads_to_how_it_was_computed(book, visit):
    v = visit("chapters/overcrowding.html")
    v.page.locator('a[href="methods.html#result-ratio-later"]').first.click()
    v.page.wait_for_url("**/chapters/methods.html#result-ratio-later")
    entry = v.page.locator("#result-ratio-later")
    assert "divided by the declared capacity" in entry.text_content()
    assert entry.locator('a[href="figures.html#amnesty-capacity"]').count() == 1


@pytest.mark.parametrize("old", sorted(MOVED_PAGES))
def test_published_permalinks_on_a_moved_page_still_arrive(book, visit, old):
    v = visit(f"{old}#amnesty-capacity")
    v.page.wait_for_url(f"**/chapters/{MOVED_PAGES[old]}#amnesty-capacity")
