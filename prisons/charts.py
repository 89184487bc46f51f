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

from . import fmt
from .book import vendor

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


def _offline_html(spec: dict) -> dict[str, object]:
    """Render a chart as HTML that loads the vendored Vega bundle from the book itself."""
    spec_json = json.dumps(spec, sort_keys=True)
    element = "chart-" + hashlib.sha256(spec_json.encode()).hexdigest()[:12]
    options = json.dumps({"renderer": "svg", "actions": {"export": True, "source": False, "compiled": False, "editor": False}})
    html = (
        f'<div class="prisons-chart" id="{element}"></div>\n'
        f'<script type="module">\n{_loader_js(element, spec_json, options)}\n</script>'
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

    return Markdown(f"**In words:** {text}")


def cell(value, digits: int = 2) -> str:
    """One table cell in the book's one number format (``prisons.fmt``): a whole number as a count
    (240,000, never 240,000.000), any other number to ``digits`` decimals, text as it is."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fmt.count(value) if float(value).is_integer() else fmt.decimal(value, digits)
    return str(value)


def data_table(frame: pd.DataFrame, columns: dict[str, str], digits: dict[str, int] | None = None) -> pd.io.formats.style.Styler:
    """A chart's data as a plain table, with readable column names, its numbers formatted by ``cell``
    (``digits`` gives a column more decimals than the default two)."""
    digits = digits or {}
    shown = frame[list(columns)].astype(object)
    shown = shown.apply(lambda column: column.map(lambda v: cell(v, digits.get(column.name, 2))))
    return shown.rename(columns=columns).style.hide(axis="index").format(escape="html")
