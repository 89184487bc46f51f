"""Charts' outputs: no script in a chart's output runs, its downloads are its own files; under a
strict CSP (``default-src 'self'``), opened from disk and over loopback, hostile text in a chart's
data runs nothing. (Every chart page of the book, static on arrival and drawn when asked, from
disk and over loopback: the reader's sweep, test_reader_sweep.py; each chart as drawn:
test_chart_legibility.py.)
"""
from __future__ import annotations

import re
import shutil
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from prisons import chart_output
from prisons.book import STATIC, chart_files, pdf, site, vendor
from test_chart_output import HOSTILE, hostile_html

pytestmark = pytest.mark.slow

PHONE = {"width": 360, "height": 740}
TIMEOUT_MS = 30_000
CHART = "div.prisons-chart"
# Every chart the stories draw (hand-listed: a chart that vanished from the book must fail here).
CHART_IDS = {"overcrowding-occupancy", "letters-timeline", "request-per-prisoner", "deaths-by-prison", "parsilon-accounts",
             "shortfall-benchmark"}
STRICT_CSP = "default-src 'self'"
# Logged by sphinx-book-theme/pydata-sphinx-theme on a first visit (no saved mode), not the
# charts'; and Chromium's line for a failed load, which the responses record with their address.
CONSOLE_NOISE = re.compile(r"^(Got invalid theme mode|Failed to load resource)")
# The browser asks for this of its own accord over http; the book has none and links none.
BROWSER_OWN = "/favicon.ico"
# Run before the page's scripts: CSP refusals, and the static pictures' widths as soon as the
# document is parsed (before any chart in view can be swapped for the interactive one).
RECORD = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
document.addEventListener("DOMContentLoaded", () => {
  window.__static = [...document.querySelectorAll("div.prisons-chart .prisons-chart-static svg")]
    .map(s => s.getBoundingClientRect().width);
});"""


def chart_pages(html_root: Path) -> list[str]:
    """The pages with a chart, in both editions."""
    return sorted(p.relative_to(html_root).as_posix() for folder in site.EDITION_FOLDERS.values()
                  for p in (html_root / folder / site.CHAPTERS_FOLDER).glob("*.html")
                  if f'class="{chart_output.CSS_CLASS}"' in p.read_text(encoding="utf-8"))


@contextmanager
def browser_page(chromium):
    """A phone-sized page that records console errors, page errors, dialogs, CSP refusals and requests."""
    page = chromium.new_page(viewport=PHONE)
    try:
        page.set_default_timeout(TIMEOUT_MS)
        page.add_init_script(RECORD)
        seen = {"errors": [], "dialogs": [], "requests": []}
        page.on("console", lambda m: seen["errors"].append(m.text)
                if m.type == "error" and not CONSOLE_NOISE.match(m.text) else None)
        page.on("response", lambda r: seen["errors"].append(f"HTTP {r.status} {r.url}")
                if r.status >= 400 and urlsplit(r.url).path != BROWSER_OWN else None)
        page.on("requestfailed", lambda r: seen["errors"].append(f"failed {r.url}"))
        page.on("pageerror", lambda e: seen["errors"].append(str(e)))
        page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
        page.on("request", lambda r: seen["requests"].append(r.url))
        yield page, seen
    finally:
        page.close()


@contextmanager
def opened(folder: Path, how: str):
    """The base URL of ``folder`` opened from disk or over loopback."""
    if how == "file":
        yield folder.resolve().as_uri()
    else:
        with pdf.serve(folder) as base:
            yield base


def leaves(url: str, how: str) -> bool:
    """A request that is not to the book itself."""
    scheme = urlsplit(url).scheme
    if scheme in ("data", "blob", "about"):
        return False
    return scheme != "file" if how == "file" else pdf.off_machine(url)


def bundle_requested(seen) -> bool:
    return any(vendor.BUNDLE_NAME in url for url in seen["requests"])


def draw_each(page) -> list[str]:
    """Press each chart's button and wait for it to draw; return every chart's state."""
    charts = page.locator(CHART)
    for i in range(charts.count()):
        charts.nth(i).locator("button.prisons-chart-open").click()
        page.wait_for_function("c => ['drawn', 'failed'].includes(c.dataset.state)", arg=charts.nth(i).element_handle())
    return page.eval_on_selector_all(CHART, "cs => cs.map(c => c.dataset.state)")


def test_chart_outputs_hold_no_script_that_runs(book):
    for rel in chart_pages(book):
        soup = BeautifulSoup((book / rel).read_text(encoding="utf-8"), "html.parser")
        for chart in soup.select(CHART):
            scripts = chart.find_all("script")
            assert [s.get("type") for s in scripts] == ["application/json"], rel
            assert not any(name.startswith("on") for tag in chart.find_all(True) for name in tag.attrs), rel


def test_download_links_name_files_that_match_the_chart(book):
    for rel in chart_pages(book):
        html = (book / rel).read_text(encoding="utf-8")
        charts = BeautifulSoup(html, "html.parser").select(CHART)
        assert len(charts) == len(chart_output.charts_in(html)), rel
        for chart, (spec, static) in zip(charts, chart_output.charts_in(html)):
            name = chart_output.chart_id(spec)
            assert chart["data-chart-id"] == name
            links = [a["href"] for a in chart.select("p.prisons-chart-downloads a[download]")]
            assert links == [site.chart_file_from_chapter(f"{name}.{suffix}") for suffix in ("png", "svg", "csv")]
            png, svg, csv = ((book / rel).parent / href for href in links)
            assert svg.read_text(encoding="utf-8") == static
            assert png.read_bytes() == chart_output.png(static)
            assert csv.read_text(encoding="utf-8") == chart_files.csv_text(chart_files.drawn_rows(spec), chart_files._lang(spec))


# ------------------------------------------------------------------- a hostile chart, strict CSP


@pytest.fixture(scope="module")
def hostile_site(book, tmp_path_factory) -> Path:
    """A page under ``default-src 'self'`` with one container-width chart of hostile text, below
    the first screen, beside the book's own loader, styles and bundle."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "_static").mkdir()
    for name in (chart_files.LOADER_JS, chart_files.LOADER_CSS):
        shutil.copy(STATIC / name, root / "_static" / name)
    (root / "_static" / "spacer.css").write_text(".spacer { height: 1500px; }\n", encoding="utf-8")
    vendor.write_bundle(root)
    (root / site.CHAPTERS_FOLDER).mkdir()
    (root / site.CHAPTERS_FOLDER / "hostile.html").write_text(
        '<!DOCTYPE html>\n<html lang="en" data-content_root="../"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{STRICT_CSP}">\n<title>Hostile</title>\n'
        '<link rel="stylesheet" href="../_static/charts.css"><link rel="stylesheet" href="../_static/spacer.css">\n'
        '<script defer src="../_static/charts.js"></script></head>\n'
        f'<body><main><div class="spacer"></div>{hostile_html()}</main></body></html>\n', encoding="utf-8")
    return root


@pytest.mark.parametrize("how", ["file", "loopback"])
def test_hostile_chart_under_strict_csp_runs_nothing(hostile_site, how, chromium):
    with opened(hostile_site, how) as base, browser_page(chromium) as (page, seen):
        page.goto(f"{base}/{site.CHAPTERS_FOLDER}/hostile.html", wait_until="load")
        assert page.locator(f"{CHART}[data-state=static]").count() == 1
        page.wait_for_timeout(300)
        assert not bundle_requested(seen), "the bundle loaded before the reader asked for it"
        assert draw_each(page) == ["drawn"]
        live = page.locator(f"{CHART} .prisons-chart-live svg")
        assert 0 < live.bounding_box()["width"] <= PHONE["width"]
        page.locator(f"{CHART} g.mark-rect path").first.hover()  # the hostile bar, the longer one
        page.wait_for_selector("#vg-tooltip-element.visible")
        assert HOSTILE in page.inner_text("#vg-tooltip-element")
        assert page.locator("#vg-tooltip-element script, #vg-tooltip-element img").count() == 0
        assert seen["dialogs"] == [] and seen["errors"] == []
        assert page.evaluate("window.__csp") == []
        assert [u for u in seen["requests"] if leaves(u, how)] == []
