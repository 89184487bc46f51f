"""The report's own facts, each defined once: its record (``CITATION.cff``: title, version, release
date, address), its licences, the name of its PDF edition and the flags every build uses.

It imports nothing outside the standard library at load time, so any Python can read it.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from . import paths

SLUG = "covid-19-in-irans-prisons-2020"  # the report's name in file names
PDF_NAME = f"{SLUG}.pdf"
# The replication package (prisons/book/replication.py), and the folder it unpacks to: SLUG.
REPLICATION_NAME = f"{SLUG}-replication.zip"
# The whole html book as one zip, to pass along and open from disk (its folder inside has this name less .zip).
ZIP_NAME = f"{SLUG}-html.zip"
PDF_NAMES = {"en": PDF_NAME, "fa": f"{SLUG}.fa.pdf"}
# Every data table in one Excel workbook (the CSVs stay the canonical form).
WORKBOOK_NAME = f"{SLUG}-data.xlsx"
# Warnings are errors, every reference must resolve, and every problem is reported in one run.
BUILD_FLAGS = ("-W", "-n", "--keep-going")
# The text and data are CC BY 4.0; the code is MIT (see LICENSE and LICENSE-DATA.md).
DATA_LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
                "path": "https://creativecommons.org/licenses/by/4.0/"}
CODE_LICENCE = {"name": "MIT", "title": "MIT License", "path": "https://opensource.org/license/mit"}


def record(path: Path = paths.CITATION) -> dict:
    """The citation record, as written in CITATION.cff."""
    import yaml

    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


@cache
def title() -> str:
    """The report's title, from its citation record."""
    return record()["title"]
