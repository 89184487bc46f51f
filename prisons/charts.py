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
from .i18n import tr

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


RTL = "fa"
PERSIAN_FONT = "Vazirmatn, " + FONT


def vega_locale(lang: str) -> dict:
    """Vega's number and time locale for a language: its digits, separators and month names, from
    the same CLDR data as the prose (``fmt.style``)."""
    written = fmt.style(lang)
    number = {"decimal": written.decimal, "thousands": written.group, "grouping": [3], "currency": ["", ""],
              "numerals": list(written.digits), "percent": written.percent, "minus": written.minus}
    months = list(written.months)
    time = {"dateTime": "%x %X", "date": "%d %B %Y", "time": "%H:%M", "periods": ["", ""],
            "days": [""] * 7, "shortDays": [""] * 7, "months": months, "shortMonths": months}
    return {"number": number, "time": time}


def digits_expr(expression: str, lang: str) -> str:
    """A Vega expression whose Latin digits are written in ``lang`` (d3's time format has no
    numerals of its own, so a date axis needs this)."""
    for latin, written in zip("0123456789", fmt.style(lang).digits):
        if latin != written:
            expression = f"replace({expression}, /{latin}/g, '{written}')"
    return expression


def x_scale(lang: str, **kwargs) -> alt.Scale:
    """A horizontal scale that runs the way the language reads."""
    return alt.Scale(reverse=lang == RTL, **kwargs)


def y_axis(lang: str, **kwargs) -> alt.Axis:
    """The category axis on the side the language starts from."""
    return alt.Axis(orient="right" if lang == RTL else "left", **kwargs)


def label_mark(lang: str) -> dict:
    """A text label beside the end of a bar, on the side the bar grows towards."""
    return {"align": "right", "dx": -4} if lang == RTL else {"align": "left", "dx": 4}


def titled(chart: alt.Chart, title: str, subtitle: str, lang: str = fmt.ENGLISH) -> alt.Chart:
    """Title and subtitle, the subtitle wrapped to the chart's width; a Persian chart reads from
    the right, in the book's Persian font, with Persian digits (``vega_locale``)."""
    chart = chart.properties(title=alt.Title(title, subtitle=textwrap.wrap(subtitle, 75)))
    if lang != RTL:
        return chart
    return chart.configure(locale=vega_locale(lang), font=PERSIAN_FONT).configure_title(anchor="end", align="right")


def text_alternative(text: str, lang: str = fmt.ENGLISH):
    """A chart's finding in words, shown as a paragraph right after the chart."""
    from IPython.display import Markdown

    return Markdown(f"**{tr('In words:', lang)}** {text}")


def _cell(value, lang: str) -> str:
    """One cell of a data table as the English table shows it (up to three decimals, thousands
    separators), in ``lang``'s digits."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = f"{value:,.3f}" if isinstance(value, float) and not float(value).is_integer() else f"{round(value):,}"
        return fmt.localize(text, lang)
    return str(value)


def data_table(frame: pd.DataFrame, columns: dict[str, str], lang: str = fmt.ENGLISH) -> pd.io.formats.style.Styler:
    """A chart's data as a plain table, with readable column names and thousands separators
    (in Persian digits in the Persian edition)."""
    shown = frame[list(columns)].rename(columns={key: tr(label, lang) for key, label in columns.items()})
    styled = shown.style.hide(axis="index")
    if lang == fmt.ENGLISH:
        return styled.format(precision=3, thousands=",", na_rep="")
    return styled.format(lambda value: _cell(value, lang))
