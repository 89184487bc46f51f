"""The replication package: one zip of everything needed to check and rebuild the report without
git (``paths.replication_files``), offered in the built book's ``downloads/`` folder, with its own
README (``readme``) in place of the repository's.

The zip is deterministic, so two builds from the same files give the same bytes: entries sorted,
one fixed timestamp, permissions reduced to "executable or not". Unpacked, it is a folder named
after the report where ``make check``, ``make book`` and ``make lab`` work on that folder's files.
"""
from __future__ import annotations

from pathlib import Path

from .. import paths, report
from . import zips


def how_to_use(lang: str = "en") -> str:
    """How to run the package once downloaded, in Markdown: the same words on the Cite and reuse
    page and atop every notebook the book offers."""
    from ..i18n import tr

    return tr("Unzip it and, in the folder `{folder}` it makes, run `make check` to validate the data and "
              "`make book` to install the pinned requirements into `.venv` and rebuild the book (by hand: "
              "`python3 -m venv .venv && .venv/bin/pip install --no-deps -r requirements.txt && .venv/bin/pip install --no-deps -e .`). "
              "Then `make lab` opens the chapters in JupyterLab, each as a notebook you can run.", lang).format(folder=report.SLUG)


def notebook_note(chapter: str, lang: str = "en") -> str:
    """The first cell of a chapter's offered notebook: where to get the package that runs it, and
    where in it the notebook is (the Persian chapters are under ``fa/``)."""
    from ..fmt import escape_markdown
    from ..i18n import tr

    source = f"chapters/{chapter}.md" if lang == "en" else f"{lang}/chapters/{chapter}.md"
    return tr("**To run this notebook** you need the replication package of *{title}*: download `{name}` from "
              "the book's *Cite and reuse* page. {how} This notebook is `{source}` there.", lang).format(
        title=escape_markdown(tr(report.title(), lang)), name=report.REPLICATION_NAME, how=how_to_use(lang), source=source)


def readme() -> str:
    """The package's own README (the repository's describes the tests, which the package does not hold):
    what is in it, the three commands, and what is not there."""
    return f"""# {report.title()}: replication package, version {report.VERSION}

Everything needed to check the report's data and rebuild its book, in both editions, without git.

## What is in it

- `data/`: every table (figures, events, claims, sources, non-figures, corrections) with `datapackage.json`,
  the two archived sources in `data/sources/`, and `data/README.md` on what the data can and cannot say.
- `chapters/` and `fa/`: the English and the Persian chapters (MyST Markdown notebooks), and the translations.
- `prisons/`: the code that reads and checks the data, computes every number and builds the book.
- `requirements.txt`, `pyproject.toml`, `package.json`, `package-lock.json`: the pinned Python and npm packages.
- `Makefile`, `_config.yml`, `_toc.yml`, `_static/`, `scripts/`, `.jupyter/`: how the book builds, and JupyterLab's settings.
- `CITATION.cff` (how to cite it), `LICENSE` (the code: MIT), `LICENSE-DATA.md` (the text and data: CC BY 4.0).

## Three commands

```
make check   # validates every table and audits every number in the two sources
make book    # creates .venv with the pinned requirements, executes every chapter of both editions, prints both PDFs, writes _build/html
make lab     # JupyterLab on the chapters, each a notebook you can run
```

By hand: `python3 -m venv .venv && .venv/bin/pip install --no-deps -r requirements.txt && .venv/bin/pip install
--no-deps -e .`. `make book` prints each edition as a PDF with Debian's Chromium (installed if missing).

## What is not here

- The tests (`tests/`): `make test` and `make test-fast` need them, and they are in the report's repository.
- The built book (`_build/`) and the installed packages (`.venv/`, `node_modules/`): `make book` makes them.
- A `.venv` belongs to the folder it was made in: after moving or copying a folder in which `make book` ran,
  `make` refuses to use the old one and says so; remove it (`rm -rf .venv`) and run `make book` again.
"""



def package_bytes(files: list[Path] | None = None) -> bytes:
    """The zip's bytes, from ``files`` (default: the package's file list) under one top folder."""
    named = sorted((f"{report.SLUG}/{paths.relative(path)}", path) for path in (files if files is not None else paths.replication_files()))
    return zips.zip_bytes((name, readme().encode("utf-8") if path == paths.ROOT / "README.md" else path.read_bytes(),
                           bool(path.stat().st_mode & 0o111)) for name, path in named)


def write(folder: Path) -> Path:
    """Write the zip into ``folder``, leaving an unchanged one alone."""
    target = Path(folder) / report.REPLICATION_NAME
    content = package_bytes()
    if not target.exists() or target.read_bytes() != content:
        target.write_bytes(content)
    return target
