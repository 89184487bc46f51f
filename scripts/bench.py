"""Print the build's costs: `make check` on a 100,000-row figures table, fresh install, clean build,
no-op rebuild, data-edit rebuild, PDF edition, heaviest page.

Runs `make` in a temporary copy of the project, so the working tree and its _build are untouched,
and measures what a reader or verifier runs. ``python scripts/bench.py check`` prints only the first.
"""
from __future__ import annotations

import csv
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from prisons import report

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def rewrite(table: Path, change) -> None:
    """Replace a table's rows with ``change(rows)``."""
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(change(rows))


def edit_first_row(table: Path, column: str, suffix: str) -> None:
    rewrite(table, lambda rows: [{**rows[0], column: rows[0][column] + suffix}, *rows[1:]])


def grow(table: Path, key: str, rows: int) -> None:
    """Make a table ``rows`` long, repeating its rows under new ids (still valid data)."""
    rewrite(table, lambda original: [{**row, key: f"{row[key]}-copy-{n}" if n else row[key]}
                                     for n in range(rows // len(original) + 1) for row in original][:rows])


def check_timing(rows: int = 100_000) -> None:
    """`make check` (``python -m prisons check``) on a copy of the data with a figures table of ``rows`` rows."""
    with tempfile.TemporaryDirectory() as temp:
        data = Path(temp) / "data"
        shutil.copytree(ROOT / "data", data)
        grow(data / "figures.csv", "figure_id", rows)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds = timed([sys.executable, "-m", "prisons", "check", "--data", str(data)], ROOT)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        # CPU time too: on a loaded machine the wall clock says more about the neighbours than the check.
        print(f"make check, figures table of {rows:,} rows:   {seconds:6.1f} s ({cpu:.1f} s CPU)")


def main() -> None:
    check_timing()
    if sys.argv[1:] == ["check"]:
        return
    with tempfile.TemporaryDirectory() as temp:
        copy = Path(temp) / "book"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "_build", ".git", ".pytest_cache"))
        print(f"fresh install (venv + pinned requirements): {timed(['make', '.venv/.installed'], copy):6.1f} s")
        clean = timed(["make", "book"], copy)
        print(f"clean build (make book, every chapter):     {clean:6.1f} s")
        noop = timed(["make", "book"], copy)
        print(f"no-op make book (nothing changed):          {noop:6.2f} s ({100 * noop / clean:.1f}% of a clean build)")
        flags = list(report.BUILD_FLAGS)
        jupyter_book = str(copy / ".venv/bin/jupyter-book")
        print(f"jupyter-book build with nothing changed:    {timed([jupyter_book, 'build', '.', *flags], copy):6.1f} s")
        edit_first_row(copy / "data/events.csv", "what", " (bench edit)")
        print(f"make book after editing data/events.csv:    {timed(['make', 'book'], copy):6.1f} s")
        singlehtml = [jupyter_book, "build", ".", "--builder", "singlehtml", *flags]
        print(f"PDF: singlehtml build from the cache:       {timed(singlehtml, copy):6.1f} s")
        printer = [str(copy / ".venv/bin/python"), "-m", "prisons", "pdf", "--site", "_build/singlehtml",
                   "--out", "_build/pdf/book.pdf", "--downloads", "_build/html/downloads"]
        print(f"PDF: printing with headless Chromium:       {timed(printer, copy):6.1f} s")
        pdf = copy / "_build/pdf/book.pdf"
        print(f"PDF size: {pdf.stat().st_size / 1024:.0f} KB")
        pages = sorted((copy / "_build/html/chapters").glob("*.html"), key=lambda p: p.stat().st_size)
        print(f"heaviest page: {pages[-1].name}, {pages[-1].stat().st_size / 1024:.0f} KB (limit 300 KB)")


if __name__ == "__main__":
    main()
