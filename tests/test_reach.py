"""Reach (issue 17): light pages within their budgets, precompressed files, the book as one zip
that works from disk, and a build that keeps no withdrawn file. Fast tests use small inputs with
hand-checked results; the slow ones build the book and open it in Chromium."""
from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import brotli
import pytest

from prisons import paths, report
from prisons.book import downloads, edition, hosting, site, slim, stylesheet

ROOT = paths.ROOT
HTML = paths.HTML
ZIP = HTML / site.DOWNLOADS_DIR / report.ZIP_NAME


# ------------------------------------------------------------------ fast: the pieces, on small inputs


@pytest.mark.parametrize("selector, kept", [
    (".navbar .btn", True), (".carousel-item", False), ("a:not(.carousel)", True),
    ("#pst-search-dialog input", True), ("#nowhere", False), ("html[data-theme=dark] .btn", True),
    (":root", True), (".btn:is(.carousel, .btn)", True),
])
def test_selector_kept_only_when_its_classes_and_ids_are_used(selector, kept):
    assert stylesheet.may_match(selector, {"navbar", "btn", "pst-search-dialog", "a"}) is kept


def test_stylesheet_keeps_used_rules_follows_imports_and_moves_urls(tmp_path):
    styles = tmp_path / "_static" / "styles"
    styles.mkdir(parents=True)
    (tmp_path / "_static" / "basic.css").write_text(".used{background:url(file.png)}.unused{color:red}")
    (styles / "theme.css").write_text('@import "../basic.css";@media (min-width:1px){.unused{x:y}.used{a:b}}'
                                      ".carousel,.used>p{c:d}")
    bundle = stylesheet.write_bundle(tmp_path, ["_static/styles/theme.css"], ['<p class="used">'])
    body = bundle.read_text().split("\n", 1)[1]
    assert body == ".used{background:url(../file.png)}\n@media (min-width:1px){.used{a:b}}\n.used>p{c:d}\n"


def test_precompressed_beside_each_text_file_and_gone_with_it(tmp_path):
    (tmp_path / "page.html").write_text("<p>" + "text " * 100)
    (tmp_path / "font.woff2").write_bytes(b"\x00binary")
    (tmp_path / "old.js.gz").write_bytes(b"stale")
    assert hosting.precompress(tmp_path) == 2
    assert gzip.decompress((tmp_path / "page.html.gz").read_bytes()) == (tmp_path / "page.html").read_bytes()
    assert brotli.decompress((tmp_path / "page.html.br").read_bytes()) == (tmp_path / "page.html").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["font.woff2", "page.html", "page.html.br", "page.html.gz"]
    assert hosting.precompress(tmp_path) == 0, "unchanged files were compressed again"


def test_downloads_are_exactly_what_is_offered(tmp_path):
    folder = tmp_path / site.DOWNLOADS_DIR
    (folder / "sources").mkdir(parents=True)
    for withdrawn in ("old-table.csv", "old-table.csv.gz", "sources/withdrawn.txt"):
        (folder / withdrawn).write_text("withdrawn")
    (folder / report.PDF_NAME).write_bytes(b"%PDF made by make pdf")
    downloads.write(tmp_path)
    left = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert left == set(downloads.files()) | {report.PDF_NAME, report.REPLICATION_NAME}


def _tree(root: Path) -> None:
    (root / "downloads").mkdir(parents=True)
    (root / "index.html").write_text(f'<p><a href="downloads/{report.ZIP_NAME}" download>the zip</a>: {edition.facts_placeholder()}</p>')
    (root / "b.css").write_text("b")
    (root / "b.css.gz").write_bytes(b"gz")
    (root / "downloads" / report.ZIP_NAME).write_bytes(b"an older zip")
    (root / "downloads" / report.PDF_NAME).write_bytes(b"%PDF")


def test_zip_is_deterministic_complete_and_never_holds_itself(tmp_path):
    _tree(tmp_path / "site")
    first = edition.write_zip(tmp_path / "site", tmp_path / "one.zip", date(2026, 11, 23))
    edition.show_facts(tmp_path / "site", len(first), "ab" * 32)
    second = edition.write_zip(tmp_path / "site", tmp_path / "two.zip", date(2026, 11, 23))
    assert first == second, "the zip changed when the page showed the zip's checksum"
    archive = zipfile.ZipFile(io.BytesIO(first))
    names = archive.namelist()
    assert names == [f"{edition.FOLDER}/{n}" for n in ("SHA256SUMS", "b.css", f"downloads/{report.PDF_NAME}", "index.html")]
    assert {i.date_time for i in archive.infolist()} == {(2026, 11, 23, 0, 0, 0)}
    sums = archive.read(names[0]).decode()
    assert sums == f"{hashlib.sha256(b'b').hexdigest()}  b.css\n" + \
        f"{hashlib.sha256(b'%PDF').hexdigest()}  downloads/{report.PDF_NAME}\n" + \
        f"{hashlib.sha256(archive.read(names[3])).hexdigest()}  index.html\n"
    assert "ab" * 32 in (tmp_path / "site" / "index.html").read_text()
    inside = archive.read(names[3]).decode()
    assert edition.PLACEHOLDER.format(name=report.ZIP_NAME) in inside
    assert f'href="downloads/{report.ZIP_NAME}"' in (tmp_path / "site" / "index.html").read_text()
    assert "<p>the zip: " in inside, "the copy inside the zip links the zip, which it cannot hold"


def test_the_zips_facts_are_shown_in_each_editions_words(tmp_path):
    root = tmp_path / "site"
    _tree(root)
    (root / "fa").mkdir()
    (root / "fa" / "index.html").write_text(f"<p>zip: {edition.facts_placeholder('fa')}</p>", encoding="utf-8")
    (root / "fa" / "downloads").mkdir()
    (root / "fa" / "downloads" / report.PDF_NAMES["fa"]).write_bytes(b"%PDF")
    data = edition.write_zip(root, tmp_path / "one.zip", date(2026, 11, 23))
    edition.show_facts(root, 1_572_864, "ab" * 32)  # 1.5 MiB, hand-checked
    assert "1.5 MB (1,572,864 bytes)" in (root / "index.html").read_text()
    assert "۱٫۵ مگابایت (۱٬۵۷۲٬۸۶۴ بایت)" in (root / "fa" / "index.html").read_text(encoding="utf-8")
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert f"{edition.FOLDER}/fa/index.html" in names
    assert f"{edition.FOLDER}/fa/downloads/{report.PDF_NAMES['fa']}" in names, "the Persian PDF, which its pages link, is not in the zip"


# ------------------------------------------------------------------ slow: the built book


@pytest.fixture(scope="module")
def book() -> Path:
    subprocess.run(["make", "book"], cwd=ROOT, check=True)
    return HTML


# The files of the extensions the book leaves out of _config.yml, and thebe's.
NOT_LOADED_FILES = {"sphinx-thebe.js", "sphinx-thebe.css", "togglebutton.js", "togglebutton.css",
                    "design-tabs.js", "sphinx-design.min.css"}


@pytest.mark.slow
def test_no_page_uses_what_the_slim_pages_drop(book):
    """sphinx-togglebutton, sphinx-design and thebe are not loaded: no page may need them, nor link their files."""
    for page in book.rglob("*.html"):
        if page.relative_to(book).parts[0] in site.ASSET_FOLDERS:
            continue
        text = page.read_text(encoding="utf-8")
        class_lists = [attr.split() for attr in re.findall(r'class="([^"]*)"', text)]
        classes = {c for attr in class_lists for c in attr}
        assert not {"toggle", "thebe"} & classes, page
        assert not [c for c in class_lists if {"admonition", "dropdown"} <= set(c)], page
        assert not [c for c in classes if c.startswith("sd-")], page
        assert not any(name in text for name in NOT_LOADED_FILES | {"fontawesome.js"}), page


@pytest.mark.slow
def test_no_script_holds_up_the_first_paint_and_no_page_asks_for_a_favicon(book):
    """On a slow link the head's scripts came one after another, and the text waited for them all
    (first paint 3.3 s at 400 kbit/s): every external script is deferred but the one the theme's
    inline scripts need in place, and the empty icon saves every page a request for favicon.ico."""
    pages = [p for p in book.rglob("*.html") if p.relative_to(book).parts[0] not in site.ASSET_FOLDERS]
    assert len(pages) >= 30
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue  # a forwarding page
        scripts = re.findall(r"<script\b([^>]*)\bsrc=\"([^\"]+)\"", text)
        blocking = [src for attributes, src in scripts if not re.search(r"\b(defer|async)\b|type=\"module\"", attributes)]
        assert [src.rsplit("/", 1)[-1].split("?")[0] for src in blocking] == sorted(slim.IN_PLACE), page
        assert '<link rel="icon" href="data:," />' in text, page


@pytest.mark.slow
def test_each_text_file_has_its_precompressed_copies(book):
    for path in hosting.text_files(book):
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == path.read_bytes(), path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == path.read_bytes(), path


@pytest.mark.slow
def test_zip_offered_with_its_checksum_and_size(book):
    data = ZIP.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    assert ZIP.with_name(ZIP.name + ".sha256").read_text() == f"{digest}  {report.ZIP_NAME}\n"
    reuse = (book / site.CHAPTERS_FOLDER / "reuse.html").read_text(encoding="utf-8")
    assert digest in reuse and f"{len(data):,} bytes" in reuse
    assert f'href="../{site.DOWNLOADS_DIR}/{report.ZIP_NAME}"' in reuse
    names = zipfile.ZipFile(ZIP).namelist()
    assert not [n for n in names if n.endswith((".gz", ".br", ".sha256", report.ZIP_NAME))]
    # What its pages link is in it: both PDF editions and the replication package.
    assert {f"{edition.FOLDER}/{site.EDITION_FOLDERS[lang]}{site.DOWNLOADS_DIR}/{name}" for lang, name in report.PDF_NAMES.items()} <= set(names)
    assert f"{edition.FOLDER}/{site.DOWNLOADS_DIR}/{report.REPLICATION_NAME}" in names
    assert data == edition.write_zip(book, book.parent / "again.zip", date.fromisoformat(
        str(report.record()["date-released"]))), "the same book made a different zip"
    os.unlink(book.parent / "again.zip")


def _unpacked(tmp_path: Path) -> Path:
    zipfile.ZipFile(ZIP).extractall(tmp_path)
    return tmp_path / edition.FOLDER


@pytest.mark.slow
def test_theme_search_dark_mode_and_icons_work_from_disk(book, chromium, tmp_path):
    folder = _unpacked(tmp_path)
    page = chromium.new_page()
    page.goto((folder / site.CHAPTERS_FOLDER / "methods.html").as_uri(), wait_until="load")
    assert page.evaluate("""() => document.fonts.ready.then(() => [...document.fonts]
        .some(f => f.family.includes("Font Awesome") && f.status === "loaded"))"""), "the icons' font did not load"
    before = page.evaluate("document.documentElement.dataset.theme")
    page.locator("button.theme-switch-button").first.click()
    assert page.evaluate("document.documentElement.dataset.theme") != before, "the dark-mode switch did nothing"
    page.locator(".search-button-field, .search-button").locator("visible=true").first.click()
    page.locator("#pst-search-dialog input[name=q]").fill("prison")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=prison*")
    page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    assert page.locator("#search-results ul.search li").count() > 0
    page.close()
