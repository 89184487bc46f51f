"""Overcrowding: the official population counts against the declared capacity, the source's own
ratio checked against its figures, and the announced releases."""
from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from .. import chartmarks, charts
from ..evidence import qualifiers
from ..fmt import ENGLISH, count, decimal, figure_when, percent, stated
from ..i18n import tr
from . import ids
from .base import FURLOUGH_CAVEAT, Value, capacity_caveat, carried, derived, figure, figure_date, require, stated_value, value

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
    """Each dated population against the declared capacity, with a caveat where they differ in date
    and the qualifier words every number computed from the count carries (the words in ``lang``)."""
    require(__name__, FIGURES, figures=figures)
    capacity = figure(figures, ids.CAPACITY)
    rows = []
    for population_id in ids.POPULATIONS:
        population = figure(figures, population_id)
        result = Occupancy(float(population["value"]), float(capacity["value"]))
        caveats = [tr("the population is approximate (\"around\")", lang)] if qualifiers.of(population).approximate else []
        caveats += [c for c in [capacity_caveat(figures, population_id, lang)] if c]
        rows.append({
            "figure_id": population_id, "as_of": population["as_of"], "when": figure_when(population, lang),
            "stated": stated(population, lang), "words": carried(figures, (population_id,), (ids.CAPACITY,), lang),
            "population": result.population, "capacity": result.capacity, "ratio": result.ratio,
            "percent_of_capacity": result.percent, "over_capacity": result.over_capacity, "caveat": tr("; ", lang).join(caveats),
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


def _against_capacity(figures: pd.DataFrame, row: pd.Series, population_id: str, lang: str) -> dict[str, Value]:
    population, capacity = (population_id,), (ids.CAPACITY,)
    cross_dated = "" if figure(figures, population_id)["as_of"] == figure(figures, ids.STATED_RATIO)["as_of"] else \
        tr(" (the capacity is stated beside another count and has no date of its own)", lang)
    return {"ratio": derived(figures, decimal(row["ratio"], lang=lang), tr("the population divided by the declared capacity", lang) + cross_dated,
                             population, capacity, lang=lang),
            "percent": derived(figures, percent(row["percent_of_capacity"], lang=lang),
                               tr("the population as a percentage of the declared capacity", lang) + cross_dated, population, capacity, lang=lang),
            "over": derived(figures, count(row["over_capacity"], lang), tr("the population minus the declared capacity", lang) + cross_dated,
                            population, capacity, lang=lang)}


RELEASES_ACROSS_DATES = ("; the releases (between late February and late May 2020) and the count are from different "
                         "dates, so this is a ratio across dates, not a share of the same population")


def results(figures: pd.DataFrame, events: pd.DataFrame | None = None, lang: str = ENGLISH) -> dict[str, Value]:
    """Every number the overcrowding prose shows."""
    table = occupancy_table(figures, lang).set_index("figure_id")
    earlier_id, later_id = ids.POPULATIONS
    earlier, later = table.loc[earlier_id], table.loc[later_id]
    change = population_change(figures)
    ratio = stated_ratio_check(figures)
    releases = releases_relative(figures).set_index("basis")
    released = (ids.FURLOUGHED, ids.PARDONED)
    values = {
        "pop_later": stated_value(figures, later_id, lang), "pop_later_date": figure_date(figures, later_id, lang),
        "pop_earlier": stated_value(figures, earlier_id, lang), "pop_earlier_date": figure_date(figures, earlier_id, lang),
        "capacity": stated_value(figures, ids.CAPACITY, lang),
        "change": derived(figures, count(abs(change["change"]), lang), tr("the earlier official population count minus the later one", lang),
                (earlier_id,), (later_id,), lang=lang),
        "change_percent": derived(figures, percent(abs(change["percent"]), 1, lang),
                                  tr("the fall between the two counts as a percentage of the earlier one", lang), (earlier_id,), (later_id,), lang=lang),
        "stated_ratio": stated_value(figures, ids.STATED_RATIO, lang),
        "computed_ratio": derived(figures, decimal(ratio["computed"], lang=lang),
                                  tr("the stated population divided by the stated capacity, to check the stated ratio", lang),
                                  (later_id,), (ids.CAPACITY,), lang=lang),
        "literal_population": derived(figures, count(ratio["literal_population"], lang),
                                      tr("the capacity plus the stated ratio times the capacity: 'times more than' read literally", lang),
                                      (ids.CAPACITY, ids.STATED_RATIO), lang=lang),
        "furloughed": stated_value(figures, ids.FURLOUGHED, lang),
        "pardoned": stated_value(figures, ids.PARDONED, lang),
        "released": derived(figures, count(releases["released"].iloc[0], lang), tr("furloughed plus pardoned prisoners", lang), released, lang=lang),
        "released_share_later": derived(figures, percent(releases.loc[later_id, "released_percent"], lang=lang),
                                        tr("furloughed plus pardoned prisoners as a percentage of the later count", lang)
                                        + tr(RELEASES_ACROSS_DATES, lang), released, (later_id,), lang=lang),
        "released_share_earlier": derived(figures, percent(releases.loc[earlier_id, "released_percent"], lang=lang),
                                          tr("furloughed plus pardoned prisoners as a percentage of the earlier count", lang)
                                          + tr(RELEASES_ACROSS_DATES, lang), released, (earlier_id,), lang=lang),
        "release_period": figure_date(figures, ids.FURLOUGHED, lang),
    }
    for suffix, row, population_id in (("later", later, later_id), ("earlier", earlier, earlier_id)):
        values |= {f"{kind}_{suffix}": result for kind, result in _against_capacity(figures, row, population_id, lang).items()}
    return values


# ---------------------------------------------------------------------------- chart


CHART_ID = "overcrowding-occupancy"


def chart_data(figures: pd.DataFrame, lang: str = ENGLISH) -> pd.DataFrame:
    """What the chart draws: each official count against the declared capacity, units in the names
    (the names stay English, the data's own; the words in the cells are in ``lang``)."""
    table = occupancy_table(figures, lang)
    return pd.DataFrame({
        "Count date": table["when"],
        "Population (prisoners)": table["population"],
        "Population as stated": [stated(figure(figures, i), lang) for i in table["figure_id"]],
        "Declared capacity (places)": table["capacity"],
        "Times capacity (ratio)": table["ratio"].round(2),
        "Over capacity (prisoners)": table["over_capacity"],
        "Caveat": table["caveat"], "Figure": table["figure_id"]})


def chart(figures: pd.DataFrame, lang: str = ENGLISH) -> alt.LayerChart:
    """Each official count as a bar, the declared capacity as a tick across each bar (a line down
    the whole chart would cross the bars' words), named once above the plot."""
    drawn = chart_data(figures, lang)
    arounds = [carried(figures, (i,), (ids.CAPACITY,), lang) for i in drawn["Figure"]]
    data = drawn.assign(label=[tr("{date}: {stated} prisoners, {around}{ratio} times capacity", lang).format(
        date=d, stated=s, around=a, ratio=decimal(r, lang=lang)) for d, s, a, r in zip(
        drawn["Count date"], drawn["Population as stated"], arounds, drawn["Times capacity (ratio)"])])
    capacity = alt.Chart(data.head(1)).encode(x=alt.X("Declared capacity (places):Q"))
    line_words = capacity.mark_text(align="center", baseline="bottom", y=-2, color=charts.PALETTE[0], fontWeight="bold").encode(
        text=alt.value(tr("Declared capacity: {capacity}", lang).format(capacity=count(drawn["Declared capacity (places)"].iloc[0], lang))))
    bars = chartmarks.labelled_bars(data, category="Count date", value="Population (prisoners)", label="label",
                                    x_title=tr("Prisoners", lang), marks_between=(line_words,),
                                    reference="Declared capacity (places)")
    later = drawn[drawn["Figure"] == ids.POPULATION_2020].iloc[0]
    return charts.frame(
        bars, chart_id=CHART_ID, rows=drawn, height=chartmarks.rows_height(len(data), data["label"]), lang=lang,
        title=tr("The official prison population count was {around}{ratio} times the declared capacity on {date}", lang).format(
            around=carried(figures, (ids.POPULATION_2020,), (ids.CAPACITY,), lang),
            ratio=decimal(later["Times capacity (ratio)"], lang=lang), date=later["Count date"]),
        subtitle=tr("Bars: the official counts of prisoners. Line: the officially declared capacity (it has no date of its own).", lang)
        + " " + tr(FURLOUGH_CAVEAT, lang),
        source=tr("Figures: officials, as reported by Amnesty International", lang))


def describe(figures: pd.DataFrame, lang: str = ENGLISH) -> str:
    """The chart's finding in words."""
    part = tr("the count of {stated} from {when} is {words}{ratio} times the declared capacity of {capacity}, "
              "{words}{over} people over it", lang)
    parts = [part.format(stated=r.stated, when=r.when, words=r.words, ratio=decimal(r.ratio, lang=lang),
                         capacity=count(r.capacity, lang), over=count(r.over_capacity, lang))
             for r in occupancy_table(figures, lang).itertuples()]
    return tr("The chart shows that {parts}. The capacity is stated beside the 2020 count and has no date of its own, so "
              "the earlier ratio sets a count against a capacity stated at another date. Officials gave both counts, as "
              "reported by Amnesty International.", lang).format(parts=tr("; ", lang).join(parts)) + " " + tr(FURLOUGH_CAVEAT, lang)


def chart_in_words(figures: pd.DataFrame, lang: str = ENGLISH):
    return charts.text_alternative(describe(figures, lang), lang)

