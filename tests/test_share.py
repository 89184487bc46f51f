"""Share previews and traceability on the built pages (issue 26): every page describes itself in
its own language (description, Open Graph), a build with no published address prints no absolute
address of its own (no canonical link, og:url, og:image or sitemap: the address-set forms are
tested in test_address.py), and each Methods entry names the code that computes its number."""
from __future__ import annotations

import html
import re

import pytest

from prisons import results
from prisons.book import site

pytestmark = pytest.mark.slow

META = re.compile(r'<meta (?:property|name)="([^"]+)" content="([^"]*)" />')
PERSIAN = re.compile("[\u0600-\u06ff]")


def _pages(book, lang):
    folder = book / site.EDITION_FOLDERS[lang] / site.CHAPTERS_FOLDER
    return sorted(p for p in folder.glob("*.html") if f"{site.CHAPTERS_FOLDER}/{p.name}" not in site.MOVED_PAGES)


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_every_page_describes_itself_in_its_language(book, lang):
    pages = _pages(book, lang)
    assert len(pages) >= 12
    for page in pages:
        tags = dict(META.findall(page.read_text(encoding="utf-8")))
        for name in ("description", "og:title", "og:description", "og:site_name", "og:type", "og:locale", "twitter:card"):
            assert tags.get(name), f"{page.name}: no {name}"
        description = html.unescape(tags["og:description"])
        assert bool(PERSIAN.search(description)) == (lang == "fa"), f"{page.name}: {description[:80]}"
        assert tags["og:locale"] == {"en": "en_US", "fa": "fa_IR"}[lang]


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_without_an_address_no_page_prints_an_absolute_address_of_its_own(book, lang):
    for page in _pages(book, lang):
        text = page.read_text(encoding="utf-8")
        assert 'rel="canonical"' not in text and 'property="og:url"' not in text and 'property="og:image"' not in text, page.name
        for local in ("127.0.0.1", "localhost", "file://"):
            assert local not in text, f"{page.name} prints {local}"
    assert not (book / site.EDITION_FOLDERS[lang] / "sitemap.xml").exists()


def test_each_methods_entry_names_the_code_that_computes_it(book):
    page = html.unescape((book / site.CHAPTERS_FOLDER / "methods.html").read_text(encoding="utf-8"))
    page = re.sub(r"<[^>]+>", "", page)
    for name, value in results().items():
        if value.target(name).startswith("result-"):
            function, file, line = value.made_in
            assert f"Computed by: {function}, in {file}, line {line}" in page, name
