"""How numbers and dates read: one format for each kind of number, in prose, tables and charts.

Every function takes a language (``lang``, default English). English is the canonical
rendering; another language is a locale: its digits, separators, decimal mark, percent sign
and month names (from Babel's CLDR data), applied to the same rendering, never a second
formatter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

import pandas as pd
from babel import Locale

from .evidence.dates import parse_iso
from .evidence.qualifiers import QUALIFIERS
from .untrusted import escape_markdown, printable  # noqa: F401 (how text reads is here too, as numbers)


ENGLISH = "en"
# The digits of the numbering systems the book's languages use (CLDR names them; Babel does not
# transliterate digits itself).
_DIGITS = {"latn": "0123456789", "arabext": "۰۱۲۳۴۵۶۷۸۹"}
# The few words a formatted number carries, per language.
READING = "this report's reading:"  # a vague word's bounds are the report's reading, and say so
_WORDS = {
    "to": {ENGLISH: " to ", "fa": " تا "},
    "or more": {ENGLISH: " or more", "fa": " یا بیشتر"},
    READING: {ENGLISH: "this report's reading:", "fa": "به خوانش این گزارش:"},  # the report's, not a meaning the words have
    "inferred from": {ENGLISH: "inferred from", "fa": "برگرفته از"},
    "not stated": {ENGLISH: "not stated", "fa": "بیان نشده"},
}


@dataclass(frozen=True)
class Style:
    """How one language writes numbers and dates."""

    digits: str
    group: str
    decimal: str
    percent: str
    minus: str
    months: tuple[str, ...]


@cache
def style(lang: str = ENGLISH) -> Style:
    """A language's digits, separators, signs and month names, from Babel's CLDR data."""
    locale = Locale.parse(lang)
    system = locale.default_numbering_system
    symbols = locale.number_symbols[system]
    months = locale.months["stand-alone"]["wide"]  # "ژوئیه", not the genitive "ژوئیهٔ"
    return Style(_DIGITS[system], symbols["group"], symbols["decimal"], symbols["percentSign"],
                 "−", tuple(months[m] for m in range(1, 13)))


def localize(text: str, lang: str = ENGLISH) -> str:
    """English number text (digits, ``,`` groups, ``.`` decimals, ``%``) written in ``lang``."""
    if lang == ENGLISH:
        return text
    written = style(lang)
    table = str.maketrans({**dict(zip("0123456789", written.digits)), ",": written.group,
                           ".": written.decimal, "%": written.percent})
    return text.translate(table)


def word(key: str, lang: str = ENGLISH) -> str:
    return _WORDS[key][lang]


def count(number: float, lang: str = ENGLISH) -> str:
    """A whole count with thousands separators: 211,000."""
    return localize(f"{round(number):,}", lang)


def decimal(number: float, digits: int = 2, lang: str = ENGLISH) -> str:
    """A ratio or share to ``digits`` places after the point: 2.48."""
    return localize(f"{number:,.{digits}f}", lang)


def percent(number: float, digits: int = 0, lang: str = ENGLISH) -> str:
    return localize(f"{number:,.{digits}f}%", lang)


def signed_percent(number: float, digits: int = 1, lang: str = ENGLISH) -> str:
    return localize(f"{number:+.{digits}f}%".replace("-", "−"), lang)


def day(iso: str | date, lang: str = ENGLISH, solar: str = "") -> str:
    """An ISO date, month or interval as people write it: 29 February 2020, July 2019; in Persian
    with the Solar Hijri date beside it: ۲۵ مارس ۲۰۲۰ (۶ فروردین ۱۳۹۹)."""
    if isinstance(iso, date):
        iso = iso.isoformat()
    if "/" in iso:
        start, end = iso.split("/")
        return day(start, lang) + word("to", lang) + day(end, lang)
    first, _ = parse_iso(iso)
    month = style(lang).months[first.month - 1]
    if len(iso) == 4:
        text = iso
    elif len(iso) == 7:
        text = f"{month} {first.year}"
    else:
        text = f"{first.day} {month} {first.year}"
    return localize(text, lang) + (f" ({solar or solar_hijri(iso)})" if lang == "fa" else "")


def solar_hijri(iso: str) -> str:
    """A Gregorian day, month or year in the Solar Hijri calendar, in Persian: a month or a year
    straddles two, so both ends are named (اسفند ۱۳۹۸–فروردین ۱۳۹۹)."""
    import jdatetime

    first, last = (jdatetime.date.fromgregorian(date=d) for d in parse_iso(iso))
    months = jdatetime.date.j_months_fa
    if len(iso) == 10:
        text = f"{first.day} {months[first.month - 1]} {first.year}"
    elif len(iso) == 4:
        text = f"{first.year}–{last.year}"
    else:
        start = months[first.month - 1] + ("" if first.year == last.year else f" {first.year}")
        text = f"{start}–{months[last.month - 1]} {last.year}"
    return localize(text, "fa")


def day_span(early: str, late: str, lang: str = ENGLISH) -> str:
    """Two days as one span, a shared month and year written once: 23 to 25 June 2020 (in Persian,
    the Solar Hijri span beside it: ۲۳ تا ۲۵ ژوئن ۲۰۲۰ (۳ تا ۵ تیر ۱۳۹۹))."""
    if early[:7] != late[:7]:
        return day(f"{early}/{late}", lang)
    first, last = parse_iso(early)[0], parse_iso(late)[0]
    text = localize(f"{first.day}{word('to', lang)}{last.day} {style(lang).months[first.month - 1]} {first.year}", lang)
    return text + (f" ({_solar_hijri_days(first, last)})" if lang == "fa" else "")


def _solar_hijri_days(first: date, last: date) -> str:
    """Two Gregorian days as a Solar Hijri span, its shared month and year written once."""
    import jdatetime

    start, end = (jdatetime.date.fromgregorian(date=d) for d in (first, last))
    months = jdatetime.date.j_months_fa
    if (start.year, start.month) == (end.year, end.month):
        begin = f"{start.day}"
    else:
        begin = f"{start.day} {months[start.month - 1]}" + ("" if start.year == end.year else f" {start.year}")
    return localize(f"{begin}{word('to', 'fa')}{end.day} {months[end.month - 1]} {end.year}", "fa")


def when(iso: str, words: str = "", inferred_from: str = "", lang: str = ENGLISH, solar: str = "") -> str:
    """A date as the report shows it: the source's own words where ISO 8601 cannot say it
    ("between late February and late May 2020"), and, for a derived date, what it is inferred from."""
    if lang != ENGLISH:  # the words are the data's prose cells (fa/cells.csv)
        from . import i18n

        words, inferred_from = i18n.cell(words, lang), i18n.cell(inferred_from, lang)
    text = words or day(iso, lang, solar)
    if inferred_from and lang == "fa" and not words:  # one bracket: «ژوئیه ۲۰۱۹ (تیر–مرداد ۱۳۹۸؛ برگرفته از …)»
        return f"{text[:-1]}؛ {word('inferred from', lang)} {inferred_from})"
    return f"{text} ({word('inferred from', lang)} {inferred_from})" if inferred_from else text


def figure_when(row: pd.Series, lang: str = ENGLISH) -> str:
    """The date a figure refers to, as ``when`` shows it; "not stated" when the source gives none."""
    if not row["as_of"]:
        return word("not stated", lang)
    return when(row["as_of"], row["date_text"], row["date_inferred_from"], lang)


def event_when(row: pd.Series, lang: str = ENGLISH) -> str:
    """An event's date, as ``when`` shows it: a span in the source's words."""
    iso = f"{row['date']}/{row['date_end']}" if row["date_end"] else row["date"]
    from .i18n import known_month  # the Solar Hijri month an event is known by: «آبان ۱۳۹۸»

    return when(iso, row["date_text"] if row["date_end"] else "", row["date_inferred_from"], lang, known_month(row.name, lang))


def span(low: float, high: float, fmt=decimal, lang: str = ENGLISH, **kwargs) -> str:
    """A range as low to high; one number when both ends read the same."""
    low_text, high_text = fmt(low, lang=lang, **kwargs), fmt(high, lang=lang, **kwargs)
    return low_text if low_text == high_text else low_text + word("to", lang) + high_text


_ONE = {"fa": "یک"}
_PREFIXES = {"fa": {"around ": "حدود ", "at least ": "دست‌کم ", "more than ": "بیش از "}}


def stated(row: pd.Series, lang: str = ENGLISH, counted_in: str = "") -> str:
    """A figure as its source states it, with its bounds: "around 211,000", "2 to 3"."""
    qualifier = QUALIFIERS[row["qualifier"]]
    if qualifier.name == "range":
        return count(row["value_low"], lang) + word("to", lang) + count(row["value_high"], lang)
    if qualifier.name == "vague":  # in Persian without the «از» that a noun would follow: «شماری (…)»
        words = number_words(row["number_text"], lang).lower()
        return f"{words.removesuffix(' از') if lang != ENGLISH else words} {_reading(row, lang, counted_in)}"
    if lang != ENGLISH and row["value"] == 1 and re.search(r"[A-Za-z]", row["number_text"]):
        return _PREFIXES[lang].get(qualifier.prefix, "") + _ONE[lang]  # "one ward": «یک بند», not «۱ بند»
    number = count(row["value"], lang) if float(row["value"]).is_integer() else decimal(row["value"], 1, lang)
    prefix = qualifier.prefix if lang == ENGLISH else _PREFIXES[lang].get(qualifier.prefix, qualifier.prefix)
    return prefix + number


def _reading(row: pd.Series, lang: str, counted_in: str = "") -> str:
    """How the report reads a vague word, marked as its own reading: "(this report's reading: 3 or
    more)"; in Persian, «(به خوانش این گزارش: دست‌کم ۳ نفر)»."""
    low = count(row["value_low"], lang)
    if lang == ENGLISH:
        high = (word("to", lang) + count(row["value_high"], lang)) if pd.notna(row["value_high"]) else word("or more", lang)
        return f"({word(READING, lang)} {low}{high})"
    bounds = low + word("to", lang) + count(row["value_high"], lang) if pd.notna(row["value_high"]) else _PREFIXES[lang]["at least "] + low
    return f"({word(READING, lang)} {' '.join(filter(None, (bounds, counted_in)))})"


def number_words(text: str, lang: str = ENGLISH) -> str:
    """A source's words for a number ("hundreds", "5,400,000") in ``lang``: digits are localized,
    words translated (``fa/cells.csv``)."""
    from . import i18n

    if lang == ENGLISH or not re.search(r"[A-Za-z]", text):
        return localize(text, lang)
    return i18n.cell(text, lang)


def with_unit(row: pd.Series, lang: str = ENGLISH) -> str:
    """A figure as stated, with its unit unless the stated words already name it ("for months"),
    and in the singular for exactly one ("1 ward"; a Persian noun after a number is singular)."""
    from . import i18n

    unit = row["unit"]
    if unit.lower().rstrip("s") in row["number_text"].lower():  # «ماه‌ها (به خوانش این گزارش: دست‌کم ۲ ماه)»
        return stated(row, lang, i18n.counted_in(unit, lang) if lang != ENGLISH else "")
    if row["value"] == 1 and unit.endswith("s"):  # a range or a vague word has no value
        unit = unit[:-1]
    if lang != ENGLISH and QUALIFIERS[row["qualifier"]].name == "vague":
        return i18n.vague_count(row, lang)
    return f"{stated(row, lang)} {i18n.cell(row['unit'], lang) if lang != ENGLISH else unit}"
