"""Hostile data never reaches a reader: the check refuses what is not plain text, and every output
path renders what gets past it inert (no script runs, no link goes live, no formula cell).

The fast tests call the loader on edited copies of the data, and the renderers on frames built in
memory (bypassing the check). The slow test builds a copy of the book from hostile data, with the
check disabled in that copy, and opens every page in Chromium.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from helpers import DATA, ROOT, edit_cell, read_table, snapshot, write_table
from prisons import chart_output, charts, cli, i18n, paths, report, stories, tables, untrusted
from prisons.book import downloads, fingerprints, reference
from prisons.evidence import DataError, hygiene, load_evidence, registry, schema
from prisons.fmt import escape_markdown
from prisons.stories import base

HOSTILE = [
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    '=HYPERLINK("http://evil.example/")',
    "https://evil.example/",
    "nul\x00here",
    "{glue:md}`deaths_claimed:myst`",
    "\n```{raw} html\n<script>alert(2)</script>\n```\n",
    "<!-- <script>alert(3)</script>",
    # Beyond the examples: file insertion and raw output in every spelling MyST knows, a script
    # from the book's own sources, invisible and direction-changing characters, numbers that read
    # other than their value, a formula that links out.
    "\n```{literalinclude} /tmp/prisons-hostile-secret.txt\n```\n",
    "\n```{include} /tmp/prisons-hostile-secret.txt\n```\n",
    "\n```{eval-rst}\n.. include:: /tmp/prisons-hostile-secret.txt\n.. raw:: html\n\n   <script>alert(4)</script>\n```\n",
    "\n:::{csv-table}\n:file: /tmp/prisons-hostile-secret.txt\n:::\n",
    "<script src=../downloads/sources/amnesty-leaked-letters.txt></script>",
    '<a href="javascript:alert(5)">x</a>',
    "[x](https://evil.example/ 'title')",
    "reads 211,000\u202e000,112",
    "\u2066112\u2069 \ufeff letters \u200b",
    "211\u00a0000 or ۲۱۱,۰۰۰ or 2\u066b5",
    '=HYPERLINK("https://evil.example/","x")',
    "{{ config }} {eval}`1` $$x$$ \\(x\\)",
]
# A file off the project that every file-insertion payload names; no output may hold its text.
SECRET_FILE, SECRET = Path("/tmp/prisons-hostile-secret.txt"), "prisons-hostile-secret-d41d8cd9"
UNESCAPED_MARKDOWN = f"""

```{{literalinclude}} {SECRET_FILE}
```

```{{include}} {SECRET_FILE}
```

```{{raw}} html
<script>alert(9)</script>
```

```{{eval-rst}}
.. include:: {SECRET_FILE}

.. raw:: html
   :file: {SECRET_FILE}
```

```{{csv-table}}
:file: {SECRET_FILE}
```
"""
# The columns that hold free text (not ids, numbers, dates, a fixed list of values, or a category
# the stories select rows by: events.kind).
FREE_TEXT = {name: [c.name for c in table.columns if c.kind == "text" and not c.values and c.name != "kind"]
             for name, table in schema.TABLES.items()}


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as error:
        load_evidence(data_dir)
    return [str(problem) for problem in error.value.problems]


# ----------------------------------------------------------------------------- the check's rules


@pytest.mark.parametrize("table, row, column, cell, says", [
    ("figures.csv", "amnesty-letters-reviewed", "note", "see <a href=x>here</a>", "contains markup '<a href=x>here</a>'"),
    ("events.csv", "first-letter", "what", "</script>", "contains markup '</script>'"),
    ("figures.csv", "amnesty-letters-reviewed", "what", '=HYPERLINK("http://evil")', "starts with '='"),
    ("events.csv", "first-letter", "actor", "+1 more", "starts with '+'"),
    ("figures.csv", "amnesty-letters-reviewed", "place", "@SUM(A1)", "starts with '@'"),
    ("figures.csv", "amnesty-letters-reviewed", "stated_by", "-2+3", "starts with '-'"),
    ("figures.csv", "amnesty-letters-reviewed", "place", "Iran\x00", "control character U+0000 at character 5"),
    ("figures.csv", "amnesty-letters-reviewed", "place", "Ir\tan", "control character U+0009 at character 3"),
    ("figures.csv", "amnesty-letters-reviewed", "quote", "four\x07letters", "control character U+0007"),
    ("figures.csv", "amnesty-letters-reviewed", "note", "reads 211,000\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE) at character 14"),
    ("figures.csv", "amnesty-letters-reviewed", "what", "\u2066112\u2069 letters", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ("figures.csv", "amnesty-letters-reviewed", "place", "\ufeffIran", "U+FEFF (ZERO WIDTH NO-BREAK SPACE) at character 1"),
    ("events.csv", "first-letter", "note", "211,000 / 85,000 is\u200b 9.99", "U+200B (ZERO WIDTH SPACE)"),
    ("events.csv", "first-letter", "actor", "Prisons\u200cOrganization", "U+200C (ZERO WIDTH NON-JOINER)"),
    ("figures.csv", "amnesty-letters-reviewed", "note", "211\u00a0000 people", "space U+00A0 (NO-BREAK SPACE) at character 4"),
    ("figures.csv", "amnesty-letters-reviewed", "note", "211,000 / 85,000 is 2\u2009.48", "space U+2009 (THIN SPACE)"),
    ("figures.csv", "amnesty-letters-reviewed", "note", "about ۲11 people", "digit U+06F2 (EXTENDED ARABIC-INDIC DIGIT TWO)"),
    ("figures.csv", "amnesty-letters-reviewed", "what", "١٢ letters", "digit U+0661 (ARABIC-INDIC DIGIT ONE)"),
])
def test_check_refuses_what_is_not_plain_text(data_copy, table, row, column, cell, says):
    edit_cell(data_copy / table, row, column, cell)
    found = problems(data_copy)
    assert found == [f"{paths.relative(data_copy / table)}: row {row}, column {column}: {found[0].split(': ', 2)[2]}"]
    assert says in found[0]


def test_a_carriage_return_is_located_by_line_and_character(data_copy):
    edit_cell(data_copy / "figures.csv", "amnesty-letters-reviewed", "place", "Ir\ran")
    text = (data_copy / "figures.csv").read_bytes().decode("utf-8")
    line = text[: text.index("\r")].count("\n") + 1
    character = text.index("\r") - text.rfind("\n", 0, text.index("\r"))
    assert line == 2 and problems(data_copy) == [
        f"{paths.relative(data_copy / 'figures.csv')}: line 2: contains control character U+000D at character "
        f"{character}; write plain text (a space for a line break)"]


def test_an_invisible_character_a_quote_keeps_is_shown_as_a_marker():
    quote = "211,000\u202e prisoners, \u200bthe زندانی\u200cها"
    assert escape_markdown(quote) == "211,000⟨U+202E⟩ prisoners, ⟨U+200B⟩the زندانی\u200cها"
    assert "⟨U+202E⟩" in tables.html_table([{"Quote": quote}]).data
    assert "⟨U+202E⟩" in i18n.quoted_html(quote, "نقل", "fa")


def test_verbatim_columns_may_hold_what_the_source_holds():
    """A quote may start with '-' or hold '<' (if the source does); a number may be negative."""
    frame = pd.read_csv(DATA / "figures.csv", dtype=str, keep_default_na=False).head(1)
    frame["quote"], frame["number_text"], frame["value"] = "- <b> four", "-four", "-1"
    assert hygiene.problems({"figures": frame}, {"figures": "figures.csv"}) == []
    frame["note"] = "-four"
    assert [p.column for p in hygiene.problems({"figures": frame}, {"figures": "figures.csv"})] == ["note"]


def test_the_data_dictionary_names_the_verbatim_columns():
    verbatim = {(name, c.name) for name, table in schema.TABLES.items() for c in table.columns if c.verbatim}
    assert verbatim == {("figures", "quote"), ("figures", "number_text"), ("events", "quote"),
                        ("events", "date_text"), ("claims", "quote"), ("claims", "evidence_quote"),
                        ("not_figures", "text")}


def test_an_unregistered_source_file_fails_the_check(data_copy):
    (data_copy / "sources" / "planted.txt").write_text("12 numbers nobody audits\n", encoding="utf-8")
    assert problems(data_copy) == [f"{paths.relative(data_copy / 'sources' / 'planted.txt')}: is not named in "
                                   f"{paths.relative(data_copy / 'sources.csv')}: register it there (with its sha256) "
                                   "or remove it; nothing unregistered is audited or published"]


def test_a_wrong_hash_gives_both_hashes_and_both_causes(data_copy):
    archived = data_copy / "sources" / "pmoi-parsilon-escape.txt"
    actual = hashlib.sha256(archived.read_bytes()).hexdigest()
    wrong = "0" * 64
    edit_cell(data_copy / "sources.csv", "pmoi-parsilon-escape", "sha256", wrong)
    [found] = problems(data_copy)
    assert f"recorded {wrong} but" in found and f"hashes to {actual}" in found
    assert "the file changed" in found and "the recorded hash is wrong" in found


def test_a_source_file_name_cannot_leave_the_sources_folder(data_copy):
    edit_cell(data_copy / "sources.csv", "pmoi-parsilon-escape", "file", "../figures.csv")
    [found] = problems(data_copy)
    assert "column file" in found and "is not a plain file name" in found


def test_fingerprints_and_downloads_read_the_registry_not_the_folder(data_copy):
    (data_copy / "sources" / "planted.txt").write_text("planted\n", encoding="utf-8")
    before = fingerprints.fingerprint("sources", data_copy)
    (data_copy / "sources" / "planted.txt").write_text("planted again\n", encoding="utf-8")
    assert fingerprints.fingerprint("sources", data_copy) == before
    assert "sources/planted.txt" not in downloads.files(data_copy)
    assert registry.registered_sources(data_copy) == [
        data_copy / "sources" / f"{s}.txt" for s in ("amnesty-leaked-letters", "pmoi-parsilon-escape")]


def test_check_on_hostile_data_prints_one_line_and_changes_nothing(data_copy):
    edit_cell(data_copy / "events.csv", "first-letter", "note", HOSTILE[1])
    before = snapshot(data_copy)
    result = subprocess.run([sys.executable, "-m", "prisons", "check", "--data", str(data_copy)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and "row first-letter, column note: contains markup '<img src=x onerror=a'" in lines[0]
    assert lines[1].startswith("check failed: 1 problem(s)") and "Traceback" not in result.stderr
    assert snapshot(data_copy) == before


# ------------------------------------------------------------------- every output path, no check


class Inertness(HTMLParser):
    """What in a piece of HTML could run or lead away: elements, handlers, links, and any script
    but a JSON data block (the chart renderer's spec, which no browser runs). The one picture
    allowed is a chart's static SVG, directly in its ``prisons-chart-static`` box, and nothing in
    it may run, link or load."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: list[str] | None = None
        self._in_static_box = False
        self._svg_depth = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._script = []
            self._data_block = dict(attrs).get("type") == "application/json"
        chart_picture = tag == "svg" and self._in_static_box and self._svg_depth == 0
        self._in_static_box = tag == "div" and dict(attrs).get("class") == chart_output.STATIC_CLASS
        if self._svg_depth or chart_picture:
            self._svg_depth += 1
            if tag in chart_output.UNSAFE_ELEMENTS or any(name.endswith("href") for name, _ in attrs):
                self.found.append(f"<{tag}> in a chart's picture")
        elif tag in ("img", "iframe", "object", "embed", "svg"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"handler {name}")
            if name in ("href", "src") and value and re.match(r"\s*(javascript:|https?://evil)", value):
                self.found.append(f"link {value}")

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if self._svg_depth:
            self._svg_depth -= 1
        if tag == "script" and self._script is not None:
            if not self._data_block:
                self.found.append("<script>")
            self._script = None


def markdown_html(text: str) -> str:
    """MyST Markdown rendered as the book renders it (no extensions, so no linkify)."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(), RendererHTML).render(text)


def assert_inert(html: str) -> None:
    assert Inertness(html).found == []
    assert "\x00" not in html
    assert 'class="myst role"' not in html and "directive" not in html  # no role or directive read into it


@pytest.fixture(scope="module")
def hostile():
    """The real evidence with a hostile string at the start of every free-text cell (no check)."""
    evidence = load_evidence()
    for name in schema.TABLES:
        frame = getattr(evidence, name).copy()
        for i, column in enumerate(FREE_TEXT[name]):
            frame[column] = [HOSTILE[(i + j) % len(HOSTILE)] + " " + str(cell) for j, cell in enumerate(frame[column])]
        setattr(evidence, name, frame)
    return evidence


def test_figures_page_and_citations_are_inert(hostile):
    for source_id in hostile.sources.index:
        text = reference.figure_entries(hostile.figures, hostile.sources, hostile.corrections, source_id).data
        assert_inert(markdown_html(text))
    assert_inert(markdown_html(reference.event_entries(hostile.events, hostile.sources).data))
    values = stories.every_value(hostile.figures, hostile.events)
    assert_inert(markdown_html(reference.result_entries(values, hostile.figures, hostile.events).data))


def test_a_corrections_log_with_hostile_ids_is_inert():
    log = pd.DataFrame([{"date": "2026-01-01", "figure_id": "x](javascript:alert(1)) [y", "column": HOSTILE[0],
                         "old_value": HOSTILE[1], "new_value": HOSTILE[3], "reason": HOSTILE[2]}])
    assert_inert(markdown_html(reference.corrections_log(log).data))


def test_a_source_address_is_a_safe_link():
    html = markdown_html(reference.source_link('https://a.example/"><img src=x onerror=alert(1)>'))
    assert_inert(html)
    assert 'rel="noreferrer noopener"' in html
    assert_inert(markdown_html(reference.source_link("javascript:alert(1)")))


def test_glued_prose_is_inert(hostile):
    for name, value in stories.every_value(hostile.figures, hostile.events).items():
        assert_inert(markdown_html(base.markdown_link(HOSTILE[0] + value.text, value.target(name))))
    assert_inert(markdown_html(base.markdown_link("x", "a) [y](javascript:alert(1)")))


def test_tables_are_inert(hostile):
    for html in (tables.sources(hostile.sources), tables.claims(hostile.claims), tables.not_figures(hostile.not_figures)):
        assert_inert(html.data)
        assert "&lt;script&gt;" in html.data or "&lt;img" in html.data  # shown, as text


def test_charts_words_and_data_tables_are_inert(hostile):
    frames = {"figures": hostile.figures, "events": hostile.events}
    for story in stories.STORIES:
        table = story.chart_data.__code__.co_varnames[0]
        assert_inert(charts.data_table(story.chart_data(frames[table])).data)
        assert_inert(markdown_html(story.chart_in_words(frames[table]).data))


def test_charts_as_the_notebooks_hold_them_are_inert(hostile):
    """Each story's chart drawn from hostile data, as its cell output: the static SVG is the one
    picture allowed, and a script, link or image inside it, or an SVG outside its box, is found."""
    frames = {"figures": hostile.figures, "events": hostile.events}
    for story in stories.STORIES:
        table = story.chart.__code__.co_varnames[0]
        html = chart_output.chart_html(story.chart(frames[table]).to_dict())["text/html"]
        assert "<svg" in html
        assert_inert(html)
    box = f'<div class="{chart_output.STATIC_CLASS}">'
    assert Inertness(f"{box}<svg><script>alert(1)</script></svg></div>").found != []
    assert Inertness(f'{box}<svg><a href="https://evil.example/"><text>x</text></a></svg></div>').found != []
    assert Inertness(f'{box}<svg><image href="x.png"/></svg></div>').found != []
    assert Inertness("<div><svg></svg></div>").found == ["<svg>"]
    assert Inertness(f"{box}<svg><g><text>ok</text></g></svg></div>").found == []


def test_downloaded_tables_hold_no_formula_cell(data_copy):
    header, rows = read_table(data_copy / "figures.csv")
    rows[0]["quote"], rows[0]["note"], rows[0]["value"], rows[1]["note"] = "-four", HOSTILE[3], "-1", "\tx"
    write_table(data_copy / "figures.csv", header, rows)
    offered = hygiene.spreadsheet_safe((data_copy / "figures.csv").read_bytes()).decode("utf-8")
    cells = [cell for row in csv.reader(io.StringIO(offered)) for cell in row]
    assert not any(hygiene.is_formula_risk(cell) for cell in cells)
    got = list(csv.DictReader(io.StringIO(offered)))
    assert (got[0]["quote"], got[0]["note"], got[0]["value"], got[1]["note"]) == \
        ("'-four", "'" + HOSTILE[3], "-1", "'\tx")
    clean = (DATA / "figures.csv").read_bytes()
    assert hygiene.spreadsheet_safe(clean) == clean  # checked data is offered byte for byte


def test_escape_markdown_leaves_nothing_to_parse():
    for text in HOSTILE:
        assert_inert(markdown_html(escape_markdown(text)))


# -------------------------------------------------------------------- the whole book, in Chromium

# Appended to the copy's modules: the check lets everything through, so the renderers alone stand
# between the hostile cells and the reader.
BYPASS = {
    "prisons/evidence/hygiene.py": "\n\ndef problems(frames, files):\n    return []\n",
    "prisons/evidence/checks.py": "\n\ndef project_problems(frames, texts, files):\n    return []\n",
    "prisons/evidence/read.py": ("\n\ndef audit_numbers(*args):\n    from .audit import AuditResult\n"
                                 "    return AuditResult(0, [], {'figures': 0, 'events': 0, 'not_figures': 0})\n"),
    "prisons/report.py": "\n\ndef record_problems(cff):\n    return []\n",
}
# The citation record of the hostile copy: markup, a file-inserting fence and a script from the
# book's own sources in the fields every page shows (the record check, bypassed, refuses each).
HOSTILE_RECORD = {
    "title": "COVID-19 <img src=x onerror=alert(6)> <script src=downloads/sources/amnesty-leaked-letters.txt></script>",
    "version": f"1.1.0\n```{{literalinclude}} {SECRET_FILE}\n```\n",
    "abstract": "{eval-rst}`x` <script>alert(7)</script>",
    "authors": [{"name": f"Contributors [x](javascript:alert(8)) ```{{include}} {SECRET_FILE}``` \\input{{{SECRET_FILE}}}"}],
}


def hostile_copy(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".venv", "_build", ".git", ".pytest_cache", "__pycache__"))
    for module, bypass in BYPASS.items():
        with (target / module).open("a", encoding="utf-8") as handle:
            handle.write(bypass)
    for name, file_name in paths.TABLE_FILES.items():
        header, rows = read_table(target / "data" / file_name)
        for j, row in enumerate(rows):
            for i, column in enumerate(FREE_TEXT[name]):
                row[column] = HOSTILE[(i + j) % len(HOSTILE)] + " " + row[column]
        write_table(target / "data" / file_name, header, rows)
    # Markdown that escaped nothing, as a translation or a record field would be if the checks and the
    # escaping all failed: MyST reads it with file insertion and the raw directive off.
    with (target / "chapters" / "about.md").open("a", encoding="utf-8") as chapter:
        chapter.write(UNESCAPED_MARKDOWN)
    record = untrusted.read_yaml(target / "CITATION.cff")
    (target / "CITATION.cff").write_text(json.dumps({**record, **HOSTILE_RECORD}, default=str), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory) -> Path:
    """The book built from hostile data, with the check disabled in the copy."""
    SECRET_FILE.write_text(SECRET + "\n", encoding="utf-8")
    copy = hostile_copy(tmp_path_factory.mktemp("hostile") / "book")
    bin_dir = Path(sys.executable).parent
    env = {"PYTHONPATH": str(copy), "PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(copy.parent)}
    subprocess.run([str(bin_dir / "jupyter-book"), "build", ".", "-n", "--keep-going"],
                   cwd=copy, env=env, check=True, capture_output=True, timeout=1200)
    return copy / "_build" / "html"


@pytest.mark.slow
def test_a_book_built_from_hostile_data_runs_no_script(hostile_book, chromium):
    from prisons.book.pdf import serve

    pages = sorted(p.relative_to(hostile_book).as_posix() for p in hostile_book.rglob("*.html")
                   if not {"_static", "_sources"} & set(p.parts))
    assert "chapters/figures.html" in pages
    fired, live = [], []
    with serve(hostile_book) as root:
        page = chromium.new_page()
        page.on("dialog", lambda dialog: (fired.append(dialog.message), dialog.dismiss()))
        for name in pages:
            page.goto(f"{root}/{name}", wait_until="load")
            page.wait_for_timeout(300)
            live += [f"{name}: {href}" for href in page.eval_on_selector_all(
                "a[href]", "links => links.map(a => a.href)") if re.match(r"(javascript:|https?://evil)", href)]
            assert page.locator("img[src='x']").count() == 0, name
            assert page.locator("script[src*='sources/']").count() == 0, name
        # A page planted beside the book that names a text file as its script: sent as text/plain
        # with nosniff, the browser refuses to run it.
        (hostile_book / "downloads" / "planted.txt").write_text("alert('a text file ran');\n", encoding="utf-8")
        (hostile_book / "planted.html").write_text('<script src="downloads/planted.txt"></script>', encoding="utf-8")
        page.goto(f"{root}/planted.html", wait_until="load")
        page.wait_for_timeout(300)
        page.close()
    assert fired == [] and live == []


def _every_output(folder: Path):
    """(name, bytes) of every file the hostile build wrote, and of every member of every zip in it."""
    import zipfile

    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path.relative_to(folder).as_posix(), path.read_bytes()
            if path.suffix in (".zip", ".xlsx"):
                with zipfile.ZipFile(path) as archive:
                    for member in archive.namelist():
                        yield f"{path.name}/{member}", archive.read(member)


@pytest.mark.slow
def test_no_output_of_the_hostile_book_holds_a_file_off_the_project(hostile_book):
    """Every file-insertion payload (MyST's include and literalinclude, reST's include in eval-rst,
    csv-table's file option), in the data cells and the citation record, named a file off the
    project: no page, download, notebook or zip member holds its text, nor /etc/passwd's."""
    found = [name for name, content in _every_output(hostile_book)
             if SECRET.encode() in content or b"root:x:0:0:" in content]
    assert found == []


@pytest.mark.slow
def test_the_hostile_records_fields_are_text_on_every_page(hostile_book):
    """The citation record's markup reaches the navbar, the footer and the edition line as text."""
    index = (hostile_book / "chapters" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(6)&gt;" in index and "<img src=x" not in index
    assert "<script src=downloads" not in index and "alert(7)</script>" not in index
    bib = (hostile_book / "downloads" / "citation.bib").read_text(encoding="utf-8")
    assert "\\input{" not in bib and "\\textbackslash{}input\\{" in bib


@pytest.mark.slow
def test_the_hostile_books_downloads_hold_no_formula_cell(hostile_book):
    offered = sorted((hostile_book / "downloads").glob("*.csv"))
    assert len(offered) == len(paths.TABLE_FILES)
    for table in offered:
        cells = [cell for row in csv.reader(io.StringIO(table.read_text(encoding="utf-8"))) for cell in row]
        assert [c for c in cells if hygiene.is_formula_risk(c)] == [], table.name
        assert any(c.startswith("'=HYPERLINK") for c in cells) or table.name == "corrections.csv", table.name


@pytest.mark.slow
def test_the_hostile_books_workbook_holds_no_formula_and_no_control_character(hostile_book):
    import openpyxl

    book = openpyxl.load_workbook(hostile_book / "downloads" / report.WORKBOOK_NAME)
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert any(text.startswith("=HYPERLINK") for text in texts)  # as written, held as text
    assert any("nul\ufffdhere" in text for text in texts)


@pytest.mark.slow
def test_the_hostile_books_notebooks_are_inert_in_jupyter(hostile_book):
    """The executed notebooks offered for download, rendered as Jupyter renders their outputs."""
    import nbformat

    notebooks = sorted((hostile_book / "_sources").rglob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "text/html" in data:
                    assert Inertness(data["text/html"]).found == [], path.name
                if "text/markdown" in data:
                    assert_inert(markdown_html(data["text/markdown"]))


# ------------------------------------------------- every input is data: translations, record, settings

from prisons.evidence import Problem  # noqa: E402

# Payloads a contributor could put in a translation: each must be refused by the check, one line each.
TRANSLATION_PAYLOADS = [
    "```{literalinclude} /etc/passwd\n```",
    "```{eval-rst}\n.. include:: /etc/hostname\n```",
    ":::{include} /etc/passwd\n:::",
    "~~~{raw} html\n<script>alert(1)</script>\n~~~",
    "<img src=x onerror=alert(1)>",
    "[بیشتر](javascript:alert(1))",
    "{glue:md}`deaths_claimed`",
    "(figures)=",
    "{title.__class__.__mro__}",
    "شمارش\u202e۱۱۲",
    "شمارش\u2066۲۱۱\u2069",
    "\ufeffزندانیان",
    "زندان\u200bها",
    "۲۱۱\u00a0۰۰۰ نفر",
    "۲۱1٬۰۰۰ نفر",
    "<!-- x -->",
]
# The English each is given as: plain words, so a translation may carry no markup at all.
PLAIN_ENGLISH = "Prisoners"


def test_the_real_translations_pass():
    assert i18n.translation_problems() == []


@pytest.mark.parametrize("payload", TRANSLATION_PAYLOADS)
def test_a_translation_carries_only_its_englishs_markup(payload):
    assert untrusted.translation_problem(PLAIN_ENGLISH, payload) is not None


def test_markup_the_english_has_may_be_translated():
    english = 'see <a href="{address}" download>{name}</a> and [About](about.md), `make pdf`'
    assert untrusted.translation_problem(english, 'ببینید <a href="{address}" download>{name}</a> و [درباره](about.md)، `make pdf`') is None
    assert untrusted.translation_problem(english, '<a href="javascript:alert(1)" download>{name}</a>') is not None
    assert untrusted.translation_problem("{date} count", "شمارش {date}") is None
    assert untrusted.translation_problem("{date} count", "شمارش {date.year}") is not None
    assert untrusted.translation_problem("Prisoners", "زندانی\u200cها") is None  # ZWNJ between Persian letters
    assert untrusted.translation_problem("Prisoners", "\u200cزندانیان") is not None


@pytest.fixture
def strings_file(tmp_path, monkeypatch):
    """fa/strings.yml as a test writes it (the lookups' caches cleared before and after)."""
    target = tmp_path / "strings.yml"
    monkeypatch.setitem(paths.TRANSLATIONS, "strings", target)
    i18n.strings.cache_clear()
    yield target
    i18n.strings.cache_clear()


def test_the_check_names_the_file_and_key_of_each_hostile_translation(strings_file):
    import yaml

    strings_file.write_text(yaml.safe_dump({f"{PLAIN_ENGLISH} {i}": payload for i, payload in enumerate(TRANSLATION_PAYLOADS)},
                                           allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = [str(problem) for problem in i18n.translation_problems()]
    assert len(found) == len(TRANSLATION_PAYLOADS)
    for i, line in enumerate(found):
        assert line.startswith(f"fa/strings.yml: key '{PLAIN_ENGLISH} {i}': ") and "\n" not in line, line


def test_the_persian_lookup_refuses_a_hostile_translation_whatever_the_check_said(strings_file):
    strings_file.write_text("Prisoners: '```{literalinclude} /etc/passwd'\n", encoding="utf-8")
    with pytest.raises(i18n.UnsafeTranslation, match="fa/strings.yml: the Persian for 'Prisoners' holds directive"):
        i18n.tr("Prisoners", "fa")
    assert i18n.tr("Prisoners") == "Prisoners"


ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8)) + "title: *i\n"


@pytest.mark.parametrize("text, says", [
    (ALIAS_BOMB, "line 1: uses a YAML anchor"),
    ("title: !!python/object:os.system [x]\n", "line 1: uses a YAML tag"),
    ("title: !custom x\n", "line 1: uses a YAML tag"),
    ("title: [unclosed\n", "is not valid YAML"),
    ("title: " + "x" * (untrusted.YAML_LIMIT + 1) + "\n", "over the 524,288 a YAML file"),
])
def test_yaml_is_read_without_aliases_tags_or_excess(tmp_path, text, says):
    import time

    (tmp_path / "x.yml").write_text(text, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(untrusted.UntrustedInput) as error:
        untrusted.read_yaml(tmp_path / "x.yml", "x.yml")
    assert time.monotonic() - started < 2
    assert str(error.value).startswith("x.yml: ") and says in str(error.value) and "\n" not in str(error.value)


RECORD = report.record()


@pytest.mark.parametrize("field, value, says", [
    ("title", "<script src=../downloads/sources/amnesty-leaked-letters.txt></script>", "holds '<'"),
    ("title", "Report {eval-rst}`x`", "holds '{'"),
    ("title", "[x](javascript:alert(1))", "holds '['"),
    ("title", "COVID-19 in Iran\u202e's prisons", "U+202E"),
    ("title", "Line\nbreak", "breaks the line"),
    ("abstract", "Cases: 211\u00a0000", "U+00A0"),
    ("version", "```{literalinclude} /etc/hostname\n```", "is not a version number"),
    ("version", "1.1.0\u200b", "is not a version number"),
    ("date-released", "tomorrow", "is not a day"),
    ("url", "javascript:alert(1)", "is not a plain https:// address"),
    ("url", 'https://x.example/"><img src=x onerror=alert(1)>', "is not a plain https:// address"),
    ("authors", [{"name": "=HYPERLINK(\"https://evil.example\")"}], "authors 1 name"),
    ("authors", [{"name": "\\input{/etc/passwd}"}], "holds '\\\\'"),
    ("contact", [{"email": "a@b.example\"><script>"}], "contact 1 email"),
])
def test_the_citation_record_is_plain_text(field, value, says):
    found = report.record_problems({**RECORD, field: value})
    assert len(found) == 1 and found[0][0].startswith(field) and says in f"{found[0][0]} {found[0][1]}", found


def test_the_real_record_and_settings_pass():
    assert report.record_problems(RECORD) == [] and cli.input_problems() == []


def test_a_file_name_with_a_newline_cannot_fake_a_line_of_the_log():
    line = str(Problem("data/x\ncheck passed: 6 tables.csv", "row a\rb", "note\u2028", "bad\x1b[2J"))
    assert "\n" not in line and "\r" not in line and "\u2028" not in line and "\x1b" not in line
    assert line == "data/x\\ncheck passed: 6 tables.csv: row a\\rb, column note\\u2028: bad\\x1b[2J"


def project_copy(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".venv", "_build", ".git", ".pytest_cache",
                                                                 "__pycache__", "node_modules"))
    return target


def test_check_refuses_hostile_record_translations_and_settings_one_line_each(tmp_path):
    copy = project_copy(tmp_path / "book")
    (copy / "CITATION.cff").write_text(ALIAS_BOMB, encoding="utf-8")
    with (copy / "fa" / "strings.yml").open("a", encoding="utf-8") as strings:
        strings.write("Hostile key: '```{literalinclude} /etc/passwd'\n")
    config = (copy / "_config.yml").read_text(encoding="utf-8")
    (copy / "_config.yml").write_text(config.replace("default_mode: auto", 'default_mode: \'auto";alert(1);"\''),
                                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "prisons", "check"], cwd=copy, capture_output=True, text=True,
                            timeout=300, env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert lines[:-1] == [
        "CITATION.cff: line 1: uses a YAML anchor; write each value out",
        "_config.yml: sphinx config html_context default_mode is 'auto\";alert(1);\"', not one of auto, light, dark",
        "fa/strings.yml: key 'Hostile key': holds directive or role syntax '```'; a translation carries only its English's markup",
    ]
    assert lines[-1].startswith("check failed: 3 problem(s)")


# ---------------------------------------------------------------------------- serving

@pytest.mark.parametrize("handler", ["StaticHandler", "GzipHandler"])
def test_the_server_sends_nosniff_and_each_files_type(tmp_path, handler):
    """A source text (text/plain, nosniff) cannot be run as a script by a page that names it."""
    import urllib.request

    from prisons.book import hosting

    for name in ("source.txt", "page.html", "charts.js", "spec.json", "chart.svg", "figures.csv", "font.woff2", "x.unknown"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "outside.txt").symlink_to("/etc/hostname")
    with hosting.serve(tmp_path, getattr(hosting, handler)) as base:
        for name, expected in (("source.txt", "text/plain; charset=utf-8"), ("page.html", "text/html; charset=utf-8"),
                               ("charts.js", "text/javascript; charset=utf-8"), ("spec.json", "application/json"),
                               ("chart.svg", "image/svg+xml"), ("figures.csv", "text/csv; charset=utf-8"),
                               ("font.woff2", "font/woff2"), ("x.unknown", "application/octet-stream")):
            request = urllib.request.Request(f"{base}/{name}", headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request) as response:
                assert response.headers["Content-Type"] == expected, name
                assert response.headers["X-Content-Type-Options"] == "nosniff", name
        with pytest.raises(urllib.error.HTTPError, match="404"):
            urllib.request.urlopen(f"{base}/outside.txt")


# ---------------------------------------------------------------------------- symbolic links

PLANTED_LINKS = ["_static/planted.css", "chapters/planted.md", "fa/planted.yml", "scripts/planted.py",
                 "prisons/book/static/planted.js", "data/sources/pmoi-parsilon-escape.txt"]


def test_check_refuses_every_symbolic_link_among_the_inputs_naming_each(tmp_path):
    """One copy, one check: a link in each input folder, and a registered source replaced by a link."""
    copy = project_copy(tmp_path / "book")
    (copy / PLANTED_LINKS[-1]).unlink()
    for where in PLANTED_LINKS:
        (copy / where).symlink_to("/etc/hostname")
    result = subprocess.run([sys.executable, "-m", "prisons", "check"], cwd=copy, capture_output=True, text=True,
                            timeout=300, env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    for where in PLANTED_LINKS:
        assert f"{where}: is a symbolic link; the book's inputs must be plain files (put the file itself here, or " \
               "remove it): none is followed into the site or the zips" in lines, where
    assert ("data/sources.csv: row pmoi-parsilon-escape, column file: archived source "
            "data/sources/pmoi-parsilon-escape.txt is a symbolic link; archive the text itself") in lines
    assert "hostname" not in result.stderr.replace("/etc/hostname", "")


def test_no_symbolic_link_is_followed_into_the_replication_package(tmp_path, monkeypatch):
    folder = tmp_path / "chapters"
    folder.mkdir()
    (folder / "plain.md").write_text("x", encoding="utf-8")
    (folder / "planted.md").symlink_to("/etc/hostname")
    (folder / "planted-folder").symlink_to("/etc")
    assert paths._files_under(folder) == [folder / "plain.md"]
    monkeypatch.setattr(paths, "REPLICATION_FOLDERS", (folder,))
    assert set(paths.symlinks(tmp_path / "data")) == {folder / "planted.md", folder / "planted-folder"}


def test_no_symbolic_link_is_followed_into_the_offline_zip(tmp_path):
    from prisons.book import edition

    (tmp_path / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "passwd.txt").symlink_to("/etc/passwd")
    assert [name for name, _ in edition.members(tmp_path)] == ["index.html"]


def test_bibtex_escapes_backslashes_and_braces():
    """The escaping itself, whatever the record check let through: no LaTeX command, no unbalanced group."""
    from prisons.book import cite

    entry = cite.bibtex({**RECORD, "title": r"x} \input{/etc/passwd} {", "authors": [{"name": "50% _a_ ~^ $x$ #1 &"}]})
    assert r"\input" not in entry.replace(r"\textbackslash{}input", "")
    body = re.sub(r"\\[{}]", "", entry.replace(r"\textbackslash{}", "").replace(r"\textasciitilde{}", "").replace(r"\textasciicircum{}", ""))
    depth = 0
    for char in body:
        depth += (char == "{") - (char == "}")
        assert depth >= 0
    assert depth == 0
    assert r"50\% \_a\_ \textasciitilde{}\textasciicircum{} \$x\$ \#1 \&" in entry
