"""The package's entry points for an analyst (``import prisons``): load the evidence, read a
figure, and get every number the book shows with how it is computed and where in the code.

    import prisons
    evidence = prisons.load()                               # every table, validated as `make check` does
    prisons.value(evidence.figures, "amnesty-capacity")     # 85000.0, as the source states it
    results = prisons.results(evidence)                     # every number the prose shows
    results["ratio_later"].text, results["ratio_later"].how
    prisons.computed_in("ratio_later")                      # the function and line that computes it
"""
from __future__ import annotations

from pathlib import Path

from . import paths
from .evidence import Evidence, for_chapter, load_evidence
from .stories import Value, every_value
from .stories.base import figure, value

__all__ = ["Evidence", "Value", "computed_in", "figure", "for_chapter", "load", "results", "value"]


def load(data_dir: Path = paths.DATA) -> Evidence:
    """Every table of ``data/`` (figures, events, claims, sources, ...), read and validated; a
    ``DataError`` lists every problem found, each naming its file, row and column."""
    return load_evidence(data_dir)


def results(evidence: Evidence | None = None, lang: str = "en") -> dict[str, Value]:
    """Every number the book's prose shows, by name: its text, the figures and events it comes
    from, and (when computed) how. The same values the chapters glue."""
    evidence = evidence or load()
    return every_value(evidence.figures, evidence.events, lang)


def computed_in(name: str, evidence: Evidence | None = None) -> tuple[str, str, int]:
    """Where a result is made: the story function (``prisons.stories.<story>.<function>``), its file
    relative to the project, and the line."""
    found = results(evidence)
    if name not in found:
        raise KeyError(f"no result named {name!r}; see prisons.results() for the names")
    return found[name].made_in
