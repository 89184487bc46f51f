"""The PDF edition passed along (issue 17): its links lead inside the PDF or to the published site,
never to the printer's loopback server, a file or a relative path; it opens with a cover."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from prisons import report
from prisons.book import paper, pdf

PAGE = """<!DOCTYPE html><html><body><main>
<h1 id="top">Book</h1><p id="figure-1">A figure</p>
<a id="internal" href="#figure-1">here</a>
<a id="same-page" href="index.html#figure-1">same page</a>
<a id="other-page" href="chapters/index.html#figure-1">as singlehtml writes it</a>
<a id="download" href="downloads/figures.csv">a download</a>
<a id="missing-anchor" href="index.html#gone">gone</a>
<a id="elsewhere" href="https://www.amnesty.org/en/">Amnesty</a>
<a id="permalink" class="prisons-permalink" href="#figure-1">identifier figure-1</a>
</main></body></html>"""


def _links(chromium, tmp_path, site_url: str | None) -> dict:
    """The page's links after ``paper.LINKS_JS``, served from loopback as the printer serves it."""
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    with pdf.serve(tmp_path) as base:
        page = chromium.new_page()
        page.goto(f"{base}/index.html")
        page.evaluate(paper.LINKS_JS, site_url)
        found = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll("a")]
            .map(a => [a.id, a.getAttribute("href")]))""")
        found["permalink text"] = page.text_content("#permalink")
        page.close()
    return found


@pytest.mark.slow
def test_links_without_a_site_address(chromium, tmp_path):
    assert _links(chromium, tmp_path, None) == {
        "internal": "#figure-1", "same-page": "#figure-1", "other-page": "#figure-1", "download": None, "missing-anchor": None,
        "elsewhere": "https://www.amnesty.org/en/", "permalink": "#figure-1", "permalink text": "identifier figure-1"}


@pytest.mark.slow
def test_links_with_a_site_address(chromium, tmp_path):
    site = "https://example.org/prisons"
    assert _links(chromium, tmp_path, site) == {
        "internal": "#figure-1", "same-page": "#figure-1", "other-page": "#figure-1", "download": f"{site}/downloads/figures.csv",
        "missing-anchor": f"{site}/index.html#gone", "elsewhere": "https://www.amnesty.org/en/",
        "permalink": "#figure-1", "permalink text": "identifier figure-1"}


def test_cover_names_the_publisher_address_and_contact_only_when_the_record_gives_them():
    bare = {"title": "A report", "version": "2.1.0", "date-released": "2026-11-23"}
    texts = [text for _, text, _ in paper.cover_lines(bare)]
    assert not any(t.startswith(("Published by", "Corrections", "https://")) for t in texts), texts
    full = {**bare, "url": "https://example.org/prisons",
            "contact": [{"name": "A Publisher", "email": "corrections@example.org"}]}
    lines = paper.cover_lines(full)
    assert ("p", "Published by A Publisher", None) in lines
    assert ("p", "https://example.org/prisons", "https://example.org/prisons") in lines
    assert ("p", "Corrections: corrections@example.org", "mailto:corrections@example.org") in lines


def test_cover_names_title_version_date_and_licences():
    record = {"title": "A report", "version": "2.1.0", "date-released": "2026-11-23"}
    lines = paper.cover_lines(record)
    assert lines[:2] == [("h1", "A report", None), ("p", "Version 2.1.0, released 23 November 2026", None)]
    assert ("p", "Text, charts and data: Creative Commons Attribution 4.0 International (CC-BY-4.0)",
            "https://creativecommons.org/licenses/by/4.0/") in lines


@pytest.fixture(scope="module")
def printed(book):
    """The PDF the session's build printed (make book prints both editions)."""
    from pypdf import PdfReader

    return PdfReader(pdf.PDF_PATH)


def _link_targets(reader) -> tuple[list[str], int]:
    """Every URI a link annotation of the PDF opens, and how many links go to a place inside it."""
    uris, internal = [], 0
    for page in reader.pages:
        for ref in page.get("/Annots", []) or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            action = action.get_object() if action is not None else {}
            if "/URI" in action:
                uris.append(str(action["/URI"]))
            elif "/Dest" in annot or action.get("/S") == "/GoTo":
                internal += 1
    return uris, internal


@pytest.mark.slow
def test_pdf_links_lead_nowhere_dead(printed):
    uris, internal = _link_targets(printed)
    dead = [u for u in uris if urlsplit(u).scheme not in ("http", "https", "mailto")
            or urlsplit(u).hostname in ("127.0.0.1", "localhost")]
    assert not dead, f"{len(dead)} dead links, e.g. {dead[:5]}"
    # The singlehtml page links its own anchors at least this often (counted in _build/singlehtml/index.html).
    assert internal >= 200, f"only {internal} links inside the PDF"


@pytest.mark.slow
def test_pdf_opens_with_its_cover(printed):
    first = printed.pages[0].extract_text()
    record = report.record()
    assert record["title"] in first.replace("’", "'") and f"Version {record['version']}" in first
    assert report.DATA_LICENCE["name"] in first
