"""axe-core (bundled by axe-playwright-python) on every built page, light and dark, at a phone's
and a desktop's width, with every interactive chart drawn: no serious or critical violation, and
none excused. The themes (pydata-sphinx-theme 0.17.1, sphinx-book-theme 1.3.0) have none here, and
the chart loader turns vega-embed's unlabelled actions menu off (``static/charts.js``)."""
from __future__ import annotations

import pytest

from prisons import paths
from prisons.book import site as site_layout
from tests.test_layout_browser import HTML, browser, open_address, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow
SEVERE = {"serious", "critical"}


def site_pages() -> list[str]:
    """Every page the site has, in both editions, from their sources: a fresh clone has no build to list when the
    tests are collected (``book`` builds it before they run)."""
    pages = []
    for lang, chapters in (("en", paths.CHAPTERS), ("fa", paths.FA_CHAPTERS)):
        own = [f"{site_layout.CHAPTERS_FOLDER}/{source.stem}.html" for source in chapters.glob("*.md")]
        pages += [site_layout.EDITION_FOLDERS[lang] + page
                  for page in [*own, "index.html", "genindex.html", "search.html", *site_layout.MOVED_PAGES]]
    return sorted(pages)


def built_pages() -> list[str]:
    """Every HTML page of the built book, by its address inside the site."""
    return sorted(str(p.relative_to(HTML)) for p in HTML.rglob("*.html")
                  if not set(p.relative_to(HTML).parts) & site_layout.ASSET_FOLDERS)


def test_every_built_page_is_checked(book):
    assert built_pages() == site_pages()


def severe_violations(page) -> list[str]:
    """Each serious or critical violation on the page, one line per failing element."""
    from axe_playwright_python.sync_playwright import Axe

    return [f"{violation['id']} ({violation['impact']}): {' '.join(map(str, node['target']))}: {node['failureSummary']}"
            for violation in Axe().run(page).response["violations"] if violation["impact"] in SEVERE
            for node in violation["nodes"]]


def test_the_check_finds_an_unnamed_control(book, browser, site):
    """What vega-embed's actions menu was: a <summary> with only an icon in it."""
    page = open_address(browser, f"{site}/chapters/letters.html", 360, "light")
    try:
        page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', "
                      "'<details><summary><svg width=8 height=8></svg></summary>x</details>')")
        assert [line for line in severe_violations(page) if line.startswith("summary-name")]
    finally:
        page.close()


@pytest.mark.parametrize("theme", ("light", "dark"))
@pytest.mark.parametrize("width", (360, 1280))
@pytest.mark.parametrize("address", site_pages())
def test_no_serious_or_critical_violation(book, browser, site, address, width, theme):
    page = open_address(browser, f"{site}/{address}", width, theme)
    try:
        assert severe_violations(page) == []
    finally:
        page.close()
