"""Reading numbers in source text: find every number, and read what a stated number means.

The number audit finds every numeral and number word; the figures table records, for each
figure, the words that state it (``number_text``), which ``read_number_text`` turns back into
the value, or the bounds, the row must hold.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "another": 1, "a single": 1, "single": 1,
}

# Plural and indefinite quantities, read as the narrowest bounds the word itself allows.
# The data README states these readings; a row holds them as value_low and value_high.
INDEFINITE = {
    "a number of": (2, None),
    "for days": (2, None),
    "for months": (2, None),
    "several": (3, None),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "hundreds of thousands": (200_000, 999_999),
}

_WORDS_AUDITED = sorted(
    set(UNITS) - {"another", "a single"}
    | {"hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
       "half", "twice", "dozen", "dozens", "several", "first", "second", "third"},
    key=len, reverse=True,
)
NUMBER_TOKEN = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:" + "|".join(_WORDS_AUDITED) + r")\b",
    re.IGNORECASE,
)
# The same tokens found in two passes that are each fast on a long text: the numerals, then each
# word on its own (a literal the regular-expression engine scans for, where one alternation of every
# word was tried at every place of the text: 10 s on 10 MB). No two tokens can overlap.
_NUMERAL = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
# (Each ends at a word boundary; the one before it is checked by hand: a pattern that starts with
# \b is tried at every place, one that starts with a literal is scanned for.)
_WORD_PATTERNS = [re.compile(rf"{word}\b") for word in _WORDS_AUDITED]


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")


@dataclass(frozen=True)
class Token:
    """A numeral or number word at a place in a text."""

    text: str
    start: int
    end: int
    line: int


@dataclass(frozen=True)
class Stated:
    """What a stated number holds: a value, or bounds (None where open or not applicable)."""

    value: float | None
    low: float | None = None
    high: float | None = None


def _token_spans(text: str) -> list[tuple[int, int]]:
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: places would shift
        return [m.span() for m in NUMBER_TOKEN.finditer(text)]
    spans = [m.span() for m in _NUMERAL.finditer(text)]
    for pattern in _WORD_PATTERNS:
        spans += [m.span() for m in pattern.finditer(lowered) if _starts_word(lowered, m.start())]
    return sorted(spans)


def number_tokens(text: str) -> list[Token]:
    """Every numeral and number word in ``text``, with its line number (1-based; the lines are
    counted as the tokens go, so a long text is read once)."""
    tokens, line, counted = [], 1, 0
    for start, end in _token_spans(text):
        line += text.count("\n", counted, start)
        counted = start
        tokens.append(Token(text[start:end], start, end, line))
    return tokens


@cache
def read_number_text(text: str) -> Stated:
    """Read how a source states a number ("5,400,000", "two or three", "hundreds").

    Raises ValueError for wording it does not know, so that a new kind of wording is
    read by a person before it enters the data.
    """
    words = " ".join(text.strip().strip("()").lower().split())
    if words in INDEFINITE:
        low, high = INDEFINITE[words]
        return Stated(None, low, high)
    if re.fullmatch(r"no(?: \w+)?|none|zero|not(?: even)?(?: been)? a single", words):
        return Stated(0)
    either = re.fullmatch(r"(.+) or (.+)", words)
    if either:
        low, high = (_single_number(part) for part in either.groups())
        return Stated(None, min(low, high), max(low, high))
    and_half = re.fullmatch(r"(.+) and (?:a )?half", words)
    if and_half:
        return Stated(_single_number(and_half.group(1)) + 0.5)
    return Stated(_single_number(words))


def _single_number(words: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", words):
        return float(words.replace(",", ""))
    if words in UNITS:
        return float(UNITS[words])
    raise ValueError(f"cannot read {words!r} as a number")


# Quotes match where only whitespace and typographic quote marks differ. Both sides are folded
# (each run of whitespace to one space, each quote mark to its straight form) and matched with
# str.find, which is linear in the text: a regular expression with a \s+ per space was quadratic
# on a quote that does not occur (92 s for a 20 KB quote against a 1 MB source).
_SPACE_RUN = re.compile(r"\s+")
_LONG_SPACE_RUN = re.compile(r"\s{2,}")  # the runs folding shortens (one whitespace character stays one)
_ONE_SPACE = str.maketrans("\t\n\r\x0b\x0c", "     ")  # ASCII whitespace, one character for one
_STRAIGHT = (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"))


def fold(text: str) -> str:
    """``text`` as quotes are matched: whitespace runs as one space, quote marks straight."""
    text = _SPACE_RUN.sub(" ", text) if _LONG_SPACE_RUN.search(text) or not text.isascii() else text.translate(_ONE_SPACE)
    for typographic, straight in _STRAIGHT:
        text = text.replace(typographic, straight)
    return text


class Folded:
    """A source text folded once, with the way back from a place in the fold to the text."""

    def __init__(self, text: str):
        self.text = fold(text)
        # From each folded position in ``starts`` on, the text is ``shifts`` characters further on;
        # ``runs`` are the text's runs of two or more whitespace characters, (start, end), in order.
        self.starts, self.shifts, self.runs = [0], [0], [(0, 0)]
        shift = 0
        for run in _LONG_SPACE_RUN.finditer(text):
            self.runs.append(run.span())
            shift += len(run.group()) - 1
            self.starts.append(run.end() - shift)
            self.shifts.append(shift)

    def original(self, position: int) -> int:
        return position + self.shifts[bisect.bisect_right(self.starts, position) - 1]

    def folded(self, position: int) -> int:
        """The folded position of a place in the text (a place inside a run of whitespace: after its one space)."""
        i = bisect.bisect_right(self.runs, (position, float("inf"))) - 1
        start, end = self.runs[i]
        if start <= position < end:
            return start - self.shifts[i - 1] + (position > start)
        return position - self.shifts[i]

    def spans(self, quote: str, begin: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """(start, end) in the text of each place ``quote`` occurs, left to right and not overlapping,
        within the text's ``begin``:``end``."""
        needle = fold(quote.strip())
        low, high = self.folded(begin), len(self.text) if end is None else self.folded(end)
        found, at = [], self.text.find(needle, low, high) if needle else -1
        while at != -1:
            found.append((self.original(at), self.original(at + len(needle) - 1) + 1))
            at = self.text.find(needle, at + len(needle), high)
        return found


@cache
def folded(text: str) -> Folded:
    """Each source folded once per run (cached: every quote of a source is matched against it)."""
    return Folded(text)


@cache
def occurs(quote: str, text: str) -> bool:
    """Is ``quote`` in ``text``, up to whitespace and quote marks? Cached: many rows share a quote."""
    return fold(quote.strip()) in folded(text).text
