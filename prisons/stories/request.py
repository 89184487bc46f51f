"""The March request: what the letter of 25 March 2020 asked for, per prisoner per day.

The letter does not say how many people the items were for, and "three months" is a range of
days, so every result is given over both population counts and both readings of the months.
Each item's per-prisoner scale is declared once (``ITEMS``): the prose, the chart's in-browser
expression and the ipywidgets explorer all take it from here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import altair as alt
import pandas as pd
from dateutil.relativedelta import relativedelta

from .. import charts
from ..evidence.dates import parse_iso, period_midpoint
from ..fmt import count, day, decimal, span
from . import ids
from .base import Value, figure, figure_date, require, stated_value, value


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

# "Three months" counted as three 30-day months at the shortest.
SHORTEST_MONTH_DAYS = 30


# ---------------------------------------------------------------------------- computations


def months_in_days(start: date, months: int) -> tuple[int, int]:
    """Shortest and longest reading of "N months" from ``start``, in days.

    One reading counts 30-day months, the other calendar months from the start date;
    whichever is shorter is the low end.
    """
    calendar = (start + relativedelta(months=months) - start).days
    return min(SHORTEST_MONTH_DAYS * months, calendar), max(SHORTEST_MONTH_DAYS * months, calendar)


def request_days(figures: pd.DataFrame) -> tuple[int, int]:
    """The 25 March 2020 letter's "three months", as a range of days."""
    duration = figure(figures, ids.REQUEST_DURATION)
    return months_in_days(parse_iso(duration["as_of"])[0], int(duration["value"]))


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


def headline_basis(figures: pd.DataFrame) -> dict[str, object]:
    """The population count nearest in time to the request, which the headline uses."""
    request_date = parse_iso(figure(figures, ids.REQUEST_DURATION)["as_of"])[0]
    distances = {pid: abs((period_midpoint(figure(figures, pid)["as_of"]) - request_date).days) for pid in ids.POPULATIONS}
    chosen = min(distances, key=distances.get)
    return {"figure_id": chosen, "population": value(figures, chosen), "days_from_request": distances[chosen],
            "as_of": figure(figures, chosen)["as_of"], "distances": distances}


# ---------------------------------------------------------------------------- results


DAYS_HOW = ("the letter's 'three months' in days: three 30-day months at the shortest, three calendar months "
            "from the letter's date at the longest")
DISTANCE_NOTE = "(a month-long count is placed at its midpoint)"


def _per_day_how(item: Item) -> str:
    in_share_unit = f" in {item.share_unit} (litres times 1,000)" if item.scale != 1 else ""
    return (f"the quantity requested{in_share_unit} divided by the population count and by the days the request "
            "covers (shortest and longest readings of 'three months')")


def _item_span(row: pd.Series, item: Item) -> str:
    return span(row["per_day_low"], row["per_day_high"], decimal, digits=item.digits)


def results(figures: pd.DataFrame, events: pd.DataFrame | None = None) -> dict[str, Value]:
    """Every number the prose shows about the request."""
    shares = per_prisoner(figures)
    headline = headline_basis(figures)
    shortest, longest = request_days(figures)
    chosen = shares[shares["basis"] == headline["figure_id"]].set_index("figure_id")
    other = shares[shares["basis"] != headline["figure_id"]].set_index("figure_id")
    masks = chosen.loc[ids.REQUEST_MASKS]
    duration, basis, other_basis = ids.REQUEST_DURATION, headline["figure_id"], other["basis"].iloc[0]
    values = {
        "request_date": figure_date(figures, duration),
        "request_months": Value(count(value(figures, duration)), (duration,)),
        "days_low": Value(str(shortest), (duration,), how=DAYS_HOW),
        "days_high": Value(str(longest), (duration,), how=DAYS_HOW),
        "masks": Value(count(masks["quantity"]), (ids.REQUEST_MASKS,)),
        "headline_population": stated_value(figures, basis),
        "headline_date": figure_date(figures, basis),
        "headline_days_from_request": Value(str(headline["days_from_request"]), (duration, basis),
                                            how=f"days between the letter and the population count nearest to it {DISTANCE_NOTE}"),
        "other_days_from_request": Value(str(max(headline["distances"].values())), (duration, other_basis),
                                         how=f"days between the letter and the other population count {DISTANCE_NOTE}"),
        "masks_per_prisoner": Value(decimal(masks["per_prisoner"], 1), (ids.REQUEST_MASKS, basis),
                                    how="masks requested divided by the population count nearest to the letter"),
        "mask_every_days": Value(span(1 / masks["per_day_high"], 1 / masks["per_day_low"], decimal, digits=1),
                                 (ids.REQUEST_MASKS, basis, duration),
                                 how="days per mask for each prisoner: the request's days divided by masks per "
                                     "prisoner, for the shortest and longest readings of 'three months'"),
        "other_population": stated_value(figures, other_basis),
        "other_date": figure_date(figures, other_basis),
    }
    for item in ITEMS:
        values[f"{item.key}_per_day"] = Value(_item_span(chosen.loc[item.figure_id], item),
                                              (item.figure_id, basis, duration), how=_per_day_how(item))
        values[f"{item.key}_per_day_other"] = Value(_item_span(other.loc[item.figure_id], item),
                                                    (item.figure_id, other_basis, duration), how=_per_day_how(item))
    return values


# ---------------------------------------------------------------------------- chart and explorer


def _basis_label(population: float, as_of: str) -> str:
    return f"{count(population)} ({day(as_of)} count)"


def chart(figures: pd.DataFrame) -> alt.LayerChart:
    """Per prisoner per day, recomputed in the browser as the reader moves the population and days."""
    shares, headline = per_prisoner(figures), headline_basis(figures)
    populations = sorted(shares["population"].unique())
    days_low, days_high = int(shares["days_low"].iloc[0]), int(shares["days_high"].iloc[0])
    labels = [_basis_label(p, a) for p, a in
              shares.drop_duplicates("population").sort_values("population")[["population", "basis_as_of"]].itertuples(index=False)]
    population = alt.param(name="population", value=headline["population"],
                           bind=alt.binding_select(options=populations, labels=labels, name="Prison population: "))
    days = alt.param(name="days", value=days_high,
                     bind=alt.binding_range(min=days_low, max=days_high, step=1, name='Days in "three months": '))
    one_basis = shares.drop_duplicates("figure_id")[["item", "figure_id", "quantity", "unit", "share_unit", "share_quantity"]]
    base = alt.Chart(one_basis).transform_calculate(
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
    return charts.titled((bars + text).add_params(population, days), "The 25 March 2020 request, per prisoner per day",
                         "Move the controls: the population basis and the length of \"three months\" are both uncertain. "
                         "Source: the letter as quoted by Amnesty International.").properties(usermeta={"chart_id": "request-per-prisoner"})


def describe(figures: pd.DataFrame) -> str:
    """The chart's finding in words, on the headline basis."""
    shares, headline = per_prisoner(figures), headline_basis(figures)
    rows = shares[shares["basis"] == headline["figure_id"]]
    parts = [f"{r['item']}: {_item_span(r, ITEMS_BY_ID[r['figure_id']])} {r['share_unit']}" for _, r in rows.iterrows()]
    return (f"Per prisoner per day, for a population of {count(headline['population'])} and "
            f"{rows['days_low'].iloc[0]} to {rows['days_high'].iloc[0]} days: " + "; ".join(parts) + ".")


def chart_in_words(figures: pd.DataFrame):
    return charts.text_alternative(describe(figures))


def chart_data(figures: pd.DataFrame):
    return charts.data_table(per_prisoner(figures), {
        "item": "Item", "quantity": "Requested", "unit": "Unit", "population": "Population basis",
        "basis_as_of": "Basis date", "per_prisoner": "Per prisoner (three months)",
        "per_day_low": "Per day, low", "per_day_high": "Per day, high", "share_unit": "Share unit"})


def explorer(figures: pd.DataFrame):
    """ipywidgets controls for population basis, days and item, showing one prisoner's daily share."""
    import ipywidgets as widgets

    shares = per_prisoner(figures)
    bases = shares.drop_duplicates("basis")
    shortest, longest = request_days(figures)
    population = widgets.Dropdown(
        options=[(f"{count(r.population)} ({day(r.basis_as_of)})", r.population) for r in bases.itertuples()],
        value=headline_basis(figures)["population"], description="Population")
    days = widgets.IntSlider(value=longest, min=shortest, max=longest, description="Days")
    items = shares.drop_duplicates("figure_id").set_index("item")
    item = widgets.Dropdown(options=list(items.index), description="Item")
    result = widgets.HTML()

    def update(_change=None) -> None:
        row = items.loc[item.value]
        share = per_prisoner_per_day(row["share_quantity"], population.value, days.value)
        result.value = f"<b>{decimal(share, 3)}</b> {row['share_unit']} per prisoner per day"

    for control in (population, days, item):
        control.observe(update, names="value")
    update()
    return widgets.VBox([population, days, item, result])
