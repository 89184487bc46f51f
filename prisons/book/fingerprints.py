"""Never show a stale number: each chapter carries a fingerprint of its inputs.

jupyter-cache keys a notebook on its code alone, so an edit to a data table would leave
cached outputs, and old numbers, in place. Each chapter therefore carries, as a hidden last
cell, a hash of the inputs ``paths.chapter_inputs`` lists for it (its declared tables, the
archived sources, the package, the citation record and licences) and of the published address
(``report.site_url``, which ``SITE_URL`` may set for one build): when any of them changes, the cache
misses and the chapters that depend on it run again.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .. import paths, report
from ..evidence import registry
from . import editions, site


def chapter_name(docname: str) -> str | None:
    """The chapter a Sphinx document is, if it is one of the book's chapters."""
    return site.chapter_of(docname, paths.CHAPTER_TABLES)


def fingerprint(chapter: str, data_dir: Path = paths.DATA, lang: str = "en") -> str:
    """Hash of everything a chapter's numbers depend on besides its own code (a Persian chapter
    also depends on the translations)."""
    digest = hashlib.sha256()
    for path in paths.chapter_inputs(chapter, registry.registered_sources(data_dir), data_dir, lang):
        digest.update(paths.relative(path).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(b"site-url\0" + (report.site_url() or "").encode())
    return digest.hexdigest()


def fingerprint_cell(chapter: str, lang: str = "en") -> str:
    return ("\n\n```{code-cell} ipython3\n:tags: [remove-cell]\n"
            f"# inputs fingerprint (tables, sources, package): {fingerprint(chapter, lang=lang)}\n```\n")


def add_fingerprint(app, docname: str, source: list[str]) -> None:
    chapter = chapter_name(docname)
    if chapter:
        source[0] += fingerprint_cell(chapter, editions.language(app))


def site_styles_fingerprint(static: Path = paths.SITE_STATIC) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in static.rglob("*") if p.is_file()):
        digest.update(path.relative_to(static).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def outdated_by_inputs(app, env, added, changed, removed) -> list[str]:
    """The chapters whose inputs changed since the last build, for Sphinx to read again; every
    page when the reader's stylesheets changed, since Sphinx copies static files (and the book
    makes its one stylesheet from them) only in a build that writes a page."""
    known = getattr(env, "prisons_fingerprints", {})
    outdated = []
    for docname in env.found_docs:
        chapter = chapter_name(docname)
        if chapter:
            current = fingerprint(chapter, lang=editions.language(app))
            if known.get(docname) != current and docname not in added:
                outdated.append(docname)
            known[docname] = current
    env.prisons_fingerprints = known
    styles = site_styles_fingerprint()
    restyled = getattr(env, "prisons_styles", styles) != styles
    env.prisons_styles = styles
    return sorted(env.found_docs - set(added)) if restyled else outdated
