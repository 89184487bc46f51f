"""The house style every story's chart shares, the offline renderer, and the chart's words and data.

Charts render, at notebook execution, to a static SVG with the spec beside it as data
(``prisons.chart_output``); the page's loader draws the interactive chart from the book's own
``_vendor/`` bundle, never from a CDN. The bundle must match Altair's Vega-Lite version:
``vendor.bundle_js()`` checks that, and a test holds it.
"""
from __future__ import annotations

import json
import re
import textwrap

import altair as alt
import pandas as pd

from . import chart_output, fmt, report
from .i18n import RIGHT_TO_LEFT, tr

# Okabe-Ito: distinguishable with the common forms of colour blindness. Black is left out:
# charts sit on the page's own background, light or dark (see _static/reader.css).
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
# Text colours for the light page; reader.css swaps them for the theme's own in dark mode.
INK, MUTED, GRID = "#1a1a1a", "#4d4d4d", "#dddddd"
SMALLEST_TEXT = 11  # px: no label in a chart is smaller


@alt.theme.register("prisons", enable=True)
def _theme() -> alt.theme.ThemeConfig:
    text = {"labelFontSize": 12, "titleFontSize": 12, "labelColor": INK, "titleColor": INK}
    return {
        "config": {
            "font": FONT, "background": None,
            "view": {"continuousWidth": 320, "continuousHeight": 240, "stroke": None},
            "range": {"category": PALETTE},
            "axis": text | {"gridColor": GRID, "domainColor": MUTED, "tickColor": MUTED, "labelLimit": 0},
            # The end labels flush with the plot's ends, so the last one is not cut off at a phone's width.
            "axisQuantitative": {"format": ",~r", "labelFlush": True},
            "legend": text,
            "title": {"fontSize": 15, "anchor": "start", "color": INK, "subtitleFontSize": 12,
                      "subtitleColor": MUTED, "subtitlePadding": 6, "offset": 14},
            "text": {"fontSize": 12, "color": INK},
            "mark": {"color": PALETTE[0]},
        }
    }


alt.renderers.register("prisons_offline", chart_output.chart_html)
alt.renderers.enable("prisons_offline")


# ---------------------------------------------------------------------------- the words around a chart

# Below this plot width (px) a chart's words wrap for a phone; above it, for the text column.
NARROW_WIDTH = 420
# Characters a line holds at the narrowest and at the widest, by font size. A subtitle cannot be
# an expression in Vega-Lite, so it wraps for the phone everywhere (a short measure reads well).
LINE_CHARS = {"title": (30, 72), "label": (40, 100), "footer": (46, 110)}
SUBTITLE_CHARS = 42
FOOTER_GAP = 34  # px from the plot's bottom to the source line, past the x axis' labels


UNBROKEN = "\u00a0"  # a space the wrapping never breaks at, written as a plain space


def wrapped(text: str, role: str) -> dict:
    """Text as lines that fit the chart's width: a Vega expression picks the phone's or the
    column's wrapping from the chart's own width, so words wrap however wide the page is."""
    narrow, wide = (json.dumps([line.replace(UNBROKEN, " ") for line in textwrap.wrap(text, chars)])
                    for chars in LINE_CHARS[role])
    return {"expr": f"width < {NARROW_WIDTH} ? {narrow} : {wide}"}


def wrapped_field(data: pd.DataFrame, column: str) -> pd.DataFrame:
    """``column`` as lines for a phone and for the column, for ``lines_expr`` to choose from."""
    narrow, wide = LINE_CHARS["label"]
    return data.assign(**{f"{column}_narrow": [textwrap.wrap(t, narrow) for t in data[column]],
                          f"{column}_wide": [textwrap.wrap(t, wide) for t in data[column]]})


def lines_expr(column: str) -> str:
    """The lines of a ``wrapped_field`` column that fit the chart's width."""
    return f"width < {NARROW_WIDTH} ? datum['{column}_narrow'] : datum['{column}_wide']"


def words_above_bars(base: alt.Chart, lines: str, row_height: int, bar_height: int = 18, line_height: int = 14):
    """Each row's bar at its bottom and its words (the field ``lines``, a list) just above it, however
    many lines they wrap to: (bars, words), for the caller to encode. The rows are a band scale's,
    without padding; a mark with a ``yOffset`` channel starts from its row's top."""
    bar_top = row_height - bar_height - 2
    placed = base.transform_calculate(words_top=f"{bar_top} - length(datum['{lines}']) * {line_height} - 8")
    bars = placed.mark_bar(height=bar_height, yOffset=bar_top + bar_height / 2 - row_height / 2)  # from the row's middle
    words = placed.mark_text(align="left", baseline="top", lineHeight=line_height).encode(
        x=alt.value(0), yOffset=alt.YOffset("words_top:Q", scale=None), text=f"{lines}:N")
    return bars, words


def vega_words(template: str, **fields: str) -> str:
    """A format string as a Vega expression joining its words (quoted) and its fields (the
    expressions given), so a translation can put the numbers where its own word order needs them."""
    parts = re.split(r"\{(\w+)\}", template)
    return " + ".join(fields[part] if i % 2 else _quoted(part) for i, part in enumerate(parts) if i % 2 or part)


def _quoted(words: str) -> str:
    """Words as a Vega string literal."""
    return "'" + words.replace("\\", "\\\\").replace("'", "\\'") + "'"


def attribution(source: str, lang: str = fmt.ENGLISH) -> str:
    """The line that keeps a chart attributed when it is screenshot: who states the figures,
    the licence and the report."""
    licence = report.DATA_LICENCE["name"].replace("-", UNBROKEN)  # "CC BY 4.0" never split across lines
    return tr("{source}. {licence}: {title}.", lang).format(source=source, licence=licence, title=tr(report.title(), lang))


def _footer(source: str, gap: int, lang: str) -> alt.Chart:
    """The source line, inside the chart, under the plot and its axis."""
    return alt.Chart(pd.DataFrame({"footer": [0]})).mark_text(
        align="left", baseline="top", fontSize=SMALLEST_TEXT, color=MUTED, lineHeight=14, dy=gap,
        text=wrapped(attribution(source, lang), "footer"),
    ).encode(x=alt.value(0), y=alt.value("height"))


def frame(chart: alt.TopLevelMixin, *, chart_id: str, rows: pd.DataFrame, title: str, subtitle: str, source: str,
          height: int, gap: int = FOOTER_GAP, lang: str = fmt.ENGLISH) -> alt.LayerChart:
    """A story's chart as the book shows it: as wide as the text column, its finding as its
    title, what it measures as its subtitle, the source line, licence and report inside it,
    and its stable id (``usermeta.chart_id``) that its downloads are named from (and, in another
    language, ``usermeta.lang``, which the words beside the chart follow). ``rows`` is what the
    chart draws (its ``chart_data``): its columns (``usermeta.columns``) are the CSV's, read back
    from the dataset of the chart's layers that holds them all."""
    framed = alt.layer(chart, _footer(source, gap + (3 * PERSIAN_SPACING if lang in RIGHT_TO_LEFT else 0), lang)).properties(
        width="container", height=height,
        usermeta={"chart_id": chart_id, "columns": list(rows.columns)} | ({} if lang == fmt.ENGLISH else {"lang": lang}),
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding", resize=True),
        title=alt.Title(wrapped(title, "title"), subtitle=textwrap.wrap(subtitle, SUBTITLE_CHARS)),
    )
    return framed if lang not in RIGHT_TO_LEFT else in_persian(framed, lang)


def in_persian(chart, lang: str):
    """A Persian chart: the book's Persian font, Persian digits (``vega_locale``), titles from the
    right, and more room between lines of words, whose font is taller than the Latin one."""
    return chart.configure(locale=vega_locale(lang), font=PERSIAN_FONT).configure_title(
        anchor="end", align="right", subtitlePadding=6 + PERSIAN_SPACING).configure_axis(titlePadding=4 + PERSIAN_SPACING)


PERSIAN_FONT = "Vazirmatn, " + FONT
PERSIAN_SPACING = 6  # px more between a Persian chart's title and subtitle, axis labels and title, axis and source


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


def text_alternative(text: str, lang: str = fmt.ENGLISH):
    """A chart's finding in words, shown as a paragraph right after the chart."""
    from IPython.display import Markdown

    return Markdown(f"**{tr('In words:', lang)}** {fmt.escape_markdown(text)}")


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _cell(value, lang: str = fmt.ENGLISH) -> str:
    """A number as a reader reads it (thousands separated, no trailing zeros, in ``lang``'s
    digits); text as it is."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = fmt.count(value) if float(value).is_integer() else fmt.decimal(value, 4).rstrip("0")
        return fmt.localize(text, lang)
    if lang != fmt.ENGLISH and _ISO_DAY.fullmatch(str(value)):  # «۲۹ فوریه ۲۰۲۰ (۱۰ اسفند ۱۳۹۸)», not 2020-02-29
        return fmt.day(str(value), lang)
    return str(value)


def data_table(frame: pd.DataFrame, caption: str = "The data the chart draws", lang: str = fmt.ENGLISH):
    """What a chart draws, as a plain HTML table with the same columns as its CSV (its headers
    and caption in ``lang``)."""
    from .tables import html_table

    return html_table([{column: _cell(value, lang) for column, value in row.items()} for row in frame.to_dict("records")],
                      caption=caption, lang=lang)


def csv_text(frame: pd.DataFrame) -> str:
    """What a chart draws as CSV (UTF-8, no index, one header row whose names carry the units):
    the same text the book offers beside the chart and a verifier can diff."""
    return frame.to_csv(index=False, lineterminator="\n")
