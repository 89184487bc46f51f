"""The number audit: every numeral and number word in each source is accounted for.

A number is covered when it lies inside a figure's ``number_text`` (found within that
figure's quote), inside an event's ``date_text`` (within its quote), or inside a listed
non-figure on its line. Anything else is a number the data has missed.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

import pandas as pd

from .numbers import Folded, folded, number_tokens


@dataclass(frozen=True)
class Uncovered:
    source_id: str
    text: str
    line: int
    column: int


@dataclass(frozen=True)
class AuditResult:
    audited: int
    uncovered: list[Uncovered]
    coverage: dict[str, int]


def _spans_within_quotes(text: Folded, rows: pd.DataFrame, inner_column: str) -> list[tuple[int, int]]:
    """Spans of each row's ``inner_column`` text, first found inside each place its quote occurs
    (rows that repeat a quote and its inner text are read once)."""
    spans = set()
    for inner_text, quote_text in rows[[inner_column, "quote"]].drop_duplicates().itertuples(index=False):
        for start, end in text.spans(quote_text):
            found = text.spans(inner_text, start, end)[:1]
            spans.update(found)
    return sorted(spans)


def _line_spans(text: str, folded_text: Folded, rows: pd.DataFrame) -> list[tuple[int, int]]:
    """Spans of every occurrence of a non-figure's text on its stated line."""
    starts = [0] + [match.end() for match in re.finditer("\n", text)]
    spans = set()
    for line_number, found_text in rows[["line", "text"]].drop_duplicates().itertuples(index=False):
        line_number = int(line_number)
        if line_number > len(starts):
            continue
        begin = starts[line_number - 1]
        end = starts[line_number] if line_number < len(starts) else len(text)
        spans.update(folded_text.spans(found_text, begin, end))
    return sorted(spans)


class _Cover:
    """Whether a place lies inside one of many spans, in log time (a source of 10 MB has many)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts = [start for start, _ in spans]
        self.reach = list(itertools.accumulate((end for _, end in spans), max))

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.reach[i] >= end


def audit_numbers(texts: dict[str, str], sources: pd.DataFrame, figures: pd.DataFrame,
                  events: pd.DataFrame, not_figures: pd.DataFrame) -> AuditResult:
    """Find every number in every source and say which are not covered by the data."""
    audited, uncovered, coverage = 0, [], {"figures": 0, "events": 0, "not_figures": 0}
    for source_id, text in texts.items():
        folded_text = folded(text)
        kinds = {
            "figures": _Cover(_spans_within_quotes(folded_text, figures[figures["source_id"] == source_id], "number_text")),
            "events": _Cover(_spans_within_quotes(folded_text, events[events["source_id"] == source_id], "date_text")),
            "not_figures": _Cover(_line_spans(text, folded_text, not_figures[not_figures["source_id"] == source_id])),
        }
        for token in number_tokens(text):
            audited += 1
            kind = next((kind for kind, cover in kinds.items() if cover.covers(token.start, token.end)), None)
            if kind is None:
                column = token.start - (text.rfind("\n", 0, token.start) + 1) + 1
                uncovered.append(Uncovered(source_id, token.text, token.line, column))
            else:
                coverage[kind] += 1
    return AuditResult(audited, uncovered, coverage)
