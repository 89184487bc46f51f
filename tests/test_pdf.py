"""The PDF edition: ``make book`` prints one PDF of the whole book per edition, with every
chapter, the report's key numbers, and every chart drawn.

Reads the PDFs of the session's one build of the book (``make pdf``, the same target, then does
nothing). The numbers are taken from the package, never typed here, and a chart counts as drawn
only if its title, which exists nowhere on the page but in the chart's own drawing, is in the
PDF's text as often as the chart appears.
"""
from __future__ import annotations

import html
import json
import re
import subprocess
import unicodedata
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from prisons import chart_output, paths, report
from prisons.book import pdf, site
from prisons.evidence import load_evidence
from prisons.stories import deaths, overcrowding

pytestmark = pytest.mark.slow

ROOT = paths.ROOT
PDF = pdf.PDF_PATH
PAGE = paths.SINGLEHTML / "index.html"


def normalized(text: str) -> str:
    """Text as compared: ligatures undone (PDF text has "ﬁ"), curly quotes straight, one space."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="session")
def made(book) -> Path:
    """Fails with make's last lines, so the reason is in the one-line summary of every test here."""
    run = subprocess.run(["make", "pdf"], cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        tail = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()][-12:]
        pytest.fail("make pdf failed: " + " | ".join(tail), pytrace=False)
    return PDF


@pytest.fixture(scope="session")
def text(made) -> str:
    from pypdf import PdfReader

    return normalized(" ".join(page.extract_text() for page in PdfReader(made).pages))


@pytest.fixture(scope="session")
def page_html(made) -> str:
    return PAGE.read_text(encoding="utf-8")


def chapter_titles() -> list[str]:
    """The first "# " heading of the root and of every chapter in _toc.yml."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [entry["file"] for entry in toc["chapters"]]
    titles = []
    for file in files:
        lines = (ROOT / f"{file}.md").read_text(encoding="utf-8").splitlines()
        titles.append(next(line[2:].strip() for line in lines if line.startswith("# ")))
    return titles


def key_numbers() -> dict[str, str]:
    figures = load_evidence().figures
    crowding, dead = overcrowding.results(figures), deaths.results(figures)
    values = {name: crowding[name] for name in ("pop_later", "capacity", "ratio_later")}
    values["deaths_stated"] = dead["deaths_stated"]
    return {name: value.text for name, value in values.items()}


def chart_titles(page_html: str) -> list[str]:
    """The title of each chart on the page, as its static picture (what the PDF prints) draws it."""
    titles = []
    for _, picture in chart_output.charts_in(page_html):
        title = next(e for e in ElementTree.fromstring(picture).iter() if "role-title-text" in e.get("class", "").split())
        titles.append(" ".join(part.strip() for part in title.itertext() if part.strip()))
    return titles


def visible_text(page_html: str) -> str:
    """The page's text without its scripts and pictures: what the PDF would show if no chart printed."""
    without_charts = re.sub(r"<script\b.*?</script>|<svg\b.*?</svg>", " ", page_html, flags=re.S)
    return normalized(html.unescape(re.sub(r"<[^>]+>", " ", without_charts)))


def test_pdf_written_and_published(made):
    assert made.is_file() and made.stat().st_size > 0
    assert made.name == report.PDF_NAME
    copy = paths.HTML / site.DOWNLOADS_DIR / report.PDF_NAME
    assert copy.is_file() and copy.read_bytes() == made.read_bytes(), "the html book's downloads copy differs"
    reuse = (paths.HTML / "chapters" / "reuse.html").read_text(encoding="utf-8")
    assert f'href="../{site.DOWNLOADS_DIR}/{report.PDF_NAME}"' in reuse, "the book does not link the PDF"


@pytest.mark.parametrize("title", chapter_titles())
def test_chapter_title_in_pdf(title, text):
    assert normalized(title) in text


@pytest.mark.parametrize("name", sorted(key_numbers()))
def test_key_number_in_pdf(name, text):
    value = key_numbers()[name]
    assert normalized(value) in text, f"{name} = {value!r} is not in the PDF's text"


def test_every_chart_drawn(made, text, page_html):
    charts = page_html.count('class="prisons-chart"')
    titles = chart_titles(page_html)
    assert charts > 0 and len(titles) == charts, f"{charts} chart divs but {len(titles)} chart specs"
    record = json.loads(made.with_suffix(pdf.RECORD_SUFFIX).read_text(encoding="utf-8"))
    assert (record["charts"], record["drawn"]) == (charts, charts), record
    shown = visible_text(page_html)
    for title in set(titles):
        assert normalized(title) not in shown, f"chart title {title!r} is also in the prose: the check below proves nothing"
        expected = titles.count(title)
        assert text.count(normalized(title)) == expected, f"chart {title!r} should be drawn {expected} time(s)"


def test_record_matches_pdf(made):
    from pypdf import PdfReader

    record = json.loads(made.with_suffix(pdf.RECORD_SUFFIX).read_text(encoding="utf-8"))
    assert record["pages"] == len(PdfReader(made).pages)
    assert record["bytes"] == made.stat().st_size


def test_persian_pdf_written_published_with_its_font_and_every_chart(made):
    """``make pdf`` prints the Persian edition too: in the Persian font (embedded, not the
    reader's), each of its charts drawn, offered on the Persian Cite and reuse page."""
    from pypdf import PdfReader

    persian = made.with_name(report.PDF_NAMES["fa"])
    copy = paths.HTML / site.EDITION_FOLDERS["fa"] / site.DOWNLOADS_DIR / persian.name
    assert copy.is_file() and copy.read_bytes() == persian.read_bytes()
    reuse = (paths.HTML / site.EDITION_FOLDERS["fa"] / "chapters" / "reuse.html").read_text(encoding="utf-8")
    assert f'href="../{site.DOWNLOADS_DIR}/{persian.name}"' in reuse
    reader = PdfReader(persian)
    fonts = {str(font.get_object().get("/BaseFont", "")) for page in reader.pages
             for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values()}
    assert any("Vazirmatn" in name for name in fonts), sorted(fonts)
    record = json.loads(persian.with_suffix(pdf.RECORD_SUFFIX).read_text(encoding="utf-8"))
    assert record["charts"] >= 6 and record["drawn"] == record["charts"], record
    text = " ".join(page.extract_text() for page in reader.pages)
    population = re.search("[۰-۹][۰-۹٬]*", overcrowding.results(load_evidence().figures, lang="fa")["pop_later"].text)[0]
    assert population in text, f"the Persian PDF lacks the population as the Persian page writes it ({population})"
