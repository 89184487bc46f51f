"""Plain text only: the cells that reach pages and spreadsheets carry no markup, formula or
control character.

The tables are edited by hand and by contributors nobody knows, and what they hold reaches
every reader's browser and spreadsheet. Every output path escapes as well (defence in depth);
this check keeps such text out of the data in the first place.

- Control characters (NUL, tab, CR, LF, DEL and the C1 range) are refused in every column,
  verbatim ones included: the quote match ignores how whitespace is written, so a quote never
  needs them, and the HTML and the CSV would disagree about them.
- Invisible format characters (Unicode Cf: bidi overrides, zero-width spaces, the byte-order mark)
  are refused outside verbatim columns, and so are digits and spaces that make a number read
  differently from its value (``prisons.untrusted``). A verbatim quote keeps what its source has
  (the quote must occur in the source), and the page shows each such character as a marker.
- Markup (anything that opens a tag: ``<a``, ``</``, ``<!``, ``<?``) and a leading formula
  character (``=``, ``+``, ``@``, ``-``: OWASP's CSV-injection list) are refused in text and
  address columns that are not verbatim. Verbatim columns (``schema.Column.verbatim``) hold what
  the source holds and are escaped wherever they are shown, and neutralized in the downloads.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata

import pandas as pd

from .. import untrusted
from . import schema
from .problems import Problem, row_label

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class _Characters:
    """A set of characters, searched for as a pattern is (a regular-expression class of 165 format
    characters took 5 s on a column of 100,000 cells; a set takes milliseconds)."""

    def __init__(self, chars):
        self.chars = frozenset(chars)

    def search(self, text: str) -> bool:
        return not self.chars.isdisjoint(text)


# A first pass for the two rules of ``prisons.untrusted``: any format character (ZWNJ included; the
# rule itself says where one is allowed), any digit but ASCII, any space but the plain one. They sit
# in planes 0 and 1 and the tags block of plane 14.
_CANDIDATES = [chr(c) for c in (*range(0x20000), *range(0xE0000, 0xE1000))]
FORMAT = _Characters(c for c in _CANDIDATES if unicodedata.category(c) == "Cf")
NUMBER_READING = _Characters(c for c in _CANDIDATES if (unicodedata.category(c) == "Nd" and not c.isascii())
                             or (unicodedata.category(c) in ("Zs", "Zl", "Zp") and c != " "))
_BEYOND_ASCII = (FORMAT, NUMBER_READING)
MARKUP = re.compile(r"<\s*[A-Za-z/!?]")
FORMULA_START = re.compile(r"^(?:[\t\r]|\s*[=+@-])", re.MULTILINE)
_PLAIN_NUMBER = re.compile(schema.NUMBER_PATTERN)
_PLAIN_KINDS = ("text", "url")


def _control(cell: str) -> str:
    found = CONTROL.search(cell)
    return (f"contains control character U+{ord(found.group()):04X} at character {found.start() + 1}; "
            "write plain text (a space for a tab or line break)")


def _markup(cell: str) -> str:
    found = MARKUP.search(cell)
    return (f"contains markup {cell[found.start():found.start() + 20]!r} at character {found.start() + 1}; "
            "only verbatim quotes may hold '<'")


def _formula(cell: str) -> str:
    return (f"starts with {FORMULA_START.search(cell).group()[-1]!r}, which a spreadsheet reads as a formula; "
            "reword it so it starts with a letter, digit or quote mark")


def is_formula_risk(cell: str) -> bool:
    """Would a spreadsheet read this cell as a formula? ("-1" is a number, and harmless.)"""
    return FORMULA_START.match(cell) is not None and _PLAIN_NUMBER.fullmatch(cell) is None


def spreadsheet_safe(table: bytes) -> bytes:
    """A CSV table with each formula-like cell prefixed by ``'`` (OWASP's practice against CSV
    injection), for the copies the book offers; the same bytes when no cell needs it."""
    rows = list(csv.reader(io.StringIO(table.decode("utf-8"), newline="")))
    if not any(is_formula_risk(cell) for row in rows for cell in row):
        return table
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(
        [["'" + cell if is_formula_risk(cell) else cell for cell in row] for row in rows])
    return out.getvalue().encode("utf-8")


def _rules(column: schema.Column) -> list[tuple[re.Pattern | _Characters, object]]:
    """(a pattern that finds every cell that may break the rule, what the rule says of it or None)."""
    rules = [(CONTROL, _control)]
    if not column.verbatim:
        rules.append((FORMAT, untrusted.invisible_problem))
    if not column.verbatim and column.kind in _PLAIN_KINDS:
        rules += [(NUMBER_READING, untrusted.number_problem), (MARKUP, _markup), (FORMULA_START, _formula)]
    return rules


def _column_problems(frame: pd.DataFrame, column: schema.Column, file: str) -> list[Problem]:
    """Each rule first searches the whole column joined into one string (one regular-expression
    pass, fast on 100,000 rows); only a column that may hold a match is searched cell by cell."""
    problems = []
    cells = frame[column.name].tolist()
    plain_ascii = "".join(cells).isascii()  # then no rule about characters beyond ASCII can match (and the scan is free)
    for pattern, describe in _rules(column):
        if (plain_ascii and pattern in _BEYOND_ASCII) or not pattern.search(("\n" if pattern is FORMULA_START else "").join(cells)):
            continue  # joining can only add matches (across cells), never hide one
        problems += [Problem(file, row_label(label), column.name, why)
                     for label, cell in zip(frame.index, cells) if pattern.search(cell) and (why := describe(cell))]
    return problems


LONE_CARRIAGE_RETURN = re.compile(r"\r(?!\n)")


def carriage_return_problems(text: str, file: str) -> list[Problem]:
    """Each carriage return that does not end a line, located by line and character before pandas
    reads the table (a reader may end a row there, so which cell holds it is not reliably known)."""
    return [Problem(file, f"line {text.count(chr(10), 0, found.start()) + 1}", "",
                    f"contains control character U+000D at character {found.start() - text.rfind(chr(10), 0, found.start())}; "
                    "write plain text (a space for a line break)")
            for found in LONE_CARRIAGE_RETURN.finditer(text)]


def problems(frames: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Problem]:
    """Every cell, in every table, that holds what no reader's page or spreadsheet should receive."""
    found = []
    for name, frame in frames.items():
        for column in schema.TABLES[name].columns:
            found += _column_problems(frame, column, files[name])
    return found
