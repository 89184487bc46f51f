"""Two chart layouts the stories share, both readable on a phone: labelled bars (each bar's words
above it, so long names never squeeze the plot) and rows on their own scale (for values that must
not share an axis: different units, or counts of one to three beside hundreds)."""
from __future__ import annotations

import textwrap

import altair as alt

from .charts import LINE_CHARS, MUTED, PALETTE, lines_expr, wrapped_field

BAR = 18        # px: the thickness of a bar
ROW = 66        # px: one labelled bar with up to two lines of words above it
LINE = 14       # px: one line of a bar's words
WORDS_GAP = 10  # px from a row's words to its bar: room for the Persian font's taller lines
# Within its row (as tall for every bar) the words start at the top, the bar right under them.
WORDS_LIFT = ROW // 2 - 4
BAR_DROP = f"length(datum.lines) * {LINE} + {WORDS_GAP + BAR // 2}"  # from the top of the row
ROWS = alt.Scale(paddingInner=0, paddingOuter=0)
TRACK = "#9a9a9a"


def row_height(labels=()) -> int:
    """A row as tall as its words need at a phone's wrapping (the most lines of any row), and the
    bar under them: no row's words reach the bar of the row above or below."""
    most = max((len(textwrap.wrap(text, LINE_CHARS["label"][0])) for text in labels), default=2)
    return max(ROW, most * LINE + BAR + WORDS_GAP + 8)


def rows_height(rows: int, labels=()) -> int:
    return rows * row_height(labels)


def labelled_bars(data, *, category: str, value: str, label: str, x_title: str, color: str = PALETTE[1],
                  tooltip: list | None = None, marks_between: tuple = (), reference: str | None = None,
                  reference_color: str = PALETTE[0]) -> alt.LayerChart:
    """One bar per category on a linear axis from zero, its words above it, left-aligned and
    wrapped to the chart's width; ``marks_between`` are drawn over the bars, under the words. A
    ``reference`` value (a capacity, say) is a thick tick across each bar, never through its words."""
    row = row_height(data[label])
    base = alt.Chart(wrapped_field(data, label)).transform_calculate(
        lines=lines_expr(label)).transform_calculate(bar_drop=BAR_DROP).encode(y=alt.Y(f"{category}:N", sort=None, axis=None, scale=ROWS))
    drop = alt.YOffset("bar_drop:Q", scale=None)
    bars = base.mark_bar(height=BAR, color=color).encode(yOffset=drop,
        x=alt.X(f"{value}:Q", title=x_title, scale=alt.Scale(zero=True), axis=alt.Axis(tickMinStep=1)),
        tooltip=tooltip or [alt.Tooltip(f"{label}:N", title=" ")])
    ticks = [base.mark_tick(color=reference_color, thickness=3, size=BAR + 8, opacity=1).encode(
        x=alt.X(f"{reference}:Q"), yOffset=drop)] if reference else []
    words = base.mark_text(align="left", baseline="top", dy=-(row // 2 - 4), lineHeight=LINE).encode(
        x=alt.value(0), text=alt.Text("lines:N"))
    return alt.layer(bars, *ticks, *marks_between, words)


SCALE_TEXT = 11  # px: a group's scale labels


def rows_on_own_scale(base: alt.Chart, *, group: str, row: str, low: str, high: str, point: str, color: str,
                      colors: alt.Scale, open_end: str | None = None, height: int = ROW,
                      scale_unit: str | None = None, zero: str = "0") -> alt.LayerChart:
    """One row per value, grouped; each group drawn from zero to its own largest value, so rows
    compare only within their group and no axis puts two groups' values on one scale. A value's
    range is a bar from ``low`` to ``high``, its stated or chosen value a diamond, and its words
    (``lines``: number and unit) above it: the words, not the bars, carry the numbers. Each row is
    ``height`` px tall (``row_height`` of its words). With ``scale_unit`` (a field), each group's
    last row carries its scale, labelled: 0 at its start, the group's largest value and its unit at
    its end, so no reader takes one group's bar for another's (leave ``LINE`` px for it)."""
    scaled = base.transform_joinaggregate(group_top=f"max({high})", groupby=[group]).transform_calculate(
        track_start="0", track_end="1", bar_drop=BAR_DROP,
        low_share=f"datum['{low}'] / datum.group_top", high_share=f"datum['{high}'] / datum.group_top",
        point_share=f"datum['{point}'] / datum.group_top",
    ).encode(y=alt.Y(f"{row}:N", sort=None, axis=None, scale=ROWS))
    drop = alt.YOffset("bar_drop:Q", scale=None)
    share = alt.Scale(domain=[0, 1], nice=False)
    track = scaled.mark_rule(color=TRACK, strokeDash=[2, 3]).encode(
        x=alt.X("track_start:Q", scale=share, axis=None), x2="track_end:Q", yOffset=drop)
    hue = alt.Color(f"{color}:N", scale=colors, legend=None)
    opacity = alt.condition(f"datum['{open_end}']", alt.value(0.35), alt.value(1)) if open_end else alt.value(1)
    drawn = f"isValid(datum['{point}'])"  # a value with no number of its own is words only
    ranges = scaled.transform_filter(drawn).mark_bar(height=BAR // 2, cornerRadius=2).encode(
        x=alt.X("low_share:Q", scale=share), x2="high_share:Q", color=hue, opacity=opacity, yOffset=drop)
    # An open-ended value ("several": 3 or more) runs off the scale's end, an arrow says it goes on.
    arrows = [scaled.transform_filter(f"{drawn} && datum['{open_end}']").mark_point(
        shape="triangle-right", filled=True, size=90, opacity=1).encode(
        x=alt.X("track_end:Q", scale=share), color=hue, yOffset=drop)] if open_end else []
    points = scaled.transform_filter(drawn).mark_point(filled=True, size=120, shape="diamond", opacity=1, stroke=MUTED, strokeWidth=0.5).encode(
        x=alt.X("point_share:Q", scale=share), color=hue, yOffset=drop)
    words = scaled.mark_text(align="left", baseline="top", dy=-(height // 2 - 4), lineHeight=LINE).encode(
        x=alt.value(0), text=alt.Text("lines:N"))
    scale_words = []
    if scale_unit:
        last = scaled.transform_window(place="row_number()", groupby=[group]).transform_joinaggregate(
            rows="count()", groupby=[group]).transform_filter("datum.place == datum.rows")
        under = {"baseline": "top", "fontSize": SCALE_TEXT, "color": MUTED, "dy": BAR // 2 + 3}
        scale_words = [last.mark_text(align="left", **under).encode(x=alt.X("track_start:Q", scale=share), yOffset=drop,
                                                                    text=alt.value(zero)),
                       last.mark_text(align="right", **under).encode(
                           x=alt.X("track_end:Q", scale=share), yOffset=drop,
                           text=alt.Text("scale_end:N")).transform_calculate(
                           scale_end=f"format(datum.group_top, '.3~r') + ' ' + datum['{scale_unit}']")]
    return alt.layer(track, ranges, *arrows, points, *scale_words, words)


def value_and_range_lines(name: str, value: str, low: str, high: str, unit: str, range_note: str, to: str = " to ") -> str:
    """A Vega expression for a row's two lines of words: its name, value and unit; then its range
    (``to`` in the chart's language)."""
    def number(field: str) -> str:
        return f"format(datum['{field}'], '.3~r')"
    return (f"[datum['{name}'] + ': ' + {number(value)} + ' ' + datum['{unit}'], "
            f"'(' + {number(low)} + '{to}' + {number(high)} + ' {range_note})']")
