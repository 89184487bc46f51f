"""What a reader does with the built book beyond reading a page (each page of both editions as
read is in the reader's sweep, test_reader_sweep.py): moves the what-if chart's controls, copies a
permalink, follows a number to its figure and to how it was computed. In the test run's one
Chromium (``chromium`` in conftest.py), on the session's one build of the book."""
from __future__ import annotations

import pytest

from prisons.book import site
from prisons.book.pdf import off_machine, serve

pytestmark = pytest.mark.slow

TIMEOUT_MS = 30_000
WHAT_IF_PAGE = "chapters/explore.html"


# ------------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def server(book):
    with serve(book) as base:
        yield base


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

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(chromium, server):
    opened: list[Visit] = []

    def _open(rel: str) -> Visit:
        v = Visit(chromium, f"{server}/{rel}")
        opened.append(v)
        return v

    yield _open
    for v in opened:
        v.close()


# --------------------------------------------------------------------------------------- tests


def _labels(chart) -> list[str]:
    """The text marks of the chart (the per-prisoner-per-day labels, two lines each), not axis or
    title text, nor each unit's scale labels (one line), nor the source line every chart carries
    (it starts "Figures:")."""
    words = chart.locator("svg g.mark-text.role-mark text").evaluate_all(
        "ts => ts.filter(t => t.querySelectorAll('tspan').length > 1).map(t => t.textContent)")
    return [t for t in words if not t.startswith("Figures:")]


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
    chart.locator("button.prisons-chart-open").click()  # the interactive chart loads when the reader asks
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
def test_a_citation_from_a_local_copy_names_no_local_address(book, chromium, server, opened_from):
    """With no published address set (this build), a citation copied from a local copy, served on
    loopback or opened from disk, says it comes from a local copy and gives the identifier; no
    permalink or citation shows the copy's own address, which no one else could open."""
    base = server if opened_from == "loopback" else book.resolve().as_uri()
    v = Visit(chromium, f"{base}/chapters/figures.html#amnesty-capacity")
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
def test_the_copy_button_copies_the_citation(book, chromium, server, opened_from):
    """Each citation's copy button puts exactly its text on the clipboard, served or from disk,
    under the page's policy (no CSP violation, no error)."""
    base = server if opened_from == "loopback" else book.resolve().as_uri()
    v = Visit(chromium, f"{base}/chapters/methods.html#result-ratio-later")
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


# ------------------------------------------------------------------------------ the language switch


@pytest.fixture
def phone_from_disk(chromium):
    """A phone-sized page opened from disk, as a passed-along copy is, and its page errors."""
    page = chromium.new_page(viewport={"width": 360, "height": 740})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page, errors
    page.close()


@pytest.mark.parametrize("anchor", ["amnesty-population-2020-06", "corrections-log"])
def test_the_language_switch_keeps_the_anchor_both_ways(book, phone_from_disk, anchor):
    """From an entry's permalink, the switch lands on the same entry of the other edition, and back."""
    page, errors = phone_from_disk
    english = book / site.CHAPTERS_FOLDER / site.FIGURES_PAGE
    persian = book / site.EDITION_FOLDERS["fa"] / site.CHAPTERS_FOLDER / site.FIGURES_PAGE
    page.goto(f"{english.as_uri()}#{anchor}", wait_until="load")
    page.locator('p.prisons-language a[hreflang="fa"]').click()
    page.wait_for_load_state("load")
    assert page.url == f"{persian.as_uri()}#{anchor}"
    assert page.evaluate("document.documentElement.lang") == "fa"
    assert page.locator(f"#{anchor}").count() == 1
    page.locator('p.prisons-language a[hreflang="en"]').click()
    page.wait_for_load_state("load")
    assert page.url == f"{english.as_uri()}#{anchor}"
    assert errors == []


def test_the_language_switch_keeps_the_entry_being_read(book, phone_from_disk):
    """With no anchor in the address, the switch carries the last entry scrolled past (a computed
    result on the Methods page), which both editions share; a heading's made-up id is not carried."""
    page, errors = phone_from_disk
    page.goto((book / site.CHAPTERS_FOLDER / "methods.html").as_uri(), wait_until="load")
    page.evaluate("document.getElementById('result-ratio-later').scrollIntoView()")
    with page.expect_navigation():
        page.locator('p.prisons-language a[hreflang="fa"]').evaluate("a => a.click()")  # the switch is at the top
    assert page.url.endswith("/fa/chapters/methods.html#result-ratio-later"), page.url
    assert errors == []


def test_no_persian_word_in_the_claims_table_breaks_across_lines_at_desktop_width(book, chromium):
    """At 1280 px the claims table scrolls sideways rather than cut a word («فرورد|ین»)."""
    claims = book / site.EDITION_FOLDERS["fa"] / site.CHAPTERS_FOLDER / "claims.html"
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(claims.as_uri(), wait_until="load")
        page.evaluate("document.fonts.ready")
        broken = page.evaluate("""() => {
            const found = [];
            for (const cell of document.querySelectorAll('table.prisons-table td')) {
                const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                for (let node; (node = walker.nextNode());) {
                    for (const m of node.textContent.matchAll(/[\\u0600-\\u06ff\\u200c]{2,}/g)) {
                        const range = document.createRange();
                        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                        if (tops.size > 1) found.push(m[0]);
                    }
                }
            }
            return found; }""")
    finally:
        page.close()
    assert broken == []
