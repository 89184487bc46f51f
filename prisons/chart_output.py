"""What a chart cell puts on the page, and the pictures the book offers of it.

The output is inert: a static SVG drawn offline by vl-convert (what the page shows first, and
all it shows with JavaScript off), the Vega-Lite spec as a JSON data block, and the chart's
download links. Nothing in it runs: the book's one loader script (``book/static/charts.js``)
finds the data blocks and swaps each picture for the interactive chart when it comes into view.
The build reads the picture and the spec back for the chart's downloads (``book/chart_files.py``).
"""
from __future__ import annotations

import hashlib
import io
import json
import re
from functools import cache
from html import escape
from xml.etree import ElementTree

import vl_convert

from . import paths
from .chart_direction import (ARABIC_SCRIPT, RIGHT_TO_LEFT_MARK, left_to_right_anchors, mirrored,  # noqa: F401
                              one_text_per_line, right_to_left)
from .i18n import RIGHT_TO_LEFT
from .book import site, vendor

CSS_CLASS = "prisons-chart"
SPEC_CLASS = "prisons-chart-spec"
STATIC_CLASS = "prisons-chart-static"
# The picture and the spec as ``chart_html`` writes them, for the build to read back. The spec's
# text is JSON with <, > and & escaped, so no string in the data (a "</script>" in an event's
# description, say) can end its block; the picture's text is escaped by Vega's SVG writer.
CHART_OUTPUT = re.compile(rf'<div class="{STATIC_CLASS}" data-layout="narrow"><svg\b.*?</svg></div>\n'
                          rf'<div class="{STATIC_CLASS}" data-layout="wide">(<svg\b.*?</svg>)</div>\n'
                          rf'<script type="application/json" class="{SPEC_CLASS}">([^<]*)</script>', re.DOTALL)
# A chart as wide as its column is drawn offline (there is no page to measure) twice: for the
# column of a desktop or tablet (the downloads are this one), and for a phone's column (a 360 px
# screen's 328 px), so that a phone shows its text at the size it was set, not shrunk by half.
# The stylesheet picks one by the screen's width (``book/static/charts.css``), with no script.
STATIC_WIDTH = 640
NARROW_STATIC_WIDTH = 328
LAYOUTS = {"narrow": NARROW_STATIC_WIDTH, "wide": STATIC_WIDTH}
PNG_SCALE = 2  # the PNG download is for slides
# A chart is a few flat colours and their anti-aliased edges: a palette of this many keeps it as it
# looks and makes the PNG a sixth of its size, light enough to pass on over a slow line.
PNG_COLOURS = 128
CHART_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DOWNLOADS = {"png": "PNG", "svg": "SVG", "csv": "Data (CSV)"}
# The button that draws the interactive chart (``book/static/charts.js`` shows it, scripts being on).
OPEN_LABEL = "Open the interactive chart"
# The static picture is written into the page itself: it may hold shapes and text, nothing
# that runs, links or loads.
UNSAFE_ELEMENTS = {"script", "foreignobject", "a", "style", "image", "use", "iframe", "object", "embed",
                   "animate", "set", "handler", "listener"}
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


class UnsafePicture(ValueError):
    """vl-convert's SVG holds something that could run or load when written into a page."""


def chart_id(spec: dict) -> str:
    """The chart's stable name (its ``usermeta.chart_id``), else one made from its content."""
    given = (spec.get("usermeta") or {}).get("chart_id")
    if given is None:
        return "chart-" + hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:12]
    if not isinstance(given, str) or not CHART_ID.fullmatch(given):
        raise ValueError(f"usermeta chart_id {given!r}: use lower-case letters, digits and single hyphens")
    return given


def at_fixed_width(spec: dict, width: int = STATIC_WIDTH) -> dict:
    """A container-width chart at ``width``, padding and axes included, for vl-convert."""
    if spec.get("width") != "container":
        return spec
    autosize = spec.get("autosize") if isinstance(spec.get("autosize"), dict) else {}
    return {**spec, "width": width, "autosize": {"type": "fit-x", **autosize, "contains": "padding"}}


def check_inert(svg: str) -> str:
    """Refuse a picture with anything that runs, links or loads; return it unchanged."""
    for element in ElementTree.fromstring(svg).iter():
        tag = element.tag.rpartition("}")[2].lower()
        attributes = [name.rpartition("}")[2].lower() for name in element.attrib]
        bad = [a for a in attributes if a.startswith("on") or a == "href"]
        if tag in UNSAFE_ELEMENTS or bad:
            raise UnsafePicture(f"the chart's SVG has <{tag}> {' '.join(bad)}: charts may not link, load or run")
    return svg


# Characters XML forbids (C0 controls but tab, newline and return; U+FFFE, U+FFFF): vl-convert
# aborts the whole process on one in a chart's text, and no browser could show it.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value):
    """The spec with every character XML forbids shown as U+FFFD, as the tables show them."""
    if isinstance(value, str):
        return _NOT_XML.sub("\ufffd", value)
    if isinstance(value, dict):
        return {xml_safe(key): xml_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [xml_safe(item) for item in value]
    return value


def svg(spec: dict, width: int = STATIC_WIDTH) -> str:
    """The chart as SVG, drawn offline at ``width``, with a viewBox so that CSS can scale it (a
    right-to-left language's lines in their order)."""
    drawn = vl_convert.vegalite_to_svg(at_fixed_width(spec, width), vl_version=vendor.VEGALITE_VERSION)
    lang = (spec.get("usermeta") or {}).get("lang", "en")
    return check_inert(right_to_left(drawn) if lang in RIGHT_TO_LEFT else drawn)


@cache
def _persian_font_registered() -> bool:
    if paths.PERSIAN_CHART_FONTS.is_dir():
        vl_convert.register_font_directory(str(paths.PERSIAN_CHART_FONTS))
        return True
    return False


def png(svg_text: str) -> bytes:
    """The chart's SVG as PNG at twice its size, drawn offline (a Persian chart in the edition's
    font, which a PNG cannot load: without it resvg falls back on a system font)."""
    if ARABIC_SCRIPT.search(svg_text) and not _persian_font_registered():
        raise FileNotFoundError(f"{paths.relative(paths.PERSIAN_CHART_FONTS)} is missing: run `npm ci` (make book does)")
    return palette_png(vl_convert.svg_to_png(one_text_per_line(left_to_right_anchors(svg_text)), scale=PNG_SCALE))


def palette_png(png_bytes: bytes) -> bytes:
    """The PNG with its colours quantized to a palette of ``PNG_COLOURS``, transparency kept."""
    from PIL import Image

    picture = Image.open(io.BytesIO(png_bytes)).convert("RGBA")
    quantized = picture.quantize(colors=PNG_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    quantized.save(out, format="PNG", optimize=True)
    return out.getvalue()


def spec_block(spec: dict) -> str:
    """The spec as a JSON data block that no text inside it can break out of (keys in Altair's
    order, so that the CSV's columns are the frame's)."""
    text = json.dumps(spec, ensure_ascii=False)  # Persian as itself: a third of the bytes of \u escapes
    for char, code in _ESCAPES.items():
        text = text.replace(char, code)
    return f'<script type="application/json" class="{SPEC_CLASS}">{text}</script>'


def charts_in(html: str) -> list[tuple[dict, str]]:
    """The charts in a page or cell output, in order: each one's spec and wide static SVG (the
    one the downloads are made from)."""
    return [(json.loads(spec), picture) for picture, spec in CHART_OUTPUT.findall(html)]


def downloads_html(name: str, lang: str = "en") -> str:
    from .i18n import tr

    opener = f'<button type="button" class="prisons-chart-open" hidden>{escape(tr(OPEN_LABEL, lang))}</button> '
    links = " ".join(f'<a href="{site.chart_file_from_chapter(f"{name}.{suffix}")}" download>{escape(tr(label, lang))}</a>'
                     for suffix, label in DOWNLOADS.items())
    return f'<p class="prisons-chart-downloads">{opener}{escape(tr("Download this chart:", lang))} {links}</p>'


def chart_html(spec: dict) -> dict[str, str]:
    """Altair's renderer: the static picture, the spec, and the downloads, with no script to run.

    ``data-state`` is "static" until the loader draws the interactive chart ("drawn", or
    "failed", when the picture stays). ``data-bundle`` is the bundle's address from the edition's
    root, which the page knows (the html and singlehtml builds share these cached outputs).
    """
    spec = xml_safe(spec)
    name, lang = chart_id(spec), (spec.get("usermeta") or {}).get("lang", "en")
    if lang in RIGHT_TO_LEFT:
        spec = mirrored(spec)
    return {"text/html": (
        f'<div class="{CSS_CLASS}" data-chart-id="{name}" data-state="static" data-bundle="{vendor.bundle_address(lang)}">'
        + "".join(f'<div class="{STATIC_CLASS}" data-layout="{layout}">{svg(spec, width)}</div>\n' for layout, width in LAYOUTS.items())
        + f'{spec_block(spec)}\n{downloads_html(name, lang)}</div>')}
