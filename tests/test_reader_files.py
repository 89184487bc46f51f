"""What a reader gets by following the built book's links, without a browser: every local link and
resource of every page resolves, in the site and in the unpacked offline zip (which holds what its
pages link, but itself), and every download a page offers opens and holds what it says: a CSV its
header and rows, a chart's picture that chart, the workbook every table, each PDF its pages.

The browser's side of the same reader (taps, charts as drawn, requests) is test_reader_sweep.py.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import nbformat
import pytest
import yaml

from prisons import report
from prisons.book import edition, site

pytestmark = pytest.mark.slow

# The attributes that make a browser fetch or a reader follow something.
LINKING = {"href", "src", "srcset", "poster", "data"}
NOT_LOCAL = ("mailto:", "data:", "blob:", "about:")


class _Links(HTMLParser):
    """Every link and resource a page names, and every anchor it has."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.targets: list[tuple[str, str]] = []  # (tag, address)
        self.anchors: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.anchors.add(value)
            if name in LINKING and not (tag == "link" and dict(attrs).get("rel") in ("canonical", "alternate")
                                        and "://" in value):
                addresses = [part.strip().split()[0] for part in value.split(",")] if name == "srcset" else [value]
                self.targets += [(tag, address) for address in addresses if address]


def _parsed(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pages_of(root: Path) -> list[Path]:
    """Every reader page of a built site (both editions), not Sphinx's copies of sources or assets."""
    return [page for page in sorted(root.rglob("*.html"))
            if not set(page.relative_to(root).parts[:-1]) & (site.ASSET_FOLDERS | {"_vendor", "_images"})]


def broken_links(root: Path) -> list[str]:
    """Each local address a page of ``root`` names that leads nowhere: no such file, or no such anchor."""
    parsed = {}

    def links(path: Path) -> _Links:
        if path not in parsed:
            parsed[path] = _parsed(path)
        return parsed[path]

    broken = []
    for page in pages_of(root):
        for tag, address in links(page).targets:
            if address.startswith(NOT_LOCAL) or urlsplit(address).scheme in ("http", "https"):
                continue
            if address.lower().startswith("javascript:") or urlsplit(address).scheme:
                broken.append(f"{page.relative_to(root)}: <{tag}> {address} (not a page of the book)")
                continue
            parts = urlsplit(address)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or root.resolve() not in target.parents:
                broken.append(f"{page.relative_to(root)}: <{tag}> {address} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in links(target).anchors:
                broken.append(f"{page.relative_to(root)}: <{tag}> {address} (no such anchor)")
    return broken


@pytest.fixture(scope="module")
def unpacked(book, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(book / site.DOWNLOADS_DIR / report.ZIP_NAME) as archive:
        assert archive.testzip() is None
        archive.extractall(folder)
    return folder / edition.FOLDER


def test_every_link_and_resource_of_the_site_resolves(book):
    assert len(pages_of(book)) >= 20
    assert broken_links(book) == []


def test_every_link_and_resource_of_the_offline_zip_resolves(unpacked):
    """The zip holds every file its pages link (the PDFs and the replication package too), but
    itself and its checksum, which its Cite and reuse page names in words, never as a link."""
    assert len(pages_of(unpacked)) >= 20
    assert broken_links(unpacked) == []
    for lang in site.EDITION_FOLDERS:
        assert (unpacked / site.EDITION_FOLDERS[lang] / site.DOWNLOADS_DIR / report.PDF_NAMES[lang]).is_file(), lang
    assert (unpacked / site.DOWNLOADS_DIR / report.REPLICATION_NAME).is_file()


def test_the_checksums_inside_the_zip_match_its_files(unpacked):
    import hashlib

    lines = (unpacked / edition.SUMS).read_text(encoding="utf-8").splitlines()
    assert len(lines) > 100
    for line in lines:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((unpacked / name).read_bytes()).hexdigest() == digest, name


# ---------------------------------------------------------------------------- the downloads


def offered(root: Path) -> dict[Path, set[str]]:
    """Every file a page of ``root`` offers to download (a link to a file that is not a page),
    with the pages that offer it."""
    files: dict[Path, set[str]] = {}
    for page in pages_of(root):
        for tag, address in _parsed(page).targets:
            parts = urlsplit(address)
            if tag != "a" or parts.scheme or address.startswith(NOT_LOCAL) or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_file() and target.suffix not in (".html", ""):
                files.setdefault(target, set()).add(str(page.relative_to(root)))
    return files


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    assert rows, f"{path.name} is empty"
    return rows[0], rows[1:]


def _chart_title(svg: ElementTree.Element) -> str:
    return " ".join(t.strip() for t in svg.itertext() if t.strip())


def _opens(path: Path, book: Path) -> None:
    """Open ``path`` as a reader's program would, and check it holds what its kind promises."""
    suffix = "".join(path.suffixes[-2:]) if path.name.endswith(".tar.gz") else path.suffix
    if suffix == ".csv":
        header, rows = _rows(path)
        assert header and all(cell.strip() for cell in header), f"{path.name}: header {header!r}"
        assert rows, f"{path.name} has a header and no rows"
        assert all(len(row) == len(header) for row in rows), f"{path.name}: a row is not as long as the header"
    elif suffix == ".png":
        from PIL import Image

        with Image.open(path) as image:
            image.verify()
        with Image.open(path) as image:
            assert image.width >= 300 and image.height >= 150, f"{path.name} is {image.size}"
            assert len(image.convert("RGB").getcolors(1 << 20) or [0] * 10) > 4, f"{path.name} is blank"
    elif suffix == ".svg":
        drawing = ElementTree.parse(path).getroot()
        assert drawing.tag.endswith("svg"), path.name
        assert len(_chart_title(drawing)) > 40, f"{path.name} has no words"
    elif suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True)
        assert set(report_tables()) <= set(workbook.sheetnames), workbook.sheetnames
        for name in report_tables():
            assert workbook[name].max_row > 1, f"{path.name}: sheet {name} is empty"
    elif suffix == ".pdf":
        from pypdf import PdfReader

        assert len(PdfReader(path).pages) >= 10, f"{path.name} has too few pages"
    elif suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None and len(archive.namelist()) > 10, path.name
    elif suffix == ".ipynb":
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        assert any(cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), f"{path.name} is not executed"
    elif suffix == ".json":
        assert json.loads(path.read_text(encoding="utf-8")), path.name
    elif suffix == ".cff":
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["title"] == report.title()
    elif suffix == ".bib":
        assert path.read_text(encoding="utf-8").lstrip().startswith("@"), path.name
    elif suffix in (".txt", ".md", ".sha256", "") or path.name.startswith("LICENSE"):
        assert path.read_text(encoding="utf-8").strip(), f"{path.name} is empty"
    else:
        pytest.fail(f"{path.relative_to(book)}: a download of a kind no test opens ({suffix})")


def report_tables() -> list[str]:
    from prisons import paths

    return list(paths.TABLE_FILES)


def test_every_download_opens_and_holds_what_it_says(book):
    files = offered(book)
    kinds = {path.suffix for path in files}
    assert {".csv", ".png", ".svg", ".xlsx", ".pdf", ".zip", ".ipynb", ".json", ".bib", ".cff"} <= kinds, kinds
    problems = []
    for path in sorted(files):
        try:
            _opens(path, book)
        except (AssertionError, Exception) as error:  # one line per download, all of them listed
            problems.append(f"{path.relative_to(book)} (offered by {sorted(files[path])[0]}): {error}".splitlines()[0])
    assert problems == []


def test_each_chart_offers_its_picture_and_its_rows_in_both_editions(book):
    """Every chart on a page offers a PNG, an SVG and a CSV of its own, and the CSV holds rows."""
    charts = sorted((book / site.CHARTS_DIR).glob("*.svg")) + sorted((book / "fa" / site.CHARTS_DIR).glob("*.svg"))
    assert len(charts) >= 12, charts
    for svg in charts:
        for suffix in (".png", ".csv"):
            assert svg.with_suffix(suffix).is_file(), svg.with_suffix(suffix)
        header, rows = _rows(svg.with_suffix(".csv"))
        assert len(rows) >= 2, f"{svg.with_suffix('.csv').relative_to(book)}: {len(rows)} rows under {header}"


def test_the_persian_font_and_its_licence_are_in_the_book(book):
    """The Persian pages' font travels with the book (cut to the characters the edition uses), and so
    does its licence."""
    from prisons.book import editions

    fonts = book / site.EDITION_FOLDERS["fa"] / editions.FONTS_DIR
    for weight in editions.FONT_FILES:
        font = fonts / weight.rsplit("/", 1)[-1]
        assert {font.name, editions.FONT_LICENCE} <= {p.name for p in fonts.iterdir()}
        assert font.stat().st_size < (editions.FONT_PACKAGE / weight).stat().st_size, "the font was not cut"
