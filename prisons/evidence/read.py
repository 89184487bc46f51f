"""Read the evidence tables, validate them, and return typed frames, or one clear error.

Validation runs in two stages. The pandera schemas check each table on its own (columns,
types, allowed values, unique ids). The project's own checks then tie the tables to the
archived sources: hashes, verbatim quotes, stated numbers, cross-references, and the audit
of every number in the sources. Every problem becomes one line naming file, row and column.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from .. import paths
from . import checks, hygiene, schema
from .audit import audit_numbers
from .dates import is_iso
from .problems import DataError, Problem, row_label
from .schema import FILE_PATTERN, ID_PATTERN, NUMBER_PATTERN, SHA256_PATTERN


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



PLAIN_NUMBER = re.compile(NUMBER_PATTERN)


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
    "iso": [pa.Check(is_iso, element_wise=True, error="is not an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD or start/end)")],
    "day": [pa.Check(lambda text: text == "" or (len(text) == 10 and is_iso(text)), element_wise=True,
                     error="is not a day written YYYY-MM-DD")],
    "url": [pa.Check.str_startswith("https://")],
    "sha256": [pa.Check.str_matches(f"^{SHA256_PATTERN}$", error="is not a sha256 hex digest")],
    "file": [pa.Check.str_matches(f"^{FILE_PATTERN}$", error="is not a plain file name (no folder, no '..')")],
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


def table_text(text: str) -> pd.DataFrame:
    """A table's CSV text as written, every cell a string and an empty cell empty."""
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


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
    if hygiene.LONE_CARRIAGE_RETURN.search(text):
        return None, hygiene.carriage_return_problems(text, file)
    try:
        frame = table_text(text)
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
    lines = [f"line {number + 2}" for number in range(len(frame))]
    frame.index = ([key if key.strip() else line for key, line in zip(frame[id_column], lines)]
                   if id_column else lines)
    return frame, []


def _schema_problems(name: str, frame: pd.DataFrame, file: str, schema: pa.DataFrameSchema) -> list[Problem]:
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        cases = errors.failure_cases
        problems = []
        for case in cases.itertuples():
            row = "" if pd.isna(case.index) else row_label(case.index)
            if case.check == "field_uniqueness":
                message = f"{case.failure_case!r} is duplicated"
            else:
                message = f"{case.failure_case!r} {case.check}"
            problems.append(Problem(file, row, case.column, message))
        return problems
    return []




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
    problems += hygiene.problems(frames, files)
    if problems:
        raise DataError(problems)
    texts, problems = checks.source_texts(frames["sources"], data_dir)
    problems += checks.project_problems(frames, texts, files)
    if problems:
        raise DataError(problems)
    audit = audit_numbers(texts, frames["sources"], frames["figures"], frames["events"], frames["not_figures"])
    source_files = {sid: paths.relative(data_dir / paths.SOURCES_SUBDIR / file) for sid, file in frames["sources"]["file"].items()}
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
    """The validated tables a chapter reads: the only way chapters get data. An unknown chapter is
    refused in one line that lists the known ones."""
    if chapter not in paths.CHAPTER_TABLES:
        raise ValueError(f"no chapter named {chapter!r}; the chapters are: {', '.join(sorted(paths.CHAPTER_TABLES))}")
    evidence = load_evidence(data_dir)
    tables = {name: getattr(evidence, name) for name in paths.CHAPTER_TABLES[chapter]}
    if "not_figures" in tables:
        tables["audit"] = {"audited": evidence.numbers_audited, **evidence.coverage}
    return ChapterData(chapter, tables)
