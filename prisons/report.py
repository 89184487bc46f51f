"""The report's own facts, each defined once: its record (``CITATION.cff``: title, version, release
date, address), its licences, the name of its PDF edition and the flags every build uses.

The Makefile, the tests and the bench read the build flags and the PDF name from here
(``python3 -m prisons.report build-flags``), so this module imports nothing outside the
standard library at load time.
"""
from __future__ import annotations

import sys
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


def main(argv: list[str]) -> int:
    """Print one fact for the Makefile: ``build-flags`` or ``pdf-name``."""
    facts = {"build-flags": " ".join(BUILD_FLAGS), "pdf-name": PDF_NAME, "pdf-name-fa": PDF_NAMES["fa"]}
    if len(argv) != 1 or argv[0] not in facts:
        print(f"usage: python -m prisons.report {{{','.join(facts)}}}", file=sys.stderr)
        return 2
    print(facts[argv[0]])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
