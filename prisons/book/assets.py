"""What the built book ships besides its pages: the chart bundle, the downloads, the forwarding
pages of moved pages, and each chapter's executed notebook."""
from __future__ import annotations

import json
import re
from pathlib import Path

from . import downloads, page_security, replication, site, vendor
from .fingerprints import chapter_name


def redirect_page(target: str, lang: str = "en") -> str:
    """A page that forwards to ``target`` keeping the anchor; a plain link, in the edition's
    language, when scripts are off."""
    from ..i18n import RIGHT_TO_LEFT, tr

    script = f'location.replace("{target}" + location.hash);'
    security = page_security.head_tags(page_security.policy([page_security.source_hash(script)]))
    direction = ' dir="rtl"' if lang in RIGHT_TO_LEFT else ""
    return (f"<!DOCTYPE html>\n<html lang=\"{lang}\"{direction}><head><meta charset=\"utf-8\">"
            f"{security}<title>{tr('Moved', lang)}</title>\n<script>{script}</script>\n"
            f"<meta http-equiv=\"refresh\" content=\"0; url={target}\"></head>\n"
            f"<body><p>{tr('This page has moved to', lang)} <a href=\"{target}\">{target}</a>.</p></body></html>\n")


def write_bundle_downloads_and_redirects(app, exception) -> None:
    """Ship the bundle and the downloads with every HTML-like build: ``format`` is "html" for the
    html and singlehtml builders alike (the PDF edition prints the singlehtml build)."""
    if exception is None and app.builder.format == "html":
        lang = app.config.language or "en"
        if lang == vendor.SHARED_BY:
            vendor.write_bundle(Path(app.outdir))
        if lang == "en":  # the editions share the data; the Persian one links them
            downloads.write(Path(app.outdir))
        if app.builder.name == "html":
            for old, new in site.MOVED_PAGES.items():
                (Path(app.outdir) / old).write_text(redirect_page(new, lang), encoding="utf-8")
            # The root's forwarding page, a valid page with the pages' policy (sphinx-external-toc writes a
            # bare <meta>: see workarounds).
            if app.config.root_doc != "index":
                (Path(app.outdir) / "index.html").write_text(redirect_page(f"{app.config.root_doc}.html", lang),
                                                          encoding="utf-8")


NOTE_CELL_ID = "replication-package"


def with_replication_note(notebook: dict, chapter: str, lang: str = "en") -> dict:
    """The notebook with a first markdown cell saying how to get and install what runs it."""
    note = {"cell_type": "markdown", "id": NOTE_CELL_ID, "metadata": {},
            "source": replication.notebook_note(chapter, lang)}
    return {**notebook, "cells": [note, *notebook["cells"]]}


def remove_withdrawn_pages(app, exception) -> None:
    """Sphinx leaves the pages of removed documents in place: remove every page, and its sources,
    that the book no longer has (forwarding pages and Sphinx's own pages stay)."""
    if exception is not None or app.builder.name != "html":
        return
    root = Path(app.outdir)
    current = set(app.env.found_docs)
    pages = {f"{doc}.html" for doc in current} | set(site.MOVED_PAGES) | {"index.html", "genindex.html", "search.html"}
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root)
        if rel.parts[0] not in site.ASSET_FOLDERS | site.EDITION_ROOTS and rel.as_posix() not in pages:
            path.unlink()
    for path in sorted((root / "_sources").rglob("*.*")):
        doc = path.relative_to(root / "_sources").as_posix().split(".", 1)[0]
        if doc not in current:
            path.unlink()


def stable_widget_ids(notebook_text: str) -> str:
    """The notebook with its ipywidgets model ids (random on every run) numbered in the order they
    first appear, the same in its widget state and in the outputs that show them, so the same
    chapter gives the same notebook."""
    found = list(dict.fromkeys(re.findall(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])", notebook_text)))
    widgets = json.loads(notebook_text).get("metadata", {}).get("widgets", {})
    state = set(widgets.get("application/vnd.jupyter.widget-state+json", {}).get("state", {}))
    numbering = {old: f"{i:032x}" for i, old in enumerate((m for m in found if m in state), start=1)}
    return re.sub(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])", lambda m: numbering.get(m.group(0), m.group(0)), notebook_text)


def offer_notebook(app, pagename, templatename, context, doctree) -> None:
    """Put the executed notebook, with a first cell on the replication package, beside the page's
    source so the theme's download menu offers it (sphinx-book-theme only does so when a launch
    service is configured, and we have none)."""
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    chapter = chapter_name(pagename)
    if chapter and executed.exists():
        target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        notebook = with_replication_note(json.loads(stable_widget_ids(executed.read_text(encoding="utf-8"))), chapter,
                                         app.config.language or "en")
        target.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        context["ipynb_source"] = f"{pagename}.ipynb"
