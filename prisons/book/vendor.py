"""The chart JavaScript, served from the book itself (no CDN: readers may be watched or blocked).

The bundle comes from the pinned ``vl-convert-python`` package and must carry the Vega-Lite
version that Altair writes its specs for. When upgrading Altair, check that
``vl_convert.get_vegalite_versions()`` lists Altair's version; ``bundle_js`` refuses otherwise.
"""
from __future__ import annotations

from pathlib import Path

import altair as alt
import vl_convert

from .site import EDITION_FOLDERS, VENDOR_DIR

VEGALITE_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
BUNDLE_NAME = f"vega-bundle-vl{VEGALITE_VERSION}.js"
# Relative to the book's root. Pages find the root from ``<html data-content_root>`` (Sphinx 7.4
# sets it on every page): chapters sit one folder down in the html build but at the root in
# singlehtml, so no URL written into a notebook's output could serve both.
BUNDLE_PATH = f"{VENDOR_DIR}/{BUNDLE_NAME}"
# The editions share one copy, the English site's (one download, one cache entry for a reader of
# both): the Persian edition sits in the site's ``fa/`` folder, so its pages reach it one folder up.
SHARED_BY = "en"


def bundle_address(lang: str = "en") -> str:
    """The bundle's address from the root of ``lang``'s edition."""
    return BUNDLE_PATH if lang == SHARED_BY else "../" * EDITION_FOLDERS[lang].count("/") + BUNDLE_PATH


class VersionMismatch(RuntimeError):
    """vl-convert cannot bundle the Vega-Lite version that Altair writes."""


def classic_script(module_source: str) -> str:
    """vl-convert's bundle as a classic script: Chromium loads no module script from ``file://``.
    The bundle has no import or export, but its top-level names would become the page's globals
    (and clash with the page's own): a function scope keeps them in, strict as a module is."""
    return f'(function () {{\n"use strict";\n{module_source}\n}})();\n'


def bundle_js() -> str:
    """Vega, Vega-Lite and vega-embed in one classic script that sets ``window.vegaEmbed``
    (loaded by ``static/charts.js`` when a chart comes into view)."""
    available = vl_convert.get_vegalite_versions()
    if VEGALITE_VERSION not in available:
        raise VersionMismatch(
            f"Altair {alt.__version__} writes Vega-Lite {VEGALITE_VERSION}, but vl-convert-python "
            f"{vl_convert.__version__} bundles only {', '.join(available)}: pin versions that agree"
        )
    return classic_script(vl_convert.javascript_bundle(vl_version=VEGALITE_VERSION))


def write_bundle(html_root: Path) -> Path:
    """Write the bundle into the built book, outside ``_static`` (whose scripts load on every page);
    only the English build does (``SHARED_BY``), the Persian pages link its copy."""
    target = Path(html_root) / VENDOR_DIR / BUNDLE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    script = bundle_js()
    if not target.exists() or target.read_text(encoding="utf-8") != script:
        target.write_text(script, encoding="utf-8")
    return target
