"""The house style every story's chart shares, the offline renderer, and the chart's words and data.

Charts render to HTML that loads Vega from the book's own ``_vendor/`` folder (see
``prisons.vendor``), never from a CDN. The bundle must match Altair's Vega-Lite version:
``vendor.bundle_js()`` checks that, and a test holds it.
"""
from __future__ import annotations

import hashlib
import json
import textwrap

import altair as alt
import pandas as pd

from .book import vendor
from .fmt import escape_markdown, printable

# Okabe-Ito: distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
WIDTH = 400


@alt.theme.register("prisons", enable=True)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": 260, "stroke": None},
            "range": {"category": PALETTE},
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "gridColor": "#e6e6e6"},
            "legend": {"labelFontSize": 12, "titleFontSize": 13},
            "title": {"fontSize": 15, "anchor": "start", "subtitleFontSize": 12, "subtitleColor": "#444"},
            "mark": {"color": PALETTE[0]},
        }
    }


def _loader_js(element: str, spec_json: str, options: str) -> str:
    """Import the bundle from the page's content root, then draw.

    The URL is computed in the browser because the same cached output serves the html build
    (chapters one folder below the root) and the singlehtml build (one page at the root); the
    module map loads the bundle once however many charts a page has. The chart claims the first
    unclaimed div with its id, as the single page can show the same chart in two chapters.
    ``data-state`` ends "drawn" (or "failed"), which the PDF printer waits for.
    """
    return (
        f'const chart = document.querySelector(\'div.prisons-chart[id="{element}"]:not([data-state])\');\n'
        'chart.dataset.state = "loading";\n'
        'const root = document.documentElement.dataset.content_root ?? "../";\n'
        "try {\n"
        f'  await import(root + "{vendor.BUNDLE_PATH}");\n'
        f"  await vegaEmbed(chart, {spec_json}, {options});\n"
        '  chart.dataset.state = "drawn";\n'
        '} catch (error) { chart.dataset.state = "failed"; throw error; }'
    )


def script_safe_json(value) -> str:
    """JSON that cannot end the script it sits in or open a comment there (``</script>``, ``<!--``):
    ``<``, ``>`` and ``&`` written as JSON escapes, which parse back to the same characters."""
    text = json.dumps(value, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# No eval (``ast``: Vega's expression interpreter) and no injected <style>, as the pages' CSP requires.
_OPTIONS = json.dumps({"renderer": "svg", "actions": False, "ast": True, "defaultStyle": False,
                       "tooltip": {"disableDefaultStyle": True}})


def _element(spec_json: str) -> str:
    return "chart-" + hashlib.sha256(spec_json.encode()).hexdigest()[:12]


def is_loader_script(script: str) -> bool:
    """Is ``script`` exactly a loader this renderer writes (so the pages' CSP may run it by hash)?
    Its spec must be script-safe JSON and its element the spec's own hash."""
    start, end = "  await vegaEmbed(chart, ", f", {_OPTIONS});\n"
    if start not in script or end not in script:
        return False
    spec_json = script.split(start, 1)[1].rsplit(end, 1)[0]
    return "<" not in spec_json and f"\n{_loader_js(_element(spec_json), spec_json, _OPTIONS)}\n" == script


def _offline_html(spec: dict) -> dict[str, object]:
    """Render a chart as HTML that loads the vendored Vega bundle from the book itself."""
    spec_json = script_safe_json(spec)
    element = _element(spec_json)
    html = (
        f'<div class="prisons-chart" id="{element}"></div>\n'
        f'<script type="module">\n{_loader_js(element, spec_json, _OPTIONS)}\n</script>'
    )
    return {"text/html": html}


alt.renderers.register("prisons_offline", _offline_html)
alt.renderers.enable("prisons_offline")


def titled(chart: alt.Chart, title: str, subtitle: str) -> alt.Chart:
    """Title and subtitle, the subtitle wrapped to the chart's width."""
    return chart.properties(title=alt.Title(title, subtitle=textwrap.wrap(subtitle, 75)))


def text_alternative(text: str):
    """A chart's finding in words, shown as a paragraph right after the chart."""
    from IPython.display import Markdown

    return Markdown(f"**In words:** {escape_markdown(text)}")


def data_table(frame: pd.DataFrame, columns: dict[str, str]) -> pd.io.formats.style.Styler:
    """A chart's data as a plain table, with readable column names and thousands separators; every
    cell and header HTML-escaped (the data is text from contributors, never markup)."""
    shown = frame[list(columns)].rename(columns=columns)
    shown = shown.map(lambda cell: printable(cell) if isinstance(cell, str) else cell)
    return (shown.style.hide(axis="index").format(precision=3, thousands=",", na_rep="", escape="html")
            .format_index(escape="html", axis=1))
