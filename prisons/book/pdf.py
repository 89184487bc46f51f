"""The whole book as one PDF, for readers who must read offline, pass it on, or print it.

``make pdf`` builds the singlehtml edition (one page, from the same cached notebook outputs as
the html build) and this module prints it with headless Chromium, from a loopback http server.
Each chart prints as the static SVG drawn offline when its notebook ran: under print media the
chart loader leaves the pictures in place, so there is no bundle to wait for. Printing refuses to
write a PDF with a chart missing, a JavaScript error, or any request leaving the machine.
"""
from __future__ import annotations

from html import escape
import json
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .. import paths, report
from . import hosting, paper, site

SINGLEHTML = paths.SINGLEHTML
PDF_PATH = paths.BUILD / "pdf" / report.PDF_NAME
DOWNLOADS = paths.HTML / site.DOWNLOADS_DIR
RECORD_SUFFIX = ".json"
# No background traffic, and no name resolution but loopback: the print cannot go online.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-features=NetworkTimeServiceQuerying",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
# The theme's template asks for a search index that the singlehtml builder does not write;
# search is of no use on paper.
MAY_BE_MISSING = {"searchindex.js"}
CHART = "div.prisons-chart"
TIMEOUT_MS = 60_000
PAPER = "A4"
SIDE_MARGIN_MM = 12
MARGIN = {"top": "14mm", "bottom": "16mm", "left": f"{SIDE_MARGIN_MM}mm", "right": f"{SIDE_MARGIN_MM}mm"}
# The printable width in CSS pixels (96 per inch): the page is laid out at this width to check
# that nothing is wider than the paper.
CONTENT_WIDTH_PX = round((210 - 2 * SIDE_MARGIN_MM) / 25.4 * 96)
def footer(lang: str = "en", direction: str = "ltr") -> str:
    """The footer Chromium prints on every page: the report's title, in the page's language, and the page number."""
    from ..i18n import tr

    return (f'<div dir="{escape(direction)}" style="font-size:8px;width:100%;padding:0 {SIDE_MARGIN_MM}mm;display:flex;justify-content:space-between;">'
            f'<span>{escape(tr(report.title(), lang))}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')


class PrintError(RuntimeError):
    """The page could not be printed whole and offline."""


@dataclass
class Printed:
    """What the printer wrote, also saved beside the PDF for the tests to check."""

    path: str
    pages: int
    bytes: int
    charts: int
    drawn: int


def serve(directory: Path):
    """Serve a folder on a free loopback port (``hosting.serve``, with nosniff and each file's type)."""
    return hosting.serve(directory)


def off_machine(url: str) -> bool:
    """A request that would leave the machine (data: and blob: URLs never do)."""
    parts = urlsplit(url)
    return parts.scheme not in ("data", "blob", "about") and parts.hostname != "127.0.0.1"


def _expected_missing(url: str) -> bool:
    return urlsplit(url).path.rsplit("/", 1)[-1] in MAY_BE_MISSING


def watch(page) -> list[str]:
    """Record every problem that would make the print incomplete or not offline."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on("requestfailed", lambda r: None if _expected_missing(r.url) else problems.append(f"request failed: {r.url}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400 and not _expected_missing(r.url) else None)
    page.on("request", lambda r: problems.append(f"request off this machine: {r.url}") if off_machine(r.url) else None)
    return problems


def loading(page) -> dict:
    """The requests under way (by request), to name them if the page never stops loading."""
    pending: dict = {}
    page.on("request", lambda r: pending.__setitem__(r, r.url))
    page.on("requestfinished", lambda r: pending.pop(r, None))
    page.on("requestfailed", lambda r: pending.pop(r, None))
    return pending


# What a print needs loaded: every font the page uses and every picture. (Not "networkidle", which
# some runs of the Persian edition never reached with nothing left to load.)
LOADED = """() => document.fonts.status === "loaded" && [...document.images].every(i => i.complete)"""


def idle(page, pending: dict) -> None:
    """Wait until the fonts and pictures are in; if they never are, say which requests were still under way."""
    from playwright.sync_api import TimeoutError as Timeout

    try:
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_function(LOADED)
    except Timeout:
        raise PrintError(f"the page was still loading after {TIMEOUT_MS // 1000} s: "
                         + (", ".join(sorted(pending.values())) or "no request under way")) from None


def wait_for_charts(page) -> tuple[int, int]:
    """Wait until no chart is being drawn; return (charts, charts showing a picture).

    A chart's ``data-state`` is "static" (its SVG drawn offline), then "loading" and "drawn"
    once the loader has swapped in the interactive chart, or "failed" (see ``static/charts.js``).
    """
    page.wait_for_function(
        """sel => ![...document.querySelectorAll(sel)].some(c => c.dataset.state === "loading")""",
        arg=CHART, timeout=TIMEOUT_MS)
    charts = page.locator(CHART).count()
    shown = page.locator(f'{CHART}:is([data-state="static"], [data-state="drawn"]):has(svg)').count()
    return charts, shown


def too_wide(page) -> list[str]:
    """Tables and charts that pass the paper's right edge, laid out as printed: Chromium would
    clip them, and the PDF would silently lose data."""
    page.set_viewport_size({"width": CONTENT_WIDTH_PX, "height": 1000})
    page.emulate_media(media="print")
    return page.evaluate("""() => {
        const edge = document.querySelector("main").getBoundingClientRect().right + 1;
        return [...document.querySelectorAll("table, div.prisons-chart")]
            .filter(e => e.getBoundingClientRect().right > edge)
            .map(e => e.dataset.chartId || e.id || e.querySelector("caption")?.textContent || e.tagName);
    }""")


def expand_toggles(page) -> None:
    """Open the data tables that myst-nb's "hide-output" tag folds away: paper has no buttons.
    (sphinx-togglebutton's own print hook listens for ``beforeprint``, which ``page.pdf()`` never
    fires.) Vega's export menu is a <details> too, and stays shut."""
    page.evaluate("""() => document.querySelectorAll("details.hide, details.toggle-details")
                                   .forEach(d => { d.open = true; })""")


def render(url: str, target: Path) -> tuple[int, int]:
    """Open the page in headless Chromium as paper (print media, so the charts stay static), print
    it; return (charts, charts with their picture)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=paths.CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": CONTENT_WIDTH_PX, "height": 1000})
            page.set_default_timeout(TIMEOUT_MS)  # the load, the network's idling and the print itself, on a busy machine
            problems, pending = watch(page), loading(page)
            page.emulate_media(media="print")
            page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
            charts, drawn = wait_for_charts(page)
            idle(page, pending)
            paper.prepare(page)
            expand_toggles(page)
            problems += [f"wider than the paper: {name}" for name in too_wide(page)]
            if problems or drawn < charts:
                raise PrintError(f"{drawn} of {charts} charts drawn; " + "; ".join(problems))
            page.pdf(path=str(target), format=PAPER, print_background=True, margin=MARGIN, outline=True,
                     tagged=True, display_header_footer=True, header_template="<span></span>",
                     footer_template=footer(page.evaluate("document.documentElement.lang") or "en",
                                            page.evaluate("document.documentElement.dir") or "ltr"))
        finally:
            browser.close()
    return charts, drawn


def count_pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def make_pdf(site: Path = SINGLEHTML, target: Path = PDF_PATH, downloads: Path | None = DOWNLOADS) -> Printed:
    """Print ``site/index.html`` to ``target``; copy it into the html book's downloads."""
    if not (site / "index.html").is_file():
        raise PrintError(f"{paths.relative(site)}/index.html is missing: build it first (make pdf)")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial.pdf")  # never leave a half-written PDF under the real name
    with serve(site) as base:
        charts, drawn = render(f"{base}/index.html", partial)
    partial.replace(target)
    printed = Printed(paths.relative(target), count_pages(target), target.stat().st_size, charts, drawn)
    target.with_suffix(RECORD_SUFFIX).write_text(json.dumps(asdict(printed), indent=2) + "\n", encoding="utf-8")
    if downloads is not None:
        downloads.mkdir(parents=True, exist_ok=True)
        shutil.copy2(target, downloads / target.name)
    return printed


def summary(printed: Printed) -> str:
    return (f"pdf written: {printed.path}, {printed.pages} pages, {printed.bytes / 1024:.0f} KB, "
            f"{printed.drawn} of {printed.charts} charts drawn")
