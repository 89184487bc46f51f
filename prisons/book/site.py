"""The built site's layout, known here only: where chapters, downloads, chart files and the chart bundle sit,
the form of a permalink, and the pages that moved after they were published."""
from __future__ import annotations

import re

CHAPTERS_FOLDER = "chapters"      # every chapter page is one folder below the site's root
FIGURES_PAGE = "figures.html"     # the page whose anchors are the figures' permalinks
DOWNLOADS_DIR = "downloads"
CHARTS_DIR = "charts"             # each chart's PNG, SVG and CSV, named by its chart id
VENDOR_DIR = "_vendor"            # outside _static, whose scripts load on every page
UP_FROM_CHAPTER = "../"
# Folders of the built book that hold files, not pages.
ASSET_FOLDERS = {"_static", "_sources", VENDOR_DIR, DOWNLOADS_DIR}
# Pages renamed after they were published, so that published permalinks keep working:
# the old page forwards to the new one with the same anchor (``evidence.html#<figure_id>``).
MOVED_PAGES = {f"{CHAPTERS_FOLDER}/evidence.html": "figures.html"}


def chapter_of(docname: str, chapters) -> str | None:
    """The chapter a Sphinx document is, if it is one of ``chapters``."""
    folder, _, name = docname.rpartition("/")
    return name if folder == CHAPTERS_FOLDER and name in chapters else None


# Each edition's folder in the site: the Persian one is the English address with ``fa/`` before it.
EDITION_FOLDERS = {"en": "", "fa": "fa/"}
EDITION_ROOTS = {folder.strip("/") for folder in EDITION_FOLDERS.values() if folder}  # the English build leaves these alone


def permalink(site_url: str | None, anchor: str, page: str = FIGURES_PAGE, lang: str = "en") -> str | None:
    """An entry's permanent address at the published site (``report.site_url``), the same anchor in
    both editions; None when no address is set: a local copy's own address (loopback, ``file://``)
    is never one to cite."""
    return f"{site_url.rstrip('/')}/{EDITION_FOLDERS[lang]}{CHAPTERS_FOLDER}/{page}#{anchor}" if site_url else None


def download_from_chapter(name: str, lang: str = "en") -> str:
    """The address of a download as a chapter page links it (the data downloads are the English
    edition's, shared; each edition has its own PDF)."""
    from .. import report

    if lang != "en" and name not in report.PDF_NAMES.values():
        return f"{UP_FROM_CHAPTER}../{DOWNLOADS_DIR}/{name}"
    return f"{UP_FROM_CHAPTER}{DOWNLOADS_DIR}/{name}"


def anchor(identifier: str) -> str:
    """An id as labels, addresses and attributes carry it: the check holds ids to lower-case letters,
    digits and hyphens; anything else is reduced to that form here, so no text from the data reaches
    a label, an ``href`` or an attribute as it was written."""
    return re.sub(r"[^a-z0-9-]+", "-", str(identifier).lower()).strip("-") or "unnamed"


def chart_file_from_chapter(name: str) -> str:
    """The address of a chart's picture or data as a chapter page links it."""
    return f"{UP_FROM_CHAPTER}{CHARTS_DIR}/{name}"
