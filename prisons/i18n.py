"""The Persian edition's words, read here and nowhere else (``fa/``): the glossary of names and
terms, the report's own translation of every verbatim quote, of the data's English prose cells
(what a figure counts, who states it, notes) and of the words the code writes (labels, how a
number was computed, chart titles).

English is the key everywhere, so English output never passes through here, and a translation
whose English no longer matches the data is reported by ``problems`` (``make check``) instead of
being shown beside a changed quote.
"""
from __future__ import annotations

import csv
from functools import cache

import pandas as pd

from . import paths, untrusted
from .evidence import Problem
from .evidence.problems import row_label

ENGLISH = "en"
RIGHT_TO_LEFT = {"fa"}  # the languages written right to left: their pages, charts and forwarding pages
# The data's verbatim quotes (shown in English, with the translation beside), and its English
# prose cells (shown in Persian in the Persian edition), by table.
QUOTE_COLUMNS = {"figures": ("quote",), "events": ("quote",), "claims": ("quote", "evidence_quote")}
CELL_COLUMNS = {
    "figures": ("unit", "what", "place", "stated_by", "note"),
    "events": ("kind", "actor", "what", "note"),
    "claims": ("claimant", "claim", "evidence"),
    "not_figures": ("reason", "note"),
    "sources": ("publisher", "title", "kind", "published_note"),
}
# number_text words (not digits) a Persian value shows: "hundreds", "several".
WORD_COLUMNS = {"figures": ("number_text",)}


class MissingTranslation(KeyError):
    """English text the Persian edition shows has no Persian in ``fa/``."""


class UnsafeTranslation(ValueError):
    """A translation holds what its English does not: markup, a directive, an invisible character."""


def _rows(name: str) -> list[dict[str, str]]:
    with open(paths.TRANSLATIONS[name], encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def glossary() -> dict[str, str]:
    return {row["english"]: row["persian"] for row in _rows("glossary")}


@cache
def quotes() -> dict[tuple[str, str, str], tuple[str, str]]:
    """(table, id, column) -> (the English it translates, the Persian)."""
    return {(r["table"], r["id"], r["column"]): (r["english"], r["persian"]) for r in _rows("quotes")}


@cache
def cells() -> dict[str, str]:
    return {row["english"]: row["persian"] for row in _rows("cells")}


@cache
def strings() -> dict[str, str]:
    strings = untrusted.read_yaml(paths.TRANSLATIONS["strings"], "fa/strings.yml") or {}
    if not isinstance(strings, dict):
        raise untrusted.UntrustedInput("fa/strings.yml: is not a mapping of English to Persian")
    return strings


def _lookup(table: dict[str, str], english: str, file: str) -> str:
    """The Persian for ``english``; refused, whatever the check said, when it carries what its English does not."""
    try:
        persian = table[english]
    except KeyError:
        raise MissingTranslation(f"{file}: no Persian for {english!r}") from None
    why = untrusted.translation_problem(english, persian)
    if why:
        raise UnsafeTranslation(f"{file}: the Persian for {english!r} {why}")
    return persian


def tr(english: str, lang: str = ENGLISH) -> str:
    """Words the code writes, in ``lang`` (a format string keeps its ``{fields}``)."""
    return english if lang == ENGLISH else _lookup(strings(), english, "fa/strings.yml")


def name(english: str, lang: str = ENGLISH) -> str:
    """A name or term, spelled one way (the glossary)."""
    return english if lang == ENGLISH else _lookup(glossary(), english, "fa/glossary.csv")


def as_named(english: str, lang: str = ENGLISH) -> str:
    """A name as the glossary spells it in ``lang``, or as written when the glossary has none (the
    name of a person, say, which is not translated)."""
    return english if lang == ENGLISH else glossary().get(english, english)


def plural(english: str, lang: str = ENGLISH) -> str:
    """A noun of the data (a unit, an actor) in the plural: «زندانیان», where a Persian number word
    («شماری از») or a column of who did what needs one; the data's cell is the singular a number takes."""
    return english if lang == ENGLISH else _lookup(strings(), f"plural: {english}", "fa/strings.yml")


def who(english: str, lang: str = ENGLISH) -> str:
    """Who did something (an event's actor): a group in the plural («زندانیان», «معترضان»)."""
    return english if lang == ENGLISH else strings().get(f"plural: {english}") or cell(english, lang)


def vague_count(row, lang: str, noun: str = "") -> str:
    """A vague count in Persian word order: the number word, its noun (``noun``, or the unit: plural
    after «از», «شماری از زندانیان»), then the report's reading in what it counts: «چند زندانی
    (به خوانش این گزارش: دست‌کم ۳ نفر)», «چند تن از آنان (…)»."""
    from .fmt import _reading, number_words

    words, unit = number_words(row["number_text"], lang), row["unit"]
    noun = noun or (plural(unit, lang) if words.endswith(" از") else cell(unit, lang))
    return f"{words} {noun} {_reading(row, lang, counted_in(unit, lang))}"


def translated_title(english: str, lang: str = ENGLISH, escape=None) -> str:
    """A source's title in the report's translation, marked as one, with the title it translates,
    escaped (for HTML unless ``escape`` is given): «ایران: …» (ترجمهٔ این گزارش از عنوان “Iran: …”)."""
    from html import escape as escape_html

    escape = escape or escape_html
    return tr("{title} (the report’s translation of the title {original})", lang).format(
        title=escape(in_quotes(cell(english, lang), lang)), original=f'<span lang="en" dir="ltr">{escape(in_quotes(english))}</span>')


def known_month(event_id: str, lang: str = ENGLISH) -> str:
    """The Solar Hijri month an event is known by, where its Gregorian month spans two («آبان ۱۳۹۸»
    for the November 2019 protests); empty for any other."""
    return "" if lang == ENGLISH else strings().get(f"Solar Hijri: {event_id}", "")


def counted_in(unit: str, lang: str = ENGLISH) -> str:
    """The word a number of ``unit`` counts in: «نفر» for people, else the unit itself («۲ ماه»)."""
    return strings().get(f"counted in: {unit}") or cell(unit, lang)


def cell(english: str, lang: str = ENGLISH) -> str:
    """A prose cell of the data (what a figure counts, who states it, a note), in ``lang``."""
    if lang == ENGLISH or not english:
        return english
    return _lookup(cells(), english, "fa/cells.csv")


def quote(table: str, key: str, column: str, english: str) -> str:
    """The report's own Persian translation of one verbatim quote; refuses a stale one."""
    english_then, persian = quotes().get((table, key, column), (None, None))
    if english_then != english:
        raise MissingTranslation(f"fa/quotes.csv: no translation of {table} {key} {column} as it now reads")
    why = untrusted.translation_problem(english, persian)
    if why:
        raise UnsafeTranslation(f"fa/quotes.csv: the Persian of {table} {key} {column} {why}")
    return persian


def _quote_problems(table: str, frame: pd.DataFrame) -> list[Problem]:
    problems = []
    for key, row in frame.iterrows():
        for column in QUOTE_COLUMNS.get(table, ()):
            english_then, _ = quotes().get((table, str(key), column), (None, None))
            if english_then is None:
                problems.append(Problem("fa/quotes.csv", f"row {table} {key}", column, "has no translation of this quote"))
            elif english_then != row[column]:
                problems.append(Problem("fa/quotes.csv", f"row {table} {key}", column,
                                        f"translates {english_then!r}, but data/{table}.csv now reads {row[column]!r}"))
    return problems


def _cell_problems(table: str, frame: pd.DataFrame) -> list[Problem]:
    known = cells()
    return [Problem("fa/cells.csv", "", "english", f"no Persian for data/{table}.csv {row_label(key)} "
                                                   f"column {column}: {row[column]!r}")
            for key, row in frame.iterrows() for column in CELL_COLUMNS.get(table, ())
            if row[column] and row[column] not in known]


def translation_problems() -> list[Problem]:
    """Every translation that carries what its English does not (``untrusted.translation_problem``),
    one line naming the file and the key; a YAML file refused whole is one line too."""
    try:
        found = [Problem("fa/strings.yml", f"key {english!r}", "", why) for english, persian in strings().items()
                 if (why := untrusted.translation_problem(str(english), persian))]
    except untrusted.UntrustedInput as error:
        file, _, message = str(error).partition(": ")
        found = [Problem(file, "", "", message)]
    for name, english_column in (("glossary", "english"), ("cells", "english"), ("quotes", "english")):
        file = paths.relative(paths.TRANSLATIONS[name])
        for line, row in enumerate(_rows(name), start=2):
            why = untrusted.translation_problem(row[english_column] or "", row["persian"] or "")
            if why:
                found.append(Problem(file, f"line {line}", "persian", why))
    return found


def problems(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Every quote and prose cell of the data without a current Persian translation, every
    translation of a quote the data no longer has, and every translation that is not plain text."""
    found = translation_problems()
    found += [p for table, frame in frames.items() for p in _quote_problems(table, frame) + _cell_problems(table, frame)]
    present = {(table, str(key), column) for table, frame in frames.items() if table in QUOTE_COLUMNS
               for key in frame.index for column in QUOTE_COLUMNS[table]}
    found += [Problem("fa/quotes.csv", f"row {t} {k}", c, "translates a quote the data does not have")
              for (t, k, c) in quotes() if (t, k, c) not in present]
    return found


# How a quotation reads (prisons/quotation.py), read where the words are: a page asks for both.
from .quotation import (QUOTATION_MARKS, TRANSLATION_OF, in_quotes, quoted_html, quoted_markdown,  # noqa: E402,F401
                        quoted_text)
