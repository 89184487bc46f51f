"""The chapters execute, the book builds strictly, rebuilds lazily (and `make book` not at all when
nothing changed), never shows stale numbers, and ships the chart bundle it needs."""
from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import altair as alt
import jupytext
import nbformat
import pytest
import vl_convert
from helpers import BOOK_STAMP, DATA, ROOT, build, cached, edit_cell, executed

from prisons import fmt, paths, report, stories
from prisons.book import build as book_build
from prisons.book import cite, downloads, fingerprints, site, stylesheet, vendor
from prisons.stories.base import RESULT_PREFIX

CHAPTERS = sorted(paths.CHAPTER_TABLES)


# ---------------------------------------------------------------------------- chapters


def test_every_chapter_is_in_the_toc_and_declares_its_tables():
    toc = (ROOT / "_toc.yml").read_text()
    on_disk = sorted(p.stem for p in paths.CHAPTERS.glob("*.md"))
    assert on_disk == CHAPTERS
    for chapter in CHAPTERS:
        assert f"chapters/{chapter}" in toc


@pytest.mark.slow
@pytest.mark.parametrize("lang", ("en", "fa"))
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_executed_in_the_build_without_an_error(book, chapter, lang):
    """The strict build executed each chapter of each edition (``allow_errors: false``); its
    notebook, as offered, has an output for its code, no error and no warning on stderr, and reads
    its chapter's data (``for_chapter``). Reading the build's notebook, not running it again."""
    folder = book / site.EDITION_FOLDERS[lang] / "_sources" / site.CHAPTERS_FOLDER
    notebook = nbformat.read(folder / f"{chapter}.ipynb", as_version=4)
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert outputs, "the notebook was not executed"
    assert [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"] == []
    assert f'for_chapter("{chapter}")' in "".join(c.source for c in notebook.cells)


# ---------------------------------------------------------------------------- both editions at once


def _builds(monkeypatch, outcomes: dict[tuple[str, str], int]) -> list[str]:
    """Stand-ins for the jupyter-book builds (each edition's html, then its singlehtml), each printing
    a line and ending as ``outcomes`` says, and for the printer and the site's assembly; returns the
    list of the steps taken, in order."""
    import sys

    steps = []
    monkeypatch.setattr(book_build, "command", lambda lang, builder="html": [
        sys.executable, "-c", f"import sys; print('{lang} {builder} log line'); sys.exit({outcomes.get((lang, builder), 0)})"])
    monkeypatch.setattr(book_build.editions, "copy_persian_edition", lambda root: steps.append("copy"))
    monkeypatch.setattr(book_build, "print_editions", lambda root=paths.HTML: steps.append("print") or 0)
    monkeypatch.setattr(book_build, "assemble", lambda root=paths.HTML: steps.append("assemble"))
    return steps


def test_both_editions_build_at_once_are_printed_and_the_site_is_put_together_after(monkeypatch, capfd):
    steps = _builds(monkeypatch, {})
    assert book_build.build() == 0
    out = capfd.readouterr().out
    assert "[fa] fa html log line" in out and "[en] en html log line" in out
    assert "[fa] fa singlehtml log line" in out and "[en] en singlehtml log line" in out
    assert steps == ["copy", "print", "assemble"]


def test_an_html_only_build_prints_nothing(monkeypatch, capfd):
    steps = _builds(monkeypatch, {})
    assert book_build.build(with_pdf=False) == 0
    assert "singlehtml" not in capfd.readouterr().out
    assert steps == ["copy", "assemble"]


@pytest.mark.parametrize("builder", ("html", "singlehtml"))
def test_a_failed_edition_fails_the_build_by_name_and_the_site_is_left_as_it_was(monkeypatch, capfd, builder):
    steps = _builds(monkeypatch, {("fa", builder): 2})
    assert book_build.build() == 1
    err = capfd.readouterr().err
    assert "build failed: the Persian edition" in err and "[fa]" in err and "English" not in err
    assert "assemble" not in steps and "print" not in steps


def test_the_real_builds_are_the_strict_ones_of_each_edition():
    assert book_build.command("en")[1:] == ["build", ".", *report.BUILD_FLAGS]
    assert book_build.command("fa")[1:] == ["build", "fa", "--path-output", "_build/fa", *report.BUILD_FLAGS]


# ---------------------------------------------------------------------------- fingerprints


@pytest.fixture
def book_inputs(tmp_path, monkeypatch) -> Path:
    """A copy of data/, of the package and of the record, so edits elsewhere cannot move the fingerprint."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    package = tmp_path / "prisons"
    shutil.copytree(paths.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    record = tmp_path / "record"
    record.mkdir()
    for path in paths.RECORD_FILES:
        shutil.copy(path, record / path.name)
    monkeypatch.setattr(paths, "PACKAGE", package)
    monkeypatch.setattr(paths, "RECORD_FILES", tuple(record / path.name for path in paths.RECORD_FILES))
    return data


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def test_fingerprint_changes_with_declared_table(book_inputs):
    assert paths.CHAPTER_TABLES["overcrowding"] == ("figures",)
    before = fingerprints.fingerprint("overcrowding", book_inputs)
    assert before == fingerprints.fingerprint("overcrowding", book_inputs)  # stable
    figures = book_inputs / "figures.csv"
    figures.write_text(figures.read_text(encoding="utf-8").replace("85000", "85001"), encoding="utf-8")
    assert fingerprints.fingerprint("overcrowding", book_inputs) != before


def test_fingerprint_ignores_undeclared_table(book_inputs):
    before = fingerprints.fingerprint("overcrowding", book_inputs)
    letters_before = fingerprints.fingerprint("letters", book_inputs)
    _append(book_inputs / "events.csv", "\n")
    assert fingerprints.fingerprint("overcrowding", book_inputs) == before
    # letters declares events, so it does change
    assert fingerprints.fingerprint("letters", book_inputs) != letters_before


def test_fingerprint_changes_with_sources_and_code(book_inputs):
    before = fingerprints.fingerprint("overcrowding", book_inputs)
    _append(next((book_inputs / "sources").glob("*.txt")), " ")
    after_source = fingerprints.fingerprint("overcrowding", book_inputs)
    assert after_source != before
    _append(paths.PACKAGE / "stories" / "overcrowding.py", "\n# edit\n")
    after_story = fingerprints.fingerprint("overcrowding", book_inputs)
    assert after_story != after_source
    _append(paths.PACKAGE / "book" / "static" / "citations.js", "\n// edit\n")
    assert fingerprints.fingerprint("overcrowding", book_inputs) != after_story


@pytest.mark.parametrize("name", [path.name for path in paths.RECORD_FILES])
def test_fingerprint_changes_with_the_citation_record_and_the_licences(book_inputs, name):
    before = fingerprints.fingerprint("index", book_inputs)
    _append(next(path for path in paths.RECORD_FILES if path.name == name), "\n")
    assert fingerprints.fingerprint("index", book_inputs) != before


def test_fingerprint_differs_between_chapters(book_inputs):
    assert fingerprints.fingerprint("overcrowding", book_inputs) != fingerprints.fingerprint("letters", book_inputs)


def test_fingerprint_cell():
    cell = fingerprints.fingerprint_cell("overcrowding")
    assert ":tags: [remove-cell]" in cell and "{code-cell}" in cell
    assert fingerprints.fingerprint("overcrowding") in cell


@pytest.mark.parametrize(("docname", "chapter"), [
    ("chapters/letters", "letters"),
    ("chapters/overcrowding", "overcrowding"),
    ("chapters/index", "index"),
    ("other/x", None),
    ("letters", None),
    ("chapters/not-a-chapter", None),
    ("book/chapters/letters", None),
])
def test_chapter_name(docname, chapter):
    assert fingerprints.chapter_name(docname) == chapter


# ---------------------------------------------------------------------------- make book is a file target


def _make_question(stamp: Path) -> int:
    """`make -q book` against ``stamp``: 0 when the book is up to date, 1 when it would be remade."""
    return subprocess.run(["make", "-q", "book", f"BOOK={stamp}"], cwd=ROOT, capture_output=True).returncode


# One input of each kind the Makefile must remake the book for.
INPUT_KINDS = {"data table": DATA / "figures.csv", "archived source": DATA / "sources" / "amnesty-leaked-letters.txt",
               "chapter": paths.CHAPTERS / "letters.md", "package module": paths.PACKAGE / "fmt.py",
               "package static file": paths.PACKAGE / "book" / "static" / "citations.js",
               "citation record": paths.CITATION, "licence": ROOT / "LICENSE-DATA.md",
               "book configuration": ROOT / "_config.yml", "table of contents": ROOT / "_toc.yml"}


@pytest.fixture
def fresh_stamp(tmp_path) -> Path:
    """A `make book` stamp newer than every input, outside the real build."""
    stamp = tmp_path / ".built"
    stamp.touch()
    newest = max(path.stat().st_mtime_ns for path in paths.book_inputs() + [ROOT / ".venv" / ".installed"])
    os.utime(stamp, ns=(newest + 10**9, newest + 10**9))
    return stamp


def test_make_book_does_nothing_when_nothing_changed(fresh_stamp):
    assert _make_question(fresh_stamp) == 0


@pytest.mark.parametrize("kind", sorted(INPUT_KINDS))
def test_make_book_rebuilds_after_an_edit_to_any_input(fresh_stamp, kind):
    path = INPUT_KINDS[kind]
    assert path in paths.book_inputs(), f"{path} is not among the book's inputs"
    before = path.stat()
    later = fresh_stamp.stat().st_mtime_ns + 10**9
    try:
        os.utime(path, ns=(later, later))  # as an edit would; the content is left alone
        assert _make_question(fresh_stamp) == 1, f"`make book` would not rebuild after an edit to the {kind}"
    finally:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


@pytest.mark.slow
def test_after_the_build_make_book_is_up_to_date(book):
    assert _make_question(BOOK_STAMP) == 0


# ---------------------------------------------------------------------------- the chart bundle


def test_vegalite_version_coupling():
    major_minor = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    assert vendor.VEGALITE_VERSION == major_minor
    assert vendor.VEGALITE_VERSION in vl_convert.get_vegalite_versions()
    assert vendor.VEGALITE_VERSION in vendor.BUNDLE_NAME
    assert vendor.BUNDLE_PATH == f"_vendor/{vendor.BUNDLE_NAME}"


@pytest.fixture(scope="module")
def bundle() -> str:
    return vendor.bundle_js()


def test_bundle_defines_vega_embed(bundle):
    assert "window.vegaEmbed=" in bundle.replace(" ", "")


def test_bundle_refuses_mismatch(monkeypatch):
    monkeypatch.setattr(vl_convert, "get_vegalite_versions", lambda: ["5.8"])
    with pytest.raises(vendor.VersionMismatch, match="5.8"):
        vendor.bundle_js()


def test_write_bundle(tmp_path, monkeypatch, bundle):
    monkeypatch.setattr(vendor, "bundle_js", lambda: bundle)
    target = vendor.write_bundle(tmp_path)
    assert target == tmp_path / "_vendor" / vendor.BUNDLE_NAME
    assert target.read_text(encoding="utf-8") == bundle
    mtime = target.stat().st_mtime_ns
    vendor.write_bundle(tmp_path)  # unchanged: not rewritten
    assert target.stat().st_mtime_ns == mtime


# ---------------------------------------------------------------------------- the build


@pytest.mark.slow
def test_book_builds_with_warnings_as_errors(built_book, book):
    log = built_book.stdout + built_book.stderr
    assert "build succeeded" in log
    for chapter in CHAPTERS:
        assert (book / "chapters" / f"{chapter}.html").exists()
    assert (book / site.VENDOR_DIR).is_dir()


@pytest.mark.slow
def test_footer_and_title_are_the_books(book):
    page = (book / "chapters/index.html").read_text(encoding="utf-8")
    assert report.title() in html.unescape(page)
    assert "2023" not in page


def _page(book: Path, name: str) -> str:
    return (book / site.CHAPTERS_FOLDER / name).read_text(encoding="utf-8")


def _ids(page: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', page))


# A cross-reference: to another page the text sits in a span, to the same page it does not.
GLUED_LINK = re.compile(r'<a class="reference internal" href="(?:\w+\.html)?#([^"]+)">'
                        r'(?:<span class="std std-ref">(.*?)</span>|([^<]*))</a>')


@pytest.mark.slow
def test_every_figure_and_event_has_a_permalink_anchor(book, evidence):
    page = _page(book, site.FIGURES_PAGE)
    anchors = _ids(page)
    for figure_id in evidence.figures.index:
        assert figure_id in anchors, figure_id
        assert f'href="#{figure_id}">identifier {figure_id} (this copy names' in page, f"no permalink shown for {figure_id}"
        assert f"version 1.1.0, identifier {figure_id}</span>" in page.replace("’", "'"), f"no citation for {figure_id}"
    for event_id in evidence.events.index:
        assert event_id in anchors, event_id
        assert f"identifier {event_id}</span>" in page, f"no citation for {event_id}"
    assert "corrections-log" in anchors


@pytest.mark.slow
@pytest.mark.parametrize("chapter", [c for c in CHAPTERS if c != "figures"])
def test_glued_numbers_link_to_their_figure_or_computation(book, evidence, chapter):
    """Each glued number, in order, shows its value and links to its figure, event or computation."""
    values = stories.every_value(evidence.figures, evidence.events)
    names = re.findall(r"\{glue:md\}`(\w+):myst`", (paths.CHAPTERS / f"{chapter}.md").read_text(encoding="utf-8"))
    page = _page(book, f"{chapter}.html").split('id="computations"')[0]
    links = [(html.unescape(other_page or same_page), anchor) for anchor, other_page, same_page in GLUED_LINK.findall(page)
             if anchor in evidence.figures.index or anchor in evidence.events.index
             or anchor.startswith(RESULT_PREFIX)]
    assert links == [(values[name].text, values[name].target(name)) for name in names]


@pytest.mark.slow
def test_every_link_to_an_anchor_resolves(book):
    pages = {p.name: p.read_text(encoding="utf-8") for p in (book / site.CHAPTERS_FOLDER).glob("*.html")}
    anchors = {name: _ids(page) for name, page in pages.items()}
    broken = [f"{name}: {target}#{anchor}" for name, page in pages.items()
              for target, anchor in re.findall(r'href="([\w-]*\.html)?#([^"]+)"', page)
              if anchor not in anchors.get(target or name, set())]
    assert broken == []


@pytest.mark.slow
def test_every_computed_number_says_how_and_links_its_inputs(book, evidence):
    page = _page(book, "methods.html")
    for name, value in stories.every_value(evidence.figures, evidence.events).items():
        anchor = value.target(name)
        if anchor.startswith(RESULT_PREFIX):
            entry = page.split(f'id="{anchor}"', 1)[1].split("</p>", 1)[0]
            assert value.how in html.unescape(entry), name
            for input_id in value.inputs:
                assert f'#{input_id}"' in entry, f"{name} does not link {input_id}"


@pytest.mark.slow
def test_downloads_are_the_data_and_the_generated_citations(book):
    folder = book / site.DOWNLOADS_DIR
    for file_name in [*paths.TABLE_FILES.values(), paths.DATAPACKAGE_FILE]:
        assert (folder / file_name).read_bytes() == (paths.DATA / file_name).read_bytes(), file_name
    for name, text in cite.files(report.record()).items():
        assert (folder / name).read_text(encoding="utf-8") == text
    page = _page(book, "reuse.html")
    for name in downloads.files():
        assert f'href="../{site.DOWNLOADS_DIR}/{name}"' in page, name
    assert cite.plain(report.record()) in html.unescape(page)


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_offers_its_executed_notebook(book, chapter):
    notebook_path = book / "_sources/chapters" / f"{chapter}.ipynb"
    notebook = nbformat.read(notebook_path, as_version=4)
    nbformat.validate(notebook)
    chapter_code = [c.source for c in jupytext.read(paths.CHAPTERS / f"{chapter}.md").cells if c.cell_type == "code"]
    notebook_code = [c.source for c in notebook.cells if c.cell_type == "code"]
    assert notebook_code[: len(chapter_code)] == chapter_code, "the notebook is not this chapter's"
    assert all(c.get("execution_count") for c in notebook.cells if c.cell_type == "code"), "not executed"
    assert f'href="../_sources/chapters/{chapter}.ipynb"' in _page(book, f"{chapter}.html")


# ---------------------------------------------------------------------------- stale data


@pytest.fixture(scope="module")
def stale(book, tmp_path_factory) -> dict:
    """The project with its build and cache, copied once, then built three times, as a maintainer
    would: with nothing changed; after a date edit (which needs no new translation) and a reader's
    stylesheet edit, both editions at once; after a figure's and an event's text edit, English
    only (the Persian edition would need their new translations). Returns the copy and each log."""
    copy = tmp_path_factory.mktemp("stale") / "book"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", ".pytest_cache", "screenshots"))
    bundles = {lang: copy / "_build/html" / site.EDITION_FOLDERS[lang] / stylesheet.BUNDLE for lang in ("fa", "en")}
    before = {lang: bundle.read_bytes() for lang, bundle in bundles.items()}
    logs = {"unchanged": build(copy, "fa", "en", pdf=False)}
    kept = {lang: bundle.read_bytes() == before[lang] for lang, bundle in bundles.items()}
    edit_cell(copy / "data/events.csv", "first-letter", "date", "2020-02-28")
    reader = copy / "_static" / "reader.css"
    reader.write_text(reader.read_text(encoding="utf-8") + "\n" + STYLESHEET_MARKER + "\n", encoding="utf-8")
    logs["date and stylesheet"] = build(copy, "fa", "en", pdf=False)
    edit_cell(copy / "data/events.csv", "first-letter", "what", "First letter (edited in a test)")
    _change_the_capacity(copy)
    logs["figure and event text"] = build(copy, "en")
    for name, result in logs.items():
        assert result.returncode == 0, f"{name}: " + (result.stdout + result.stderr)[-3000:]
    return {"copy": copy, "stylesheet kept": kept, **{name: result.stdout + result.stderr for name, result in logs.items()}}


STYLESHEET_MARKER = "main { --prisons-test-rule: 1 }"  # no class, so the purge keeps it
EVENT_READERS = {c for c, tables in paths.CHAPTER_TABLES.items() if "events" in tables}


def _change_the_capacity(copy: Path) -> None:
    """Change the declared capacity in source, hash and figures."""
    source = copy / "data/sources/amnesty-leaked-letters.txt"
    source.write_bytes(source.read_bytes().replace(b"85,000", b"86,000"))
    edit_cell(copy / "data/sources.csv", "amnesty-leaked-letters", "sha256", hashlib.sha256(source.read_bytes()).hexdigest())
    figures = copy / "data/figures.csv"
    # the stated ratio's note does arithmetic on the capacity, which the check verifies: it changes too
    figures.write_text(figures.read_text(encoding="utf-8").replace("85,000", "86,000")
                       .replace("211,000 / 86,000 is 2.48", "211,000 / 86,000 is 2.45"), encoding="utf-8")
    edit_cell(figures, "amnesty-capacity", "value", "86000")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ("fa", "en"))
def test_a_second_build_with_nothing_changed_executes_nothing_and_keeps_the_stylesheet(stale, lang):
    """Sphinx copies no static file when no page is out of date, so the one stylesheet must not be
    made again from the (pruned) stylesheets it was made from."""
    assert "build succeeded" in stale["unchanged"]
    assert executed(stale["unchanged"], lang) == set()
    assert stale["stylesheet kept"][lang]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ("fa", "en"))
def test_a_date_edit_reruns_exactly_the_chapters_that_read_events_in_each_edition(stale, lang):
    """A stylesheet edit executes nothing, and a data edit only the chapters that read the table."""
    assert executed(stale["date and stylesheet"], lang) == EVENT_READERS
    assert cached(stale["date and stylesheet"], lang) == set(CHAPTERS) - EVENT_READERS
    page = (stale["copy"] / "_build/html" / site.EDITION_FOLDERS[lang] / "chapters/letters.html").read_text(encoding="utf-8")
    assert fmt.day("2020-02-28", lang) in page


@pytest.mark.slow
@pytest.mark.parametrize("lang", ("fa", "en"))
def test_a_stylesheet_edit_reaches_the_built_book(stale, lang):
    """Sphinx copies static files only in a build that writes a page: an edit to a reader's
    stylesheet alone marks every page out of date, so the one stylesheet is made again."""
    root = stale["copy"] / "_build/html" / site.EDITION_FOLDERS[lang]
    assert "--prisons-test-rule" in (root / stylesheet.BUNDLE).read_text(encoding="utf-8")


@pytest.mark.slow
def test_changed_figure_and_event_show_their_new_words_and_numbers(stale):
    assert {"overcrowding", "letters", "figures"} <= executed(stale["figure and event text"])
    pages = stale["copy"] / "_build/html/chapters"
    overcrowding = (pages / "overcrowding.html").read_text(encoding="utf-8")
    assert "86,000" in overcrowding and "2.45" in overcrowding  # 211,000 / 86,000 = 2.453
    assert "2.48" not in overcrowding
    assert "First letter (edited in a test)" in (pages / "figures.html").read_text(encoding="utf-8")
