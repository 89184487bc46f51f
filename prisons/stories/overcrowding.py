"""Overcrowding: the official population counts against the declared capacity, the source's own
ratio checked against its figures, and the announced releases."""
from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from .. import chartmarks, charts
from ..fmt import count, day, decimal, percent, signed_percent, stated
from . import ids
from .base import Value, figure, figure_date, require, stated_value, value

FIGURES = ids.POPULATIONS + (ids.CAPACITY, ids.STATED_RATIO, ids.FURLOUGHED, ids.PARDONED)
EVENTS: tuple[str, ...] = ()


@dataclass(frozen=True)
class Occupancy:
    """A population against a capacity: as a multiple, a percentage, and people over."""

    population: float
    capacity: float

    @property
    def ratio(self) -> float:
        return self.population / self.capacity

    @property
    def percent(self) -> float:
        return 100 * self.ratio

    @property
    def over_capacity(self) -> float:
        return self.population - self.capacity


# ---------------------------------------------------------------------------- computations


def occupancy_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Each dated population against the declared capacity, with a caveat where they differ in date."""
    require(__name__, FIGURES, figures=figures)
    capacity = figure(figures, ids.CAPACITY)
    rows = []
    for population_id in ids.POPULATIONS:
        population = figure(figures, population_id)
        result = Occupancy(float(population["value"]), float(capacity["value"]))
        caveats = []
        if population["qualifier"] == "approximately":
            caveats.append("the population is approximate (\"around\")")
        if not capacity["as_of"]:
            caveats.append("the capacity has no date of its own; the source states it beside the 13 June 2020 count"
                           if population["as_of"] == "2020-06-13" else
                           "the capacity is stated in 2020 and has no date of its own; this count is from " + day(population["as_of"]))
        rows.append({
            "figure_id": population_id, "as_of": population["as_of"], "population": result.population,
            "capacity": result.capacity, "ratio": result.ratio, "percent_of_capacity": result.percent,
            "over_capacity": result.over_capacity, "caveat": "; ".join(caveats),
        })
    return pd.DataFrame(rows)


def population_change(figures: pd.DataFrame) -> dict[str, float]:
    """Change from the earlier to the later official population count."""
    earlier, later = (value(figures, i) for i in ids.POPULATIONS)
    return {"earlier": earlier, "later": later, "change": later - earlier,
            "percent": 100 * (later - earlier) / earlier}


def stated_ratio_check(figures: pd.DataFrame) -> dict[str, float]:
    """Test the source's "two and half times more than" against its own two figures.

    Read as "times as many", the stated multiple should match population / capacity;
    read literally ("more than" on top of the capacity) it would imply capacity * (1 + multiple).
    """
    population, capacity = value(figures, ids.POPULATION_2020), value(figures, ids.CAPACITY)
    stated = value(figures, ids.STATED_RATIO)
    return {"stated": stated, "computed": population / capacity,
            "difference": population / capacity - stated,
            "literal_population": capacity * (1 + stated), "population": population}


def releases_relative(figures: pd.DataFrame) -> pd.DataFrame:
    """Furloughs and pardons as a share of each official population count."""
    furloughed, pardoned = value(figures, ids.FURLOUGHED), value(figures, ids.PARDONED)
    rows = []
    for population_id in ids.POPULATIONS:
        population = value(figures, population_id)
        rows.append({"basis": population_id, "as_of": figure(figures, population_id)["as_of"],
                     "population": population, "furloughed": furloughed, "pardoned": pardoned,
                     "released": furloughed + pardoned,
                     "furloughed_percent": 100 * furloughed / population,
                     "released_percent": 100 * (furloughed + pardoned) / population})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------- results


def _against_capacity(row: pd.Series, population_id: str) -> dict[str, Value]:
    inputs = (population_id, ids.CAPACITY)
    return {"ratio": Value(decimal(row["ratio"]), inputs, how="the population divided by the declared capacity"),
            "percent": Value(percent(row["percent_of_capacity"]), inputs,
                             how="the population as a percentage of the declared capacity"),
            "over": Value(count(row["over_capacity"]), inputs, how="the population minus the declared capacity")}


def results(figures: pd.DataFrame, events: pd.DataFrame | None = None) -> dict[str, Value]:
    """Every number the overcrowding prose shows."""
    table = occupancy_table(figures).set_index("figure_id")
    earlier_id, later_id = ids.POPULATIONS
    earlier, later = table.loc[earlier_id], table.loc[later_id]
    change = population_change(figures)
    ratio = stated_ratio_check(figures)
    releases = releases_relative(figures).set_index("basis")
    released = (ids.FURLOUGHED, ids.PARDONED)
    values = {
        "pop_later": stated_value(figures, later_id), "pop_later_date": figure_date(figures, later_id),
        "pop_earlier": stated_value(figures, earlier_id), "pop_earlier_date": figure_date(figures, earlier_id),
        "capacity": Value(count(later["capacity"]), (ids.CAPACITY,)),
        "change": Value(count(abs(change["change"])), ids.POPULATIONS,
                        how="the difference between the two official population counts"),
        "change_percent": Value(signed_percent(change["percent"]), ids.POPULATIONS,
                                how="the change between the two counts as a percentage of the earlier one"),
        "stated_ratio": Value(decimal(ratio["stated"], 1), (ids.STATED_RATIO,)),
        "computed_ratio": Value(decimal(ratio["computed"]), (later_id, ids.CAPACITY),
                                how="the stated population divided by the stated capacity, to check the stated ratio"),
        "literal_population": Value(count(ratio["literal_population"]), (ids.CAPACITY, ids.STATED_RATIO),
                                    how="the capacity plus the stated ratio times the capacity: "
                                        "'times more than' read literally"),
        "furloughed": stated_value(figures, ids.FURLOUGHED),
        "pardoned": Value(count(value(figures, ids.PARDONED)), (ids.PARDONED,)),
        "released": Value(count(releases["released"].iloc[0]), released, how="furloughed plus pardoned prisoners"),
        "released_share_later": Value(percent(releases.loc[later_id, "released_percent"]), released + (later_id,),
                                      how="furloughed plus pardoned prisoners as a percentage of the later count"),
        "released_share_earlier": Value(percent(releases.loc[earlier_id, "released_percent"]), released + (earlier_id,),
                                        how="furloughed plus pardoned prisoners as a percentage of the earlier count"),
        "release_period": figure_date(figures, ids.FURLOUGHED),
    }
    for suffix, row, population_id in (("later", later, later_id), ("earlier", earlier, earlier_id)):
        values |= {f"{kind}_{suffix}": result for kind, result in _against_capacity(row, population_id).items()}
    return values


# ---------------------------------------------------------------------------- chart


CHART_ID = "overcrowding-occupancy"


def _around(figures: pd.DataFrame, population_id: str) -> str:
    """ "around " where the count is approximate: every number made from it carries the word."""
    return "around " if figure(figures, population_id)["qualifier"] == "approximately" else ""


def chart_data(figures: pd.DataFrame) -> pd.DataFrame:
    """What the chart draws: each official count against the declared capacity, units in the names."""
    table = occupancy_table(figures)
    return pd.DataFrame({
        "Count date": [day(a) for a in table["as_of"]],
        "Population (prisoners)": table["population"],
        "Population as stated": [stated(figure(figures, i)) for i in table["figure_id"]],
        "Declared capacity (places)": table["capacity"],
        "Times capacity (ratio)": table["ratio"].round(2),
        "Over capacity (prisoners)": table["over_capacity"],
        "Caveat": table["caveat"], "Figure": table["figure_id"]})


def chart(figures: pd.DataFrame) -> alt.LayerChart:
    """Each official count as a bar, the declared capacity as a line across them."""
    drawn = chart_data(figures)
    arounds = [_around(figures, i) for i in drawn["Figure"]]
    data = drawn.assign(label=[f"{d}: {s} prisoners, {a}{decimal(r)} times capacity" for d, s, a, r in zip(
        drawn["Count date"], drawn["Population as stated"], arounds, drawn["Times capacity (ratio)"])])
    capacity = alt.Chart(data.head(1)).encode(x=alt.X("Declared capacity (places):Q"))
    line = capacity.mark_rule(color=charts.PALETTE[0], strokeWidth=3)
    line_words = capacity.mark_text(align="center", baseline="bottom", y=-2, color=charts.PALETTE[0],
                                    fontWeight="bold").encode(text=alt.value(f"Declared capacity: {count(drawn['Declared capacity (places)'].iloc[0])}"))
    bars = chartmarks.labelled_bars(data, category="Count date", value="Population (prisoners)", label="label",
                                    x_title="Prisoners", marks_between=(line, line_words))
    later = drawn[drawn["Figure"] == ids.POPULATION_2020].iloc[0]
    return charts.frame(
        bars, chart_id=CHART_ID, height=chartmarks.rows_height(len(data)),
        title=f"Prisons held {_around(figures, ids.POPULATION_2020)}{decimal(later['Times capacity (ratio)'])} times their declared capacity "
              f"on {later['Count date']}, by officials' figures",
        subtitle="Bars: the official counts of prisoners. Line: the officially declared capacity (it has no date of its own).",
        source="Figures: officials, as reported by Amnesty International")


def describe(figures: pd.DataFrame) -> str:
    """The chart's finding in words."""
    parts = [f"the {day(r.as_of)} count of {count(r.population)} is {decimal(r.ratio)} times the declared capacity "
             f"of {count(r.capacity)}, {count(r.over_capacity)} people over it" for r in occupancy_table(figures).itertuples()]
    return "The chart shows that " + "; ".join(parts) + ". Officials gave both counts, as reported by Amnesty International."


def chart_in_words(figures: pd.DataFrame):
    return charts.text_alternative(describe(figures))
