"""What the built book ships besides its pages: the chart bundle, the downloads, the forwarding
pages of moved pages, and each chapter's executed notebook."""
from __future__ import annotations

import shutil
from pathlib import Path

from . import downloads, site, vendor
from .fingerprints import chapter_name


def redirect_page(target: str) -> str:
    """A page that forwards to ``target`` keeping the anchor; a plain link when scripts are off."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Moved</title>\n"
            f"<script>location.replace(\"{target}\" + location.hash);</script>\n"
            f"<meta http-equiv=\"refresh\" content=\"0; url={target}\"></head>\n"
            f"<body><p>This page has moved to <a href=\"{target}\">{target}</a>.</p></body></html>\n")


def write_bundle_downloads_and_redirects(app, exception) -> None:
    """Ship the bundle and the downloads with every HTML-like build: ``format`` is "html" for the
    html and singlehtml builders alike (the PDF edition prints the singlehtml build)."""
    if exception is None and app.builder.format == "html":
        vendor.write_bundle(Path(app.outdir))
        downloads.write(Path(app.outdir))
        if app.builder.name == "html":
            # The site's root page, a valid page rather than sphinx-external-toc's bare <meta> (see workarounds).
            (Path(app.outdir) / site.ROOT_PAGE).write_text(redirect_page(site.FRONT_PAGE), encoding="utf-8")
            for old, new in site.MOVED_PAGES.items():
                (Path(app.outdir) / old).write_text(redirect_page(new), encoding="utf-8")


def offer_notebook(app, pagename, templatename, context, doctree) -> None:
    """Put the executed notebook beside the page's source so the theme's download menu offers
    it (sphinx-book-theme only does so when a launch service is configured, and we have none)."""
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if chapter_name(pagename) and executed.exists():
        target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(executed, target)
        context["ipynb_source"] = f"{pagename}.ipynb"
