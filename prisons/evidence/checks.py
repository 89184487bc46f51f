"""The project's own checks, which tie the tables to the archived sources: hashes, verbatim quotes,
stated numbers read back, cross-references and the corrections chain. Each returns Problems.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from .. import paths
from .dates import parse_iso
from .notes import arithmetic_problems
from .numbers import occurs, read_number_text
from .problems import Problem, row_label, rows
from .qualifiers import QUALIFIERS


def source_texts(sources: pd.DataFrame, data_dir: Path) -> tuple[dict[str, str], list[Problem]]:
    """The archived texts sources.csv names, each checked against its recorded hash; a file in the
    sources folder that the table does not name is a problem (it would be published unaudited)."""
    texts, problems = {}, []
    file = paths.relative(data_dir / paths.TABLE_FILES["sources"])
    for label, row in rows(sources):
        path = data_dir / paths.SOURCES_SUBDIR / row["file"]
        if path.is_symlink():  # it would publish whatever it points to
            problems.append(Problem(file, f"row {label}", "file", f"archived source {paths.relative(path)} is a symbolic "
                                    "link; archive the text itself"))
            continue
        try:
            raw = path.read_bytes()
        except OSError:
            problems.append(Problem(file, f"row {label}", "file", f"archived source {paths.relative(path)} is missing"))
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest != row["sha256"]:
            problems.append(Problem(file, f"row {label}", "sha256",
                                    f"recorded {row['sha256']} but {paths.relative(path)} hashes to {digest}: either "
                                    "the file changed since it was archived (restore the original) or the recorded "
                                    "hash is wrong (correct it in sources.csv)"))
            continue
        try:
            texts[label] = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(file, f"row {label}", "file", f"{paths.relative(path)} is not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start})"))
    return texts, problems + _unregistered_problems(sources, data_dir, file)


def _unregistered_problems(sources: pd.DataFrame, data_dir: Path, file: str) -> list[Problem]:
    folder = data_dir / paths.SOURCES_SUBDIR
    registered = set(sources["file"])
    present = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    return [Problem(paths.relative(path), "", "", f"is not named in {file}: register it there (with its sha256) "
                                                  "or remove it; nothing unregistered is audited or published")
            for path in present if path.relative_to(folder).as_posix() not in registered]


def _quote_problems(frame: pd.DataFrame, texts: dict[str, str], file: str, quote_column: str,
                    source_column: str) -> list[Problem]:
    problems = []
    for label, row in rows(frame, (source_column, quote_column)):
        text = texts.get(row[source_column])
        if text is not None and not occurs(row[quote_column], text):
            problems.append(Problem(file, row_label(label), quote_column,
                                    f"quote not found in archived source {row[source_column]}: {row[quote_column][:60]!r}"))
    return problems


def _figure_problems(figures: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    for label, row in rows(figures):
        where = f"row {label}"
        if not occurs(row["number_text"], row["quote"]):
            problems.append(Problem(file, where, "number_text", f"{row['number_text']!r} is not in the quote"))
            continue
        try:
            stated = read_number_text(row["number_text"])
        except ValueError as error:
            problems.append(Problem(file, where, "number_text", str(error)))
            continue
        value, low, high = (_number(row[c]) for c in ("value", "value_low", "value_high"))
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
    problems += [Problem(file, where, column, message)
                 for column, message in QUALIFIERS[qualifier].bound_problems(value, low, high)]
    return problems


def _date_basis_problems(frame: pd.DataFrame, file: str, date_column: str) -> list[Problem]:
    """A date has a basis; a derived date says what it was inferred from, a stated one does not."""
    problems = []
    for label, row in rows(frame):
        dated, basis, inferred = bool(row[date_column]), row["date_basis"], row["date_inferred_from"]
        if dated != bool(basis):
            problems.append(Problem(file, f"row {label}", "date_basis",
                                    f"must be {'filled' if dated else 'empty'} when {date_column} is {'set' if dated else 'empty'}"))
        if (basis == "derived") != bool(inferred):
            problems.append(Problem(file, f"row {label}", "date_inferred_from",
                                    "must say what a derived date is inferred from" if basis == "derived"
                                    else "must be empty unless the date is derived"))
    return problems


def _figure_date_problems(figures: pd.DataFrame, texts: dict[str, str], file: str) -> list[Problem]:
    """The date basis, and the source's own words for a date where the table gives them."""
    problems = _date_basis_problems(figures, file, "as_of")
    for label, row in rows(figures):
        text = texts.get(row["source_id"])
        if row["date_text"] and text is not None and not occurs(row["date_text"], text):
            problems.append(Problem(file, f"row {label}", "date_text",
                                    f"{row['date_text']!r} is not in archived source {row['source_id']}"))
        if row["date_text"] and not row["as_of"]:
            problems.append(Problem(file, f"row {label}", "date_text", "is set but as_of is empty"))
    return problems


def _event_problems(events: pd.DataFrame, file: str) -> list[Problem]:
    problems = _date_basis_problems(events, file, "date")
    for label, row in rows(events):
        if not occurs(row["date_text"], row["quote"]):
            problems.append(Problem(file, f"row {label}", "date_text", f"{row['date_text']!r} is not in the quote"))
        if row["date_end"] and parse_iso(row["date_end"])[1] < parse_iso(row["date"])[0]:
            problems.append(Problem(file, f"row {label}", "date_end", "is before date"))
    return problems


def _claim_problems(claims: pd.DataFrame, figures: pd.DataFrame, events: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    for label, row in rows(claims):
        for column, known in (("figure_ids", figures.index), ("event_ids", events.index)):
            for ref in filter(None, row[column].split(";")):
                if ref not in known:
                    problems.append(Problem(file, f"row {label}", column, f"{ref!r} is not a known id"))
    return problems


def _not_figure_problems(not_figures: pd.DataFrame, texts: dict[str, str], file: str) -> list[Problem]:
    problems = []
    lines_of = {source_id: text.split("\n") for source_id, text in texts.items()}  # once per source, not per row
    for label, row in rows(not_figures):
        lines = lines_of.get(row["source_id"])
        if lines is None:
            continue
        number = int(row["line"])
        if number > len(lines) or row["text"] not in lines[number - 1]:
            problems.append(Problem(file, row_label(label), "text",
                                    f"{row['text']!r} is not on line {number} of {row['source_id']}"))
    return problems


def _correction_problems(corrections: pd.DataFrame, figures: pd.DataFrame, file: str) -> list[Problem]:
    """Each correction changes something, and the latest one per cell matches the figure as it is now."""
    problems = []
    latest = {}
    for label, row in rows(corrections.sort_values("date", kind="stable")):
        cell = (row["figure_id"], row["column"])
        if row["old_value"] == row["new_value"]:
            problems.append(Problem(file, row_label(label), "new_value", "is the same as old_value"))
        if cell in latest and latest[cell][1] != row["old_value"]:
            problems.append(Problem(file, row_label(label), "old_value",
                                    f"{row['old_value']!r} is not what the previous correction of this cell left "
                                    f"({latest[cell][1]!r})"))
        latest[cell] = (label, row["new_value"])
    for (figure_id, column), (label, new_value) in latest.items():
        current = figures.loc[figure_id, column] if figure_id in figures.index else None
        if current is not None and current != new_value:
            problems.append(Problem(file, row_label(label), "new_value",
                                    f"{new_value!r} is not what figures.csv now holds for {figure_id} {column} ({current!r})"))
    return problems


def _number(text: str) -> float | None:
    return float(text) if text != "" else None


def _show(number: float | None) -> str:
    return "empty" if number is None else f"{number:.15g}"



def project_problems(frames: dict[str, pd.DataFrame], texts: dict[str, str], files: dict[str, str]) -> list[Problem]:
    """Every cross-table and against-the-source problem in tables that passed their schemas."""
    problems = []
    for table, quote_column, source_column in (("figures", "quote", "source_id"), ("events", "quote", "source_id"),
                                               ("claims", "quote", "source_id"),
                                               ("claims", "evidence_quote", "evidence_source_id")):
        problems += _quote_problems(frames[table], texts, files[table], quote_column, source_column)
    problems += _figure_problems(frames["figures"], files["figures"])
    problems += _figure_date_problems(frames["figures"], texts, files["figures"])
    problems += arithmetic_problems(frames["figures"], files["figures"])
    problems += _event_problems(frames["events"], files["events"])
    problems += _claim_problems(frames["claims"], frames["figures"], frames["events"], files["claims"])
    problems += _not_figure_problems(frames["not_figures"], texts, files["not_figures"])
    problems += _correction_problems(frames["corrections"], frames["figures"], files["corrections"])
    return problems
