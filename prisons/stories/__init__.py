"""One module per finding the book tells. Each declares the figure and event ids it reads
(``ids``), holds its pure computations, its results (``results``: every number its prose glues,
each saying how it was computed), its chart, the chart in words and the chart's data.
"""
from __future__ import annotations

import pandas as pd

from ..evidence import Problem
from . import deaths, letters, overcrowding, parsilon, request, shortfall
from .base import Value, glue_all, missing_ids

STORIES = (overcrowding, letters, request, deaths, parsilon, shortfall)

__all__ = ["STORIES", "Value", "every_value", "glue_all", "missing_ids_in", "deaths", "letters", "overcrowding",
           "parsilon", "request", "shortfall"]


def every_value(figures: pd.DataFrame, events: pd.DataFrame) -> dict[str, Value]:
    """Every value any chapter glues; names are unique across stories."""
    merged: dict[str, Value] = {}
    for story in STORIES:
        section = story.results(figures, events)
        clash = set(merged) & set(section)
        if clash:
            raise ValueError(f"glue names used by two sections: {', '.join(sorted(clash))}")
        merged |= section
    return merged


def missing_ids_in(figures: pd.DataFrame, events: pd.DataFrame) -> list[Problem]:
    """One problem for each id a story declares that the data lacks (``make check`` reports them)."""
    return [problem for story in STORIES
            for problem in missing_ids(story.__name__, story.FIGURES, story.EVENTS, figures, events)]
