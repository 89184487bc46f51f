"""Sphinx extension for the book: never show a stale number, and ship what the pages need.

jupyter-cache keys a notebook on its code alone, so an edit to a data table would leave
cached outputs, and old numbers, in place. Each chapter therefore carries, as a hidden last
cell, a fingerprint of the tables it declares in ``paths.CHAPTER_TABLES``, of the archived
sources, of the citation record and licences, and of this package's code: when any of them
changes, the cache misses and the chapters that depend on it run again.

It also writes the chart bundle, the downloads and the forwarding pages into the built book,
offers each chapter's executed notebook for download, and puts the singlehtml page (which
the PDF edition prints) at the root.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from . import downloads, paths, vendor

PACKAGE = Path(__file__).resolve().parent


def chapter_name(docname: str) -> str | None:
    """The chapter a Sphinx document is, if it is one of the book's chapters."""
    folder, _, name = docname.rpartition("/")
    return name if folder == "chapters" and name in paths.CHAPTER_TABLES else None


def fingerprint(chapter: str, data_dir: Path = paths.DATA) -> str:
    """Hash of everything a chapter's numbers depend on besides its own code."""
    digest = hashlib.sha256()
    files = [data_dir / paths.TABLE_FILES[table] for table in paths.CHAPTER_TABLES[chapter]]
    files += sorted((data_dir / paths.SOURCES_SUBDIR).glob("*.txt"))
    files += sorted(PACKAGE.glob("*.py")) + list(paths.BOOK_INPUTS)
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def fingerprint_cell(chapter: str) -> str:
    return ("\n\n```{code-cell} ipython3\n:tags: [remove-cell]\n"
            f"# inputs fingerprint (tables, sources, package): {fingerprint(chapter)}\n```\n")


def _add_fingerprint(app, docname: str, source: list[str]) -> None:
    chapter = chapter_name(docname)
    if chapter:
        source[0] += fingerprint_cell(chapter)


def _outdated_by_inputs(app, env, added, changed, removed) -> list[str]:
    known = getattr(env, "prisons_fingerprints", {})
    outdated = []
    for docname in env.found_docs:
        chapter = chapter_name(docname)
        if chapter:
            current = fingerprint(chapter)
            if known.get(docname) != current and docname not in added:
                outdated.append(docname)
            known[docname] = current
    env.prisons_fingerprints = known
    return outdated


# Pages renamed after they were published, so that published permalinks keep working:
# the old page forwards to the new one with the same anchor (``evidence.html#<figure_id>``).
MOVED_PAGES = {"chapters/evidence.html": "figures.html"}


def redirect_page(target: str) -> str:
    """A page that forwards to ``target`` keeping the anchor; a plain link when scripts are off."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Moved</title>\n"
            f"<script>location.replace(\"{target}\" + location.hash);</script>\n"
            f"<meta http-equiv=\"refresh\" content=\"0; url={target}\"></head>\n"
            f"<body><p>This page has moved to <a href=\"{target}\">{target}</a>.</p></body></html>\n")


def _write_bundle_downloads_and_redirects(app, exception) -> None:
    """Ship the bundle and the downloads with every HTML-like build: ``format`` is "html" for the
    html and singlehtml builders alike (the PDF edition prints the singlehtml build)."""
    if exception is None and app.builder.format == "html":
        vendor.write_bundle(Path(app.outdir))
        downloads.write(Path(app.outdir))
        if app.builder.name == "html":
            for old, new in MOVED_PAGES.items():
                (Path(app.outdir) / old).write_text(redirect_page(new), encoding="utf-8")


def _offer_notebook(app, pagename, templatename, context, doctree) -> None:
    """Put the executed notebook beside the page's source so the theme's download menu offers
    it (sphinx-book-theme only does so when a launch service is configured, and we have none)."""
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if chapter_name(pagename) and executed.exists():
        target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(executed, target)
        context["ipynb_source"] = f"{pagename}.ipynb"


def _singlehtml_at_root(app, exception) -> None:
    """Sphinx's singlehtml builder links its one page as if it sat at the root (``_static/``,
    ``data-content_root="./"``) but writes it at the root document's path, chapters/index.html,
    where none of those links resolve. Put it at the root; leave a redirect where it was."""
    if exception is not None or app.builder.name != "singlehtml":
        return
    outdir = Path(app.outdir)
    written = outdir / (app.config.root_doc + app.builder.out_suffix)
    if written != outdir / "index.html":
        (outdir / "index.html").write_bytes(written.read_bytes())
        up = "../" * (len(written.relative_to(outdir).parts) - 1)
        written.write_text(f'<meta http-equiv="Refresh" content="0; url={up}index.html" />\n', encoding="utf-8")


def _drop_unused_mathjax(app, pagename, templatename, context, doctree) -> None:
    """jupyter-book makes the singlehtml builder load MathJax from a CDN whether or not there is
    any maths; the book has none, and the PDF edition is printed offline. Keep it only if needed."""
    if "script_files" in context and not app.env.get_domain("math").has_equations():
        mathjax = app.config.mathjax_path
        context["script_files"][:] = [s for s in context["script_files"] if getattr(s, "filename", s) != mathjax]


def _drop_repeated_scripts(app, pagename, templatename, context, doctree) -> None:
    """Sphinx 7.4 can add sphinx-thebe's inline script twice (filename None, then ''),
    which redeclares a const and throws on every page; keep the first of each."""
    seen, kept = set(), []
    for script in context.get("script_files", []):
        key = (getattr(script, "filename", script) or "", repr(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            kept.append(script)
    if "script_files" in context:
        context["script_files"][:] = kept


def _add_static(app, config) -> None:
    config.html_static_path.append(str(PACKAGE / "static"))


def setup(app):
    app.connect("config-inited", _add_static)
    app.add_js_file("permalinks.js")
    app.connect("html-page-context", _drop_repeated_scripts)
    app.connect("html-page-context", _offer_notebook, priority=400)
    app.connect("source-read", _add_fingerprint)
    app.connect("env-get-outdated", _outdated_by_inputs)
    app.connect("build-finished", _write_bundle_downloads_and_redirects)
    app.connect("build-finished", _singlehtml_at_root)
    app.connect("html-page-context", _drop_unused_mathjax, priority=900)
    return {"parallel_read_safe": False, "parallel_write_safe": True, "version": "1"}
