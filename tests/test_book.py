"""The chapters execute, the book builds strictly, rebuilds lazily, and never shows stale numbers."""
from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest
from helpers import edit_cell
from nbclient import NotebookClient

from prisons import cite, downloads, paths, prose
from prisons.load import load_evidence

ROOT = paths.ROOT
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
BUILD_COMMAND = [str(JUPYTER_BOOK), "build", ".", "-W", "-n", "--keep-going"]
CHAPTERS = sorted(paths.CHAPTER_TABLES)

# Digits allowed in chapter prose: names and standards, never a figure.
ALLOWED_IN_PROSE = ("COVID-19", "N95", "sha256", "UTF-8")
# Headings that may carry a date (the book's title).
ALLOWED_HEADINGS = ("# COVID-19 in Iran's prisons, 2020",)


def build(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(BUILD_COMMAND, cwd=root, env=env, capture_output=True, text=True, timeout=1200)


def executed(log: str) -> set[str]:
    return set(re.findall(r"chapters/(\w+)\.md: Executing notebook", log))


def cached(log: str) -> set[str]:
    return set(re.findall(r"chapters/(\w+)\.md: Using cached notebook", log))


# ---------------------------------------------------------------------------- chapters


def test_every_chapter_is_in_the_toc_and_declares_its_tables():
    toc = (ROOT / "_toc.yml").read_text()
    on_disk = sorted(p.stem for p in (ROOT / "chapters").glob("*.md"))
    assert on_disk == CHAPTERS
    for chapter in CHAPTERS:
        assert f"chapters/{chapter}" in toc


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_executes(chapter):
    notebook = jupytext.read(ROOT / "chapters" / f"{chapter}.md")
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "chapters")}})
    client.execute()
    errors = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    assert f'for_chapter("{chapter}")' in "".join(c.source for c in notebook.cells)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_hand_typed_number_in_prose(chapter):
    text = (ROOT / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.S)
    text = re.sub(r"\{glue:\w+\}`[^`]+`", "", text)
    offending = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() in ALLOWED_HEADINGS:
            continue
        for allowed in ALLOWED_IN_PROSE:
            line = line.replace(allowed, "")
        offending += [f"{chapter}.md: {line.strip()!r}"] if re.search(r"\d", line) else []
    assert offending == []


def test_prose_rule_catches_a_typed_number(tmp_path):
    """The rule itself must be able to fail."""
    line = "The population was 211,000."
    assert re.search(r"\d", re.sub(r"\{glue:\w+\}`[^`]+`", "", line))
    assert not re.search(r"\d", re.sub(r"\{glue:\w+\}`[^`]+`", "", "The population was {glue:text}`pop_later`."))


# ---------------------------------------------------------------------------- the build


@pytest.fixture(scope="module")
def strict_build():
    result = build(ROOT)
    return result


@pytest.mark.slow
def test_book_builds_with_warnings_as_errors(strict_build):
    log = strict_build.stdout + strict_build.stderr
    assert strict_build.returncode == 0, log[-3000:]
    assert "build succeeded" in log
    for chapter in CHAPTERS:
        assert (ROOT / "_build/html/chapters" / f"{chapter}.html").exists()
    assert (ROOT / "_build/html/_vendor").is_dir()


@pytest.mark.slow
def test_second_build_executes_nothing(strict_build):
    assert strict_build.returncode == 0
    again = build(ROOT)
    log = again.stdout + again.stderr
    assert again.returncode == 0, log[-3000:]
    assert executed(log) == set()


@pytest.mark.slow
def test_footer_and_title_are_the_books(strict_build):
    page = (ROOT / "_build/html/chapters/index.html").read_text(encoding="utf-8")
    assert "COVID-19 in Iran" in page
    assert "2023" not in page


# ---------------------------------------------------------------------------- citing and reusing


def _page(name: str) -> str:
    return (paths.HTML / "chapters" / name).read_text(encoding="utf-8")


def _ids(page: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', page))


# A cross-reference: to another page the text sits in a span, to the same page it does not.
GLUED_LINK = re.compile(r'<a class="reference internal" href="(?:\w+\.html)?#([^"]+)">'
                        r'(?:<span class="std std-ref">(.*?)</span>|([^<]*))</a>')


@pytest.mark.slow
def test_every_figure_and_event_has_a_permalink_anchor(strict_build):
    page = _page("figures.html")
    evidence = load_evidence()
    anchors = _ids(page)
    for figure_id in evidence.figures.index:
        assert figure_id in anchors, figure_id
        assert f'href="#{figure_id}">figures.html#{figure_id}</a>' in page, f"no permalink shown for {figure_id}"
        assert f"Figure {figure_id}, figures.html#{figure_id}" in page, f"no citation for {figure_id}"
    for event_id in evidence.events.index:
        assert event_id in anchors, event_id
    assert "corrections-log" in anchors


@pytest.mark.slow
@pytest.mark.parametrize("chapter", [c for c in CHAPTERS if c != "figures"])
def test_glued_numbers_link_to_their_figure_or_computation(strict_build, chapter):
    """Each glued number, in order, shows its value and links to its figure, event or computation."""
    evidence = load_evidence()
    values = prose.every_value(evidence.figures, evidence.events)
    names = re.findall(r"\{glue:md\}`(\w+):myst`", (ROOT / "chapters" / f"{chapter}.md").read_text(encoding="utf-8"))
    page = _page(f"{chapter}.html").split('id="computations"')[0]
    links = [(html.unescape(other_page or same_page), anchor) for anchor, other_page, same_page in GLUED_LINK.findall(page)
             if anchor in evidence.figures.index or anchor in evidence.events.index
             or anchor.startswith(prose.RESULT_PREFIX)]
    assert links == [(values[name].text, values[name].target(name)) for name in names]


@pytest.mark.slow
def test_every_link_to_an_anchor_resolves(strict_build):
    pages = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "_build/html/chapters").glob("*.html")}
    anchors = {name: _ids(page) for name, page in pages.items()}
    broken = [f"{name}: {target}#{anchor}" for name, page in pages.items()
              for target, anchor in re.findall(r'href="([\w-]*\.html)?#([^"]+)"', page)
              if anchor not in anchors.get(target or name, set())]
    assert broken == []


@pytest.mark.slow
def test_every_computed_number_says_how_and_links_its_inputs(strict_build):
    page = _page("methods.html")
    evidence = load_evidence()
    for name, value in prose.every_value(evidence.figures, evidence.events).items():
        anchor = value.target(name)
        if anchor.startswith(prose.RESULT_PREFIX):
            entry = page.split(f'id="{anchor}"', 1)[1].split("</p>", 1)[0]
            assert value.how in html.unescape(entry), name
            for input_id in value.inputs:
                assert f'#{input_id}"' in entry, f"{name} does not link {input_id}"


@pytest.mark.slow
def test_downloads_are_the_data_and_the_generated_citations(strict_build):
    folder = ROOT / "_build/html" / paths.DOWNLOADS_DIR
    for file_name in [*paths.TABLE_FILES.values(), paths.DATAPACKAGE_FILE]:
        assert (folder / file_name).read_bytes() == (paths.DATA / file_name).read_bytes(), file_name
    for name, text in cite.files(cite.record()).items():
        assert (folder / name).read_text(encoding="utf-8") == text
    page = _page("reuse.html")
    for name in downloads.files():
        assert f'href="../{paths.DOWNLOADS_DIR}/{name}"' in page, name
    assert cite.plain(cite.record()) in html.unescape(page)


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_offers_its_executed_notebook(strict_build, chapter):
    notebook_path = ROOT / "_build/html/_sources/chapters" / f"{chapter}.ipynb"
    notebook = nbformat.read(notebook_path, as_version=4)
    nbformat.validate(notebook)
    chapter_code = [c.source for c in jupytext.read(ROOT / "chapters" / f"{chapter}.md").cells if c.cell_type == "code"]
    notebook_code = [c.source for c in notebook.cells if c.cell_type == "code"]
    assert notebook_code[: len(chapter_code)] == chapter_code, "the notebook is not this chapter's"
    assert all(c.get("execution_count") for c in notebook.cells if c.cell_type == "code"), "not executed"
    assert f'href="../_sources/chapters/{chapter}.ipynb"' in _page(f"{chapter}.html")


# ---------------------------------------------------------------------------- stale data


@pytest.fixture()
def built_copy(strict_build, tmp_path):
    """The project with its build and cache, copied, so a test may edit its data."""
    assert strict_build.returncode == 0
    copy = tmp_path / "book"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", ".pytest_cache", "screenshots"))
    return copy


@pytest.mark.slow
def test_events_edit_reruns_only_chapters_that_read_events(built_copy):
    edit_cell(built_copy / "data/events.csv", "first-letter", "what", "First letter (edited in a test)")
    result = build(built_copy)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
    readers = {c for c, tables in paths.CHAPTER_TABLES.items() if "events" in tables}
    assert executed(log) == readers
    assert cached(log) == set(CHAPTERS) - readers
    assert "First letter (edited in a test)" in (built_copy / "_build/html/chapters/figures.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_changed_figure_shows_new_numbers(built_copy):
    """Change the declared capacity in source, hash and figures: the overcrowding page follows."""
    source = built_copy / "data/sources/amnesty-leaked-letters.txt"
    source.write_bytes(source.read_bytes().replace(b"85,000", b"86,000"))
    edit_cell(built_copy / "data/sources.csv", "amnesty-leaked-letters", "sha256",
              hashlib.sha256(source.read_bytes()).hexdigest())
    figures = built_copy / "data/figures.csv"
    figures.write_text(figures.read_text(encoding="utf-8").replace("85,000", "86,000"), encoding="utf-8")
    edit_cell(figures, "amnesty-capacity", "value", "86000")
    result = build(built_copy)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
    assert "overcrowding" in executed(log)
    page = (built_copy / "_build/html/chapters/overcrowding.html").read_text(encoding="utf-8")
    assert "86,000" in page and "2.45" in page  # 211,000 / 86,000 = 2.453
    assert "2.48" not in page
