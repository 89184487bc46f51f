"""The header's download menu in a reader's words. sphinx-book-theme offers ".ipynb", ".md" and
".pdf" (its print button); a reader expects the PDF edition and the data, and a verifier the
executed notebook under a name that says what it is. Each edition's menu is in its language and
offers its own PDF; the data are shared."""
from __future__ import annotations

from .. import paths, report
from ..i18n import tr
from . import site
from .fingerprints import chapter_name

MENU_LABEL = "download-buttons"  # the theme's label of its download group (sphinx-book-theme 1.3.0)
NOTEBOOK_LABEL = "Notebook (for re-running)"


def _link(url: str, text: str, tooltip: str, icon: str, label: str) -> dict:
    return {"type": "link", "url": url, "text": text, "tooltip": tooltip, "icon": icon, "label": label}


def entries(chapter: str, pathto, notebook: str | None, lang: str = "en") -> list[dict]:
    """What the menu offers on ``chapter``'s page (a chapter page, one folder below its edition's
    root): the PDF edition, every table in one workbook, the chapter's own tables as CSV and, where
    there is one, the executed notebook."""
    def download(name: str) -> str:
        return site.download_from_chapter(name, lang)

    offered = [_link(download(report.PDF_NAMES[lang]), tr("PDF edition", lang), tr("The whole report as one PDF", lang),
                     "fas fa-file-pdf", "download-pdf-edition"),
               _link(download(report.WORKBOOK_NAME), tr("All the data (Excel)", lang), tr("Every table in one workbook", lang),
                     "fas fa-table", "download-workbook")]
    offered += [_link(download(paths.TABLE_FILES[table]), tr("Data: {file}", lang).format(file=paths.TABLE_FILES[table]),
                      tr("A table this page uses (CSV)", lang), "fas fa-file-csv", f"download-{table}")
                for table in paths.CHAPTER_TABLES.get(chapter, ())]
    if notebook:
        offered.append(_link(f"{pathto('_sources', 1)}/{notebook}", tr(NOTEBOOK_LABEL, lang),
                             tr("The executed notebook of this page, to re-run in a checkout of the report", lang),
                             "fas fa-code", "download-notebook-button"))
    return offered


def reader_downloads(app, pagename, templatename, context, doctree) -> None:
    """Replace the theme's download entries (runs after sphinx-book-theme's hook, priority 501)."""
    chapter = chapter_name(pagename)
    lang = app.config.language or "en"
    for button in context.get("header_buttons", []):
        if button.get("label") == MENU_LABEL and chapter:
            button["buttons"] = entries(chapter, context["pathto"], context.get("ipynb_source"), lang)
            button["tooltip"] = tr("Downloads", lang)
