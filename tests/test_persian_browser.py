"""The Persian edition in Chromium, at a phone's width, opened from disk as a passed-along copy is:
every page right to left in the shipped Persian font, none scrolling sideways, its language
switch leading to the English twin and back, and its charts drawn with Persian digits. (Errors,
failed and off-machine requests on every page of both editions: test_browser.py.)"""
from __future__ import annotations

import re

import pytest

from prisons import paths
from prisons.book import editions, pdf, site

pytestmark = pytest.mark.slow

PHONE = {"width": 360, "height": 740}
FA_CHAPTERS = paths.HTML / site.EDITION_FOLDERS["fa"] / site.CHAPTERS_FOLDER
LATIN_DIGIT = re.compile(r"[0-9]")


@pytest.fixture(scope="module")
def pages(book) -> list:
    moved = {name.rsplit("/", 1)[-1] for name in site.MOVED_PAGES}
    found = sorted(p for p in FA_CHAPTERS.glob("*.html") if p.name not in moved)
    assert {p.stem for p in found} >= {"index", "overcrowding", "letters", "shortfall", "claims", "unrest", "explore",
                                       "figures", "methods", "reuse", "about", "sources"}
    return found


@pytest.fixture(scope="module")
def phone():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=paths.CHROMIUM, headless=True, args=pdf.CHROMIUM_ARGS)
        page = browser.new_page(viewport=PHONE)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        # A request the next navigation cuts off (the lazy chart bundle, say) is aborted, not missing.
        page.on("requestfailed", lambda r: errors.append(f"failed {r.url}") if "ERR_ABORTED" not in (r.failure or "") else None)
        yield page, errors
        browser.close()


def test_every_persian_page_reads_right_to_left_in_its_font_within_the_phone(pages, phone):
    page, errors = phone
    for path in pages:
        page.goto(path.as_uri(), wait_until="load")
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["fa", "rtl"], path.name
        assert page.evaluate("getComputedStyle(document.querySelector('article') || document.body).direction") == "rtl"
        assert page.evaluate("""() => document.fonts.ready.then(() => [...document.fonts]
            .some(f => f.family.replace(/"/g, '') === 'Vazirmatn' && f.status === 'loaded'))"""), \
            f"{path.name}: the Persian font did not load"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path.name
    assert errors == []


def test_the_language_switch_leads_to_the_twin_and_back(pages, phone):
    page, errors = phone
    for path in pages:
        page.goto(path.as_uri(), wait_until="load")
        page.locator(f'p.prisons-language a[hreflang="en"]').click()
        page.wait_for_load_state("load")
        assert page.url.endswith(f"/{site.CHAPTERS_FOLDER}/{path.name}") and "/fa/" not in page.url, page.url
        assert page.evaluate("document.documentElement.lang") == "en"
        page.locator(f'p.prisons-language a[hreflang="fa"]').click()
        page.wait_for_load_state("load")
        assert page.url == path.as_uri()
    assert errors == []


def test_persian_charts_draw_with_persian_digits(pages, phone):
    page, errors = phone
    drawn = 0
    for path in pages:
        page.goto(path.as_uri(), wait_until="load")
        charts = page.locator("div.prisons-chart")
        for i in range(charts.count()):
            charts.nth(i).scroll_into_view_if_needed()
            page.wait_for_function("c => c.dataset.state === 'drawn'", arg=charts.nth(i).element_handle(), timeout=30_000)
            words = " ".join(charts.nth(i).locator(".prisons-chart-live svg text").all_text_contents())
            assert re.search("[۰-۹]", words), f"{path.name}: chart {i} shows no Persian digit"
            # Latin digits only in names: the licence ("CC BY 4.0"), the disease, the respirator standard.
            assert not LATIN_DIGIT.search(re.sub(r"4\.0|COVID-19|N95", "", words)), (path.name, words[:300])
            unmarked = charts.nth(i).evaluate("""c => [...c.querySelectorAll('.prisons-chart-live svg :is(text, tspan)')]
                .filter(t => !t.childElementCount && /[\u0600-\u06ff]/.test(t.textContent))
                .filter(t => !(t.textContent.startsWith('\u200f') && t.textContent.endsWith('\u200f')))
                .map(t => t.textContent)""")
            assert unmarked == [], f"{path.name}: chart {i}: Persian lines laid out left to right: {unmarked[:3]}"
            box = charts.nth(i).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, (path.name, box)
            drawn += 1
    assert drawn >= 6
    assert errors == []


def test_the_font_and_its_licence_are_in_the_book(book):
    fonts = paths.HTML / site.EDITION_FOLDERS["fa"] / editions.FONTS_DIR
    for weight in editions.FONT_FILES:
        font = fonts / weight.rsplit("/", 1)[-1]
        assert {font.name, editions.FONT_LICENCE} <= {p.name for p in fonts.iterdir()}
        assert font.stat().st_size < (editions.FONT_PACKAGE / weight).stat().st_size, "the font was not cut"


def test_no_persian_word_in_the_claims_table_breaks_across_lines_at_desktop_width(pages, phone):
    """At 1280 px the claims table scrolls sideways rather than cut a word («فرورد|ین»)."""
    claims = next(p for p in pages if p.stem == "claims")
    page = phone[0].context.browser.new_page(viewport={"width": 1280, "height": 900})
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
