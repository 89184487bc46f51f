"""The official population counts as the request and shortfall stories use them: which count is
nearest the letter, and how a count is named wherever it divides (as stated, and when)."""
from __future__ import annotations

import pandas as pd

from ..evidence.dates import parse_iso, period_midpoint
from ..fmt import figure_when, stated
from . import ids
from .base import figure, value


def headline_basis(figures: pd.DataFrame) -> dict[str, object]:
    """The population count nearest in time to the request, which the headline uses."""
    request_date = parse_iso(figure(figures, ids.REQUEST_DURATION)["as_of"])[0]
    distances = {pid: abs((period_midpoint(figure(figures, pid)["as_of"]) - request_date).days) for pid in ids.POPULATIONS}
    chosen = min(distances, key=distances.get)
    return {"figure_id": chosen, "population": value(figures, chosen), "days_from_request": distances[chosen],
            "as_of": figure(figures, chosen)["as_of"], "distances": distances}


def described(figures: pd.DataFrame, basis: str) -> str:
    """A count as the book names it wherever it divides or is offered as a control: as stated, and
    when it was counted (an inferred date marked): "around 211,000, counted 13 June 2020"."""
    row = figure(figures, basis)
    return f"{stated(row)}, counted {figure_when(row)}"
