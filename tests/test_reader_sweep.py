"""What a reader meets on every page of both editions, in a real browser: the records of the one
sweep (``sweep.py``), each guarantee a test of its own, parametrized by page so a failure names
the page and what it did.
"""
from __future__ import annotations

import pytest
import sweep as reader
from sweep import MODES, PAGES

from prisons.book import site

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def swept(book, chromium, tmp_path_factory) -> reader.Sweep:
    return reader.run(chromium, book, tmp_path_factory.mktemp("sweep"))


def _opened(swept, page):
    """Every record of ``page`` from a browser load (not the phone navigation's)."""
    return [(key, record) for key, record in swept.each(page) if key[0] != "nav"]


def test_every_built_page_is_swept(book):
    moved = {p for p in reader.built_pages(book) if p.split("/", 1)[-1] in site.MOVED_PAGES or p in site.MOVED_PAGES}
    assert sorted(set(reader.built_pages(book)) - moved) == sorted(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_no_error_no_violation_no_failed_or_outside_request(swept, page):
    problems = {f"{key[0]} {key[2]} {key[3]}": {name: record[name] for name in ("errors", "console", "violations", "failed",
                                                                              "off_machine") if record.get(name)}
                for key, record in _opened(swept, page)}
    assert {where: found for where, found in problems.items() if found} == {}


def _pageweight():
    import importlib.util

    from prisons import paths

    spec = importlib.util.spec_from_file_location("pageweight", paths.ROOT / "scripts" / "pageweight.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("page", PAGES)
def test_each_page_arrives_within_its_byte_and_request_budget(swept, book, page):
    """Bytes and requests as the page arrives, before any tap (the budgets of ``make pageweight``,
    which also times each page on a throttled link: a measurement, not a test)."""
    pageweight = _pageweight()
    record = swept.get("http", page, *reader.WEIGHED)
    budget = pageweight.BUDGETS[pageweight.kind(book, page)]
    measured = {"requests": record.get("wire_requests"), "kib": record.get("wire_kib")}
    assert {key: value for key, value in measured.items() if key in budget and (value is None or value > budget[key])} == {}


@pytest.mark.parametrize("page", PAGES)
def test_no_page_scrolls_sideways_at_any_width(swept, page):
    wide = {f"{key[0]} {key[2]} {key[3]}": (record.get("sideways"), record.get("sideways_interactive"))
            for key, record in _opened(swept, page)}
    assert {where: px for where, px in wide.items() if max(px[0] or 0, px[1] or 0) > 0} == {}


@pytest.mark.parametrize("page", PAGES)
def test_every_control_of_the_frame_and_beside_each_chart_is_a_24_px_target(swept, page):
    small = {f"{key[0]} {key[2]} {key[3]}": record.get("small_targets") for key, record in _opened(swept, page)}
    assert {where: found for where, found in small.items() if found} == {}


@pytest.mark.parametrize("page", PAGES)
def test_no_serious_or_critical_accessibility_violation_in_either_mode(swept, page):
    found = {key[3]: swept.get("http", page, reader.AXE_WIDTH, key[3]).get("axe") for key in
             [("http", page, reader.AXE_WIDTH, mode) for mode in MODES]}
    assert all(value is not None for value in found.values()), found
    assert {mode: lines for mode, lines in found.items() if lines} == {}


@pytest.mark.parametrize("page", PAGES)
def test_the_colour_mode_follows_the_reader(swept, page):
    assert {mode: swept.get("http", page, "desktop", mode).get("theme") for mode in MODES} == {m: m for m in MODES}


@pytest.mark.parametrize("page", PAGES)
def test_each_chart_is_a_picture_on_arrival_and_draws_when_asked(swept, page):
    for key, record in _opened(swept, page):
        assert set(record.get("charts_on_arrival", [])) <= {"static"}, (key, record.get("charts_on_arrival"))
        assert record.get("charts_drawn", []) == ["drawn"] * record.get("charts", 0), (key, record.get("charts_drawn"))


@pytest.mark.parametrize("page", PAGES)
def test_each_page_is_in_its_editions_language_and_direction(swept, page):
    expected = ["fa", "rtl"] if page.startswith(site.EDITION_FOLDERS["fa"]) else ["en", "ltr"]
    assert {str(record.get("lang")) for _, record in _opened(swept, page)} == {str(expected)}


# ---------------------------------------------------------------------------- the charts

CHART_PAGES = [page for page in PAGES if page.rsplit("/", 1)[-1].removesuffix(".html")
               in ("overcrowding", "letters", "shortfall", "claims", "unrest", "explore")]
# Whose plot width is measured (the request's rows have no axis line).
HORIZONTAL_AXIS = ("overcrowding", "shortfall", "claims")


def _charts(swept, page):
    return [(key, record["chart_layout"]) for key, record in _opened(swept, page) if key[0] == "http"]


def test_the_chart_pages_are_the_pages_with_charts(swept):
    assert sorted(page for page in PAGES if swept.get("http", page).get("charts")) == sorted(CHART_PAGES)


def _bundle(urls: list[str]) -> list[str]:
    from prisons.book import vendor

    return [url for url in urls if vendor.BUNDLE_NAME in url]


@pytest.mark.parametrize("page", PAGES)
def test_the_chart_code_arrives_only_when_a_reader_asks_for_a_chart(swept, page):
    """No page fetches the chart bundle by itself (it is most of a chart page's weight); a chart page
    fetches it when a reader asks for the interactive chart, a page without charts never."""
    for key, record in _opened(swept, page):
        assert _bundle(record.get("requests_on_arrival", [])) == [], key
        assert bool(_bundle(record["requests"])) == bool(record.get("charts")), key


@pytest.mark.parametrize("page", CHART_PAGES)
def test_each_chart_lies_within_the_screen_with_no_word_cut_off_and_its_plot_not_squeezed(swept, page):
    for (_, _, width, mode), charts in _charts(swept, page):
        screen = reader.WIDTHS[width]
        for chart in charts:
            box = chart["box"]
            assert box["left"] >= 0 and box["right"] <= screen and box["width"] > 0.6 * min(screen, 700) - 80, (width, chart["id"], box)
            assert chart["cut"] == [], (width, chart["id"], chart["cut"])
            if any(page.endswith(f"/{name}.html") for name in HORIZONTAL_AXIS):
                assert chart["plot"] > 0.5 * box["width"], (width, chart["id"], chart["plot"], box["width"])


@pytest.mark.parametrize("page", CHART_PAGES)
def test_chart_words_keep_their_contrast_in_both_modes(swept, page):
    contrast = {(key[2], key[3]): record.get("chart_contrast") for key, record in _opened(swept, page) if key[0] == "http"}
    assert {where: ratio for where, ratio in contrast.items() if not ratio or ratio < 4.5} == {}


@pytest.mark.parametrize("page", [p for p in CHART_PAGES if p.startswith(site.EDITION_FOLDERS["fa"])])
def test_persian_charts_draw_with_persian_digits(swept, page):
    import re

    for chart in swept.get("http", page)["chart_layout"]:
        assert re.search("[۰-۹]", chart["words"]), f"{chart['id']} shows no Persian digit"
        # Latin digits only in names: the licence ("CC BY 4.0"), the disease, the respirator standard.
        assert not re.search("[0-9]", re.sub(r"4\.0|COVID-19|N95", "", chart["words"])), (chart["id"], chart["words"][:300])


# ---------------------------------------------------------------------------- fonts


@pytest.mark.parametrize("page", [p for p in PAGES if p.startswith(site.EDITION_FOLDERS["fa"])])
def test_every_persian_page_shows_in_the_shipped_persian_font(swept, page):
    for key, record in _opened(swept, page):
        assert "Vazirmatn" in record.get("fonts", []), (key, record.get("fonts"))


# ---------------------------------------------------------------------------- on a phone


SPHINX_PAGES = {"genindex.html", "search.html"}


def _nav(swept, page) -> dict:
    """What the phone's taps did on ``page`` (a page that only forwards is read as the page it forwards to)."""
    nav = swept.get("nav", page)
    if "forwards_to" in nav:
        pytest.skip(f"forwards to {nav['forwards_to']}, swept as a page of its own")
    return nav


@pytest.mark.parametrize("page", PAGES)
def test_on_a_phone_the_menu_opens_by_tap_and_a_chapter_in_it_opens(swept, page):
    nav = _nav(swept, page)
    assert nav.get("menu_button") == 1 and nav.get("menu_open"), nav
    link = nav["menu_link"].split("#")[0].rsplit("/", 1)[-1]
    assert nav["menu_led_to"].split("#")[0].endswith("/" + link), nav


@pytest.mark.parametrize("page", PAGES)
def test_on_a_phone_the_pages_contents_open_by_tap_and_lead_to_the_section(swept, page):
    nav = _nav(swept, page)
    assert "error" not in nav, nav
    if not nav.get("contents_button"):  # a page without sections has no contents to open
        pytest.skip("no sections")
    assert nav.get("contents_open") and nav["contents_led_to"].endswith(nav["contents_link"]), nav


@pytest.mark.parametrize("page", PAGES)
def test_the_language_switch_leads_to_the_twin_and_back(swept, page):
    nav = _nav(swept, page)
    if page.rsplit("/", 1)[-1] in SPHINX_PAGES:
        pytest.skip("Sphinx's own page (index of terms, search): no twin is linked")
    persian = page.startswith(site.EDITION_FOLDERS["fa"])
    twin = page.removeprefix(site.EDITION_FOLDERS["fa"]) if persian else site.EDITION_FOLDERS["fa"] + page
    assert nav.get("switch_led_to", "").split("#")[0] == f"{swept.base}/{twin}", nav
    assert nav.get("switch_back_to", "").split("#")[0] == f"{swept.base}/{page}", nav


def test_the_phone_sweep_covered_pages_with_contents(swept):
    """A page with sections has a contents button on a phone: some page must have shown one."""
    assert sum(1 for page in PAGES if swept.get("nav", page).get("contents_button")) >= 10


# ---------------------------------------------------------------------------- from disk


def test_the_offline_copy_is_the_published_site(swept, book):
    """The unpacked zip holds every page the site has, so the file:// sweep read them all."""
    assert sorted(reader.built_pages(swept.offline)) == sorted(reader.built_pages(book))


@pytest.mark.parametrize("old", sorted(reader.MOVED))
@pytest.mark.parametrize("origin", ("http", "file"))
def test_a_published_permalink_on_a_moved_page_still_arrives(swept, origin, old):
    assert swept.moved[(origin, old)].endswith(f"/{reader.MOVED[old]}#{reader.MOVED_ANCHOR}"), swept.moved[(origin, old)]


def test_the_accessibility_check_finds_an_unnamed_control(chromium):
    """What vega-embed's actions menu was: a <summary> with only an icon in it. The sweep's check
    must see such a control, or its silence on every page means nothing."""
    with reader.reader_context(chromium, "phone", "light") as context:
        page = context.new_page()
        page.set_content('<html lang="en"><head><title>t</title></head><body><main>'
                         '<details><summary><svg width=8 height=8></svg></summary>x</details></main></body></html>')
        assert [line for line in reader.severe_violations(page) if line.startswith("summary-name")]
