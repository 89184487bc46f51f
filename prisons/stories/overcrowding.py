"""Overcrowding: the official population counts against the declared capacity, the source's own
ratio checked against its figures, and the announced releases."""
from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from .. import chartmarks, charts
from ..evidence import qualifiers
from ..fmt import count, decimal, figure_when, percent, stated
from . import ids
from .base import Value, capacity_caveat, carried, derived, figure, figure_date, require, stated_value, value

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
    """Each dated population against the declared capacity, with a caveat where they differ in date
    and the qualifier words every number computed from the count carries."""
    require(__name__, FIGURES, figures=figures)
    capacity = figure(figures, ids.CAPACITY)
    rows = []
    for population_id in ids.POPULATIONS:
        population = figure(figures, population_id)
        result = Occupancy(float(population["value"]), float(capacity["value"]))
        caveats = ["the population is approximate (\"around\")"] if qualifiers.of(population).approximate else []
        caveats += [c for c in [capacity_caveat(figures, population_id)] if c]
        rows.append({
            "figure_id": population_id, "as_of": population["as_of"], "when": figure_when(population),
            "stated": stated(population), "words": carried(figures, (population_id,), (ids.CAPACITY,)),
            "population": result.population, "capacity": result.capacity, "ratio": result.ratio,
            "percent_of_capacity": result.percent, "over_capacity": result.over_capacity, "caveat": "; ".join(caveats),
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


def _against_capacity(figures: pd.DataFrame, row: pd.Series, population_id: str) -> dict[str, Value]:
    population, capacity = (population_id,), (ids.CAPACITY,)
    cross_dated = "" if figure(figures, population_id)["as_of"] == figure(figures, ids.STATED_RATIO)["as_of"] else \
        " (the capacity is stated beside another count and has no date of its own)"
    return {"ratio": derived(figures, decimal(row["ratio"]), "the population divided by the declared capacity" + cross_dated,
                             population, capacity),
            "percent": derived(figures, percent(row["percent_of_capacity"]),
                               "the population as a percentage of the declared capacity" + cross_dated, population, capacity),
            "over": derived(figures, count(row["over_capacity"]), "the population minus the declared capacity" + cross_dated,
                            population, capacity)}


RELEASES_ACROSS_DATES = ("; the releases (between late February and late May 2020) and the count are from different "
                         "dates, so this is a ratio across dates, not a share of the same population")


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
        "capacity": stated_value(figures, ids.CAPACITY),
        "change": derived(figures, count(abs(change["change"])), "the earlier official population count minus the later one",
                (earlier_id,), (later_id,)),
        "change_percent": derived(figures, percent(abs(change["percent"]), 1),
                                  "the fall between the two counts as a percentage of the earlier one", (earlier_id,), (later_id,)),
        "stated_ratio": stated_value(figures, ids.STATED_RATIO),
        "computed_ratio": derived(figures, decimal(ratio["computed"]),
                                  "the stated population divided by the stated capacity, to check the stated ratio",
                                  (later_id,), (ids.CAPACITY,)),
        "literal_population": derived(figures, count(ratio["literal_population"]),
                                      "the capacity plus the stated ratio times the capacity: 'times more than' read literally",
                                      (ids.CAPACITY, ids.STATED_RATIO)),
        "furloughed": stated_value(figures, ids.FURLOUGHED),
        "pardoned": stated_value(figures, ids.PARDONED),
        "released": derived(figures, count(releases["released"].iloc[0]), "furloughed plus pardoned prisoners", released),
        "released_share_later": derived(figures, percent(releases.loc[later_id, "released_percent"]),
                                        "furloughed plus pardoned prisoners as a percentage of the later count"
                                        + RELEASES_ACROSS_DATES, released, (later_id,)),
        "released_share_earlier": derived(figures, percent(releases.loc[earlier_id, "released_percent"]),
                                          "furloughed plus pardoned prisoners as a percentage of the earlier count"
                                          + RELEASES_ACROSS_DATES, released, (earlier_id,)),
        "release_period": figure_date(figures, ids.FURLOUGHED),
    }
    for suffix, row, population_id in (("later", later, later_id), ("earlier", earlier, earlier_id)):
        values |= {f"{kind}_{suffix}": result for kind, result in _against_capacity(figures, row, population_id).items()}
    return values


# ---------------------------------------------------------------------------- chart


CHART_ID = "overcrowding-occupancy"


def chart_data(figures: pd.DataFrame) -> pd.DataFrame:
    """What the chart draws: each official count against the declared capacity, units in the names."""
    table = occupancy_table(figures)
    return pd.DataFrame({
        "Count date": table["when"],
        "Population (prisoners)": table["population"],
        "Population as stated": [stated(figure(figures, i)) for i in table["figure_id"]],
        "Declared capacity (places)": table["capacity"],
        "Times capacity (ratio)": table["ratio"].round(2),
        "Over capacity (prisoners)": table["over_capacity"],
        "Caveat": table["caveat"], "Figure": table["figure_id"]})


def chart(figures: pd.DataFrame) -> alt.LayerChart:
    """Each official count as a bar, the declared capacity as a line across them."""
    drawn = chart_data(figures)
    arounds = [carried(figures, (i,), (ids.CAPACITY,)) for i in drawn["Figure"]]
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
        title=f"Prisons held {carried(figures, (ids.POPULATION_2020,), (ids.CAPACITY,))}{decimal(later['Times capacity (ratio)'])} times their declared capacity "
              f"on {later['Count date']}, by officials' figures",
        subtitle="Bars: the official counts of prisoners. Line: the officially declared capacity (it has no date of its own).",
        source="Figures: officials, as reported by Amnesty International")


def describe(figures: pd.DataFrame) -> str:
    """The chart's finding in words."""
    parts = [f"the count of {r.stated} from {r.when} is {r.words}{decimal(r.ratio)} times the declared capacity "
             f"of {count(r.capacity)}, {r.words}{count(r.over_capacity)} people over it" for r in occupancy_table(figures).itertuples()]
    return ("The chart shows that " + "; ".join(parts) + ". The capacity is stated beside the 2020 count and has no date "
            "of its own, so the earlier ratio sets a count against a capacity stated at another date. Officials gave both "
            "counts, as reported by Amnesty International.")


def chart_in_words(figures: pd.DataFrame):
    return charts.text_alternative(describe(figures))

