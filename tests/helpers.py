"""Helpers for tests that edit a copy of the data and run ``python -m prisons check`` on it."""
from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
if str(ROOT) not in sys.path:  # the package is not installed; run from a checkout
    sys.path.insert(0, str(ROOT))


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


def run_check(data_dir: Path | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "prisons", "check"]
    if data_dir is not None:
        command += ["--data", str(data_dir)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_check_fails(data_dir: Path, file: str, row: str | None, column: str | None, *message: str) -> str:
    """Run the check on ``data_dir``; it must fail cleanly with one line naming ``file``
    (as a path's last part), ``row`` (e.g. "row some-id" or "line 4"), ``column`` and every
    ``message`` fragment. Returns that line."""
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


def source_line_of(data_dir: Path, source_file: str, needle: str) -> int:
    """The 1-based line of the only occurrence of ``needle`` in an archived source."""
    text = (data_dir / "sources" / source_file).read_text(encoding="utf-8")
    assert text.count(needle) == 1, f"{needle!r} is not unique in {source_file}"
    return text[: text.index(needle)].count("\n") + 1
