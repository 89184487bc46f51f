"""Reader pages speak to readers: the header's download menu offers the PDF edition, the data and
the notebook under a name that says what it is, and developer instructions stay on the pages for
those who re-run or verify (Explore, Methods, Cite and reuse)."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from prisons import paths, report
from prisons.book import menu, site
from prisons.paths import HTML

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("book")]  # the session's build
# Pages for those who re-run, verify or publish (About tells a publisher how to set the address and contact).
FOR_VERIFIERS = {"explore", "methods", "reuse", "about"}
# A document of the repository may be named (the About page points to REVIEW.md); a page's
# Markdown source is not offered (no link to a .md file).
DEVELOPER_WORDS = ("make ", ".venv", "pip install", "jupyter lab", ".ipynb", "print this page",
                   "Show code cell", "checkout")


def _page(chapter: str) -> BeautifulSoup:
    path = HTML / site.CHAPTERS_FOLDER / f"{chapter}.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("chapter", sorted(paths.CHAPTER_TABLES))
def test_download_menu_offers_what_a_reader_expects(chapter):
    menu_items = _page(chapter).select(f".dropdown-{menu.MENU_LABEL} .dropdown-menu a")
    offered = {a.get_text(" ", strip=True): a["href"] for a in menu_items}
    assert offered["PDF edition"] == site.download_from_chapter(report.PDF_NAME)
    assert offered["All the data (Excel)"] == site.download_from_chapter(report.WORKBOOK_NAME)
    for table in paths.CHAPTER_TABLES[chapter]:
        assert offered[f"Data: {paths.TABLE_FILES[table]}"] == site.download_from_chapter(paths.TABLE_FILES[table])
    assert offered[menu.NOTEBOOK_LABEL].endswith(f"{chapter}.ipynb")
    assert (HTML / site.CHAPTERS_FOLDER / offered[menu.NOTEBOOK_LABEL]).resolve().exists()
    assert not [text for text in offered if text.startswith(".")]


@pytest.mark.parametrize("chapter", sorted(set(paths.CHAPTER_TABLES) - FOR_VERIFIERS))
def test_no_developer_words_on_reader_pages(chapter):
    page = _page(chapter)
    for hidden in page.select("script, style, .dropdown-menu a[href$='.ipynb']"):
        hidden.decompose()
    text = page.get_text(" ")
    assert [word for word in DEVELOPER_WORDS if word in text] == []
    assert [a["href"] for a in page.select("a[href$='.md']")] == []


def test_front_page_links_the_workbook_and_the_pdf():
    links = {a["href"] for a in _page("index").select(".bd-article a[download]")}
    assert {site.download_from_chapter(report.WORKBOOK_NAME), site.download_from_chapter(report.PDF_NAME)} <= links
