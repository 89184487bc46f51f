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
# The Persian edition: its book (config, toc, chapters) and the translations its chapters use.
FA = ROOT / "fa"
FA_CHAPTERS = FA / "chapters"
TRANSLATIONS = {"glossary": FA / "glossary.csv", "quotes": FA / "quotes.csv", "cells": FA / "cells.csv",
                "strings": FA / "strings.yml"}
FA_BUILD = BUILD / "fa"  # the Persian build's own output and cache, copied into HTML / "fa"
FA_HTML = FA_BUILD / "_build" / "html"
LANGUAGES = ("en", "fa")

# The tables each chapter reads. The loader hands a chapter only these, so the list
# cannot silently fall behind the chapter; the book extension re-executes a chapter
# when one of them changes.
CHAPTER_TABLES = {
    "index": ("sources", "figures", "events", "claims"),
    "sources": ("sources", "figures", "events", "claims", "not_figures"),
    "overcrowding": ("figures",),
    "letters": ("figures", "events"),
    "claims": ("figures", "events", "claims"),
    "unrest": ("figures", "events"),
    "shortfall": ("figures", "events"),
    "explore": ("figures", "events"),
    "figures": ("sources", "figures", "events", "corrections"),
    "methods": ("figures", "events", "not_figures"),
    "reuse": tuple(TABLE_FILES),
    "about": ("sources",),
}
PACKAGE = ROOT / "prisons"
# Files every chapter depends on besides its tables and the package: the citation record and the licences.
RECORD_FILES = (CITATION, ROOT / "LICENSE", ROOT / "LICENSE-DATA.md")
# What the book is built from besides the data, the package and the record: the Makefile's
# list of inputs and the chapters' fingerprints both come from the functions below.
BOOK_CONFIG = (ROOT / "_config.yml", ROOT / "_toc.yml", ROOT / "requirements.txt", ROOT / "pyproject.toml")
# JupyterLab's configuration for `make lab`, kept in the project (never the user's ~/.jupyter).
LAB_CONFIG = ROOT / ".jupyter"
LAB_SETTINGS = LAB_CONFIG / "lab" / "settings"  # JupyterLab's settings overrides
LAB_CONFIG_FILES = (LAB_CONFIG / "jupyter_server_config.json", LAB_CONFIG / "labconfig" / "page_config.json",
                    LAB_SETTINGS / "overrides.json")
# Where JupyterLab keeps its state (workspaces, settings changed in the lab, the kernel's data
# folder): inside LAB_CONFIG but not part of the project, nor of the replication package.
LAB_STATE = LAB_CONFIG / "state"
# The replication package: everything needed to check and rebuild the report without git.
REPLICATION_FILES = (ROOT / "README.md", ROOT / "Makefile", *BOOK_CONFIG, *RECORD_FILES, *LAB_CONFIG_FILES)
# The reader's stylesheets (both editions link them: fa/_config.yml).
SITE_STATIC = ROOT / "_static"
REPLICATION_FOLDERS = (PACKAGE, CHAPTERS, DATA, SITE_STATIC, ROOT / "scripts", FA)
FA_BOOK_CONFIG = (FA / "_config.yml", FA / "_toc.yml")
# The font the Persian edition ships comes from this pinned npm package (``make`` runs ``npm ci``).
NPM_FILES = (ROOT / "package.json", ROOT / "package-lock.json")
NODE_MODULES = ROOT / "node_modules"
PERSIAN_FONT_PACKAGE = NODE_MODULES / "vazirmatn"
# Its whole family, every weight, for the PNG of a Persian chart (drawn offline, with no page to load a font).
PERSIAN_CHART_FONTS = PERSIAN_FONT_PACKAGE / "fonts" / "ttf"


def package_files() -> list[Path]:
    """The package's code and the static files it ships."""
    return sorted(_files_under(PACKAGE))


def chapter_inputs(chapter: str, sources: list[Path], data_dir: Path = DATA, lang: str = "en") -> list[Path]:
    """Everything a chapter's numbers depend on besides its own text; ``sources`` are the archived
    sources the sources table names (``evidence.registry``: the registry, not a glob of the folder).
    A Persian chapter also reads the translations (an English chapter does not, so a translation
    edit leaves it be)."""
    tables = [data_dir / TABLE_FILES[table] for table in CHAPTER_TABLES[chapter]]
    translations = list(TRANSLATIONS.values()) if lang == "fa" else []
    return tables + [path for path in sources if path.is_file() and not path.is_symlink()] + package_files() + list(RECORD_FILES) + translations


def book_inputs() -> list[Path]:
    """Every file the built book is made from: the Makefile remakes the book when one changes."""
    # Every file under data/ is an input (the archived sources among them, registered or not: the
    # check, which runs first, fails on an unregistered one).
    files = {path for chapter in CHAPTER_TABLES for lang in LANGUAGES for path in chapter_inputs(chapter, [], lang=lang)}
    files |= set(DATA.rglob("*")) | set(CHAPTERS.glob("*.md")) | set(SITE_STATIC.glob("*")) | set(BOOK_CONFIG)
    files |= set(replication_files())  # the book offers them as one zip
    files |= set(FA_CHAPTERS.glob("*.md")) | set(FA_BOOK_CONFIG) | set(NPM_FILES)
    return sorted(p for p in files if p.is_file() and not p.is_symlink())


def _files_under(folder: Path) -> list[Path]:
    """The plain files under ``folder`` that are the project's: a symbolic link is never followed
    (``symlinks`` finds it, and the check refuses it), and neither caches nor the catalogue Sphinx
    compiles beside the Persian edition's (fa/locale/…/sphinx.mo, made from sphinx.po on each build) count."""
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()
            and not {"__pycache__", ".ipynb_checkpoints"} & set(p.parts) and p.suffix != ".mo"]


def symlinks(data_dir: Path = DATA) -> list[Path]:
    """Every symbolic link among the book's inputs (its folders, their files, the files beside
    them): each would put whatever it points to, off the project, into the site and the zips."""
    folders = {*REPLICATION_FOLDERS, Path(data_dir)}
    found = {p for folder in folders for p in (folder, *folder.rglob("*")) if p.is_symlink()}
    found |= {p for p in (*REPLICATION_FILES, *NPM_FILES, *FA_BOOK_CONFIG) if p.is_symlink()}
    return sorted(found)


def replication_files() -> list[Path]:
    """Every file of the replication package, in the order the zip holds them."""
    return sorted({*REPLICATION_FILES, *NPM_FILES, *(p for folder in REPLICATION_FOLDERS for p in _files_under(folder))})


def relative(path: Path) -> str:
    """A path as people see it in messages: relative to the project root."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


if __name__ == "__main__":  # the Makefile's list of the book's inputs, one per line
    print("\n".join(relative(path) for path in book_inputs()))
