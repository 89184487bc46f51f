"""What a reader does with the built book beyond reading a page (each page of both editions as
read is in the reader's sweep, test_reader_sweep.py): moves the what-if chart's controls, copies a
permalink, follows a number to its figure and to how it was computed. In the test run's one
Chromium (``chromium`` in conftest.py), on the session's one build of the book."""
from __future__ import annotations

import pytest

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


def test_permalinks_are_full_addresses_to_copy(book, visit, server):
    v = visit("chapters/figures.html#amnesty-capacity")
    address = f"{server}/chapters/figures.html#amnesty-capacity"
    link = v.page.locator('a.prisons-permalink[href="#amnesty-capacity"]')
    assert link.text_content() == address
    citation = v.page.locator('.prisons-citation[data-permalink="figures.html#amnesty-capacity"]')
    assert citation.text_content().endswith(f"Figure amnesty-capacity, {address}")
    assert not v.errors, "\n".join(v.errors)


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
