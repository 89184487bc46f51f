"""The ipywidgets explorer of the March request, for people re-running the notebooks."""
from __future__ import annotations

import pandas as pd

from . import compute
from .fmt import count, day, decimal


def request_explorer(figures: pd.DataFrame):
    """Controls for population basis, days and item, showing one prisoner's daily share."""
    import ipywidgets as widgets

    per_prisoner = compute.request_per_prisoner(figures)
    bases = per_prisoner.drop_duplicates("basis")
    shortest, longest = compute.request_days(figures)
    population = widgets.Dropdown(
        options=[(f"{count(r.population)} ({day(r.basis_as_of)})", r.population) for r in bases.itertuples()],
        value=compute.headline_basis(figures)["population"], description="Population")
    days = widgets.IntSlider(value=longest, min=shortest, max=longest, description="Days")
    items = per_prisoner.drop_duplicates("figure_id").set_index("item")
    item = widgets.Dropdown(options=list(items.index), description="Item")
    result = widgets.HTML()

    def update(_change=None) -> None:
        row = items.loc[item.value]
        scale = compute.CONSUMABLES[row["figure_id"]][2]
        share = compute.per_prisoner_per_day(row["quantity"] * scale, population.value, days.value)
        result.value = f"<b>{decimal(share, 3)}</b> {row['share_unit']} per prisoner per day"

    for control in (population, days, item):
        control.observe(update, names="value")
    update()
    return widgets.VBox([population, days, item, result])
