"""Read the evidence tables, validate them, and return typed frames, or one clear error.

Validation runs in two stages. The pandera schemas check each table on its own (columns,
types, allowed values, unique ids). The project's own checks then tie the tables to the
archived sources: hashes, verbatim quotes, stated numbers, cross-references, and the audit
of every number in the sources. Every problem becomes one line naming file, row and column.
"""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from . import paths, schema
from .schema import ID_PATTERN, SHA256_PATTERN
from .audit import audit_numbers
from .numbers import flexible_pattern, read_number_text

ISO_DAY_OR_MONTH = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located by file, row and column."""

    file: str
    row: str
    column: str
    message: str

    def __str__(self) -> str:
        where = ", ".join(part for part in (self.row, self.column and f"column {self.column}") if part)
        return f"{self.file}: {where}: {self.message}" if where else f"{self.file}: {self.message}"


class DataError(Exception):
    """The data failed validation; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(dict.fromkeys(problems))
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Evidence:
    """The validated tables and the archived source texts they quote."""

    sources: pd.DataFrame
    figures: pd.DataFrame
    events: pd.DataFrame
    claims: pd.DataFrame
    not_figures: pd.DataFrame
    corrections: pd.DataFrame
    source_texts: dict[str, str]
    numbers_audited: int = 0
    coverage: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------------------- values


def parse_iso(text: str) -> tuple[date, date]:
    """First and last day of an ISO 8601 date, month, year, or interval ``start/end``."""
    start_text, _, end_text = text.partition("/")
    start = _period(start_text)[0]
    end = _period(end_text or start_text)[1]
    if end < start:
        raise ValueError(f"{text!r} ends before it starts")
    return start, end


def _period(text: str) -> tuple[date, date]:
    period = pd.Period(text, freq={4: "Y", 7: "M", 10: "D"}[len(text)])
    if not pd.Series([text]).str.fullmatch(ISO_DAY_OR_MONTH).iloc[0]:
        raise ValueError(text)
    return period.start_time.date(), period.end_time.date()


def _is_iso(text: str) -> bool:
    if text == "":
        return True
    try:
        parse_iso(text)
    except (ValueError, KeyError):
        return False
    return True


PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _is_number(text: str) -> bool:
    """A plain number: ASCII digits, an optional point, no separators or exponent."""
    return text == "" or PLAIN_NUMBER.fullmatch(text) is not None


# ---------------------------------------------------------------------------- schemas

_FILLED = pa.Check(lambda s: s.str.strip() != "", error="is empty")
_KIND_CHECKS = {
    "text": [],
    "id": [pa.Check.str_matches(f"^{ID_PATTERN}$", error="is not a lower-case, hyphenated id")],
    "number": [pa.Check(_is_number, element_wise=True, error="is not a plain number")],
    "integer": [pa.Check.str_matches(r"^[1-9]\d*$", error="is not a whole number above zero")],
    "iso": [pa.Check(_is_iso, element_wise=True, error="is not an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD or start/end)")],
    "day": [pa.Check(lambda text: text == "" or (len(text) == 10 and _is_iso(text)), element_wise=True,
                     error="is not a day written YYYY-MM-DD")],
    "url": [pa.Check.str_startswith("https://")],
    "sha256": [pa.Check.str_matches(f"^{SHA256_PATTERN}$", error="is not a sha256 hex digest")],
}


def _pandera_column(column: schema.Column, known: dict[str, list[str]]) -> pa.Column:
    """A pandera column from the data dictionary; every cell is read as text."""
    checks = list(_KIND_CHECKS[column.kind])
    if column.values:
        checks.append(pa.Check.isin(column.values, error=f"is not one of {', '.join(column.values)}"))
    if column.references:
        table, _, key = column.references.partition(".")
        checks.append(pa.Check.isin(known.get(column.references, []),
                                    error=f"is not a {key} in data/{paths.TABLE_FILES[table]}"))
    if column.required:
        checks.append(_FILLED)
    return pa.Column(str, checks=checks, unique=column.unique, description=column.description)


def _schemas(known: dict[str, list[str]]) -> dict[str, pa.DataFrameSchema]:
    """One pandera schema per table; ``known`` holds the ids that references may use."""
    return {name: pa.DataFrameSchema({c.name: _pandera_column(c, known) for c in table.columns}, name=name)
            for name, table in schema.TABLES.items()}


ID_COLUMNS = {name: table.key for name, table in schema.TABLES.items() if table.key}


# ---------------------------------------------------------------------------- reading


def _read_csv(name: str, path: Path) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read a table as text; row labels are ids where the table has them, else line numbers."""
    file = paths.relative(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(file, "", "", f"cannot be read ({error.strerror})")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(file, f"line {line}", "", f"is not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); save it as UTF-8")]
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        return None, [Problem(file, "", "", f"is not a readable CSV table ({str(error).strip()})")]
    expected = [column.name for column in schema.TABLES[name].columns]
    missing = [column for column in expected if column not in frame.columns]
    unknown = [column for column in frame.columns if column not in expected]
    problems = [Problem(file, "", column, "is missing from the header") for column in missing]
    problems += [Problem(file, "", column, "is not a known column (a typo?)") for column in unknown]
    if problems:
        return None, problems
    id_column = ID_COLUMNS.get(name)
    frame.index = [
        (row[id_column] if id_column and row[id_column].strip() else f"line {number + 2}")
        for number, (_, row) in enumerate(frame.iterrows())
    ]
    return frame, []


def _schema_problems(name: str, frame: pd.DataFrame, file: str, schema: pa.DataFrameSchema) -> list[Problem]:
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        cases = errors.failure_cases
        problems = []
        for case in cases.itertuples():
            row = "" if pd.isna(case.index) else _row_label(name, case.index)
            if case.check == "field_uniqueness":
                message = f"{case.failure_case!r} is duplicated"
            else:
                message = f"{case.failure_case!r} {case.check}"
            problems.append(Problem(file, row, case.column, message))
        return problems
    return []


def _row_label(name: str, row) -> str:
    row = str(row)
    return row if row.startswith("line ") else f"row {row}"


# ---------------------------------------------------------------------------- project checks


def _source_problems(sources: pd.DataFrame, data_dir: Path) -> tuple[dict[str, str], list[Problem]]:
    texts, problems = {}, []
    file = paths.relative(data_dir / paths.TABLE_FILES["sources"])
    for label, row in sources.iterrows():
        path = data_dir / paths.SOURCES_SUBDIR / row["file"]
        try:
            raw = path.read_bytes()
        except OSError:
            problems.append(Problem(file, f"row {label}", "file", f"archived source {paths.relative(path)} is missing"))
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest != row["sha256"]:
            problems.append(Problem(file, f"row {label}", "sha256",
                                    f"{paths.relative(path)} has changed since its hash was recorded (now {digest[:12]}...); restore the original"))
            continue
        try:
            texts[label] = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(file, f"row {label}", "file", f"{paths.relative(path)} is not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start})"))
    return texts, problems


def _quote_problems(table: str, frame: pd.DataFrame, texts: dict[str, str], file: str,
                    quote_column: str = "quote", source_column: str = "source_id") -> list[Problem]:
    problems = []
    for label, row in frame.iterrows():
        text = texts.get(row[source_column])
        if text is not None and not flexible_pattern(row[quote_column]).search(text):
            problems.append(Problem(file, _row_label(table, label), quote_column,
                                    f"quote not found in archived source {row[source_column]}: {row[quote_column][:60]!r}"))
    return problems


def _figure_problems(figures: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    for label, row in figures.iterrows():
        where = f"row {label}"
        if not flexible_pattern(row["number_text"]).search(row["quote"]):
            problems.append(Problem(file, where, "number_text", f"{row['number_text']!r} is not in the quote"))
            continue
        try:
            stated = read_number_text(row["number_text"])
        except ValueError as error:
            problems.append(Problem(file, where, "number_text", str(error)))
            continue
        value, low, high = (_float(row[c]) for c in ("value", "value_low", "value_high"))
        problems += _stated_problems(file, where, stated, row["qualifier"], value, low, high)
        if low is not None and value is not None and low > value:
            problems.append(Problem(file, where, "value_low", f"{low:g} is above value {value:g}"))
        if high is not None and value is not None and value > high:
            problems.append(Problem(file, where, "value_high", f"{high:g} is below value {value:g}"))
        if low is not None and high is not None and low > high:
            problems.append(Problem(file, where, "value_high", f"{high:g} is below value_low {low:g}"))
    return problems


def _stated_problems(file, where, stated, qualifier, value, low, high) -> list[Problem]:
    """Does the row hold what its number_text says, in the shape its qualifier needs?"""
    problems = []
    if stated.value is not None and value != stated.value:
        problems.append(Problem(file, where, "value", f"{_show(value)} differs from the stated {_show(stated.value)}"))
    if stated.value is None:
        if value is not None:
            problems.append(Problem(file, where, "value", "must be empty: the source states no single number"))
        for column, got, want in (("value_low", low, stated.low), ("value_high", high, stated.high)):
            if got != want:
                problems.append(Problem(file, where, column, f"{_show(got)} differs from the reading {_show(want)}"))
    needs_bounds = {"range": (True, True), "vague": (True, None), "at least": (True, False),
                    "more than": (True, False), "exact": (False, False), "approximately": (False, False)}
    low_needed, high_needed = needs_bounds[qualifier]
    for column, got, needed in (("value_low", low, low_needed), ("value_high", high, high_needed)):
        if needed is True and got is None:
            problems.append(Problem(file, where, column, f"is empty but qualifier {qualifier!r} needs it"))
        if needed is False and got is not None:
            problems.append(Problem(file, where, column, f"must be empty for qualifier {qualifier!r}"))
    if qualifier in ("at least", "more than") and low != value:
        problems.append(Problem(file, where, "value_low", f"must equal value for qualifier {qualifier!r}"))
    return problems


def _event_problems(events: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    for label, row in events.iterrows():
        if not flexible_pattern(row["date_text"]).search(row["quote"]):
            problems.append(Problem(file, f"row {label}", "date_text", f"{row['date_text']!r} is not in the quote"))
        if row["date_end"] and parse_iso(row["date_end"])[1] < parse_iso(row["date"])[0]:
            problems.append(Problem(file, f"row {label}", "date_end", "is before date"))
    return problems


def _claim_problems(claims: pd.DataFrame, figures: pd.DataFrame, events: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    for label, row in claims.iterrows():
        for column, known in (("figure_ids", figures.index), ("event_ids", events.index)):
            for ref in filter(None, row[column].split(";")):
                if ref not in known:
                    problems.append(Problem(file, f"row {label}", column, f"{ref!r} is not a known id"))
    return problems


def _not_figure_problems(not_figures: pd.DataFrame, texts: dict[str, str], file: str) -> list[Problem]:
    problems = []
    for label, row in not_figures.iterrows():
        text = texts.get(row["source_id"])
        if text is None:
            continue
        lines = text.split("\n")
        number = int(row["line"])
        if number > len(lines) or row["text"] not in lines[number - 1]:
            problems.append(Problem(file, _row_label("not_figures", label), "text",
                                    f"{row['text']!r} is not on line {number} of {row['source_id']}"))
    return problems


def _correction_problems(corrections: pd.DataFrame, figures: pd.DataFrame, file: str) -> list[Problem]:
    """Each correction changes something, and the latest one per cell matches the figure as it is now."""
    problems = []
    latest = {}
    for label, row in corrections.sort_values("date", kind="stable").iterrows():
        cell = (row["figure_id"], row["column"])
        if row["old_value"] == row["new_value"]:
            problems.append(Problem(file, _row_label("corrections", label), "new_value", "is the same as old_value"))
        if cell in latest and latest[cell][1] != row["old_value"]:
            problems.append(Problem(file, _row_label("corrections", label), "old_value",
                                    f"{row['old_value']!r} is not what the previous correction of this cell left "
                                    f"({latest[cell][1]!r})"))
        latest[cell] = (label, row["new_value"])
    for (figure_id, column), (label, new_value) in latest.items():
        current = figures.loc[figure_id, column] if figure_id in figures.index else None
        if current is not None and current != new_value:
            problems.append(Problem(file, _row_label("corrections", label), "new_value",
                                    f"{new_value!r} is not what figures.csv now holds for {figure_id} {column} ({current!r})"))
    return problems


def _float(text: str) -> float | None:
    return float(text) if text != "" else None


def _show(number: float | None) -> str:
    return "empty" if number is None else f"{number:.15g}"


# ---------------------------------------------------------------------------- typing


def _typed(evidence: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    figures = evidence["figures"].copy()
    for column in ("value", "value_low", "value_high"):
        figures[column] = pd.to_numeric(figures[column].replace("", None)).astype("float64")
    not_figures = evidence["not_figures"].copy()
    not_figures["line"] = not_figures["line"].astype(int)
    return {**evidence, "figures": figures, "not_figures": not_figures}


# ---------------------------------------------------------------------------- entry points


def load_evidence(data_dir: Path = paths.DATA) -> Evidence:
    """Read and validate every table; raise DataError listing every problem found."""
    data_dir = Path(data_dir)
    frames, problems = {}, []
    for name, file_name in paths.TABLE_FILES.items():
        frame, read_problems = _read_csv(name, data_dir / file_name)
        problems += read_problems
        if frame is not None:
            frames[name] = frame
    if problems:
        raise DataError(problems)
    files = {name: paths.relative(data_dir / file_name) for name, file_name in paths.TABLE_FILES.items()}
    schemas = _schemas({f"{name}.{key}": sorted(set(frames[name][key])) for name, key in ID_COLUMNS.items()})
    for name, frame in frames.items():
        problems += _schema_problems(name, frame, files[name], schemas[name])
    if problems:
        raise DataError(problems)
    texts, problems = _source_problems(frames["sources"], data_dir)
    problems += _quote_problems("figures", frames["figures"], texts, files["figures"])
    problems += _quote_problems("events", frames["events"], texts, files["events"])
    problems += _quote_problems("claims", frames["claims"], texts, files["claims"])
    problems += _quote_problems("claims", frames["claims"], texts, files["claims"], "evidence_quote", "evidence_source_id")
    problems += _figure_problems(frames["figures"], files["figures"])
    problems += _event_problems(frames["events"], files["events"])
    problems += _claim_problems(frames["claims"], frames["figures"], frames["events"], files["claims"])
    problems += _not_figure_problems(frames["not_figures"], texts, files["not_figures"])
    problems += _correction_problems(frames["corrections"], frames["figures"], files["corrections"])
    if problems:
        raise DataError(problems)
    audit = audit_numbers(texts, frames["sources"], frames["figures"], frames["events"], frames["not_figures"])
    source_files = {sid: paths.relative(data_dir / paths.SOURCES_SUBDIR / row["file"]) for sid, row in frames["sources"].iterrows()}
    problems = [
        Problem(source_files[token.source_id], f"line {token.line}, character {token.column}", "",
                f"number {token.text!r} is neither in a figure's number_text, an event's date_text, nor {files['not_figures']}")
        for token in audit.uncovered
    ]
    if problems:
        raise DataError(problems)
    return Evidence(**_typed(frames), source_texts=texts, numbers_audited=audit.audited, coverage=audit.coverage)


@dataclass(frozen=True)
class ChapterData:
    """The tables one chapter declared in paths.CHAPTER_TABLES, and only those."""

    chapter: str
    tables: dict[str, pd.DataFrame]

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = object.__getattribute__(self, "tables")
        if name in tables:
            return tables[name]
        chapter = object.__getattribute__(self, "chapter")
        raise AttributeError(f"chapter {chapter!r} does not declare table {name!r} in prisons.paths.CHAPTER_TABLES")


def for_chapter(chapter: str, data_dir: Path = paths.DATA) -> ChapterData:
    """The validated tables a chapter reads: the only way chapters get data."""
    evidence = load_evidence(data_dir)
    tables = {name: getattr(evidence, name) for name in paths.CHAPTER_TABLES[chapter]}
    if "not_figures" in tables:
        tables["audit"] = {"audited": evidence.numbers_audited, **evidence.coverage}
    return ChapterData(chapter, tables)
