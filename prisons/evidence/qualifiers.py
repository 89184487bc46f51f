"""How a source states a number, declared once: what bounds each qualifier needs, how it reads,
and how it bounds a computation.

``figures.csv`` names one of these in its ``qualifier`` column; the schema, the checks, the
formatting and every computation that takes bounds read the rule from here.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import pandas as pd


class Need(Enum):
    """Whether a qualifier needs a bound column filled, empty, or either."""

    FILLED = "filled"
    EMPTY = "empty"
    EITHER = "either"


@dataclass(frozen=True)
class Qualifier:
    """One way of stating a number.

    ``prefix`` is the word the number carries wherever it is shown, and every number derived
    from it; ``lower_bound`` marks "at least"/"more than", whose value is also their low bound;
    ``strict`` marks "more than", whose bound is not itself admitted.
    """

    name: str
    low: Need
    high: Need
    prefix: str = ""
    lower_bound: bool = False
    strict: bool = False
    approximate: bool = False

    @property
    def single(self) -> bool:
        """The source states one number (exactly or approximately), not bounds."""
        return self.low is Need.EMPTY

    def bounds(self, row: pd.Series) -> tuple[float, float | None]:
        """The figure as low and high: equal for a single value, high None where open above."""
        if self.single:
            return float(row["value"]), float(row["value"])
        low = float(row["value_low"])
        return low, (float(row["value_high"]) if pd.notna(row["value_high"]) else None)

    def admits(self, number: float, row: pd.Series) -> bool:
        """Whether ``number`` agrees with the figure as stated (strictly above a "more than")."""
        low, high = self.bounds(row)
        above = number > low if self.strict else number >= low
        return above and (high is None or number <= high)

    def bound_problems(self, value: float | None, low: float | None, high: float | None) -> list[tuple[str, str]]:
        """(column, message) for each bound the row holds in the wrong shape for this qualifier."""
        problems = []
        for column, got, need in (("value_low", low, self.low), ("value_high", high, self.high)):
            if need is Need.FILLED and got is None:
                problems.append((column, f"is empty but qualifier {self.name!r} needs it"))
            if need is Need.EMPTY and got is not None:
                problems.append((column, f"must be empty for qualifier {self.name!r}"))
        if self.lower_bound and low != value:
            problems.append(("value_low", f"must equal value for qualifier {self.name!r}"))
        return problems


QUALIFIERS: dict[str, Qualifier] = {q.name: q for q in (
    Qualifier("exact", Need.EMPTY, Need.EMPTY),
    Qualifier("approximately", Need.EMPTY, Need.EMPTY, prefix="around ", approximate=True),
    Qualifier("at least", Need.FILLED, Need.EMPTY, prefix="at least ", lower_bound=True),
    Qualifier("more than", Need.FILLED, Need.EMPTY, prefix="more than ", lower_bound=True, strict=True),
    Qualifier("range", Need.FILLED, Need.FILLED),
    Qualifier("vague", Need.FILLED, Need.EITHER),
)}


def of(row: pd.Series) -> Qualifier:
    """The qualifier a figure's row names."""
    return QUALIFIERS[row["qualifier"]]
