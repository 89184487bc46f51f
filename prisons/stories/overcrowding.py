"""Overcrowding: the official population counts against the declared capacity, the source's own
ratio checked against its figures, and the announced releases."""
from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from .. import charts
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


def chart(figures: pd.DataFrame) -> alt.LayerChart:
    """Each official population count against the declared capacity."""
    table = occupancy_table(figures)
    data = table.assign(label=[f"{w} count" for w in table["when"]],
                        ratio_text=[f"{w}{decimal(r)} times capacity" for w, r in zip(table["words"], table["ratio"])])
    base = alt.Chart(data)
    bars = base.mark_bar(color=charts.PALETTE[1]).encode(
        y=alt.Y("label:N", title=None, sort=None),
        x=alt.X("population:Q", title="Prisoners"),
        tooltip=[alt.Tooltip("label:N", title="Count"), alt.Tooltip("stated:N", title="Population"),
                 alt.Tooltip("capacity:Q", format=",", title="Declared capacity"),
                 alt.Tooltip("ratio_text:N", title="Times capacity"),
                 alt.Tooltip("over_capacity:Q", format=",", title="Over capacity"), alt.Tooltip("caveat:N")],
    )
    capacity = base.mark_rule(color=charts.PALETTE[0], strokeWidth=3).encode(x="capacity:Q", tooltip=[alt.Tooltip("capacity:Q", format=",", title="Declared capacity")])
    labels = base.mark_text(align="left", dx=4).encode(y=alt.Y("label:N", sort=None), x="population:Q", text="ratio_text:N")
    return charts.titled(bars + capacity + labels, "Prison population against declared capacity",
                         "Bars: official counts, as reported by Amnesty International. Blue line: the officially declared "
                         "capacity, which is stated beside the 2020 count and has no date of its own.")


def describe(figures: pd.DataFrame) -> str:
    """The chart's finding in words."""
    parts = [f"the count of {r.stated} from {r.when} is {r.words}{decimal(r.ratio)} times the declared capacity "
             f"of {count(r.capacity)}, {r.words}{count(r.over_capacity)} people over it" for r in occupancy_table(figures).itertuples()]
    return ("The chart shows that " + "; ".join(parts) + ". The capacity is stated beside the 2020 count and has no date "
            "of its own, so the earlier ratio sets a count against a capacity stated at another date. Officials gave both "
            "counts, as reported by Amnesty International.")


def chart_in_words(figures: pd.DataFrame):
    return charts.text_alternative(describe(figures))


def chart_data(figures: pd.DataFrame):
    """The chart's data as a table; computed numbers carry the population's qualifier."""
    table = occupancy_table(figures)
    table = table.assign(ratio_shown=[w + decimal(r) for w, r in zip(table["words"], table["ratio"])],
                         over_shown=[w + count(o) for w, o in zip(table["words"], table["over_capacity"])])
    return charts.data_table(table, {
        "when": "Count date", "stated": "Population", "capacity": "Declared capacity",
        "ratio_shown": "Times capacity", "over_shown": "Over capacity", "caveat": "Caveat"})
