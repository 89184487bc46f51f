"""Print the build's costs: `make check` on a 100,000-row figures table, fresh install, clean build
(both editions and their PDFs), no-op rebuild, rebuilds after a data edit and after a code edit,
and every page's weight and load time on a slow link (scripts/pageweight.py).

Runs `make` in a temporary copy of the project, so the working tree and its _build are untouched,
and measures what a reader or verifier runs. ``python scripts/bench.py check`` prints only the first;
``python scripts/bench.py suite`` times ``make test`` in a fresh copy instead (install, build and
every test, as CI runs it).
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
    """Seconds ``command`` took; a failed one ends the benchmark with its last lines."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n" + "\n".join(done.stdout.splitlines()[-15:]))
    return time.perf_counter() - start


def read_rows(table: Path) -> list[dict[str, str]]:
    with table.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def rewrite(table: Path, change) -> None:
    """Replace a table's rows with ``change(rows)``."""
    rows = read_rows(table)
    header = list(rows[0])
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(change(rows))


def edit_first_event(project: Path, suffix: str = " (bench edit)") -> None:
    """A maintainer's edit: the first event's description, and its Persian (the check, which the
    build runs first, refuses English prose without one)."""
    what = read_rows(project / "data/events.csv")[0]["what"]
    rewrite(project / "data/events.csv", lambda rows: [{**rows[0], "what": what + suffix}, *rows[1:]])
    persian = {row["english"]: row["persian"] for row in read_rows(project / "fa/cells.csv")}
    rewrite(project / "fa/cells.csv", lambda rows: [*rows, {"english": what + suffix, "persian": persian[what] + suffix}])


def grow(project: Path, rows: int) -> None:
    """Make the figures table ``rows`` long, repeating its rows under new ids, each with its
    quote's translation (so the copy is still valid data, translations included)."""
    copy_id = lambda key, n: f"{key}-copy-{n}" if n else key
    figures = project / "data/figures.csv"
    repeats = rows // len(read_rows(figures)) + 1
    rewrite(figures, lambda original: [{**row, "figure_id": copy_id(row["figure_id"], n)}
                                       for n in range(repeats) for row in original][:rows])
    kept = {row["figure_id"] for row in read_rows(figures)}
    rewrite(project / "fa/quotes.csv", lambda original: [
        *(row for row in original if row["table"] != "figures"),
        *({**row, "id": copy_id(row["id"], n)} for n in range(repeats) for row in original
          if row["table"] == "figures" and copy_id(row["id"], n) in kept)])


def project_copy(temp: str) -> Path:
    copy = Path(temp) / "book"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "_build", ".git", ".pytest_cache", "node_modules"))
    return copy


def check_timing(rows: int = 100_000) -> None:
    """`make check` (``python -m prisons check``) on a copy of the project whose figures table has
    ``rows`` rows. Run from the copy, ``-m prisons`` is the copy's package, so it reads the copy's data."""
    with tempfile.TemporaryDirectory() as temp:
        copy = project_copy(temp)
        grow(copy, rows)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds = timed([sys.executable, "-m", "prisons", "check"], copy)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        # CPU time too: on a loaded machine the wall clock says more about the neighbours than the check.
        print(f"make check, figures table of {rows:,} rows:   {seconds:6.1f} s ({cpu:.1f} s CPU)")


def suite_timing() -> None:
    """`make test` in a fresh copy of the project: what a maintainer's full run costs, install included."""
    with tempfile.TemporaryDirectory() as temp:
        copy = project_copy(temp)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds = timed(["make", "test"], copy)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        print(f"make test in a fresh copy (install, build, every test): {seconds:7.1f} s ({cpu:.0f} s CPU)")


def main() -> None:
    if sys.argv[1:] == ["suite"]:
        return suite_timing()
    check_timing()
    if sys.argv[1:] == ["check"]:
        return
    with tempfile.TemporaryDirectory() as temp:
        copy = project_copy(temp)
        step = lambda what, *command: print(f"{what:<52}{timed(list(command), copy):7.1f} s")
        step("fresh install (venv + pinned requirements):", "make", ".venv/.installed", "node_modules/.package-lock.json")
        step("clean build (make book, both editions, both PDFs):", "make", "book")
        step("no-op make book (nothing changed):", "make", "book")
        step("jupyter-book build . with nothing changed:", str(copy / ".venv/bin/jupyter-book"), "build", ".", *report.BUILD_FLAGS)
        edit_first_event(copy)
        step("make book after editing data/events.csv:", "make", "book")
        # Code no chapter imports (the printer): the fingerprints cover the whole package, so every chapter runs again.
        with (copy / "prisons/book/pdf.py").open("a", encoding="utf-8") as handle:
            handle.write("\n# bench edit\n")
        step("make book after editing prisons/book/pdf.py:", "make", "book")
        for pdf in sorted((copy / "_build/pdf").glob("*.pdf")):
            print(f"  {pdf.name}: {pdf.stat().st_size / 1024:.0f} KiB")
        # Every page's requests, bytes on the wire, first paint and load on a 400 kbit/s link, against the budgets.
        subprocess.run([str(copy / ".venv/bin/python"), "scripts/pageweight.py"], cwd=copy, check=True)


if __name__ == "__main__":
    main()
