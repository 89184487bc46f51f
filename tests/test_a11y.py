"""axe-core (bundled by axe-playwright-python) on every built page, light and dark, at a phone's
and a desktop's width: no serious or critical violation. Those not ours to fix are listed below,
each by rule and the elements it fails on, so a new one of ours still fails. The themes
(pydata-sphinx-theme 0.17.1, sphinx-book-theme 1.3.0) have none serious or critical here."""
from __future__ import annotations

import pytest

from prisons.book import site as site_layout
from tests.test_layout_browser import HTML, browser, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow
SEVERE = {"serious", "critical"}
# (axe rule, a CSS selector the failing element matches): not ours to fix here; whose, and why.
NOT_OURS: dict[tuple[str, str], str] = {
    # vega-embed 's "…" actions menu (Save as SVG/PNG, View source) is a <summary> holding only an
    # icon, with no accessible name. vega-embed writes it; the renderer (prisons/charts.py
    # _offline_html) that asks for it belongs to the charts pipeline: turning the actions off
    # (embed option actions: false) or labelling the summary fixes it; then remove this entry.
    ("summary-name", ".vega-embed > details > summary"): "vega-embed's actions menu",
}


def built_pages() -> list[str]:
    """Every HTML page of the built book, by its address inside the site."""
    return sorted(str(p.relative_to(HTML)) for p in HTML.rglob("*.html")
                  if not set(p.relative_to(HTML).parts) & site_layout.ASSET_FOLDERS)


def severe_violations(page) -> list[str]:
    """Each serious or critical violation on the page, except the theme's listed above."""
    from axe_playwright_python.sync_playwright import Axe

    found = []
    for violation in Axe().run(page).response["violations"]:
        if violation["impact"] not in SEVERE:
            continue
        for node in violation["nodes"]:
            selector = " ".join(map(str, node["target"]))
            if not any(rule == violation["id"] and page.locator(selector).first.evaluate("(e, s) => e.matches(s)", css)
                       for rule, css in NOT_OURS):
                found.append(f"{violation['id']} ({violation['impact']}): {selector}: {node['failureSummary']}")
    return found


@pytest.mark.parametrize("theme", ("light", "dark"))
@pytest.mark.parametrize("width", (360, 1280))
@pytest.mark.parametrize("address", built_pages())
def test_no_serious_or_critical_violation(browser, site, address, width, theme):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.add_init_script(f"localStorage.setItem('theme', '{theme}'); localStorage.setItem('mode', '{theme}');")
    try:
        page.goto(f"{site}/{address}")
        page.wait_for_function("[...document.querySelectorAll('div.prisons-chart')].every(c => c.dataset.state === 'drawn')",
                               timeout=20_000)
        page.wait_for_timeout(300)
        assert severe_violations(page) == []
    finally:
        page.close()
