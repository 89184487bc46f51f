"""The March request: what the letter of 25 March 2020 asked for, per prisoner per day.

The letter does not say how many people the items were for, and "three months" is a range of
days, so every result is given over both population counts and both readings of the months.
Each item's per-prisoner scale is declared once (``ITEMS``): the prose, the chart's in-browser
expression and the ipywidgets explorer (``prisons.explorers``) all take it from here.
"""
from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from .. import chartmarks, charts
from ..fmt import ENGLISH, count, decimal, span, word
from ..i18n import cell, tr
from . import ids
from .base import (Value, carried, derived, described, figure, figure_date, headline_basis, number, request_days,
                   require, stated_value, value)



@dataclass(frozen=True)
class Item:
    """One consumable in the request: how it is named, the unit of one prisoner's share, the
    factor from the requested unit to that share unit, and how many decimals its share needs."""

    figure_id: str
    label: str
    key: str
    share_unit: str
    scale: float = 1.0
    digits: int = 3


ITEMS = (
    Item(ids.REQUEST_MASKS, "Masks", "masks", "masks"),
    Item(ids.REQUEST_N95_MASKS, "N95 masks", "n95", "N95 masks"),
    Item(ids.REQUEST_LATEX_GLOVES, "Latex gloves", "latex", "gloves"),
    Item(ids.REQUEST_PLASTIC_GLOVES, "Plastic gloves", "plastic", "gloves"),
    Item(ids.REQUEST_HAND_SANITISER, "Hand sanitiser", "sanitiser", "millilitres", 1000.0, 1),
    Item(ids.REQUEST_SURFACE_DISINFECTANT, "Surface disinfectant", "disinfectant", "millilitres", 1000.0, 1),
)
ITEMS_BY_ID = {item.figure_id: item for item in ITEMS}
FIGURES = (ids.REQUEST_DURATION, *ids.POPULATIONS, *ITEMS_BY_ID)
EVENTS: tuple[str, ...] = ()

def per_prisoner_per_day(quantity: float, population: float, days: float) -> float:
    """One prisoner's daily share of a quantity meant to last ``days``."""
    if population <= 0 or days <= 0:
        raise ValueError("population and days must be positive")
    return quantity / population / days


def share_quantity(item: Item, quantity: float) -> float:
    """The requested quantity in the unit of one prisoner's share (litres to millilitres)."""
    return quantity * item.scale


def per_prisoner(figures: pd.DataFrame) -> pd.DataFrame:
    """Each consumable per prisoner per day, for each population basis, low to high over the days range."""
    require(__name__, FIGURES, figures=figures)
    shortest, longest = request_days(figures)
    rows = []
    for item in ITEMS:
        quantity = value(figures, item.figure_id)
        share = share_quantity(item, quantity)
        for population_id in ids.POPULATIONS:
            population = value(figures, population_id)
            rows.append({
                "figure_id": item.figure_id, "item": item.label, "quantity": quantity,
                "unit": figure(figures, item.figure_id)["unit"], "share_unit": item.share_unit,
                "share_quantity": share,
                "basis": population_id, "basis_as_of": figure(figures, population_id)["as_of"],
                "population": population,
                "per_prisoner": share / population,
                "per_day_low": per_prisoner_per_day(share, population, longest),
                "per_day_high": per_prisoner_per_day(share, population, shortest),
                "days_low": shortest, "days_high": longest,
            })
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------- results


DAYS_HOW = ("the letter's 'three months' in days: three 30-day months at the shortest, three calendar months "
            "from the letter's date at the longest")
DISTANCE_NOTE = "(a month-long count is placed at its midpoint)"


def _per_day_how(item: Item) -> str:
    in_share_unit = f" in {item.share_unit} (litres times 1,000)" if item.scale != 1 else ""
    return (f"the quantity requested{in_share_unit} divided by the population count and by the days the request "
            "covers (shortest and longest readings of 'three months')")


def _item_span(row: pd.Series, item: Item, lang: str = ENGLISH) -> str:
    return span(row["per_day_low"], row["per_day_high"], decimal, lang=lang, digits=item.digits)


AVERAGE_NOTE = ("an average if the items were shared among all prisoners in the count and no one else, neither an upper "
                "nor a lower bound on what any prisoner received")


def results(figures: pd.DataFrame, events: pd.DataFrame | None = None, lang: str = ENGLISH) -> dict[str, Value]:
    """Every number the prose shows about the request."""
    shares = per_prisoner(figures)
    headline = headline_basis(figures)
    shortest, longest = request_days(figures)
    chosen = shares[shares["basis"] == headline["figure_id"]].set_index("figure_id")
    other = shares[shares["basis"] != headline["figure_id"]].set_index("figure_id")
    masks = chosen.loc[ids.REQUEST_MASKS]
    duration, basis, other_basis = ids.REQUEST_DURATION, headline["figure_id"], other["basis"].iloc[0]
    values = {
        "request_date": figure_date(figures, duration, lang),
        "request_months": stated_value(figures, duration, lang),
        "days_low": derived(figures, number(str(shortest), lang), DAYS_HOW, dated_by=(duration,), lang=lang),
        "days_high": derived(figures, number(str(longest), lang), DAYS_HOW, dated_by=(duration,), lang=lang),
        "masks": stated_value(figures, ids.REQUEST_MASKS, lang),
        "headline_population": stated_value(figures, basis, lang),
        "headline_date": figure_date(figures, basis, lang),
        "headline_days_from_request": derived(figures, number(str(headline["days_from_request"]), lang),
                                              tr(f"days between the letter and the population count nearest to it {DISTANCE_NOTE}", lang),
                                              dated_by=(duration, basis), lang=lang),
        "other_days_from_request": derived(figures, number(str(max(headline["distances"].values())), lang),
                                           tr(f"days between the letter and the other population count {DISTANCE_NOTE}", lang),
                                           dated_by=(duration, other_basis), lang=lang),
        "masks_per_prisoner": derived(figures, decimal(masks["per_prisoner"], 1, lang),
                                      tr("masks requested divided by the count of {count}: {note}", lang).format(
                                          count=described(figures, basis, lang), note=tr(AVERAGE_NOTE, lang)),
                                      (ids.REQUEST_MASKS,), (basis,), lang=lang),
        "mask_every_days": derived(figures, span(1 / masks["per_day_high"], 1 / masks["per_day_low"], decimal, lang=lang, digits=1),
                                   tr("on average, per prisoner, the request's days divided by masks per prisoner, for the "
                                      "shortest and longest readings of 'three months': {note}", lang).format(note=tr(AVERAGE_NOTE, lang)),
                                   (basis,), (ids.REQUEST_MASKS,), dated_by=(duration,), lang=lang),
        "other_population": stated_value(figures, other_basis, lang),
        "other_date": figure_date(figures, other_basis, lang),
    }
    for item in ITEMS:
        for suffix, rows, population_id in (("", chosen, basis), ("_other", other, other_basis)):
            values[f"{item.key}_per_day{suffix}"] = derived(
                figures, _item_span(rows.loc[item.figure_id], item, lang),
                tr(_per_day_how(item), lang) + tr(", on the count of {count}: {note}", lang).format(
                    count=described(figures, population_id, lang), note=tr(AVERAGE_NOTE, lang)),
                (item.figure_id,), (population_id,), dated_by=(duration,), lang=lang)
    return values


# ---------------------------------------------------------------------------- chart


CHART_ID = "request-per-prisoner"
ROW_HEIGHT = chartmarks.ROW + chartmarks.LINE  # px: a row, and under each unit's last row its labelled scale
UNIT_COLOURS = alt.Scale(domain=sorted({item.share_unit for item in ITEMS}), range=charts.PALETTE[:4])
POPULATION, LOW, HIGH = "Population count (prisoners)", "Per prisoner per day, lowest (share unit)", "Per prisoner per day, highest (share unit)"
CHART_COLUMNS = {"item": "Item", "quantity": "Requested (requested unit)", "unit": "Requested unit", "share_unit": "Share unit",
                 "share_quantity": "Share quantity (share unit)", "population": POPULATION, "basis_as_of": "Population count date",
                 "per_day_low": LOW, "per_day_high": HIGH, "days_low": "Shortest three months (days)",
                 "days_high": "Longest three months (days)", "figure_id": "Figure"}


def _words_of(shares: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Item names, units and dates in ``lang``."""
    if lang == ENGLISH:
        return shares
    return shares.assign(item=[tr(i, lang) for i in shares["item"]], share_unit=[tr(u, lang) for u in shares["share_unit"]],
                         unit=[cell(u, lang) for u in shares["unit"]])


def chart_data(figures: pd.DataFrame, lang: str = ENGLISH) -> pd.DataFrame:
    """What the chart draws, for either population count: each item's daily share, in its own unit
    (the column names stay English, the data's own; the words in the cells are in ``lang``)."""
    return _words_of(per_prisoner(figures), lang)[list(CHART_COLUMNS)].rename(columns=CHART_COLUMNS)


def chart(figures: pd.DataFrame, lang: str = ENGLISH) -> alt.LayerChart:
    """Each item's daily share over the readings of "three months", recomputed in the browser for the
    population count and days the reader picks; items compare only with items of the same unit."""
    drawn, headline = chart_data(figures, lang), headline_basis(figures)
    counts = drawn.drop_duplicates(POPULATION).sort_values(POPULATION)
    shortest, longest = request_days(figures)
    population = alt.param(name="population", value=headline["population"], bind=alt.binding_select(
        options=list(counts[POPULATION]), name=tr("Prison population: ", lang),
        labels=[described(figures, b, lang) for b in per_prisoner(figures).drop_duplicates("basis").sort_values("population")["basis"]]))
    days = alt.param(name="days", value=longest, bind=alt.binding_range(min=shortest, max=longest, step=1, name=tr('Days in "three months": ', lang)))
    base = alt.Chart(drawn).transform_filter(f"datum['{POPULATION}'] == population").transform_calculate(
        chosen=f"datum['Share quantity (share unit)'] / datum['{POPULATION}'] / days").transform_calculate(
        lines=chartmarks.value_and_range_lines("Item", "chosen", LOW, HIGH, "Share unit", tr("over {shortest} to {longest} days", lang).format(shortest=count(shortest, lang), longest=count(longest, lang)),
                                                   word("to", lang)))
    rows = chartmarks.rows_on_own_scale(base, group="Share unit", row="Item", low=LOW, high=HIGH, point="chosen",
                                        color="Share unit", colors=UNIT_COLOURS, height=ROW_HEIGHT, scale_unit="Share unit",
                                        zero=number("0", lang))
    return charts.frame(
        rows.add_params(population, days), chart_id=CHART_ID, rows=drawn, height=len(ITEMS) * ROW_HEIGHT, gap=8, lang=lang,
        title=tr("Shared among all prisoners counted, the 25 March 2020 request averages one mask per prisoner every "
                 "{days} days", lang).format(days=results(figures, lang=lang)["mask_every_days"].text),
        subtitle=tr("Each item per prisoner per day, in its own unit (items compare only with the same unit), "
                    "at the days chosen below (diamond) and over every reading of \"three months\" (bar).", lang),
        source=tr("Figures: the Prisons Organization's letter of 25 March 2020, as quoted by Amnesty International; "
                  "population counts: officials, as reported by Amnesty International", lang))


def describe(figures: pd.DataFrame, lang: str = ENGLISH) -> str:
    """The chart's finding in words, on the headline basis."""
    shares, headline = _words_of(per_prisoner(figures), lang), headline_basis(figures)
    rows = shares[shares["basis"] == headline["figure_id"]]
    words = carried(figures, (), (headline["figure_id"],), lang)
    parts = [f"{r['item']}: {words}{_item_span(r, ITEMS_BY_ID[r['figure_id']], lang)} {r['share_unit']}" for _, r in rows.iterrows()]
    return tr("Average per prisoner per day, if the items were for the official population of {population} ({days} days "
              "after the letter), over {low} to {high} days: {parts}. The letter does not say how many prisons the items "
              "were for, so no prisoner's actual share is known.", lang).format(
        population=described(figures, headline["figure_id"], lang), days=number(str(headline["days_from_request"]), lang),
        low=number(str(rows["days_low"].iloc[0]), lang), high=number(str(rows["days_high"].iloc[0]), lang),
        parts=tr("; ", lang).join(parts))


def chart_in_words(figures: pd.DataFrame, lang: str = ENGLISH):
    return charts.text_alternative(describe(figures, lang), lang)
