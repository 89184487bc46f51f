"""Print the build's costs: fresh install, clean build, no-op rebuild, data-edit rebuild, PDF edition, heaviest page.

Runs `make` in a temporary copy of the project, so the working tree and its _build are untouched,
and measures what a reader or verifier runs.
"""
from __future__ import annotations

import csv
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from prisons import report

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def edit_first_row(table: Path, column: str, suffix: str) -> None:
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0][column] += suffix
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
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
