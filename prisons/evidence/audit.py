"""The number audit: every numeral and number word in each source is accounted for.

A number is covered when it lies inside a figure's ``number_text`` (found within that
figure's quote), inside an event's ``date_text`` (within its quote), or inside a listed
non-figure on its line. Anything else is a number the data has missed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .numbers import flexible_pattern, number_tokens


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


def _spans_within_quotes(text: str, rows: pd.DataFrame, inner_column: str) -> set[tuple[int, int]]:
    """Spans of each row's ``inner_column`` text, first found inside each place its quote occurs
    (rows that repeat a quote and its inner text are read once)."""
    spans = set()
    for inner_text, quote_text in rows[[inner_column, "quote"]].drop_duplicates().itertuples(index=False):
        inner = flexible_pattern(inner_text)
        for quote in flexible_pattern(quote_text).finditer(text):
            found = inner.search(text, quote.start(), quote.end())
            if found:
                spans.add((found.start(), found.end()))
    return spans


def _line_spans(text: str, rows: pd.DataFrame) -> set[tuple[int, int]]:
    """Spans of every occurrence of a non-figure's text on its stated line."""
    starts = [0] + [match.end() for match in re.finditer("\n", text)]
    spans = set()
    for line_number, found_text in rows[["line", "text"]].drop_duplicates().itertuples(index=False):
        line_number = int(line_number)
        begin = starts[line_number - 1]
        end = starts[line_number] if line_number < len(starts) else len(text)
        spans |= {(m.start(), m.end()) for m in flexible_pattern(found_text).finditer(text, begin, end)}
    return spans


def audit_numbers(texts: dict[str, str], sources: pd.DataFrame, figures: pd.DataFrame,
                  events: pd.DataFrame, not_figures: pd.DataFrame) -> AuditResult:
    """Find every number in every source and say which are not covered by the data."""
    audited, uncovered, coverage = 0, [], {"figures": 0, "events": 0, "not_figures": 0}
    for source_id, text in texts.items():
        kinds = {
            "figures": _spans_within_quotes(text, figures[figures["source_id"] == source_id], "number_text"),
            "events": _spans_within_quotes(text, events[events["source_id"] == source_id], "date_text"),
            "not_figures": _line_spans(text, not_figures[not_figures["source_id"] == source_id]),
        }
        for token in number_tokens(text):
            audited += 1
            kind = next((kind for kind, spans in kinds.items()
                         if any(start <= token.start and token.end <= end for start, end in spans)), None)
            if kind is None:
                column = token.start - (text.rfind("\n", 0, token.start) + 1) + 1
                uncovered.append(Uncovered(source_id, token.text, token.line, column))
            else:
                coverage[kind] += 1
    return AuditResult(audited, uncovered, coverage)
