"""The replication package: one zip of everything needed to check and rebuild the report without
git (``paths.replication_files``), offered in the built book's ``downloads/`` folder.

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


def package_bytes(files: list[Path] | None = None) -> bytes:
    """The zip's bytes, from ``files`` (default: the package's file list) under one top folder."""
    named = sorted((f"{report.SLUG}/{paths.relative(path)}", path) for path in (files if files is not None else paths.replication_files()))
    return zips.zip_bytes((name, path.read_bytes(), bool(path.stat().st_mode & 0o111)) for name, path in named)


def write(folder: Path) -> Path:
    """Write the zip into ``folder``, leaving an unchanged one alone."""
    target = Path(folder) / report.REPLICATION_NAME
    content = package_bytes()
    if not target.exists() or target.read_bytes() != content:
        target.write_bytes(content)
    return target
