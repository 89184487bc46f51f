"""Reading numbers in source text: find every number, and read what a stated number means.

The number audit finds every numeral and number word; the figures table records, for each
figure, the words that state it (``number_text``), which ``read_number_text`` turns back into
the value, or the bounds, the row must hold.
"""
from __future__ import annotations

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


def number_tokens(text: str) -> list[Token]:
    """Every numeral and number word in ``text``, with its line number (1-based)."""
    return [
        Token(m.group(0), m.start(), m.end(), text.count("\n", 0, m.start()) + 1)
        for m in NUMBER_TOKEN.finditer(text)
    ]


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


@cache
def flexible_pattern(quote: str) -> re.Pattern:
    """A pattern that finds ``quote`` in a source where only whitespace and typographic
    quote marks may differ (cached: tables repeat their quotes, and a check compiles each once)."""
    parts = []
    for char in quote.strip():
        if char.isspace():
            if parts and parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif char in "\"“”":
            parts.append("[\"“”]")
        elif char in "'‘’":
            parts.append("['‘’]")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts))


@cache
def occurs(quote: str, text: str) -> bool:
    """Is ``quote`` in ``text``, up to whitespace and quote marks? Cached: many rows share a quote."""
    return flexible_pattern(quote).search(text) is not None
