"""One thing wrong with the data, and the error that carries every such thing found."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

# What could end or fake a line of the log: control characters, line and paragraph separators.
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` with each character that could break the log's line written as an escape (a file name
    with a newline cannot fake a line of the check's output)."""
    return _BREAKS.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), str(text))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located by file, row and column."""

    file: str
    row: str
    column: str
    message: str

    def __str__(self) -> str:
        where = ", ".join(part for part in (self.row, self.column and f"column {self.column}") if part)
        line = f"{self.file}: {where}: {self.message}" if where else f"{self.file}: {self.message}"
        return one_line(line)


class DataError(Exception):
    """The data failed validation; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(dict.fromkeys(problems))
        super().__init__("\n".join(str(p) for p in problems))


def row_label(row) -> str:
    """A row as messages name it: "row <id>", or "line N" where the table has no id."""
    row = str(row)
    return row if row.startswith("line ") else f"row {row}"


def rows(frame: pd.DataFrame, columns=None):
    """(label, row as a dict of ``columns``, default all) for each row: what ``iterrows`` gives the
    checks, without a Series per row (a check of 100,000 rows would spend most of its time there)."""
    columns = list(frame.columns if columns is None else columns)
    values = zip(*(frame[column].tolist() for column in columns)) if columns else ()
    return zip(frame.index, (dict(zip(columns, row)) for row in values))
