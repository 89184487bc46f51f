"""Helpers for tests that edit a copy of the data, and for tests that build the book.

A corruption test breaks one thing in a copy of data/ (never the real folder) and asks the
loader what is wrong (``assert_problem``): one problem naming the file, the row and the column,
and no file changed. A few tests run ``python -m prisons check`` itself (``assert_check_fails``)
for what only the command shows: the exit code, the one-line output, no traceback.
"""
from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

from prisons import paths
from prisons.evidence import DataError, Problem, load_evidence

ROOT = paths.ROOT
DATA = paths.DATA
BOOK_STAMP = paths.HTML / ".built"  # the Makefile's `make book` target (BOOK)


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def write_table(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit_cell(path: Path, row_id: str, column: str, value: str) -> str:
    """Set one cell of the row whose id (first column) is ``row_id``; return the old value."""
    header, rows = read_table(path)
    assert column in header, f"{path.name} has no column {column!r}"
    matching = [row for row in rows if row[header[0]] == row_id]
    assert len(matching) == 1, f"{path.name} has {len(matching)} rows with id {row_id!r}"
    old, matching[0][column] = matching[0][column], value
    write_table(path, header, rows)
    return old


def delete_rows(path: Path, keep) -> list[dict[str, str]]:
    """Delete the rows for which ``keep(row)`` is false; return them."""
    header, rows = read_table(path)
    deleted = [row for row in rows if not keep(row)]
    write_table(path, header, [row for row in rows if keep(row)])
    return deleted


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def source_line_of(data_dir: Path, source_file: str, needle: str) -> int:
    """The 1-based line of the only occurrence of ``needle`` in an archived source."""
    text = (data_dir / "sources" / source_file).read_text(encoding="utf-8")
    assert text.count(needle) == 1, f"{needle!r} is not unique in {source_file}"
    return text[: text.index(needle)].count("\n") + 1


# ---------------------------------------------------------------------------- the loader


def problems_in(data_dir: Path) -> list[Problem]:
    """Every problem the loader finds in ``data_dir`` (none if it loads); loading changes no file."""
    before = snapshot(data_dir)
    try:
        load_evidence(data_dir)
        problems = []
    except DataError as error:
        problems = error.problems
    assert snapshot(data_dir) == before, "loading changed files in the data folder"
    return problems


def _names(problem: Problem, file: str, row: str | None, column: str | None, fragments) -> bool:
    return (Path(problem.file).name == file
            and (row is None or problem.row == row or problem.row.startswith(row + ","))
            and (column is None or problem.column == column)
            and all(fragment in problem.message for fragment in fragments))


def assert_problem(data_dir: Path, file: str, row: str | None, column: str | None, *message: str) -> Problem:
    """Loading ``data_dir`` must fail with a one-line problem naming ``file`` (a path's last part),
    ``row`` ("row some-id", or "line 4" which also matches "line 4, character 9"), ``column`` and
    every ``message`` fragment. Returns that problem."""
    problems = problems_in(data_dir)
    assert problems, "the data loaded although it was corrupted"
    found = [problem for problem in problems if _names(problem, file, row, column, message)]
    assert found, (f"no problem names {file!r}, {row!r}, column {column!r} with {message!r}; the loader found:\n"
                   + "\n".join(map(str, problems)))
    assert "\n" not in str(found[0]), str(found[0])
    return found[0]


# ---------------------------------------------------------------------------- the command


def run_check(data_dir: Path | None = None, command: str = "check") -> subprocess.CompletedProcess:
    arguments = [sys.executable, "-m", "prisons", command]
    if data_dir is not None:
        arguments += ["--data", str(data_dir)]
    return subprocess.run(arguments, cwd=ROOT, capture_output=True, text=True, timeout=300)


def assert_check_fails(data_dir: Path, file: str, row: str | None, column: str | None, *message: str) -> str:
    """Run ``python -m prisons check`` on ``data_dir``: it must exit non-zero with no traceback,
    a summary line, and one line naming ``file``, ``row``, ``column`` and every ``message``
    fragment, changing no file. Returns that line."""
    before = snapshot(data_dir)
    result = run_check(data_dir)
    after = snapshot(data_dir)
    output = result.stdout + result.stderr
    assert before == after, "the check changed files in the data folder"
    assert result.returncode != 0, f"the check passed on corrupted data:\n{output}"
    assert "Traceback" not in output, output
    assert "check passed" not in output, output
    assert re.search(r"^check failed: \d+ problem", output, re.MULTILINE), output
    names_file = re.compile(r"(?:^|[\\/])" + re.escape(file) + r":")
    fragments = [f for f in (row, column and f"column {column}", *message) if f]
    lines = [line for line in output.splitlines() if names_file.search(line) and all(f in line for f in fragments)]
    assert lines, f"no line names {file!r} with {fragments!r}; the check printed:\n{output}"
    return lines[0]


# ---------------------------------------------------------------------------- the build


def build(root: Path, *langs: str, pdf: bool = True) -> subprocess.CompletedProcess:
    """What `make book` runs after the check (``python -m prisons build``) in ``root``, with that
    tree's package first on the path: both editions at once, or only those in ``langs``; without
    the PDFs if ``pdf`` is false."""
    import os

    env = {**os.environ, "PYTHONPATH": str(root)}
    command = [sys.executable, "-m", "prisons", "build", *(f"--edition={lang}" for lang in langs),
               *([] if pdf else ["--no-pdf"])]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=1200)


def _edition_lines(log: str, lang: str | None) -> str:
    """The lines of ``log`` from one edition's build (marked ``[lang]`` when both ran), or all."""
    if lang is None:
        return log
    return "\n".join(line for line in log.splitlines() if line.startswith(f"[{lang}] "))


def executed(log: str, lang: str | None = None) -> set[str]:
    return set(re.findall(r"chapters/(\w+)\.md: Executing notebook", _edition_lines(log, lang)))


def cached(log: str, lang: str | None = None) -> set[str]:
    return set(re.findall(r"chapters/(\w+)\.md: Using cached notebook", _edition_lines(log, lang)))


# ---------------------------------------------------------------------------- charts


def valid_chart(chart) -> dict:
    """The chart's spec, validated against the Vega-Lite schema Altair writes for."""
    import altair as alt

    assert isinstance(chart, (alt.Chart, alt.LayerChart))
    spec = chart.to_dict()  # validates against the Vega-Lite schema by default
    assert spec["$schema"].endswith(f"v{alt.SCHEMA_VERSION.lstrip('v')}.json")
    return spec
