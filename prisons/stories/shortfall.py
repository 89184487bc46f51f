"""What was missing: the places short of the declared capacity, the releases against that gap, the
March request against its own three months, and the request against a benchmark the reader sets.

Every number here is an estimate computed from the sources' figures; none is a new figure. The
benchmark (masks per prisoner per day) is the reader's assumption, not a sourced norm: the sources
give none. Ranges run low to high over both official counts and both readings of "three months".
"""
from __future__ import annotations

from datetime import timedelta

import altair as alt
import pandas as pd

from .. import charts
from ..evidence.dates import days_between, parse_iso
from ..fmt import count, day, decimal, percent, span
from . import ids
from .base import Value, capacity_caveat, carried, derived, described, figure, request_days, require, value

FIGURES = (*ids.POPULATIONS, ids.CAPACITY, ids.FURLOUGHED, ids.PARDONED, ids.REQUEST_DURATION, ids.REQUEST_MASKS)
EVENTS = (ids.REQUEST_LETTER, ids.LATEST_LETTER)
# The reader's benchmark, bounded to values that make sense for masks; the default is illustrative.
BENCHMARK_DEFAULT, BENCHMARK_MIN, BENCHMARK_MAX, BENCHMARK_STEP = 1.0, 0.25, 4.0, 0.25
ESTIMATE = "An estimate, not a figure: "
BENCHMARK_ASSUMPTION = ("it assumes the reader's benchmark (by default one mask per prisoner per day, an illustrative "
                        "assumption, not a sourced norm; the sources give none), that the masks were for the prisoners "
                        "counted and no one else, and that either official count stands for the population the request "
                        "was for, which the sources do not say")


# ---------------------------------------------------------------------------- computations


def share_over_capacity(population: float, capacity: float) -> float:
    """The percentage of the population that would have to leave for the prisons to hold their declared number."""
    return 100 * (population - capacity) / population


def space_share(population: float, capacity: float) -> float:
    """The declared space per prisoner as a percentage of what the capacity assumes (one place each)."""
    return 100 * capacity / population


def need(per_day: float, population: float, days: float) -> float:
    """Items needed at ``per_day`` per prisoner for ``population`` prisoners over ``days``."""
    if per_day <= 0 or population <= 0 or days <= 0:
        raise ValueError("benchmark, population and days must be positive")
    return per_day * population * days


def coverage(requested: float, needed: float) -> float:
    """The request as a percentage of the need."""
    return 100 * requested / needed


def request_period_ends(figures: pd.DataFrame) -> tuple[str, str]:
    """The last day of the request's "three months", on its shortest and longest reading (ISO days)."""
    start = parse_iso(figure(figures, ids.REQUEST_DURATION)["as_of"])[0]
    return tuple(str(start + timedelta(days=d)) for d in request_days(figures))


def mask_needs(figures: pd.DataFrame, per_day: float = BENCHMARK_DEFAULT) -> pd.DataFrame:
    """The need, coverage and shortfall for each official count and each reading of the days."""
    require(__name__, FIGURES, figures=figures)
    requested = value(figures, ids.REQUEST_MASKS)
    rows = []
    for basis in ids.POPULATIONS:
        for days in request_days(figures):
            needed = need(per_day, value(figures, basis), days)
            rows.append({"basis": basis, "population": value(figures, basis), "days": days, "need": needed,
                         "coverage": coverage(requested, needed), "shortfall": needed - requested})
    return pd.DataFrame(rows)


def days_span(early: str, late: str) -> str:
    """Two days as one span: "23 to 25 June 2020" when they share a month."""
    if early[:7] == late[:7]:
        return f"{int(early[8:])} to {day(late)}"
    return f"{day(early)} to {day(late)}"


# ---------------------------------------------------------------------------- results


def _places(figures: pd.DataFrame) -> dict[str, Value]:
    capacity = value(figures, ids.CAPACITY)
    values = {}
    for suffix, basis in (("earlier", ids.POPULATIONS[0]), ("later", ids.POPULATIONS[1])):
        population, caveat = value(figures, basis), capacity_caveat(figures, basis)
        values[f"over_share_{suffix}"] = derived(
            figures, percent(share_over_capacity(population, capacity), 1),
            ESTIMATE + "the population minus the declared capacity, as a percentage of the population: the share that "
                       f"would have to leave for the prisons to hold their declared number; {caveat}",
            (basis,), (ids.CAPACITY,))
        values[f"space_share_{suffix}"] = derived(
            figures, percent(space_share(population, capacity), 1),
            ESTIMATE + "the declared capacity as a percentage of the population: the declared space per prisoner as a "
                       f"share of what the capacity assumes (one place each); {caveat}",
            (ids.CAPACITY,), (basis,))
    return values


def _releases(figures: pd.DataFrame) -> dict[str, Value]:
    later, furloughed = ids.POPULATION_2020, ids.FURLOUGHED
    held = value(figures, later) - value(figures, furloughed)
    reading = ("if the people on furlough are counted in the 13 June 2020 figure although out of prison (the source "
               "does not say whether they are, nor how many had returned by then; pardons are taken as not counted)")
    return {
        "held_if_counted": derived(figures, count(held), ESTIMATE + "the 13 June 2020 count minus the people furloughed, "
                                   + reading, (later,), (furloughed,)),
        "under_capacity_if_counted": derived(figures, count(value(figures, ids.CAPACITY) - held),
                                             ESTIMATE + "the declared capacity minus the people held, " + reading,
                                             (ids.CAPACITY, furloughed), (later,)),
    }


def _horizon(figures: pd.DataFrame, events: pd.DataFrame) -> dict[str, Value]:
    early, late = request_period_ends(figures)
    latest = events.loc[ids.LATEST_LETTER, "date"]
    duration = (ids.REQUEST_DURATION,)
    how = "the letter's date plus the shortest and the longest reading of 'three months' (see the days)"
    to_letter = "calendar days from the end of the request's three months to the latest letter"
    return {
        "request_end": derived(figures, days_span(early, late), how, dated_by=duration),
        "end_to_letter": derived(figures, span(days_between(late, latest), days_between(early, latest), count), to_letter,
                                 dated_by=duration, events=events, dated_events=(ids.LATEST_LETTER,)),
        "request_to_letter": Value(str(days_between(events.loc[ids.REQUEST_LETTER, "date"], latest)),
                                   events=(ids.REQUEST_LETTER, ids.LATEST_LETTER),
                                   how="calendar days from the 25 March 2020 letter to the latest letter"),
    }


def _benchmark(figures: pd.DataFrame) -> dict[str, Value]:
    needs = mask_needs(figures)
    populations, masks, days = ids.POPULATIONS, (ids.REQUEST_MASKS,), (ids.REQUEST_DURATION,)
    over = "over both official counts and both readings of 'three months', low to high; " + BENCHMARK_ASSUMPTION
    return {
        "benchmark": Value(decimal(BENCHMARK_DEFAULT, 0), masks, how="the default benchmark the masks requested are set "
                                                                     "against, an illustrative assumption the reader can "
                                                                     "change; not a figure from the sources"),
        "mask_need": derived(figures, span(needs["need"].min(), needs["need"].max(), count),
                             ESTIMATE + "the benchmark times the population count times the days, " + over,
                             populations, dated_by=days),
        "mask_coverage": derived(figures, span(needs["coverage"].min(), needs["coverage"].max(), percent, digits=1),
                                 ESTIMATE + "the masks requested as a percentage of that need, " + over,
                                 masks, populations, dated_by=days),
        "mask_shortfall": derived(figures, span(needs["shortfall"].min(), needs["shortfall"].max(), count),
                                  ESTIMATE + "that need minus the masks requested, " + over, populations, masks, dated_by=days),
    }


def results(figures: pd.DataFrame, events: pd.DataFrame) -> dict[str, Value]:
    """Every number the shortfall prose shows; each says it is an estimate and on what it rests."""
    require(__name__, FIGURES, EVENTS, figures, events)
    return _places(figures) | _releases(figures) | _horizon(figures, events) | _benchmark(figures)


# ---------------------------------------------------------------------------- chart and explorer


CHART_ID = "shortfall-benchmark"
PER_UNIT = "Masks at one a day (masks)"


def chart_data(figures: pd.DataFrame) -> pd.DataFrame:
    """What the chart draws: the request, and the lowest and highest need at one mask a day, which
    the browser scales by the reader's benchmark."""
    needs = mask_needs(figures, 1.0)
    low, high = needs.loc[needs["need"].idxmin()], needs.loc[needs["need"].idxmax()]
    requested = value(figures, ids.REQUEST_MASKS)
    rows = [{"What": "Requested (letter of 25 March 2020)", "Kind": "requested", PER_UNIT: requested, "Words": ""}]
    for end, row in (("Lowest need", low), ("Highest need", high)):
        rows.append({"What": f"{end}: {described(figures, row['basis'])}, {int(row['days'])} days", "Kind": "need",
                     PER_UNIT: row["need"], "Words": carried(figures, (row["basis"],))})
    return pd.DataFrame(rows).assign(**{"Requested (masks)": requested})


def chart(figures: pd.DataFrame) -> alt.LayerChart:
    """The request against the need at the reader's benchmark, recomputed in the browser."""
    benchmark = alt.param(name="benchmark", value=BENCHMARK_DEFAULT, bind=alt.binding_range(
        min=BENCHMARK_MIN, max=BENCHMARK_MAX, step=BENCHMARK_STEP, name="Masks per prisoner per day (your assumption): "))
    drawn = chart_data(figures)
    base = alt.Chart(drawn).transform_calculate(
        amount=f"datum.Kind == 'need' ? benchmark * datum['{PER_UNIT}'] : datum['{PER_UNIT}']",
        shown="datum.What + ': ' + (datum.Kind == 'need' ? datum.Words + format(datum.amount, ',.0f') + ' needed; "
              "the request covers ' + datum.Words + format(datum['Requested (masks)'] / datum.amount, '.1%') "
              ": format(datum.amount, ',.0f') + ' masks')",
    ).encode(y=alt.Y("What:N", sort=None, axis=None))
    bars = base.mark_bar(height=18, yOffset=10).encode(
        x=alt.X("amount:Q", title="Masks", scale=alt.Scale(zero=True)),
        color=alt.Color("Kind:N", legend=None, scale=alt.Scale(domain=["requested", "need"], range=charts.PALETTE[:2])),
        tooltip=[alt.Tooltip("shown:N", title=" ")])
    words = base.mark_text(align="left", baseline="bottom", dy=-4, lineBreak=";").encode(x=alt.value(0), text="shown:N")
    return charts.frame(
        alt.layer(bars, words).add_params(benchmark), chart_id=CHART_ID, height=len(drawn) * 80,
        title="An estimate: the March request against a benchmark you set",
        subtitle="Need = your benchmark (an illustrative assumption, not a sourced norm) × an official count × the "
                 "days of \"three months\". Neither count is known to be the population the request was for.",
        source="Figures: the 25 March 2020 letter and officials' counts, as reported by Amnesty International")


def describe(figures: pd.DataFrame) -> str:
    """The chart's finding in words, at the default benchmark."""
    values, (shortest, longest) = _benchmark(figures), request_days(figures)
    return (f"An estimate. At the illustrative benchmark of {values['benchmark'].text} mask per prisoner per day (an "
            f"assumption, not a sourced norm), over both official counts and {shortest} to {longest} days, the need is "
            f"{values['mask_need'].text} masks; the {count(value(figures, ids.REQUEST_MASKS))} masks requested cover "
            f"{values['mask_coverage'].text} of it, a shortfall of {values['mask_shortfall'].text} masks. The letter "
            "does not say how many prisons the items were for.")


def chart_in_words(figures: pd.DataFrame):
    return charts.text_alternative(describe(figures))


def explorer(figures: pd.DataFrame):
    """ipywidgets controls for the benchmark, the population basis and the days; bounded, never zero."""
    import ipywidgets as widgets

    shortest, longest = request_days(figures)
    requested = value(figures, ids.REQUEST_MASKS)
    benchmark = widgets.FloatSlider(value=BENCHMARK_DEFAULT, min=BENCHMARK_MIN, max=BENCHMARK_MAX, step=BENCHMARK_STEP,
                                    description="Masks/day")
    basis = widgets.Dropdown(options=[(described(figures, b), b) for b in ids.POPULATIONS],
                             value=ids.POPULATION_2020, description="Population")
    days = widgets.IntSlider(value=longest, min=shortest, max=longest, description="Days")
    result = widgets.HTML()

    def update(_change=None) -> None:
        needed = need(benchmark.value, value(figures, basis.value), days.value)
        words = carried(figures, (basis.value,))
        result.value = (f"An estimate: <b>{words}{count(needed)}</b> masks needed; the request covers "
                        f"<b>{words}{percent(coverage(requested, needed), 1)}</b>, a shortfall of "
                        f"<b>{words}{count(max(needed - requested, 0))}</b>. The benchmark is your assumption, not a sourced norm.")

    for control in (benchmark, basis, days):
        control.observe(update, names="value")
    update()
    return widgets.VBox([benchmark, basis, days, result])
