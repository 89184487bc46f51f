"""The house style every story's chart shares, the offline renderer, and the chart's words and data.

Charts render, at notebook execution, to a static SVG with the spec beside it as data
(``prisons.chart_output``); the page's loader draws the interactive chart from the book's own
``_vendor/`` bundle, never from a CDN. The bundle must match Altair's Vega-Lite version:
``vendor.bundle_js()`` checks that, and a test holds it.
"""
from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from . import chart_output

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


alt.renderers.register("prisons_offline", chart_output.chart_html)
alt.renderers.enable("prisons_offline")


def titled(chart: alt.Chart, title: str, subtitle: str) -> alt.Chart:
    """Title and subtitle, the subtitle wrapped to the chart's width."""
    return chart.properties(title=alt.Title(title, subtitle=textwrap.wrap(subtitle, 75)))


def text_alternative(text: str):
    """A chart's finding in words, shown as a paragraph right after the chart."""
    from IPython.display import Markdown

    return Markdown(f"**In words:** {text}")


def data_table(frame: pd.DataFrame, columns: dict[str, str]) -> pd.io.formats.style.Styler:
    """A chart's data as a plain table, with readable column names and thousands separators."""
    shown = frame[list(columns)].rename(columns=columns)
    return shown.style.hide(axis="index").format(precision=3, thousands=",", na_rep="")
