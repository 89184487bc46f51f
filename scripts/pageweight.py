"""How every page of the built book fares on a slow, watched link: requests, bytes on the wire,
first paint and load time at 400 kbit/s and 400 ms latency, and any request leaving the machine.

Readers in Iran may have a throttled connection, so the figures are measured as a static host
would serve the book (gzipped text), in a fresh Chromium context per page (empty cache). This
is a measurement, not a test: it always exits 0, except when there is no built book (exit 2).

    .venv/bin/python scripts/pageweight.py [--site _build/html] [--pages 'chapters/*'] [--json out.json]
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

from prisons import paths
from prisons.book.hosting import serve_gzipped
from prisons.book.pdf import off_machine, wait_for_charts

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
KBIT = 1000 / 8  # bytes per second in one kbit/s
THROTTLE = {"offline": False, "latency": 400, "downloadThroughput": 400 * KBIT, "uploadThroughput": 400 * KBIT}
TIMEOUT_MS = 180_000
# Folders of the built book that hold assets, not pages: those tests/test_browser.py skips, the chart bundle, downloads.
NOT_PAGES = {"_static", "_sources", "_vendor", "reports", "downloads"}
CHART_MARKERS = ('class="prisons-chart"', "vega-embed")
# Budgets per kind of page, in the units of the table; a kind has only the budgets it lists.
BUDGETS = {
    "text": {"requests": 15, "kib": 120, "fcp_s": 2.0, "load_s": 4.0},
    "chart": {"kib": 120},
}
COLUMNS = {"requests": "requests", "kib": "KiB wire", "fcp_s": "FCP s", "load_s": "load s"}


# ------------------------------------------------------------------------------ the pages


def pages(site: Path, pattern: str) -> list[str]:
    """The book's pages (not its assets) as paths relative to ``site``, matching ``pattern``."""
    found = []
    for path in site.rglob("*.html"):
        rel = path.relative_to(site)
        if not any(part in NOT_PAGES or part.startswith(".") for part in rel.parts[:-1]):
            found.append(rel.as_posix())
    return sorted(rel for rel in found if fnmatch.fnmatch(rel, pattern))


def kind(site: Path, rel: str) -> str:
    """Whether the page holds a chart cell's output ("chart") or not ("text"); they have different budgets."""
    html = (site / rel).read_text(encoding="utf-8", errors="replace")
    return "chart" if any(marker in html for marker in CHART_MARKERS) else "text"


TIMING_JS = """() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
    load: performance.getEntriesByType("navigation")[0]?.loadEventEnd ?? null,
})"""


def throttled_page(browser):
    """A page in a fresh context (empty cache) on the throttled link, and its CDP session."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", THROTTLE)
    return context, page, cdp


def measure(browser, base: str, rel: str, page_kind: str) -> dict:
    """Open one page on the throttled link, wait until its charts have drawn and the network is
    quiet, and return its figures, with every request's URL and bytes on the wire."""
    context, page, cdp = throttled_page(browser)
    urls: dict[str, str] = {}
    wire: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.setdefault(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: wire.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    row = {"page": rel, "kind": page_kind, "error": None}
    try:
        page.goto(f"{base}/{rel}", wait_until="load")
        if page_kind == "chart":
            wait_for_charts(page)
        page.wait_for_load_state("networkidle")
        timing = page.evaluate(TIMING_JS)
    except Exception as error:  # a page that fails is reported, and the others still measured
        row["error"] = str(error).splitlines()[0]
        timing = {"fcp": None, "load": None}
    finally:
        context.close()
    fetched = [{"url": url, "bytes": wire.get(rid, 0)} for rid, url in urls.items()
               if urlsplit(url).scheme in ("http", "https")]
    fetched.sort(key=lambda r: -r["bytes"])
    return row | {
        "requests": len(fetched),
        "kib": sum(r["bytes"] for r in fetched) / 1024,
        "fcp_s": None if timing["fcp"] is None else timing["fcp"] / 1000,
        "load_s": None if timing["load"] is None else timing["load"] / 1000,
        "off_machine": [r["url"] for r in fetched if off_machine(r["url"])],
        "fetched": fetched,
    }


def measure_all(site: Path, rels: list[str]) -> list[dict]:
    """Measure every page in one browser, each page in its own context."""
    from playwright.sync_api import sync_playwright

    with serve_gzipped(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=paths.CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            return [measure(browser, base, rel, kind(site, rel)) for rel in rels]
        finally:
            browser.close()


# ------------------------------------------------------------------------------ the report


def over(row: dict) -> list[str]:
    """The budgets this page exceeds, by column."""
    budgets = BUDGETS[row["kind"]]
    return [key for key, limit in budgets.items() if row[key] is None or row[key] > limit]


def _cell(value, key: str) -> str:
    if value is None:
        return "-"
    return str(value) if key == "requests" else f"{value:.1f}" if key == "kib" else f"{value:.2f}"


def table(rows: list[dict]) -> list[str]:
    """One line per page: its kind, figures, and which budgets it exceeds."""
    width = max([len("page")] + [len(r["page"]) for r in rows])
    lines = [f"{'page':<{width}}  kind   " + "".join(f"{name:>10}" for name in COLUMNS.values()) + "  over budget"]
    for row in rows:
        cells = "".join(f"{_cell(row[key], key):>10}" for key in COLUMNS)
        note = ", ".join(COLUMNS[key] for key in over(row)) + (f"  ERROR {row['error']}" if row["error"] else "")
        lines.append(f"{row['page']:<{width}}  {row['kind']:<5}  {cells}  {note}".rstrip())
    return lines


def summary(rows: list[dict]) -> list[str]:
    """Per kind of page, the worst value of each column beside its budget."""
    lines = []
    for page_kind, budgets in BUDGETS.items():
        of_kind = [r for r in rows if r["kind"] == page_kind]
        if not of_kind:
            continue
        parts = []
        for key, name in COLUMNS.items():
            values = [r[key] for r in of_kind if r[key] is not None]
            worst = max(values) if values else None
            part = f"{name} {_cell(worst, key)}"
            if key in budgets:
                exceeded = worst is None or worst > budgets[key] or len(values) < len(of_kind)
                part += f" (budget {budgets[key]:g}{', OVER' if exceeded else ''})"
            parts.append(part)
        lines.append(f"worst of {len(of_kind)} {page_kind} page(s): " + "; ".join(parts))
    return lines


def off_machine_lines(rows: list[dict]) -> list[str]:
    """Every request to a host other than the loopback server; the book promises none."""
    leaks = [f"  {r['page']}: {url}" for r in rows for url in r["off_machine"]]
    if not leaks:
        return ["requests off this machine: 0"]
    return [f"requests off this machine: {len(leaks)} (must be 0)"] + leaks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=paths.HTML, help="the built book (default _build/html)")
    parser.add_argument("--pages", default="*", help="only pages whose path matches this glob")
    parser.add_argument("--json", type=Path, help="also write the figures, every request included, here")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"pageweight: no built book at {paths.relative(args.site.resolve())}: run make book", file=sys.stderr)
        return 2
    if not Path(paths.CHROMIUM).is_file():
        print(f"pageweight: no browser at {paths.CHROMIUM}: apt-get install chromium", file=sys.stderr)
        return 2
    rows = measure_all(args.site, pages(args.site, args.pages))
    throttle = f"{THROTTLE['downloadThroughput'] / KBIT:g} kbit/s each way, {THROTTLE['latency']} ms latency"
    print(f"{len(rows)} pages of {paths.relative(args.site.resolve())}, gzipped, empty cache, {throttle}\n")
    print("\n".join(table(rows) + [""] + summary(rows) + off_machine_lines(rows)))
    if args.json:
        report = {"site": str(args.site), "throttle": THROTTLE, "budgets": BUDGETS, "pages": rows}
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
