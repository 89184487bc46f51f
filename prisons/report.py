"""The report's own facts, each defined once: its record (``CITATION.cff``: title, version, release
date, published address, contact), its licences, the name of its PDF edition and the flags every build uses.

The published address is CITATION.cff's ``url``, or ``SITE_URL`` in the environment
(``make book SITE_URL=https://…``), which overrides it: every absolute link the book prints (permalinks,
citations, the canonical link, share previews, the sitemap, the PDF) comes from ``site_url()``.

The Makefile, the tests and the bench read the build flags and the PDF name from here
(``python3 -m prisons.report build-flags``), so this module imports nothing outside the
standard library at load time.
"""
from __future__ import annotations

import os
import re
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


# Overrides CITATION.cff's ``url`` for one build (the Makefile passes it on; a publishing workflow sets it).
SITE_URL_VARIABLE = "SITE_URL"


def version(path: Path = paths.CITATION) -> str:
    """The report's version, from CITATION.cff (read without YAML, so the standard library alone
    can: pyproject.toml takes the package's version from here, before anything is installed)."""
    found = re.search(r'^version:\s*["\']?([^"\'\s#]+)', Path(path).read_text(encoding="utf-8"), re.MULTILINE)
    if not found:
        raise SystemExit(f"{paths.relative(Path(path))}: no version")
    return found.group(1)


VERSION = version()


def record(path: Path = paths.CITATION) -> dict:
    """The citation record, as written in CITATION.cff, with its ``url`` the published address
    (``site_url``), or without one when no address is set."""
    import yaml

    cff = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    address = site_url(cff)
    cff.pop("url", None)
    return {**cff, "url": address} if address else cff


def site_url(cff: dict | None = None) -> str | None:
    """The published address, without a trailing slash: ``SITE_URL`` if set, else CITATION.cff's
    ``url``; None when neither is (a local build, which then prints no absolute link)."""
    address = os.environ.get(SITE_URL_VARIABLE, "").strip()
    if not address:
        if cff is None:
            return record().get("url")
        address = str(cff.get("url") or "").strip()
    if address and not address.startswith(("https://", "http://")):
        raise SystemExit(f"{SITE_URL_VARIABLE} or CITATION.cff url: {address!r} is not an http(s) address")
    return address.rstrip("/") or None


def contacts(cff: dict | None = None) -> list[str]:
    """The e-mail addresses CITATION.cff's ``contact`` gives for corrections (none when it gives none)."""
    cff = record() if cff is None else cff
    return [person["email"] for person in cff.get("contact") or [] if isinstance(person, dict) and person.get("email")]


def publisher(cff: dict | None = None) -> str | None:
    """Who publishes the report: the first ``contact`` with a name (CITATION.cff), else None."""
    cff = record() if cff is None else cff
    for person in cff.get("contact") or []:
        if isinstance(person, dict):
            name = person.get("name") or " ".join(filter(None, (person.get("given-names"), person.get("family-names"))))
            if name:
                return name
    return None


def unset_accountability(cff: dict | None = None) -> list[str]:
    """What the record leaves unset of what the About page, the cover and the citations show."""
    cff = record() if cff is None else cff
    missing = [] if cff.get("url") else [f"url (or {SITE_URL_VARIABLE})"]
    if not contacts(cff):
        missing.append("contact (a publisher's name and an e-mail for corrections)")
    return missing


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
