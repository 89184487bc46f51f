"""The built book in a browser at a phone's, a tablet's and a desktop's width, light and dark:
no page scrolls sideways, every chart lies within the viewport, chart words keep their contrast
in dark mode. Saves a screenshot of every chart page under _build/screenshots/ to look at."""
from __future__ import annotations

import functools
import http.server
import threading

import pytest

from prisons import paths
from prisons.book import site as site_layout
from prisons.book.pdf import CHROMIUM_ARGS

HTML = paths.ROOT / "_build" / "html"
SHOTS = paths.ROOT / "_build" / "screenshots"
CHART_PAGES = ("overcrowding", "letters", "shortfall", "claims", "unrest", "explore")
HORIZONTAL_AXIS = {"overcrowding", "shortfall", "claims"}  # whose plot width is measured (the request's rows have no axis line)
WIDTHS = (360, 768, 1280)
pytestmark = pytest.mark.slow

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


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site():
    """The built book served on loopback (test_charts_offline.py opens the charts from file://)."""
    handler = functools.partial(Quiet, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not (HTML / "index.html").exists():
        pytest.skip("no built book: run make book")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=paths.CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def open_page(browser, site: str, name: str, width: int, theme: str, lang: str = "en"):
    return open_address(browser, f"{site}/{site_layout.EDITION_FOLDERS[lang]}chapters/{name}.html", width, theme)


def open_address(browser, address: str, width: int, theme: str):
    """The page at ``width`` in ``theme``, with every interactive chart drawn."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.add_init_script(f"localStorage.setItem('theme', '{theme}'); localStorage.setItem('mode', '{theme}');")
    page.goto(address)
    charts = page.locator("div.prisons-chart")
    for i in range(charts.count()):  # each interactive chart loads when the reader asks for it
        charts.nth(i).locator("button.prisons-chart-open").click()
        page.wait_for_function("c => c.dataset.state === 'drawn'", arg=charts.nth(i).element_handle(), timeout=20_000)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    return page


# A chart's words that run past its own picture (cut off: the picture clips them; labels Vega hides
# as overlapping do not count), and its
# plot's width (a label too long for the width squeezes the plot, and its bars, to nothing).
OVERFLOW_JS = """() => [...document.querySelectorAll('.prisons-chart .vega-embed > svg')].map(svg => {
  const box = svg.getBoundingClientRect();
  const shown = t => t.textContent.trim() && getComputedStyle(t).opacity !== "0" && t.getAttribute("opacity") !== "0";
  const cut = [...svg.querySelectorAll('text')].filter(shown).map(t => [t, t.getBoundingClientRect()])
    .filter(([, b]) => b.left < box.left - 1 || b.right > box.right + 1).map(([t]) => t.textContent.slice(0, 40));
  return {cut, plot: Math.max(0, ...[...svg.querySelectorAll('.role-axis-domain line, .role-axis-domain path')]
                                    .map(l => l.getBoundingClientRect().width))};
})"""


@pytest.mark.parametrize("lang", ("en", "fa"))
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", CHART_PAGES)
def test_page_fits_and_charts_lie_within_the_viewport(browser, site, name, width, lang):
    page = open_page(browser, site, name, width, "light", lang)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        boxes = page.evaluate("[...document.querySelectorAll('.prisons-chart .vega-embed > svg')].map(s => s.getBoundingClientRect().toJSON())")
        assert boxes and all(b["left"] >= 0 and b["right"] <= width and b["width"] > 0.6 * min(width, 700) - 80 for b in boxes), boxes
        for chart, box in zip(page.evaluate(OVERFLOW_JS), boxes):
            assert chart["cut"] == [], f"words cut off at {width} px: {chart['cut']}"
            if name in HORIZONTAL_AXIS:
                assert chart["plot"] > 0.5 * box["width"], f"plot squeezed to {chart['plot']:.0f} px of {box['width']:.0f}"
    finally:
        page.close()


@pytest.mark.parametrize("theme", ("light", "dark"))
@pytest.mark.parametrize("width", (360, 1280))
@pytest.mark.parametrize("name", CHART_PAGES)
def test_chart_words_keep_their_contrast_and_screenshots_are_saved(browser, site, name, width, theme):
    page = open_page(browser, site, name, width, theme)
    try:
        assert page.evaluate("document.documentElement.dataset.theme") == theme
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}-{width}-{theme}.png"), full_page=True)
        assert page.evaluate(CONTRAST_JS) >= 4.5
    finally:
        page.close()


# Every page of both editions, read on a phone (the chart pages are also checked at each width above).
PHONE_PAGES = sorted(f"{site_layout.EDITION_FOLDERS[lang]}{site_layout.CHAPTERS_FOLDER}/{source.stem}.html"
                     for lang, folder in (("en", paths.CHAPTERS), ("fa", paths.FA_CHAPTERS)) for source in folder.glob("*.md"))


@pytest.mark.parametrize("address", PHONE_PAGES)
def test_no_page_of_either_edition_scrolls_sideways_on_a_phone(browser, site, address):
    page = open_address(browser, f"{site}/{address}", 360, "light")
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        page.close()
