"""Print the build's costs: `make check` on a 100,000-row figures table, fresh install, clean build,
no-op rebuild, data-edit rebuild, PDF edition, heaviest page.

Runs in a temporary copy of the project, so the working tree and its _build are untouched.
``python scripts/bench.py check`` prints only the first.
"""
from __future__ import annotations

import csv
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], cwd: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def grow_figures(data_dir: Path, rows: int) -> None:
    """Make the figures table ``rows`` long, repeating its rows under new ids (still valid data)."""
    path = data_dir / "figures.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        original = list(csv.DictReader(handle))
    grown = [{**row, "figure_id": f"{row['figure_id']}-copy-{n}"}
             for n in range(rows // len(original) + 1) for row in original][: rows - len(original)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(original[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(original + grown)


def check_timing(rows: int = 100_000) -> None:
    """`make check` (``python -m prisons check``) on a copy of the data with a figures table of ``rows`` rows."""
    with tempfile.TemporaryDirectory() as temp:
        data = Path(temp) / "data"
        shutil.copytree(ROOT / "data", data)
        grow_figures(data, rows)
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
        venv = Path(temp) / "venv"
        install = timed([sys.executable, "-m", "venv", str(venv)], copy)
        install += timed([str(venv / "bin/python"), "-m", "pip", "install", "-q", "-r", "requirements.txt"], copy)
        print(f"fresh install (venv + pinned requirements): {install:6.1f} s")
        env = {**os.environ, "PYTHONPATH": str(copy)}
        build = [str(venv / "bin/jupyter-book"), "build", ".", "-W", "-n", "--keep-going"]
        print(f"clean build (executes every chapter):       {timed(build, copy, env):6.1f} s")
        print(f"no-op rebuild (nothing changed):            {timed(build, copy, env):6.1f} s")
        events = copy / "data/events.csv"
        with events.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        rows[0]["what"] += " (bench edit)"
        with events.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        print(f"rebuild after editing data/events.csv:      {timed(build, copy, env):6.1f} s")
        singlehtml = build[:3] + ["--builder", "singlehtml"] + build[3:]
        print(f"PDF: singlehtml build from the cache:       {timed(singlehtml, copy, env):6.1f} s")
        printer = [str(venv / "bin/python"), "-m", "prisons", "pdf", "--site", "_build/singlehtml",
                   "--out", "_build/pdf/book.pdf", "--downloads", "_build/html/downloads"]
        print(f"PDF: printing with headless Chromium:       {timed(printer, copy, env):6.1f} s")
        pdf = copy / "_build/pdf/book.pdf"
        print(f"PDF size: {pdf.stat().st_size / 1024:.0f} KB")
        pages = sorted((copy / "_build/html/chapters").glob("*.html"), key=lambda p: p.stat().st_size)
        print(f"heaviest page: {pages[-1].name}, {pages[-1].stat().st_size / 1024:.0f} KB (limit 300 KB)")


if __name__ == "__main__":
    main()
