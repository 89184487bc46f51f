"""The one place that knows where the project's files are."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CHAPTERS = ROOT / "chapters"
BUILD = ROOT / "_build"
HTML = BUILD / "html"
SINGLEHTML = BUILD / "singlehtml"
CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright drives it and never downloads a browser

# Each table's file name inside the data folder (tests point the loader at a copy).
TABLE_FILES = {
    "sources": "sources.csv",
    "figures": "figures.csv",
    "events": "events.csv",
    "claims": "claims.csv",
    "not_figures": "not_figures.csv",
    "corrections": "corrections.csv",
}
DATAPACKAGE_FILE = "datapackage.json"
CITATION = ROOT / "CITATION.cff"
SOURCES_SUBDIR = "sources"

# The tables each chapter reads. The loader hands a chapter only these, so the list
# cannot silently fall behind the chapter; the book extension re-executes a chapter
# when one of them changes.
CHAPTER_TABLES = {
    "index": ("figures", "events", "claims"),
    "sources": ("sources", "figures", "events", "claims", "not_figures"),
    "overcrowding": ("figures",),
    "letters": ("figures", "events"),
    "claims": ("figures", "events", "claims"),
    "unrest": ("figures", "events"),
    "explore": ("figures",),
    "figures": ("sources", "figures", "events", "corrections"),
    "methods": ("figures", "events", "not_figures"),
    "reuse": tuple(TABLE_FILES),
}
# Files every chapter depends on besides its tables: the citation record and the licences.
BOOK_INPUTS = (CITATION, ROOT / "LICENSE", ROOT / "LICENSE-DATA.md")
DOWNLOADS_DIR = "downloads"  # inside the built book
PDF_NAME = "covid-19-in-irans-prisons-2020.pdf"


def relative(path: Path) -> str:
    """A path as people see it in messages: relative to the project root."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)
