"""Overcrowding: the official population counts against the declared capacity, the source's own
ratio checked against its figures, and the announced releases."""
from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from .. import chartmarks, charts
from ..fmt import ENGLISH, count, day, decimal, percent, signed_percent, stated
from ..i18n import tr
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


def occupancy_table(figures: pd.DataFrame, lang: str = ENGLISH) -> pd.DataFrame:
    """Each dated population against the declared capacity, with a caveat where they differ in date."""
    require(__name__, FIGURES, figures=figures)
    capacity = figure(figures, ids.CAPACITY)
    rows = []
    for population_id in ids.POPULATIONS:
        population = figure(figures, population_id)
        result = Occupancy(float(population["value"]), float(capacity["value"]))
        caveats = []
        if population["qualifier"] == "approximately":
            caveats.append(tr("the population is approximate (\"around\")", lang))
        if not capacity["as_of"]:
            caveats.append(tr("the capacity has no date of its own; the source states it beside the 13 June 2020 count", lang)
                           if population["as_of"] == "2020-06-13" else
                           tr("the capacity is stated in 2020 and has no date of its own; this count is from ", lang)
                           + day(population["as_of"], lang))
        rows.append({
            "figure_id": population_id, "as_of": population["as_of"], "population": result.population,
            "capacity": result.capacity, "ratio": result.ratio, "percent_of_capacity": result.percent,
            "over_capacity": result.over_capacity, "caveat": tr("; ", lang).join(caveats),
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


def _against_capacity(row: pd.Series, population_id: str, lang: str) -> dict[str, Value]:
    inputs = (population_id, ids.CAPACITY)
    return {"ratio": Value(decimal(row["ratio"], lang=lang), inputs, how="the population divided by the declared capacity"),
            "percent": Value(percent(row["percent_of_capacity"], lang=lang), inputs,
                             how="the population as a percentage of the declared capacity"),
            "over": Value(count(row["over_capacity"], lang), inputs, how="the population minus the declared capacity")}


def results(figures: pd.DataFrame, events: pd.DataFrame | None = None, lang: str = ENGLISH) -> dict[str, Value]:
    """Every number the overcrowding prose shows."""
    table = occupancy_table(figures).set_index("figure_id")
    earlier_id, later_id = ids.POPULATIONS
    earlier, later = table.loc[earlier_id], table.loc[later_id]
    change = population_change(figures)
    ratio = stated_ratio_check(figures)
    releases = releases_relative(figures).set_index("basis")
    released = (ids.FURLOUGHED, ids.PARDONED)
    values = {
        "pop_later": stated_value(figures, later_id, lang), "pop_later_date": figure_date(figures, later_id, lang),
        "pop_earlier": stated_value(figures, earlier_id, lang), "pop_earlier_date": figure_date(figures, earlier_id, lang),
        "capacity": Value(count(later["capacity"], lang), (ids.CAPACITY,)),
        "change": Value(count(abs(change["change"]), lang), ids.POPULATIONS,
                        how="the difference between the two official population counts"),
        "change_percent": Value(signed_percent(change["percent"], lang=lang), ids.POPULATIONS,
                                how="the change between the two counts as a percentage of the earlier one"),
        "stated_ratio": Value(decimal(ratio["stated"], 1, lang), (ids.STATED_RATIO,)),
        "computed_ratio": Value(decimal(ratio["computed"], lang=lang), (later_id, ids.CAPACITY),
                                how="the stated population divided by the stated capacity, to check the stated ratio"),
        "literal_population": Value(count(ratio["literal_population"], lang), (ids.CAPACITY, ids.STATED_RATIO),
                                    how="the capacity plus the stated ratio times the capacity: "
                                        "'times more than' read literally"),
        "furloughed": stated_value(figures, ids.FURLOUGHED, lang),
        "pardoned": Value(count(value(figures, ids.PARDONED), lang), (ids.PARDONED,)),
        "released": Value(count(releases["released"].iloc[0], lang), released, how="furloughed plus pardoned prisoners"),
        "released_share_later": Value(percent(releases.loc[later_id, "released_percent"], lang=lang), released + (later_id,),
                                      how="furloughed plus pardoned prisoners as a percentage of the later count"),
        "released_share_earlier": Value(percent(releases.loc[earlier_id, "released_percent"], lang=lang), released + (earlier_id,),
                                        how="furloughed plus pardoned prisoners as a percentage of the earlier count"),
        "release_period": figure_date(figures, ids.FURLOUGHED, lang),
    }
    for suffix, row, population_id in (("later", later, later_id), ("earlier", earlier, earlier_id)):
        values |= {f"{kind}_{suffix}": result for kind, result in _against_capacity(row, population_id, lang).items()}
    return values


# ---------------------------------------------------------------------------- chart


CHART_ID = "overcrowding-occupancy"


def _around(figures: pd.DataFrame, population_id: str, lang: str = ENGLISH) -> str:
    """ "around " where the count is approximate: every number made from it carries the word."""
    return tr("around ", lang) if figure(figures, population_id)["qualifier"] == "approximately" else ""


def chart_data(figures: pd.DataFrame, lang: str = ENGLISH) -> pd.DataFrame:
    """What the chart draws: each official count against the declared capacity, units in the names
    (the names stay English, the data's own; the words in the cells are in ``lang``)."""
    table = occupancy_table(figures, lang)
    return pd.DataFrame({
        "Count date": [day(a, lang) for a in table["as_of"]],
        "Population (prisoners)": table["population"],
        "Population as stated": [stated(figure(figures, i), lang) for i in table["figure_id"]],
        "Declared capacity (places)": table["capacity"],
        "Times capacity (ratio)": table["ratio"].round(2),
        "Over capacity (prisoners)": table["over_capacity"],
        "Caveat": table["caveat"], "Figure": table["figure_id"]})


def chart(figures: pd.DataFrame, lang: str = ENGLISH) -> alt.LayerChart:
    """Each official count as a bar, the declared capacity as a line across them."""
    drawn = chart_data(figures, lang)
    arounds = [_around(figures, i, lang) for i in drawn["Figure"]]
    data = drawn.assign(label=[tr("{date}: {stated} prisoners, {around}{ratio} times capacity", lang).format(
        date=d, stated=s, around=a, ratio=decimal(r, lang=lang)) for d, s, a, r in zip(
        drawn["Count date"], drawn["Population as stated"], arounds, drawn["Times capacity (ratio)"])])
    capacity = alt.Chart(data.head(1)).encode(x=alt.X("Declared capacity (places):Q"))
    line = capacity.mark_rule(color=charts.PALETTE[0], strokeWidth=3)
    line_words = capacity.mark_text(align="center", baseline="bottom", y=-2, color=charts.PALETTE[0], fontWeight="bold").encode(
        text=alt.value(tr("Declared capacity: {capacity}", lang).format(capacity=count(drawn["Declared capacity (places)"].iloc[0], lang))))
    bars = chartmarks.labelled_bars(data, category="Count date", value="Population (prisoners)", label="label",
                                    x_title=tr("Prisoners", lang), marks_between=(line, line_words))
    later = drawn[drawn["Figure"] == ids.POPULATION_2020].iloc[0]
    return charts.frame(
        bars, chart_id=CHART_ID, height=chartmarks.rows_height(len(data)), lang=lang,
        title=tr("Prisons held {around}{ratio} times their declared capacity on {date}, by officials' figures", lang).format(
            around=_around(figures, ids.POPULATION_2020, lang), ratio=decimal(later["Times capacity (ratio)"], lang=lang), date=later["Count date"]),
        subtitle=tr("Bars: the official counts of prisoners. Line: the officially declared capacity (it has no date of its own).", lang),
        source=tr("Figures: officials, as reported by Amnesty International", lang))


def describe(figures: pd.DataFrame, lang: str = ENGLISH) -> str:
    """The chart's finding in words."""
    part = tr("the {date} count of {population} is {ratio} times the declared capacity of {capacity}, {over} people over it", lang)
    parts = [part.format(date=day(r.as_of, lang), population=count(r.population, lang), ratio=decimal(r.ratio, lang=lang),
                         capacity=count(r.capacity, lang), over=count(r.over_capacity, lang))
             for r in occupancy_table(figures, lang).itertuples()]
    return tr("The chart shows that {parts}. Officials gave both counts, as reported by Amnesty International.", lang).format(
        parts=tr("; ", lang).join(parts))


def chart_in_words(figures: pd.DataFrame, lang: str = ENGLISH):
    return charts.text_alternative(describe(figures, lang), lang)
