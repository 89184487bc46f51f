"""The Sphinx extension for the book (``prisons.book`` in ``_config.yml``), wired from its jobs:
input fingerprints (``fingerprints``), what the site ships (``assets``), each chart's
downloads and the loader on chart pages (``chart_files``), the header's download menu
(``menu``), and upstream workarounds (``workarounds``). The rest of this package makes what the
book shows and offers: the site's layout, citations, reference anchors, downloads, the chart bundle, the PDF printer.
"""
from __future__ import annotations

from html import escape as escape_html
from pathlib import Path

from .. import paths, report
from ..i18n import tr
from . import about, assets, chart_files, editions, fingerprints, menu, page_security, share, slim, workarounds

STATIC = Path(__file__).resolve().parent / "static"
TEMPLATES = Path(__file__).resolve().parent / "templates"
# The theme's colour modes: the one _config.yml names is written into every page's attributes and
# its first script, so it must be one of these words and nothing else.
THEME_MODES = ("auto", "light", "dark")
# Text from the data, the translations and the citation record is Markdown the code writes, read by
# MyST: no directive may read a file off the build machine (include, literalinclude, csv-table's
# file option) or write raw HTML (the raw directive). No chapter needs either.
DOCUTILS_SETTINGS = {"file_insertion_enabled": False, "raw_enabled": False}


def _configure(app, config) -> None:
    """The book's own static files, and its title from the citation record (defined once), in the
    edition's language (the sidebar and every page's <title> show it)."""
    config.html_static_path.append(str(STATIC))
    config.templates_path.insert(0, str(TEMPLATES))  # before the theme's components, which it overrides
    lang = config.language or "en"
    mode = config.html_context.get("default_mode")
    if mode not in THEME_MODES:
        from sphinx.errors import ConfigError

        raise ConfigError(f"_config.yml: html_context default_mode is {str(mode)[:40]!r}, not one of {', '.join(THEME_MODES)}")
    links = paths.symlinks()
    if links:
        from sphinx.errors import ConfigError

        raise ConfigError(f"{paths.relative(links[0])}: is a symbolic link; the book's inputs must be plain files "
                          "(none is followed into the site or the zips)")
    # The theme writes the title into the navbar unescaped: it is escaped here (the record check
    # refuses markup in it; this keeps the pages safe whatever reached it).
    config.project = config.html_title = escape_html(tr(report.title(), lang), quote=False)
    config.html_context["prisons_by"] = tr("By", lang)
    # Every page shows the edition (version and release date, from CITATION.cff); no "Last updated"
    # or copyright year, which read as the date of a 2020 report.
    config.html_theme_options["extra_footer"] = about.footer(lang=lang)
    config.html_last_updated_fmt = None
    config.html_show_copyright = False
    share.configure(config, lang)


def add_citation_copier(app, pagename, templatename, context, doctree) -> None:
    """The citations' copy buttons, on the pages that have citations only."""
    if 'class="prisons-copy"' in context.get("body", ""):
        app.add_js_file("citations.js", loading_method="defer")


def _lock_docutils(app) -> None:
    """Every document is read with file insertion and the raw directive off (``DOCUTILS_SETTINGS``)."""
    app.env.settings.update(DOCUTILS_SETTINGS)


def setup(app):
    from myst_nb.sphinx_ import HideCodeCellNode

    app.setup_extension("sphinxext.opengraph")  # its settings: share.configure
    app.add_node(HideCodeCellNode, override=True,
                 html=(workarounds.visit_hidden_output, workarounds.depart_hidden_output))
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _lock_docutils)
    app.add_search_language(editions.SearchPersian)
    app.connect("builder-inited", editions.add_persian_assets)
    app.connect("html-page-context", editions.link_twin)
    app.add_js_file(None, body=editions.SWITCH_JS)  # inline (no request on every page), allowed by its hash
    app.connect("build-finished", editions.write_font)
    app.connect("build-finished", editions.refuse_english, priority=900)  # the pages as they are served
    app.connect("html-page-context", assets.offer_notebook, priority=400)
    app.connect("html-page-context", menu.reader_downloads, priority=600)
    app.connect("html-page-context", chart_files.add_loader)
    app.connect("html-page-context", add_citation_copier)
    app.connect("html-page-context", share.share_image, priority=400)  # before sphinxext-opengraph's (500)
    app.connect("html-page-context", share.no_relative_og_url, priority=600)
    app.connect("build-finished", share.write_sitemap)
    app.connect("source-read", fingerprints.add_fingerprint)
    app.connect("doctree-read", chart_files.remember_charts)
    app.connect("env-purge-doc", chart_files.forget_charts)
    app.connect("env-get-outdated", fingerprints.outdated_by_inputs)
    app.connect("build-finished", assets.write_bundle_downloads_and_redirects)
    app.connect("build-finished", chart_files.write_chart_files)
    app.connect("build-finished", workarounds.singlehtml_at_root)
    app.connect("build-finished", workarounds.translations_without_eval)
    app.connect("build-finished", workarounds.search_index_in_utf8)
    app.connect("html-page-context", workarounds.drop_unused_mathjax, priority=900)
    app.connect("html-page-context", slim.slim_page, priority=950)
    app.connect("html-page-context", page_security.secure_page, priority=990)  # after every change to the scripts
    app.connect("build-finished", assets.remove_withdrawn_pages, priority=550)
    app.connect("build-finished", slim.write_stylesheet_and_prune, priority=600)
    return {"parallel_read_safe": False, "parallel_write_safe": True, "version": "1"}
