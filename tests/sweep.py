"""The reader's sweep: one Chromium goes through every page of both editions as readers arrive,
and records what each test of ``test_reader_sweep.py`` asserts on.

Each page is opened in a page of its own, in one browser context per way of reading (its cache,
as a reader going from page to page has):
- over loopback, as a static host serves the site (gzipped text), at a phone's width (360 px, touch), a
  tablet's (768) and a desktop's (1280), in light and dark mode;
- from ``file://`` in the unpacked offline zip, at a phone's width, as a passed-along copy opens.
Every load records its page errors, console errors, Content-Security-Policy violations, failed
requests and requests off the machine, how far it scrolls sideways, and its frame's tap targets
(at a phone's width in light mode, also its bytes on the wire, the cache off);
then its charts are made interactive and the same is recorded again. axe-core runs once per page
and colour mode. On a phone each page's menus are tapped open and followed.

A record is a plain dict, so a failing test prints what the page did.
"""
from __future__ import annotations

import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from prisons import paths, report
from prisons.book import edition, site
from prisons.book.hosting import serve_gzipped
from prisons.book.pdf import off_machine

WIDTHS = {"phone": 360, "tablet": 768, "desktop": 1280}
MODES = ("light", "dark")
HEIGHT = 800
TIMEOUT_MS = 30_000
MIN_TARGET_PX = 24  # WCAG 2.2, 2.5.8 (target size, minimum)
AXE_WIDTH = "phone"
WEIGHED = ("phone", "light")  # the way of reading whose pages are weighed as they arrive
SEVERE = {"serious", "critical"}

# Every violation of the page's policy, reported by the page itself (the console says it too).
WATCH_POLICY = ("window.__violations = []; document.addEventListener('securitypolicyviolation', e => "
                "window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') "
                "+ ':' + e.lineNumber));")

# The page's frame (header, article header, footer's previous/next, language switch) and the
# controls beside each chart: each a tap target, which must be at least 24 x 24 CSS px.
TARGETS_JS = """(min) => {
  const frame = ['.bd-header', '.bd-header-article', '.bd-footer-article', '.prisons-language',
                 '.prisons-chart-downloads', '.prisons-chart .vega-bindings'];
  const seen = new Set(), small = [];
  for (const el of document.querySelectorAll(frame.map(s => `${s} a, ${s} button, ${s} select, ${s} input, ${s} summary`).join(','))) {
    if (seen.has(el)) continue; seen.add(el);
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === 'hidden' || el.closest('[hidden], dialog:not([open])')) continue;
    if (box.width < min - 0.5 || box.height < min - 0.5)
      small.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return small;
}"""


# A chart's words that run past its own picture (cut off: the picture clips them; labels Vega hides
# as overlapping do not count), its plot's width (a label too long for the width squeezes the
# plot, and its bars, to nothing), its box, and its words.
CHARTS_JS = """() => [...document.querySelectorAll('.prisons-chart')].map(chart => {
  const svg = chart.querySelector('.vega-embed > svg') || chart.querySelector('svg');
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  const shown = t => t.textContent.trim() && getComputedStyle(t).opacity !== "0" && t.getAttribute("opacity") !== "0";
  const texts = [...svg.querySelectorAll('text')].filter(shown);
  const cut = texts.map(t => [t, t.getBoundingClientRect()])
    .filter(([, b]) => b.left < box.left - 1 || b.right > box.right + 1).map(([t]) => t.textContent.slice(0, 40));
  return {id: chart.dataset.chartId, box: box.toJSON(), cut, words: texts.map(t => t.textContent).join(' '),
          plot: Math.max(0, ...[...svg.querySelectorAll('.role-axis-domain line, .role-axis-domain path')]
                                .map(l => l.getBoundingClientRect().width))};
})"""

# The lowest contrast of any chart word against what is behind it (the first ancestor with a background).
CONTRAST_JS = """() => {
  const rgba = s => s.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => { const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
                               return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const behind = el => { for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
                           if (c.length < 4 || c[3] > 0) return c; } return [255, 255, 255]; };
  const ratios = [...document.querySelectorAll('.prisons-chart svg text')].map(t => {
    const l = lum(rgba(getComputedStyle(t).fill)), page = lum(behind(t));
    return (Math.max(l, page) + 0.05) / (Math.min(l, page) + 0.05); });
  return ratios.length ? Math.min(...ratios) : null;
}"""

FONTS_JS = """() => document.fonts.ready.then(() => [...document.fonts]
  .filter(f => f.status === 'loaded').map(f => f.family.replace(/"/g, '')))"""
SCREENSHOTS = paths.BUILD / "screenshots"
LOG = paths.BUILD / "sweep.log"


def site_pages() -> list[str]:
    """Every page of both editions, by its address in the site, from the sources (a fresh clone has
    no build to list when tests are collected)."""
    pages = []
    for lang, chapters in (("en", paths.CHAPTERS), ("fa", paths.FA_CHAPTERS)):
        own = [f"{site.CHAPTERS_FOLDER}/{source.stem}.html" for source in chapters.glob("*.md")]
        pages += [site.EDITION_FOLDERS[lang] + page for page in [*own, "index.html", "genindex.html", "search.html"]]
    return sorted(pages)


def built_pages(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if not set(p.relative_to(root).parts[:-1]) & (site.ASSET_FOLDERS | {"_images"}))


# The pages read as pages (a moved page only forwards; test_reader_sweep follows it).
PAGES = [page for page in site_pages() if page.split("/", 1)[-1] not in site.MOVED_PAGES
         and page not in site.MOVED_PAGES]


# Each moved page of each edition, and the page it forwards to (with the anchor it was asked for).
MOVED = {site.EDITION_FOLDERS[lang] + old: f"{site.EDITION_FOLDERS[lang]}{site.CHAPTERS_FOLDER}/{new}"
         for lang in site.EDITION_FOLDERS for old, new in site.MOVED_PAGES.items()}
MOVED_ANCHOR = "amnesty-capacity"  # a figure's permalink, as published before the page moved


@dataclass
class Sweep:
    """Every record of the sweep, by where the page was opened and how."""

    records: dict[tuple, dict] = field(default_factory=dict)
    moved: dict[tuple, str] = field(default_factory=dict)  # (origin, old address): where it led
    base: str = ""
    offline: Path | None = None

    def get(self, origin: str, page: str, width: str = "phone", mode: str = "light") -> dict:
        return self.records[(origin, page, width, mode)]

    def each(self, page: str):
        return [(key, record) for key, record in self.records.items() if key[1] == page]


def activate_charts(page) -> int:
    """Ask every chart on the page for its interactive version, as a reader does (a tap on a phone, a
    click elsewhere), and wait until each is drawn, or has failed; return how many there are."""
    charts = page.locator("div.prisons-chart")
    count = charts.count()
    for i in range(count):
        chart = charts.nth(i)
        button = chart.locator("button.prisons-chart-open")
        button.tap() if page.viewport_size["width"] == WIDTHS["phone"] else button.click()
        page.wait_for_function("c => c.dataset.state === 'drawn' || c.dataset.state === 'failed'",
                               arg=chart.element_handle(), timeout=TIMEOUT_MS)
    return count


def _states(page) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('div.prisons-chart')].map(c => c.dataset.state)")


def reader_context(browser, width: str, mode: str):
    """A browser context as a reader at ``width`` in ``mode`` has: a touch screen on a phone."""
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": HEIGHT}, color_scheme=mode,
                                  has_touch=width == "phone", is_mobile=width == "phone")
    context.add_init_script(WATCH_POLICY + f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    return context


def weigh(context, page) -> dict[str, int]:
    """Bytes on the wire of every request the page makes from now on, by request (the cache off, so
    the page arrives as it does to a reader who has never opened the book)."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    wire: dict[str, int] = {}
    cdp.on("Network.loadingFinished", lambda e: wire.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    return wire


def visit(context, url: str, axe: bool, screenshot: str | None = None, weighed: bool = False) -> dict:
    """One page, as the reader of ``context`` meets it, then with its charts made interactive."""
    page = context.new_page()
    wire = weigh(context, page) if weighed else None
    page.set_default_timeout(TIMEOUT_MS)
    record: dict = {"url": url, "errors": [], "failed": [], "requests": [], "console": [], "width": page.viewport_size["width"]}
    page.on("pageerror", lambda e: record["errors"].append(str(e)))
    page.on("console", lambda m: record["console"].append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: record["requests"].append(r.url))
    page.on("response", lambda r: record["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None)
    # An aborted request is one a navigation cut off (a forwarding page's own redirect), not a missing file.
    page.on("requestfailed", lambda r: record["failed"].append(f"{r.failure} {r.url}")
            if "ERR_ABORTED" not in (r.failure or "") else None)
    try:
        page.goto(url, wait_until="load")
        record["theme"] = page.evaluate("document.documentElement.dataset.theme")
        record["lang"] = page.evaluate("[document.documentElement.lang, getComputedStyle(document.body).direction]")
        record["sideways"] = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        record["small_targets"] = page.evaluate(TARGETS_JS, MIN_TARGET_PX)
        record["charts_on_arrival"] = _states(page)
        record["requests_on_arrival"] = list(record["requests"])
        if wire is not None:
            page.wait_for_load_state("networkidle")
            record["wire_kib"], record["wire_requests"] = sum(wire.values()) / 1024, len(wire)
        record["charts"] = activate_charts(page)
        record["charts_drawn"] = _states(page)
        record["sideways_interactive"] = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        record["fonts"] = page.evaluate(FONTS_JS)
        if record["charts"]:
            record["chart_layout"] = page.evaluate(CHARTS_JS)
            record["chart_contrast"] = page.evaluate(CONTRAST_JS)
            if screenshot:
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SCREENSHOTS / f"{screenshot}.png"), full_page=True)
        record["small_targets"] += [t for t in page.evaluate(TARGETS_JS, MIN_TARGET_PX) if t not in record["small_targets"]]
        if axe:
            record["axe"] = severe_violations(page)
        record["violations"] = page.evaluate("window.__violations")
    except Exception as error:  # the record says what went wrong; every test of the page fails on it
        record["errors"].append(f"the sweep could not read the page: {error}".splitlines()[0])
    finally:
        page.close()
    record["off_machine"] = [u for u in record["requests"] if off_machine(u) and not u.startswith("file:")]
    return record


def severe_violations(page) -> list[str]:
    """Each serious or critical axe-core violation on the page, one line per failing element."""
    from axe_playwright_python.sync_playwright import Axe

    return [f"{violation['id']} ({violation['impact']}): {' '.join(map(str, node['target']))}: {node['failureSummary']}"
            for violation in Axe().run(page).response["violations"] if violation["impact"] in SEVERE
            for node in violation["nodes"]]


def _tap_and_follow(page, target) -> str:
    """Tap ``target`` and wait for the page it leads to; return its address."""
    with page.expect_navigation(wait_until="load", timeout=10_000):
        target.tap()
    return page.url


def _open_by_tap(page, button, dialog: str):
    """Tap ``button`` and wait for the ``dialog`` it opens (the theme's menu or the page's contents)."""
    button.tap()
    opened = page.locator(dialog)
    page.wait_for_function("d => d.open", arg=opened.element_handle(), timeout=5_000)
    return opened


def phone_navigation(context, url: str) -> dict:
    """On a 360 px touch screen: tap the page's contents, then a section in them; the language switch,
    and back; the menu, then a chapter in it. What opened and where each tap led."""
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    found: dict = {}
    try:
        page.goto(url, wait_until="load")
        if page.url.split("#")[0] != url:  # a page that only forwards: its target is swept as itself
            found["forwards_to"] = page.url
            return found
        contents = page.locator(".secondary-toggle:visible")
        found["contents_button"] = contents.count()
        if contents.count():
            dialog = _open_by_tap(page, contents.first, "#pst-secondary-sidebar-modal")
            found["contents_open"] = True
            section = dialog.locator("a.nav-link").last
            found["contents_link"] = section.get_attribute("href")
            section.tap()
            page.wait_for_function("h => location.hash === h", arg=found["contents_link"], timeout=5_000)
            found["contents_led_to"] = page.url
            page.goto(url, wait_until="load")  # the contents stay open over the page
        switch = page.locator("p.prisons-language a")
        if switch.count():
            found["switch_led_to"] = _tap_and_follow(page, switch.first)
            found["switch_back_to"] = _tap_and_follow(page, page.locator("p.prisons-language a").first)
        menu = page.locator(".primary-toggle:visible")
        found["menu_button"] = menu.count()
        if menu.count():
            dialog = _open_by_tap(page, menu.first, "#pst-primary-sidebar-modal")
            found["menu_open"] = True
            chapter = dialog.locator("nav a.reference.internal:not(.current)").last
            found["menu_link"] = chapter.get_attribute("href")
            found["menu_led_to"] = _tap_and_follow(page, chapter)
    except Exception as error:
        found["error"] = str(error).splitlines()[0]
    finally:
        page.close()
    return found


def forwarded(context, url: str, expected: str) -> str:
    """Where a moved page's address, with an anchor, leads."""
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_url(f"**/{expected}", timeout=10_000)
    except Exception:  # the test names where it got instead
        pass
    finally:
        arrived = page.url
        page.close()
    return arrived


def unpack_offline_zip(book: Path, folder: Path) -> Path:
    with zipfile.ZipFile(book / site.DOWNLOADS_DIR / report.ZIP_NAME) as archive:
        archive.extractall(folder)
    return folder / edition.FOLDER


@contextmanager
def timed(log, *what: str):
    """One line of the sweep's log per page read: how, and how long it took."""
    start = time.perf_counter()
    yield
    log.write(f"{time.perf_counter() - start:6.2f} s  {' '.join(what)}\n")
    log.flush()


def run(browser, book: Path, workdir: Path) -> Sweep:
    """The whole sweep over the built ``book``, in ``browser``; each page's time in ``LOG``."""
    sweep = Sweep(offline=unpack_offline_zip(book, workdir))
    LOG.parent.mkdir(parents=True, exist_ok=True)
    with serve_gzipped(book) as sweep.base, LOG.open("w", encoding="utf-8") as log:
        for width in WIDTHS:
            for mode in MODES:
                with reader_context(browser, width, mode) as context:
                    for page in PAGES:
                        shot = f"{page.removesuffix('.html').replace('/', '-')}-{width}-{mode}" if width != "tablet" and mode == "light" else None
                        with timed(log, "http", page, width, mode):
                            sweep.records[("http", page, width, mode)] = visit(
                                context, f"{sweep.base}/{page}", axe=width == AXE_WIDTH, screenshot=shot,
                                weighed=(width, mode) == WEIGHED)
        with reader_context(browser, "phone", "light") as context:
            for page in PAGES:
                with timed(log, "file", page, "phone", "light"):
                    sweep.records[("file", page, "phone", "light")] = visit(context, (sweep.offline / page).as_uri(), axe=False)
                with timed(log, "nav", page, "phone", "light"):
                    sweep.records[("nav", page, "phone", "light")] = phone_navigation(context, f"{sweep.base}/{page}")
            for old, new in MOVED.items():
                for origin, base in (("http", sweep.base), ("file", sweep.offline.as_uri())):
                    sweep.moved[(origin, old)] = forwarded(context, f"{base}/{old}#{MOVED_ANCHOR}", f"{new}#{MOVED_ANCHOR}")
    return sweep

