"""Every chart of the built book read as a reader sees it, in both editions, at a phone's, a
tablet's and a desktop's width: the static picture (scripts off) and the interactive chart (drawn
when the reader presses its button). Each text, bar and rule of the chart is measured where the
browser draws it (bounding boxes in CSS px, font sizes through the picture's scaling), and each
guarantee is a test of its own: no text under 10 CSS px on a phone, no label over a bar it is not
inside, no rule through text, no two texts overlapping, no jump when the interactive chart takes
the picture's place, controls inside the screen, download buttons a finger can hit, the bundle
fetched only when asked for and once for both editions, the CSV downloads holding the chart's rows.
One browser for the whole module, over one loopback server."""
from __future__ import annotations

import csv
import io
import re
from urllib.parse import urlsplit

import pytest

from prisons import chart_output
from prisons.book import pdf, site, vendor
from prisons.evidence import load_evidence
from prisons.i18n import tr
from prisons.stories import STORIES

pytestmark = pytest.mark.slow

WIDTHS = (360, 768, 1280)
PHONE = 360
SMALLEST_TEXT = 10       # CSS px, on a phone
TOUCH_TARGET, TARGET = 44, 24
OVERLAP = 1.5            # px two boxes may share before they count as overlapping (anti-aliasing, rounding)
JUMP = 6                 # px of height the chart may gain or lose when the interactive one is drawn
CHART = chart_output.CSS_CLASS
LATIN_NUMBER = re.compile("[0-9,]")  # a Latin digit or comma in a Persian axis (the static one has ۲۴۰٬۰۰۰)

# Every text, bar and rule of the chart's visible picture (static or live), in CSS px.
READ_CHART = """chart => {
  const shown = e => { for (let n = e; n && n !== chart; n = n.parentElement) { const s = getComputedStyle(n);
                         if (s.display === 'none' || s.visibility === 'hidden' || +s.opacity === 0) return false; } return true; };
  const svg = [...chart.querySelectorAll('svg.marks')].find(s => shown(s) && s.getBoundingClientRect().width > 0);
  if (!svg) return null;
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const scale = svg.getScreenCTM().a;
  const texts = [...svg.querySelectorAll('text')].filter(t => shown(t) && t.textContent.trim()).map(t => ({
    text: t.textContent, box: box(t), size: parseFloat(getComputedStyle(t).fontSize) * scale,
    role: (t.closest('g[class*="role-"]')?.getAttribute('class') || '').match(/role-[\\w-]+/)?.[0] || ''}));
  const bars = [...svg.querySelectorAll('g.role-mark.mark-rect path, g.role-mark.mark-rect rect')].filter(shown).map(box);
  const rules = [...svg.querySelectorAll('g.role-mark.mark-rule line')].filter(shown).map(l => {
    const [x0, y0, x1, y1] = box(l), half = (parseFloat(getComputedStyle(l).strokeWidth) || 1) * scale / 2;
    return [x0 - half, y0 - half, x1 + half, y1 + half]; });
  const r = svg.getBoundingClientRect();
  return {id: chart.dataset.chartId, drawn_width: r.width, height: r.height, texts, bars, rules};
}"""

CONTROLS = """chart => [...chart.querySelectorAll('.vega-bindings input, .vega-bindings select, p.prisons-chart-downloads a, p.prisons-chart-downloads button')]
  .filter(e => e.getClientRects().length).map(e => { const r = e.getBoundingClientRect();
    return {what: e.tagName.toLowerCase() + ' ' + (e.textContent || e.name || '').trim(), box: [r.left, r.top, r.right, r.bottom],
            download: !!e.closest('p.prisons-chart-downloads')}; })"""


def chart_pages(book) -> list[str]:
    return sorted(p.relative_to(book).as_posix() for folder in site.EDITION_FOLDERS.values()
                  for p in (book / folder / site.CHAPTERS_FOLDER).glob("*.html")
                  if f'class="{CHART}"' in p.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def readings(book, chromium):
    """Each chart of each chart page, at each width, as the static picture and as the live chart."""
    found = {"static": [], "live": [], "controls": [], "requests": [], "errors": []}
    with pdf.serve(book) as base:
        for rel in chart_pages(book):
            for width in WIDTHS:
                phone = {"is_mobile": True, "has_touch": True} if width == PHONE else {}
                where = {"page": rel, "width": width}
                for scripts in (False, True):
                    context = chromium.new_context(viewport={"width": width, "height": 900}, java_script_enabled=scripts, **phone)
                    page = context.new_page()
                    requests = []
                    page.on("request", lambda r: requests.append(r.url))
                    page.on("pageerror", lambda e: found["errors"].append(f"{rel} {width}: {e}"))
                    page.goto(f"{base}/{rel}", wait_until="load")
                    page.evaluate("document.fonts.ready")
                    charts = page.locator(f"div.{CHART}")
                    if scripts:
                        found["requests"].append(where | {"before": list(requests), "after": requests})
                    for i in range(charts.count()):
                        chart = charts.nth(i)
                        before = chart.evaluate(READ_CHART)
                        if not scripts:
                            found["static"].append(where | before)
                            continue
                        button = chart.locator("button.prisons-chart-open")
                        button.click() if i % 2 else (button.focus(), page.keyboard.press("Enter"))
                        chart.evaluate("c => new Promise(r => { const t = setInterval(() => { if (c.dataset.state !== 'loading') { clearInterval(t); r(); } }, 50); })")
                        page.wait_for_timeout(150)
                        after = chart.evaluate(READ_CHART)
                        found["live"].append(where | after | {"static_height": before["height"],
                                                              "state": chart.get_attribute("data-state")})
                        found["controls"].append(where | {"id": after["id"], "controls": chart.evaluate(CONTROLS)})
                    context.close()
    return found


def overlap(a, b, slack: float = OVERLAP) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack


def inside(inner, outer, slack: float = OVERLAP) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack and
            inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


def each_reading(readings):
    for kind in ("static", "live"):
        for reading in readings[kind]:
            yield kind, reading


def named(kind, r) -> str:
    return f"{r['page']} at {r['width']} px, {kind} {r['id']}"


def test_every_chart_is_read_in_both_editions_at_every_width_as_picture_and_as_live_chart(readings, book):
    assert readings["errors"] == []
    pages = chart_pages(book)
    assert {p.split("/")[0] for p in pages} >= {"fa", site.CHAPTERS_FOLDER}
    for kind in ("static", "live"):
        assert {(r["page"], r["width"]) for r in readings[kind]} == {(p, w) for p in pages for w in WIDTHS}, kind
    assert all(r["state"] == "drawn" for r in readings["live"]), [named("live", r) for r in readings["live"] if r["state"] != "drawn"]
    ids = {r["id"] for r in readings["static"]}
    assert len(ids) == len(STORIES)


def test_no_text_under_ten_css_px_on_a_phone(readings):
    small = [(named(kind, r), t["text"][:30], round(t["size"], 1)) for kind, r in each_reading(readings)
             if r["width"] == PHONE for t in r["texts"] if t["size"] < SMALLEST_TEXT]
    assert small == []


def test_no_label_over_a_bar_it_is_not_inside(readings):
    over = [(named(kind, r), t["text"][:40]) for kind, r in each_reading(readings) for t in r["texts"]
            for bar in r["bars"] if overlap(t["box"], bar) and not inside(t["box"], bar)]
    assert over == []


def test_no_rule_of_the_chart_runs_through_text(readings):
    through = [(named(kind, r), t["text"][:40]) for kind, r in each_reading(readings) for t in r["texts"]
               for rule in r["rules"] if overlap(t["box"], rule, 0)]
    assert through == []


def test_no_two_texts_overlap_or_run_together(readings):
    """Two texts closer than 2 px side by side (axis labels "16,000,000" and "24,000,000") run together."""
    clashes = []
    for kind, r in each_reading(readings):
        texts = r["texts"]
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:
                widened = [a["box"][0] - 1, a["box"][1], a["box"][2] + 1, a["box"][3]]
                if overlap(widened, b["box"]):
                    clashes.append((named(kind, r), a["text"][:30], b["text"][:30]))
    assert clashes == []


def test_the_chart_keeps_its_size_when_the_interactive_one_replaces_it(readings):
    jumps = [(named("live", r), round(r["static_height"]), round(r["height"])) for r in readings["live"]
             if abs(r["height"] - r["static_height"]) > JUMP]
    assert jumps == []


def test_the_charts_controls_lie_inside_the_screen(readings):
    outside = [(r["page"], r["width"], c["what"]) for r in readings["controls"] for c in r["controls"]
               if c["box"][0] < 0 or c["box"][2] > r["width"]]
    assert outside == []


def test_download_and_chart_buttons_are_targets_a_finger_can_hit(readings):
    small = []
    for r in readings["controls"]:
        least = TOUCH_TARGET if r["width"] == PHONE else TARGET
        small += [(r["page"], r["width"], c["what"], round(c["box"][2] - c["box"][0]), round(c["box"][3] - c["box"][1]))
                  for c in r["controls"] if c["download"] and min(c["box"][2] - c["box"][0], c["box"][3] - c["box"][1]) < least]
    assert small == []


def test_the_bundle_loads_only_when_asked_and_both_editions_fetch_one_copy(readings):
    asked = set()
    for r in readings["requests"]:
        assert not any(vendor.BUNDLE_NAME in url for url in r["before"]), f"{r['page']}: the bundle loaded before a reader asked"
        asked |= {urlsplit(url).path for url in r["after"] if vendor.BUNDLE_NAME in url}
    assert asked == {f"/{vendor.BUNDLE_PATH}"}


@pytest.mark.parametrize("lang", list(site.EDITION_FOLDERS))
def test_each_charts_csv_download_holds_its_rows_under_the_tables_header(book, lang):
    """Each built charts/*.csv, as a reader downloads it: the header the data table beside the chart
    shows, and every row the chart draws."""
    evidence = load_evidence()
    folder = book / site.EDITION_FOLDERS[lang] / site.CHARTS_DIR
    for story in STORIES:
        table = getattr(evidence, story.chart.__code__.co_varnames[0])
        drawn = story.chart_data(table, lang=lang)
        name = story.chart(table, lang=lang).to_dict()["usermeta"]["chart_id"]
        rows = list(csv.reader(io.StringIO((folder / f"{name}.csv").read_text(encoding="utf-8"))))
        assert rows[0] == [tr(column, lang) for column in drawn.columns], name
        assert len(rows) - 1 == len(drawn) > 0, name
        assert all(len(row) == len(rows[0]) for row in rows), name


@pytest.mark.parametrize("lang", list(site.EDITION_FOLDERS))
def test_each_charts_png_is_light_enough_to_pass_on(book, lang):
    pictures = sorted((book / site.EDITION_FOLDERS[lang] / site.CHARTS_DIR).glob("*.png"))
    assert len(pictures) == len(STORIES)
    heavy = [(p.name, p.stat().st_size // 1024) for p in pictures if p.stat().st_size > 300 * 1024]
    assert heavy == [] and all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pictures)


# Each Persian line of a chart that starts with a Persian letter: whether that letter is drawn at
# the line's right end, and its last letter left of every other letter.
PERSIAN_LINES = """chart => {
  const shown = e => { for (let n = e; n && n !== chart; n = n.parentElement) { const s = getComputedStyle(n);
                         if (s.display === 'none' || +s.opacity === 0) return false; } return true; };
  const letter = /[\\u0621-\\u064a\\u067e\\u0686\\u0698\\u06a9\\u06af\\u06cc]/;
  return [...chart.querySelectorAll('svg.marks text, svg.marks tspan')].filter(t => !t.querySelector('tspan') && shown(t))
    .map(t => { const chars = [...t.textContent], at = i => t.getExtentOfChar(t.textContent.slice(0, i).length);
      const letters = chars.map((c, i) => letter.test(c) ? i : -1).filter(i => i >= 0);
      const first = chars.findIndex(c => !/[\\u200f\\s]/.test(c));
      if (!letters.length || letters[0] !== first || !t.getNumberOfChars()) return null;
      const boxes = chars.map((c, i) => at(i)), drawn = boxes.filter((b, i) => chars[i] !== '\\u200f');
      const right = Math.max(...drawn.map(b => b.x + b.width));
      const firstBox = boxes[first], last = letters[letters.length - 1], lastBox = boxes[last];
      return {text: t.textContent, firstAtRight: firstBox.x + firstBox.width >= right - 1,
              lastAtLeft: lastBox.x <= Math.min(...letters.map(i => boxes[i].x)) + 1}; })
    .filter(Boolean);
}"""


def test_persian_chart_lines_read_from_the_right_in_the_picture_and_the_live_chart(book, chromium):
    """Character positions as drawn: each Persian line's first letter is its rightmost character
    and its last its leftmost (a right-to-left paragraph, whatever Latin names or numbers it
    holds), in both pictures; the live chart's axes in Persian digits and separators."""
    wrong, read, labels, latin = [], 0, 0, []
    with pdf.serve(book) as base:
        page = chromium.new_page(viewport={"width": PHONE, "height": 900})
        try:
            for rel in [r for r in chart_pages(book) if r.startswith("fa/")]:
                page.goto(f"{base}/{rel}", wait_until="load")
                page.evaluate("document.fonts.ready")
                charts = page.locator(f"div.{CHART}")
                for i in range(charts.count()):
                    for kind in ("static", "live"):
                        if kind == "live":
                            charts.nth(i).locator("button.prisons-chart-open").click()
                            page.wait_for_function("c => c.dataset.state === 'drawn'", arg=charts.nth(i).element_handle())
                            axis = charts.nth(i).locator("g.role-axis-label text").all_text_contents()
                            labels += len(axis)
                            latin += [(rel, t) for t in axis if LATIN_NUMBER.search(t)]
                        lines = charts.nth(i).evaluate(PERSIAN_LINES)
                        read += len(lines)
                        wrong += [(rel, kind, line["text"][:50]) for line in lines if not (line["firstAtRight"] and line["lastAtLeft"])]
        finally:
            page.close()
    assert read > 100 and wrong == []
    assert labels > 10 and latin == []

