"""The report's own facts, each defined once: its record (``CITATION.cff``: title, version, release
date, published address, contact), its licences, the name of its PDF edition and the flags every build uses.

The published address is CITATION.cff's ``url``, or ``SITE_URL`` in the environment
(``make book SITE_URL=https://…``), which overrides it: every absolute link the book prints (permalinks,
citations, the canonical link, share previews, the sitemap, the PDF) comes from ``site_url()``.

It imports nothing outside the standard library at load time, so any Python can read it.
"""
from __future__ import annotations

import os
import re
from datetime import date
from functools import cache
from pathlib import Path

from . import paths
from .version import UNKNOWN_VERSION, VERSION, version  # noqa: F401 (the report's version, from CITATION.cff)

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


# The record's fields reach every page, the PDF, the citations and the data package: each must be
# plain text (no character MyST, HTML or LaTeX reads as markup), an address or a version.
_MARKUP_CHARACTER = re.compile(r"[<>\[\]{}`*_|\\$#&^~]")
_VERSION = re.compile(r"[0-9]+(\.[0-9]+){0,3}")
_ADDRESS = re.compile(r"https://[A-Za-z0-9.-]+(/[A-Za-z0-9._~%/+-]*)?")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_TEXT_FIELDS = ("title", "abstract")
_NAME_FIELDS = ("name", "given-names", "family-names")


def _text_problem(value) -> str | None:
    from .untrusted import invisible_problem, number_problem

    if not isinstance(value, str):
        return f"is not text ({type(value).__name__})"
    if "\n" in value or "\r" in value:
        return "breaks the line; write it on one line"
    if value.lstrip()[:1] in ("=", "+", "@", "-"):
        return f"starts with {value.lstrip()[0]!r}, which a spreadsheet reads as a formula"
    markup = _MARKUP_CHARACTER.search(value)
    if markup:
        return f"holds {markup.group()!r}; write plain text (no markup)"
    return invisible_problem(value) or number_problem(value)


def _people_problems(people, field: str) -> list[tuple[str, str]]:
    if not isinstance(people, list):
        return [(field, "is not a list")]
    found = []
    for i, person in enumerate(people, start=1):
        if not isinstance(person, dict):
            found.append((f"{field} {i}", "is not a mapping"))
            continue
        found += [(f"{field} {i} {key}", why) for key in _NAME_FIELDS if key in person
                  if (why := _text_problem(person[key]))]
        if "email" in person and not (isinstance(person["email"], str) and _EMAIL.fullmatch(person["email"])):
            found.append((f"{field} {i} email", "is not a plain e-mail address"))
    return found


def record_problems(cff) -> list[tuple[str, str]]:
    """(field, why) for each field of the citation record a reader would receive as anything but text."""
    if not isinstance(cff, dict):
        return [("", "is not a mapping of fields")]
    found = [(key, "is missing") for key in ("title", "authors", "version", "date-released") if key not in cff]
    found += [(key, why) for key in _TEXT_FIELDS if key in cff if (why := _text_problem(cff[key]))]
    found += _people_problems(cff.get("authors", []), "authors") + _people_problems(cff.get("contact", []) or [], "contact")
    if "version" in cff and not _VERSION.fullmatch(str(cff["version"])):
        found.append(("version", "is not a version number such as 1.1.0"))
    if "date-released" in cff:
        try:
            released = cff["date-released"]
            released if isinstance(released, date) else date.fromisoformat(str(released))
        except ValueError:
            found.append(("date-released", "is not a day written YYYY-MM-DD"))
    found += [(key, "is not a plain https:// address") for key in ("url", "repository-code")
              if cff.get(key) and not (isinstance(cff[key], str) and _ADDRESS.fullmatch(cff[key]))]
    for i, reference in enumerate(cff.get("references", []) or [], start=1):
        if not isinstance(reference, dict):
            found.append((f"references {i}", "is not a mapping"))
            continue
        if "title" in reference and (why := _text_problem(reference["title"])):
            found.append((f"references {i} title", why))
        if reference.get("url") and not (isinstance(reference["url"], str) and _ADDRESS.fullmatch(reference["url"])):
            found.append((f"references {i} url", "is not a plain https:// address"))
        found += [(f"references {i} {field}", why) for field, why in _people_problems(reference.get("authors", []), "authors")]
    return found


# Overrides CITATION.cff's ``url`` for one build (the Makefile passes it on; a publishing workflow sets it).
SITE_URL_VARIABLE = "SITE_URL"




def record(path: Path = paths.CITATION) -> dict:
    """The citation record, as written in CITATION.cff, with its ``url`` the published address
    (``site_url``), or without one when no address is set; refused whole, with one line naming the
    field (``untrusted.UntrustedInput``), when a field is not what a reader may receive."""
    from .untrusted import UntrustedInput, read_yaml

    label = paths.relative(Path(path))
    cff = read_yaml(path, label)
    for field, why in record_problems(cff):
        raise UntrustedInput(f"{label}: {'field ' + field + ' ' if field else ''}{why}")
    address = site_url(cff)
    cff = {key: value for key, value in cff.items() if key != "url"}
    return {**cff, "url": address} if address else cff


def site_url(cff: dict | None = None) -> str | None:
    """The published address, without a trailing slash: ``SITE_URL`` if set, else CITATION.cff's
    ``url``; None when neither is (a local build, which then prints no absolute link)."""
    address = os.environ.get(SITE_URL_VARIABLE, "").strip()
    if not address:
        if cff is None:
            return record().get("url")
        address = str(cff.get("url") or "").strip()
    if address and not _ADDRESS.fullmatch(address):
        from .untrusted import UntrustedInput

        raise UntrustedInput(f"{SITE_URL_VARIABLE} or CITATION.cff url: {address[:80]!r} is not a plain https:// address")
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
