"""How numbers and dates read in the prose: one format for each kind of number."""
from __future__ import annotations

import re
from datetime import date

import pandas as pd

from .load import parse_iso


def count(number: float) -> str:
    """A whole count with thousands separators: 211,000."""
    return f"{round(number):,}"


def decimal(number: float, digits: int = 2) -> str:
    """A ratio or share to ``digits`` significant places after the point: 2.48."""
    return f"{number:,.{digits}f}"


def percent(number: float, digits: int = 0) -> str:
    return f"{number:,.{digits}f}%"


def signed_percent(number: float, digits: int = 1) -> str:
    return f"{number:+.{digits}f}%".replace("-", "−")


def day(iso: str | date) -> str:
    """An ISO date, month or interval as people write it: 29 February 2020, July 2019."""
    if isinstance(iso, date):
        iso = iso.isoformat()
    if "/" in iso:
        start, end = iso.split("/")
        return f"{day(start)} to {day(end)}"
    first, _ = parse_iso(iso)
    if len(iso) == 4:
        return iso
    if len(iso) == 7:
        return f"{first:%B} {first.year}"
    return f"{first.day} {first:%B} {first.year}"


def span(low: float, high: float, fmt=decimal, **kwargs) -> str:
    """A range as low to high; one number when both ends read the same."""
    low_text, high_text = fmt(low, **kwargs), fmt(high, **kwargs)
    return low_text if low_text == high_text else f"{low_text} to {high_text}"


def stated(row: pd.Series) -> str:
    """A figure as its source states it, with its bounds: "around 211,000", "2 to 3"."""
    if row["qualifier"] == "range":
        return f"{count(row['value_low'])} to {count(row['value_high'])}"
    if row["qualifier"] == "vague":
        high = f" to {count(row['value_high'])}" if pd.notna(row["value_high"]) else " or more"
        return f"{row['number_text'].lower()} (read as {count(row['value_low'])}{high})"
    number = count(row["value"]) if float(row["value"]).is_integer() else decimal(row["value"], 1)
    prefix = {"approximately": "around ", "at least": "at least ", "more than": "more than "}.get(row["qualifier"], "")
    return prefix + number


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>$|#{}&])")


def escape_markdown(text: str) -> str:
    """Text shown as written, on one line: no Markdown, roles, entities or maths read into it."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def with_unit(row: pd.Series) -> str:
    """A figure as stated, with its unit unless the stated words already name it ("for months"),
    and in the singular for exactly one ("1 ward")."""
    unit = row["unit"]
    if unit.lower().rstrip("s") in row["number_text"].lower():
        return stated(row)
    if row["qualifier"] != "vague" and row["value"] == 1 and unit.endswith("s"):
        unit = unit[:-1]
    return f"{stated(row)} {unit}"
