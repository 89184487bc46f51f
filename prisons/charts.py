"""One house style and one function per chart, each with a text alternative from the same data.

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

from . import compute, vendor
from .fmt import count, day, decimal, span

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


def _titled(chart: alt.Chart, title: str, subtitle: str) -> alt.Chart:
    """Title and subtitle, the subtitle wrapped to the chart's width."""
    return chart.properties(title=alt.Title(title, subtitle=textwrap.wrap(subtitle, 75)))


# ---------------------------------------------------------------------------- occupancy


def occupancy(table: pd.DataFrame) -> alt.LayerChart:
    """Each official population count against the declared capacity."""
    data = table.assign(label=[f"{day(a)} count" for a in table["as_of"]],
                        ratio_text=[f"{decimal(r)} times capacity" for r in table["ratio"]])
    base = alt.Chart(data)
    bars = base.mark_bar(color=PALETTE[1]).encode(
        y=alt.Y("label:N", title=None, sort=None),
        x=alt.X("population:Q", title="Prisoners"),
        tooltip=[alt.Tooltip("label:N", title="Count"), alt.Tooltip("population:Q", format=",", title="Population"),
                 alt.Tooltip("capacity:Q", format=",", title="Declared capacity"),
                 alt.Tooltip("ratio:Q", format=".2f", title="Times capacity"),
                 alt.Tooltip("over_capacity:Q", format=",", title="Over capacity"), alt.Tooltip("caveat:N")],
    )
    capacity = base.mark_rule(color=PALETTE[0], strokeWidth=3).encode(x="capacity:Q", tooltip=[alt.Tooltip("capacity:Q", format=",", title="Declared capacity")])
    labels = base.mark_text(align="left", dx=4).encode(y=alt.Y("label:N", sort=None), x="population:Q", text="ratio_text:N")
    return _titled(bars + capacity + labels, "Prison population against declared capacity",
                   "Bars: official counts. Blue line: the officially declared capacity. Source: Amnesty International.")


def describe_occupancy(table: pd.DataFrame) -> str:
    parts = [f"the {day(r.as_of)} count of {count(r.population)} is {decimal(r.ratio)} times the declared capacity "
             f"of {count(r.capacity)}, {count(r.over_capacity)} people over it" for r in table.itertuples()]
    return "The chart shows that " + "; ".join(parts) + ". Officials gave both counts, as reported by Amnesty International."


# ---------------------------------------------------------------------------- the March request


def _request_data(per_prisoner: pd.DataFrame) -> pd.DataFrame:
    one_basis = per_prisoner.drop_duplicates("figure_id")
    scale = {item_id: spec[2] for item_id, spec in compute.CONSUMABLES.items()}
    return pd.DataFrame({"item": one_basis["item"], "figure_id": one_basis["figure_id"],
                         "quantity": one_basis["quantity"], "unit": one_basis["unit"],
                         "share_unit": one_basis["share_unit"],
                         "share_quantity": [q * scale[i] for q, i in zip(one_basis["quantity"], one_basis["figure_id"])]})


def request_whatif(per_prisoner: pd.DataFrame, headline: dict) -> alt.LayerChart:
    """Per prisoner per day, recomputed in the browser as the reader moves the population and days."""
    populations = sorted(per_prisoner["population"].unique())
    days_low, days_high = int(per_prisoner["days_low"].iloc[0]), int(per_prisoner["days_high"].iloc[0])
    labels = [f"{count(p)} ({day(a)} count)" for p, a in
              per_prisoner.drop_duplicates("population").sort_values("population")[["population", "basis_as_of"]].itertuples(index=False)]
    population = alt.param(name="population", value=headline["population"],
                           bind=alt.binding_select(options=populations, labels=labels, name="Prison population: "))
    days = alt.param(name="days", value=days_high,
                     bind=alt.binding_range(min=days_low, max=days_high, step=1, name='Days in "three months": '))
    base = alt.Chart(_request_data(per_prisoner)).transform_calculate(
        per_day="datum.share_quantity / population / days",
        label="format(datum.per_day, '.3~r') + ' ' + datum.share_unit",
    )
    bars = base.mark_bar().encode(
        y=alt.Y("item:N", title=None, sort=None),
        x=alt.X("per_day:Q", title="Per prisoner per day (log scale)", scale=alt.Scale(type="log"), stack=None),
        tooltip=[alt.Tooltip("item:N"), alt.Tooltip("quantity:Q", format=",", title="Requested"), alt.Tooltip("unit:N"),
                 alt.Tooltip("label:N", title="Per prisoner per day")],
    )
    text = base.mark_text(align="left", dx=4).encode(y=alt.Y("item:N", sort=None), x="per_day:Q", text="label:N")
    return _titled((bars + text).add_params(population, days), "The 25 March 2020 request, per prisoner per day",
                   "Move the controls: the population basis and the length of \"three months\" are both uncertain. "
                   "Source: the letter as quoted by Amnesty International.")


def describe_request(per_prisoner: pd.DataFrame, headline: dict) -> str:
    rows = per_prisoner[per_prisoner["basis"] == headline["figure_id"]]
    parts = [f"{r.item}: {span(r.per_day_low, r.per_day_high, decimal, digits=1 if r.share_unit == 'millilitres' else 3)} {r.share_unit}"
             for r in rows.itertuples()]
    return (f"Per prisoner per day, for a population of {count(headline['population'])} and "
            f"{rows['days_low'].iloc[0]} to {rows['days_high'].iloc[0]} days: " + "; ".join(parts) + ".")


# ---------------------------------------------------------------------------- timeline


TIMELINE_FROM = "2020-01-01"


def _timeline_data(events: pd.DataFrame) -> pd.DataFrame:
    """Events of the outbreak year, each placed at the middle of its stated period."""
    data = events.reset_index(drop=True).assign(
        day=[str(compute.period_midpoint(f"{d}/{e}" if e else d)) for d, e in zip(events["date"], events["date_end"])],
        when=[day(d) + (" (derived)" if b == "derived" else "") for d, b in zip(events["date"], events["date_basis"])],
    )
    return data[data["day"] >= TIMELINE_FROM]


def timeline(events: pd.DataFrame) -> alt.Chart:
    """Letters, statements and events on one time axis; drag to pan, scroll to zoom."""
    data = _timeline_data(events)
    kind = alt.selection_point(fields=["kind"], bind="legend")
    chart = alt.Chart(data).mark_point(size=140, filled=True).encode(
        x=alt.X("day:T", title=None, axis=alt.Axis(format="%d %b %Y")),
        y=alt.Y("kind:N", title=None),
        color=alt.Color("kind:N", title="Kind (click to highlight)"),
        opacity=alt.condition(kind, alt.value(1), alt.value(0.15)),
        tooltip=[alt.Tooltip("when:N", title="Date"), alt.Tooltip("what:N"), alt.Tooltip("actor:N"), alt.Tooltip("source_id:N", title="Source")],
    ).add_params(kind, alt.selection_interval(bind="scales", encodings=["x"])).properties(height=220)
    return _titled(chart, "Letters, statements and events in 2020",
                   "Each point is a dated event in the sources; hover for details. Events dated only to a month sit mid-month.")


def describe_timeline(events: pd.DataFrame, letters: pd.DataFrame) -> str:
    return (f"The chart places {len(_timeline_data(events))} dated events of the outbreak year on one axis. The Prisons Organization's letters fall on "
            + ", ".join(day(d) for d in letters["date"])
            + f"; Asghar Jahangir's interview claiming no prison deaths falls on {day(events.loc[compute.CLAIM_EVENT_ID, 'date'])}.")


# ---------------------------------------------------------------------------- deaths


def deaths(table: pd.DataFrame) -> alt.Chart:
    """Suspected COVID-19 related deaths listed by prison."""
    chart = alt.Chart(table).mark_bar(color=PALETTE[1]).encode(
        y=alt.Y("prison:N", title=None, sort="-x"),
        x=alt.X("deaths:Q", title="Suspected deaths", axis=alt.Axis(tickMinStep=1)),
        tooltip=[alt.Tooltip("prison:N"), alt.Tooltip("deaths:Q", title="Suspected deaths"), alt.Tooltip("figure_id:N", title="Figure")],
    ).properties(height=220)
    return _titled(chart, "Suspected COVID-19 related deaths, by prison",
                   "As reported by independent human rights groups, cited by Amnesty International. Undated; not confirmed.")


def describe_deaths(table: pd.DataFrame, reconciliation: dict) -> str:
    parts = [f"{r.prison}: {count(r.deaths)}" for r in table.itertuples()]
    return (f"Suspected deaths listed for {reconciliation['prisons']} prisons add up to {count(reconciliation['listed'])} "
            f"(the stated overall figure is {reconciliation['qualifier']} {count(reconciliation['stated'])}): " + "; ".join(parts) + ".")


# ---------------------------------------------------------------------------- Parsilon


def parsilon(accounts: pd.DataFrame) -> alt.LayerChart:
    """Each account's numbers for the Parsilon escape, as ranges where the source gives one."""
    data = accounts.dropna(subset=["low"]).assign(
        high_shown=lambda d: d["high"].fillna(d["low"] * 1.5),
        stated=lambda d: [stated_text(r) for r in d.itertuples()],
    )
    account = alt.selection_point(fields=["account"], bind="legend")
    encode = dict(
        y=alt.Y("measure:N", title=None, sort=None), yOffset="account:N",
        color=alt.Color("account:N", title="Account (click to highlight)"),
        opacity=alt.condition(account, alt.value(1), alt.value(0.2)),
        tooltip=[alt.Tooltip("account:N"), alt.Tooltip("measure:N"), alt.Tooltip("stated:N", title="Stated"), alt.Tooltip("quote:N")],
    )
    ranges = alt.Chart(data).mark_bar(height=8).encode(x=alt.X("low:Q", title="People (log scale)", scale=alt.Scale(type="log")), x2="high_shown:Q", **encode)
    points = alt.Chart(data).mark_point(filled=True, size=90).encode(x="low:Q", **encode)
    return _titled((ranges + points).add_params(account), "The Parsilon escape: the governor's numbers and the opposition's",
                   "Points: lowest number each account allows; bars run to its highest (a faded open end where it gives none).")


def stated_text(row) -> str:
    if row.high is None or pd.isna(row.high):
        return f"{row.number_text} (at least {count(row.low)})"
    if row.low == row.high:
        return f"{row.number_text}"
    return f"{row.number_text} ({count(row.low)} to {count(row.high)})"


def describe_parsilon(accounts: pd.DataFrame) -> str:
    parts = []
    for measure, group in accounts.groupby("measure", sort=False):
        said = [f"{r.account}: “{r.quote}”" if r.figure_id else f"{r.account}: no number" for r in group.itertuples()]
        parts.append(f"{measure}: " + "; ".join(said))
    return "Accounts of the escape differ. " + ". ".join(parts) + "."


def text_alternative(text: str):
    """A chart's finding in words, shown as a paragraph right after the chart."""
    from IPython.display import Markdown

    return Markdown(f"**In words:** {text}")


# ---------------------------------------------------------------------------- tables


def data_table(frame: pd.DataFrame, columns: dict[str, str]) -> pd.io.formats.style.Styler:
    """A chart's data as a plain table, with readable column names and thousands separators."""
    shown = frame[list(columns)].rename(columns=columns)
    return shown.style.hide(axis="index").format(precision=3, thousands=",", na_rep="")
