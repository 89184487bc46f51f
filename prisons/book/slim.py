"""Pages that carry only what they use, for readers on throttled links (see issue 17).

The extensions jupyter-book switches on that the book does not use are left out of
``_config.yml``; of those left, the copy button's files stay only on pages that show code. Every
stylesheet becomes one, ``stylesheet.BUNDLE``, and the theme's icon script and whole webfonts
leave the built book (``templates/layout.html``
stops linking the script; the bundle carries a subset of the font). The scripts left are deferred,
so the text shows before they arrive. A test fails if a page starts using what is dropped here.
"""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.builders.html._assets import _JavaScript

from . import chart_files, site, stylesheet

CODE_ONLY = {"clipboard.min.js", "copybutton.js"}  # the copy button, on pages that show code
# The theme links these two itself, before Sphinx's own list (pydata-sphinx-theme's webpack-macros.html).
THEME_STYLESHEETS = ["_static/styles/theme.css", "_static/styles/pydata-sphinx-theme.css"]
# The one head script that must run in place: the theme's inline scripts after it set its fields.
IN_PLACE = {"documentation_options.js"}
# What the built book no longer needs once the pages are slim: the icon script and the full fonts.
REPLACED = ["_static/scripts/fontawesome.js", "_static/scripts/fontawesome.js.LICENSE.txt", "_static/vendor/fontawesome"]


def _name(asset) -> str:
    return (getattr(asset, "filename", asset) or "").rsplit("/", 1)[-1].split("?", 1)[0]


# The explorers' ipywidgets state, which myst-nb writes into the page: the book loads no widget
# JavaScript (``nb_ipywidgets_js: {}``), so nothing reads it, and its random model ids made every
# build of the Explore page (and its policy's hash) different.
WIDGET_STATE_TYPE = "application/vnd.jupyter.widget-state+json"


def _unused(script, shows_code: bool) -> bool:
    attributes = getattr(script, "attributes", {}) or {}
    return (_name(script) in CODE_ONLY and not shows_code) or attributes.get("type") == WIDGET_STATE_TYPE


def deferred(script):
    """The script, loaded without holding up the page's first paint: on a slow link the head's
    scripts, fetched one after another, kept the text from showing for over a second. They wait
    for the page anyway (``DOMContentLoaded``, Sphinx's ``_ready``), and deferred ones still run in order."""
    attributes = {k: v for k, v in (getattr(script, "attributes", None) or {}).items() if v is not None}
    if (not getattr(script, "filename", None) or _name(script) in IN_PLACE
            or {"defer", "async"} & set(attributes) or attributes.get("type") == "module"):
        return script
    return _JavaScript(script.filename, priority=script.priority, **attributes, defer="defer")


def slim_page(app, pagename, templatename, context, doctree) -> None:
    """The page links the one stylesheet and only the scripts it uses, none of them in the way of its text."""
    if "script_files" not in context:
        return
    shows_code = doctree is not None and any(True for _ in doctree.findall(nodes.literal_block))
    context["script_files"][:] = [deferred(s) for s in context["script_files"] if not _unused(s, shows_code)]
    context["css_files"] = [stylesheet.BUNDLE]


def stylesheets(app) -> list[str]:
    """Every stylesheet a page would have linked, in order."""
    # The charts' stylesheet is bundled too (every page links the one bundle, so a stylesheet a page
    # would add for itself, as the chart pages do, must be in it).
    linked = (THEME_STYLESHEETS + [getattr(css, "filename", css) for css in app.builder.css_files]
              + [f"_static/{chart_files.LOADER_CSS}"])
    return [name for name in dict.fromkeys(linked) if "://" not in name]


def corpus(outdir: Path) -> list[str]:
    """The text of every page and every script the pages may run, for the stylesheet to keep what they use
    (the chart bundle's too, which the Persian edition links from the English site rather than ships)."""
    from . import vendor

    dropped = {Path(r).name for r in REPLACED} | {vendor.BUNDLE_NAME}
    texts = [vendor.bundle_js()]
    for path in sorted(outdir.rglob("*")):
        rel = path.relative_to(outdir)
        # Not the other edition's pages: the English site takes the Persian one in after its own build,
        # so they are there or not depending on the build before, and the stylesheet would be too.
        if (path.suffix in (".html", ".js") and rel.parts[0] not in ("_sources", "downloads", *site.EDITION_ROOTS)
                and path.name not in dropped):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return texts


def _remove(path: Path) -> None:
    if path.is_dir():
        for child in sorted(path.rglob("*"), reverse=True):
            child.rmdir() if child.is_dir() else child.unlink()
        path.rmdir()
    elif path.exists():
        path.unlink()


def static_files_copied(outdir: Path) -> bool:
    """Whether Sphinx copied the static files in this build. It does whenever it writes a page,
    and not at all when no page is out of date ("no targets are out of date"): then the theme's
    stylesheets pruned last time are absent (other extensions may still write one or two of
    theirs, so only the theme's tell), and the bundle made from them still holds."""
    return all((outdir / name).is_file() for name in THEME_STYLESHEETS) or not (outdir / stylesheet.BUNDLE).is_file()


def write_stylesheet_and_prune(app, exception) -> None:
    """Write the one stylesheet, then remove the files no page links any more."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    bundled = stylesheets(app)
    if not static_files_copied(outdir):
        return
    stylesheet.write_bundle(outdir, bundled, corpus(outdir))
    for name in REPLACED + bundled:
        _remove(outdir / name)
    for source_map in (outdir / "_static").rglob("*.map"):  # for developers' tools only, megabytes
        source_map.unlink()
    for template in (outdir / "_static").rglob("*.html"):  # the theme's Jinja macros, copied as if assets
        template.unlink()
