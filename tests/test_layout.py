"""The layout's rules, enforced across files (in the spirit of owid etl's test_etl_step_code.py):
chapters stay thin, only prisons/evidence/ reads the data, stories keep to themselves, every id a
story declares is in the data, tests set up the package one way, and modules stay small."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import jupytext
import pytest

from prisons import paths, report
from prisons.stories import ids

CHAPTERS = sorted(paths.CHAPTERS.glob("*.md"))
PACKAGE_MODULES = sorted(p for p in paths.PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
EVIDENCE = paths.PACKAGE / "evidence"
STORIES = paths.PACKAGE / "stories"
STORY_INFRASTRUCTURE = {"__init__", "base", "ids"}
# What a story may import from the package: the shared story parts, the house chart style,
# formatting and the evidence layer; never another story, the book or the paths.
# prisons.chartmarks: the chart layouts the stories share (no story of its own).
STORY_MAY_IMPORT = {"prisons.stories.base", "prisons.stories.ids", "prisons.charts", "prisons.chartmarks", "prisons.fmt",
                    "prisons.evidence"}
MAX_MODULE_LINES = 250

# Digits allowed in chapter prose: names and standards, never a figure.
ALLOWED_IN_PROSE = ("COVID-19", "N95", "sha256", "UTF-8")
# Headings that may carry a date: the book's title.
ALLOWED_HEADINGS = (f"# {report.title()}",)
GLUE = re.compile(r"\{glue:\w+\}`[^`]+`")


def typed_numbers(chapter: str) -> list[str]:
    """The lines of a chapter's prose that hold a digit outside a glue role (code cells, the front
    matter, the title and the allowed names aside)."""
    text = re.sub(r"\A---\n.*?\n---\n", "", chapter, flags=re.S)
    text = re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.S)
    text = GLUE.sub("", text)
    offending = []
    for line in text.splitlines():
        if line.strip() in ALLOWED_HEADINGS:
            continue
        for allowed in ALLOWED_IN_PROSE:
            line = line.replace(allowed, "")
        if re.search(r"\d", line):
            offending.append(line.strip())
    return offending


def code_of(chapter: Path) -> str:
    return "\n".join(cell.source for cell in jupytext.read(chapter).cells if cell.cell_type == "code")


# ---------------------------------------------------------------------------- chapters


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_no_hand_typed_number_in_prose(chapter):
    assert typed_numbers(chapter.read_text(encoding="utf-8")) == []


def test_the_number_rule_catches_a_typed_number():
    """The rule itself must be able to fail."""
    assert typed_numbers("The population was 211,000.\n") == ["The population was 211,000."]
    assert typed_numbers("In 2020 the letters {glue:md}`gaps:myst` apart.\n") == ["In 2020 the letters  apart."]
    assert typed_numbers("The population was {glue:md}`pop_later:myst` in N95 and COVID-19 times.\n") == []
    assert typed_numbers("```{code-cell} ipython3\nx = 2\n```\n" + ALLOWED_HEADINGS[0] + "\n") == []


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_no_figure_or_event_id_in_a_chapter(chapter, evidence):
    text = chapter.read_text(encoding="utf-8")
    named = [i for i in [*evidence.figures.index, *evidence.events.index]
             if re.search(r"(?<![\w-])" + re.escape(i) + r"(?![\w-])", text)]
    assert named == [], f"{chapter.name} names ids itself; its story should"


def _paths_in_code(code: str) -> list[str]:
    """String literals that look like a file path, and calls that open files, in Python code."""
    found = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                "/" in node.value or re.search(r"\.(csv|txt|json|md|py|yml|cff)$", node.value)):
            found.append(node.value)
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                "open", "Path", "read_csv", "read_text", "read_bytes"):
            found.append(ast.unparse(node))
    return found


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_no_path_in_a_chapters_code(chapter):
    assert _paths_in_code(code_of(chapter)) == []


def test_the_path_rule_catches_a_path():
    assert sorted(_paths_in_code('frame = pd.read_csv("../data/figures.csv")')) == [
        "../data/figures.csv", "pd.read_csv('../data/figures.csv')"]
    assert _paths_in_code('data = for_chapter("letters")') == []


# ---------------------------------------------------------------------------- the evidence layer


CSV_READING = re.compile(r"\bread_csv\b|\bcsv\.|^\s*(import csv|from csv import)|open\([^)]*csv", re.M)


@pytest.mark.parametrize("module", [m for m in PACKAGE_MODULES if EVIDENCE not in m.parents],
                         ids=lambda m: paths.relative(m))
def test_only_the_evidence_layer_reads_a_csv(module):
    assert CSV_READING.findall(module.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_no_chapter_reads_a_csv(chapter):
    assert CSV_READING.findall(code_of(chapter)) == []


def test_the_csv_rule_catches_a_reader():
    assert CSV_READING.findall("import csv\nrows = csv.DictReader(handle)\nframe = pd.read_csv(p)\n")
    assert not CSV_READING.findall("frame = load_evidence().figures\n")


# ---------------------------------------------------------------------------- stories


def package_imports(module: Path) -> set[str]:
    """The modules of the package that ``module`` imports, as dotted names."""
    package = ".".join(module.relative_to(paths.ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            if base.startswith("prisons"):
                found |= {f"{base}.{alias.name}" if not node.module and node.level else base for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("prisons")}
    return found


def _allowed_for_a_story(name: str) -> bool:
    return any(name == allowed or name.startswith(allowed + ".") for allowed in STORY_MAY_IMPORT)


STORY_MODULES = sorted(p for p in STORIES.glob("*.py") if p.stem not in STORY_INFRASTRUCTURE)


@pytest.mark.parametrize("module", STORY_MODULES, ids=lambda m: m.stem)
def test_a_story_imports_no_other_story(module):
    assert sorted(name for name in package_imports(module) if not _allowed_for_a_story(name)) == []


@pytest.mark.parametrize("module", [STORIES / "base.py", STORIES / "ids.py"], ids=lambda m: m.stem)
def test_the_shared_story_parts_import_no_story(module):
    stories = {f"prisons.stories.{m.stem}" for m in STORY_MODULES}
    assert package_imports(module) & stories == set()


def test_the_import_rule_sees_a_sibling_story():
    assert package_imports(STORIES / "request.py") >= {"prisons.stories.ids", "prisons.stories.base", "prisons.charts"}
    assert not _allowed_for_a_story("prisons.stories.letters")
    assert _allowed_for_a_story("prisons.evidence.dates")


def test_every_declared_id_is_in_the_data(evidence):
    known = {*evidence.figures.index, *evidence.events.index, *evidence.sources.index}
    declared = ids.declared()
    assert len(declared) >= 30
    assert {name: value for name, value in declared.items() if value not in known} == {}
    assert evidence.figures.index.str.startswith(ids.DEATHS_BY_PRISON_PREFIX).sum() > 1


@pytest.mark.parametrize("module", STORY_MODULES, ids=lambda m: m.stem)
def test_every_id_a_story_reads_is_declared_once_in_ids(module):
    """No figure or event id typed as a string in a story: each comes from stories/ids.py."""
    declared = set(ids.declared().values()) | {ids.DEATHS_BY_PRISON_PREFIX}
    literals = {node.value for node in ast.walk(ast.parse(module.read_text(encoding="utf-8")))
                if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    assert literals & declared == set()


# ---------------------------------------------------------------------------- tests and modules


def test_tests_set_up_the_package_one_way():
    """The package is installed editable (`pip install -e .` in the Makefile); no test edits sys.path."""
    hack = "sys.path." + "insert"
    assert [p.name for p in sorted(Path(__file__).parent.glob("*.py")) if hack in p.read_text(encoding="utf-8")] == []


@pytest.mark.parametrize("module", PACKAGE_MODULES, ids=lambda m: paths.relative(m))
def test_no_module_is_over_250_lines(module):
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{paths.relative(module)} has {lines} lines: split it"
