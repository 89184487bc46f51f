"""The data dictionary: every table and column, declared once.

The loader builds its pandera schemas from these declarations, and ``datapackage.json``
(Frictionless Table Schema, for people who reuse the data with other tools) is generated
from them too, so the two can never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass

from .qualifiers import QUALIFIERS

# Patterns in the subset that Python and XML Schema regular expressions share, unanchored:
# Table Schema validators match them against the whole value, and so does the loader.
ID_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
ISO_PATTERN = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?(/[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?"
SHA256_PATTERN = r"[0-9a-f]{64}"
FILE_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9]+)+"  # a plain name in sources/: no folder, no ".."
NUMBER_PATTERN = r"-?[0-9]+(\.[0-9]+)?"  # a plain number: ASCII digits, an optional point, no separators
DATE_BASES = ("stated", "derived")


@dataclass(frozen=True)
class Column:
    """One column: what it means and what it may hold. ``kind`` is one of
    text, id, number (plain decimal), integer, iso (ISO 8601 day, month, year or interval),
    day (YYYY-MM-DD), url, sha256, file (a plain file name)."""

    name: str
    description: str
    kind: str = "text"
    required: bool = True
    unique: bool = False
    values: tuple[str, ...] = ()
    references: str | None = None  # "table.column" this column's values must exist in
    # Verbatim: copied from an archived source and matched against it, so it may hold whatever the
    # source holds (markup, a leading "-"); every other text column must be plain text (see hygiene).
    verbatim: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    key: str | None = None


def _id(name: str, what: str) -> Column:
    return Column(name, f"Unique, stable identifier of the {what}; it is a permalink and never changes.", "id", unique=True)


def _source(name: str = "source_id", what: str = "The source quoted.") -> Column:
    return Column(name, what, "id", references="sources.source_id")


def _quote(what: str = "A verbatim span of the source (only whitespace and typographic quote marks may differ).") -> Column:
    return Column("quote", what, verbatim=True)


def _date_basis(empty_when: str = "") -> Column:
    when = f"; empty when {empty_when}" if empty_when else ""
    return Column("date_basis", f"Whether the source states the date or it is derived from the text{when}.",
                  values=DATE_BASES if not empty_when else DATE_BASES + ("",), required=not empty_when)


def _inferred_from() -> Column:
    return Column("date_inferred_from", "For a derived date: the words it is inferred from and what they are read "
                                        "against; shown wherever the date is. Empty when the date is stated.", required=False)


_NOTE = Column("note", "Anything a reader needs: readings, the source's own arithmetic, conflicts.", required=False)

_FIGURES = Table("figures", "Figures", "Every figure stated in the sources, with its verbatim quote.", (
    _id("figure_id", "figure"),
    _source(),
    Column("value", "The number as a plain number; empty when the source states only a range or a vague quantity.",
           "number", required=False),
    Column("value_low", "Lower bound: for a range, for 'at least'/'more than' (equal to value; 'more than' is "
                        "strict), or the reading of a vague word; empty when exact.", "number", required=False),
    Column("value_high", "Upper bound of a range or of the reading of a vague word; empty otherwise.", "number",
           required=False),
    Column("unit", "What one unit is (masks, litres, prisoners, days, times)."),
    Column("qualifier", "How the source states the number.", values=tuple(QUALIFIERS)),
    Column("what", "What is counted, in a phrase."),
    Column("as_of", "The date the figure refers to (ISO 8601), when the source gives one.", "iso", required=False),
    Column("date_text", "The date as the source words it, where ISO 8601 cannot say it ('late February and late May "
                        "2020'); shown instead of as_of. Empty otherwise.", required=False),
    _date_basis("as_of is empty"),
    _inferred_from(),
    Column("place", "Prison, province or country."),
    Column("stated_by", "Who states it (the letter, an official, rights groups, the NCRI statement, the governor)."),
    Column("number_text", "The words in the quote that state the number; the check reads them back and requires "
                          "them to agree with value and bounds.", verbatim=True),
    _quote(),
    _NOTE,
), key="figure_id")

TABLES: dict[str, Table] = {t.name: t for t in (
    Table("sources", "Archived sources", "The two published texts the report quotes, archived byte for byte.", (
        _id("source_id", "source (the archived file's stem)"),
        Column("file", "The archived text in sources/, byte for byte as captured.", "file"),
        Column("publisher", "Who published the text."),
        Column("title", "The text's title as published."),
        Column("url", "Where it was published.", "url"),
        Column("published", "Publication date (ISO 8601); published_note says how it is known.", "iso"),
        Column("published_note", "How the publication date is known.", required=False),
        Column("kind", "What kind of source it is, for weighing its claims."),
        Column("licence", "The licence as stated by the publisher."),
        Column("sha256", "SHA-256 hash of the archived file; the check fails if the file changes.", "sha256"),
    ), key="source_id"),
    _FIGURES,
    Table("events", "Dated events", "Every dated event in the sources.", (
        _id("event_id", "event"),
        Column("date", "When it happened (ISO 8601).", "iso"),
        Column("date_end", "When a span ended (ISO 8601), if it is a span.", "iso", required=False),
        Column("date_text", "The date as written in the quote.", verbatim=True),
        _date_basis(),
        _inferred_from(),
        Column("kind", "letter, statement, release, population count, unrest, prisoner or report."),
        _source(),
        Column("actor", "Who acted."),
        Column("what", "What happened, in a phrase."),
        _quote(),
        _NOTE,
    ), key="event_id"),
    Table("claims", "Claims and evidence", "Official claims set against what the sources give on the same point.", (
        _id("claim_id", "claim"),
        _source(what="The source that reports the claim."),
        Column("claimant", "Who makes the claim."),
        Column("date", "When the claim was made (ISO 8601); empty when not stated.", "iso", required=False),
        Column("claim", "The claim, summarised."),
        _quote("The claim, verbatim."),
        _source("evidence_source_id", "The source of the evidence on the same point."),
        Column("evidence", "What the sources give on the same point, attributed."),
        Column("evidence_quote", "The evidence, verbatim.", verbatim=True),
        Column("figure_ids", "Figures bearing on the claim (figure_id values separated by semicolons).", required=False),
        Column("event_ids", "Events bearing on the claim (event_id values separated by semicolons).", required=False),
    ), key="claim_id"),
    Table("not_figures", "Numbers that are not figures",
          "Every number in the sources that is not a figure (a date, a name, a standard), with the reason.", (
              _source(),
              Column("line", "Line number in the archived file.", "integer"),
              Column("text", "The text found on that line; it covers every occurrence there.", verbatim=True),
              Column("reason", "Why it is not a figure.", values=("date", "name", "standard", "ordinal", "page furniture")),
              Column("note", "Why, in words."),
          )),
    Table("corrections", "Corrections log",
          "Every change to a published figure: the old value, the new value, the date and why. Identifiers never change.", (
              Column("date", "When the correction was made (YYYY-MM-DD).", "day"),
              Column("figure_id", "The corrected figure.", "id", references="figures.figure_id"),
              Column("column", "The column of figures.csv that changed.",
                     values=tuple(c.name for c in _FIGURES.columns if c.name != "figure_id")),
              Column("old_value", "What it said before (empty if it was empty).", required=False),
              Column("new_value", "What it says now (empty if it is now empty).", required=False),
              Column("reason", "Why it changed, and who noticed."),
          )),
)}
