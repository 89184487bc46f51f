"""What a page says about itself to a search engine or a messaging app's preview: its canonical
address, description and Open Graph tags (sphinxext-opengraph, set up here, in the page's language),
a chart page's share image (its chart's PNG), and the sitemap. All from the one published address
(``report.site_url``); a build without one writes no absolute address at all (no canonical link,
no ``og:url`` or ``og:image``, no sitemap), and says so once.

The sitemap is written here rather than by sphinx-sitemap, which lists only the pages written in
the build at hand (an incremental build, the usual one here, would publish a sitemap of two pages).
"""
from __future__ import annotations

import re
from html import escape
from pathlib import Path

from sphinx.util import logging

from .. import chart_output, report
from . import chart_files, site

logger = logging.getLogger(__name__)
LOCALES = {"en": "en_US", "fa": "fa_IR"}  # og:locale
SITEMAP = "sitemap.xml"
_CUT_ENTITY = re.compile(r"&#?[0-9A-Za-z]{0,8}\.\.\.(?=\")")
_OG_URL = re.compile(r'<meta property="og:url" content="[^"]*" />\n?')


def edition_address(lang: str) -> str | None:
    """The edition's published root, with its trailing slash; None when no address is set."""
    address = report.site_url()
    return f"{address}/{site.EDITION_FOLDERS[lang]}" if address else None


def configure(config, lang: str) -> None:
    """The canonical link (Sphinx's ``html_baseurl``) and the Open Graph settings for this edition."""
    root = edition_address(lang)
    config.html_baseurl = root or ""
    config.ogp_site_url = root or ""
    config.ogp_site_name = config.project
    config.ogp_type = "article"
    config.ogp_social_cards = {"enable": False}  # no picture drawn per page: a chart page shares its chart
    config.ogp_custom_meta_tags = [f'<meta property="og:locale" content="{LOCALES.get(lang, lang)}" />',
                                   '<meta name="twitter:card" content="summary_large_image" />']
    missing = report.unset_accountability()
    if missing and lang == "en":
        logger.info(f"prisons: CITATION.cff leaves unset {' and '.join(missing)}: citations say they come from a local "
                    "copy, pages carry no absolute address, the About page says how to set them")


def share_image(app, pagename, templatename, context, doctree) -> None:
    """A chart page's share image is its first chart's PNG (charts/<chart_id>.png), at the published address."""
    root = edition_address(app.config.language or "en")
    charts = chart_files.charts_by_page(app.env).get(pagename)
    if root and charts and context.get("meta") is not None:
        name = chart_output.chart_id(charts[0][0])
        context["meta"]["og:image"] = f"{root}{site.CHARTS_DIR}/{name}.png"


def no_relative_og_url(app, pagename, templatename, context, doctree) -> None:
    """Without a published address sphinxext-opengraph would give og:url as a relative path: leave it
    out. Its descriptions are cut after escaping, which can cut an entity (``Amnesty International&#x...``,
    an error in HTML): the cut one goes."""
    if "metatags" not in context:
        return
    if not edition_address(app.config.language or "en"):
        context["metatags"] = _OG_URL.sub("", context["metatags"])
    context["metatags"] = _CUT_ENTITY.sub("...", context["metatags"])


def sitemap(pages: list[str], root: str, lang: str) -> str:
    """Every page of the edition at its published address, each with its twin in the other edition."""
    from .editions import translated_pages

    address = report.site_url()
    entries = []
    for page in sorted(pages):
        alternates = ""
        if page in translated_pages():
            alternates = "".join(
                f'<xhtml:link rel="alternate" hreflang="{other}" href="{escape(f"{address}/{folder}{page}.html")}"/>'
                for other, folder in site.EDITION_FOLDERS.items())
        entries.append(f"<url><loc>{escape(f'{root}{page}.html')}</loc>{alternates}</url>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(entries) + "\n</urlset>\n")


def write_sitemap(app, exception) -> None:
    """The edition's sitemap.xml, of every page it has (not only those this build wrote); none without an address."""
    lang = app.config.language or "en"
    root = edition_address(lang)
    target = Path(app.outdir) / SITEMAP
    if exception is not None or app.builder.name != "html":
        return
    if not root:
        target.unlink(missing_ok=True)
        return
    target.write_text(sitemap(sorted(app.env.found_docs), root, lang), encoding="utf-8")
