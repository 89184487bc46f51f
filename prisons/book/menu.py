"""The header's download menu in a reader's words. sphinx-book-theme offers ".ipynb", ".md" and
".pdf" (its print button); a reader expects the PDF edition and the data, and a verifier the
executed notebook under a name that says what it is."""
from __future__ import annotations

from .. import paths, report
from . import site
from .fingerprints import chapter_name

MENU_LABEL = "download-buttons"  # the theme's label of its download group (sphinx-book-theme 1.3.0)
NOTEBOOK_LABEL = "Notebook (for re-running)"


def _link(url: str, text: str, tooltip: str, icon: str, label: str) -> dict:
    return {"type": "link", "url": url, "text": text, "tooltip": tooltip, "icon": icon, "label": label}


def entries(chapter: str, pathto, notebook: str | None) -> list[dict]:
    """What the menu offers on ``chapter``'s page: the PDF edition, every table in one workbook,
    the chapter's own tables as CSV and, where there is one, the executed notebook."""
    def download(name: str) -> str:
        return pathto(f"{site.DOWNLOADS_DIR}/{name}", 1)

    offered = [_link(download(report.PDF_NAME), "PDF edition", "The whole report as one PDF", "fas fa-file-pdf",
                     "download-pdf-edition"),
               _link(download(report.WORKBOOK_NAME), "All the data (Excel)", "Every table in one workbook",
                     "fas fa-table", "download-workbook")]
    offered += [_link(download(paths.TABLE_FILES[table]), f"Data: {paths.TABLE_FILES[table]}",
                      "A table this page uses (CSV)", "fas fa-file-csv", f"download-{table}")
                for table in paths.CHAPTER_TABLES.get(chapter, ())]
    if notebook:
        offered.append(_link(f"{pathto('_sources', 1)}/{notebook}", NOTEBOOK_LABEL,
                             "The executed notebook of this page, to re-run in a checkout of the report",
                             "fas fa-code", "download-notebook-button"))
    return offered


def reader_downloads(app, pagename, templatename, context, doctree) -> None:
    """Replace the theme's download entries (runs after sphinx-book-theme's hook, priority 501)."""
    chapter = chapter_name(pagename)
    for button in context.get("header_buttons", []):
        if button.get("label") == MENU_LABEL and chapter:
            button["buttons"] = entries(chapter, context["pathto"], context.get("ipynb_source"))
            button["tooltip"] = "Downloads"
