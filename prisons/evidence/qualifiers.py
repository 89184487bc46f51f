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


# How a computed number moves with one of its inputs: up with it (a sum, a numerator) or down
# (a divisor, a subtrahend). A bound carries through only in the direction it keeps.
RISES, FALLS = 1, -1
_UPPER = {"at least ": "at most ", "more than ": "less than "}


def carried(inputs) -> str:
    """The words a number computed from ``inputs`` ((Qualifier, RISES or FALLS) pairs) carries.

    "around " when any input is approximate. From "at least"/"more than" inputs, a lower bound when
    every such input rises with the result, an upper bound when every one falls; a mix bounds
    nothing either way, and is refused rather than shown as a bound.
    """
    inputs = list(inputs)
    approximate = "around " if any(q.approximate for q, _ in inputs) else ""
    bounds = [(q, direction) for q, direction in inputs if q.lower_bound]
    if not bounds:
        return approximate
    directions = {direction for _, direction in bounds}
    if len(directions) > 1:
        raise ValueError("inputs bounded below push the result both ways: it is no bound either way")
    word = "more than " if any(q.strict for q, _ in bounds) else "at least "
    return (word if directions == {RISES} else _UPPER[word]) + approximate
