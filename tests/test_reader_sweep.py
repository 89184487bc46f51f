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
def swept(book, tmp_path_factory) -> reader.Sweep:
    return reader.run(book, tmp_path_factory.mktemp("sweep"))


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


# ---------------------------------------------------------------------------- on a phone


@pytest.mark.parametrize("page", PAGES)
def test_on_a_phone_the_menu_opens_by_tap_and_a_chapter_in_it_opens(swept, page):
    nav = swept.get("nav", page)
    assert nav.get("menu_button") == 1 and nav.get("menu_open"), nav
    link = nav["menu_link"].split("#")[0].rsplit("/", 1)[-1]
    assert nav["menu_led_to"].split("#")[0].endswith("/" + link), nav


@pytest.mark.parametrize("page", PAGES)
def test_on_a_phone_the_pages_contents_open_by_tap_and_lead_to_the_section(swept, page):
    nav = swept.get("nav", page)
    assert "error" not in nav, nav
    if not nav.get("contents_button"):  # a page without sections has no contents to open
        pytest.skip("no sections")
    assert nav.get("contents_open") and nav["contents_led_to"].endswith(nav["contents_link"]), nav


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
