"""How numbers, dates and source text read (prisons.fmt). Every expected string is typed by hand."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from prisons import fmt


def _row(**fields) -> pd.Series:
    """A figures row with only the columns fmt.stated() and fmt.with_unit() read."""
    base = {"value": float("nan"), "value_low": float("nan"), "value_high": float("nan"),
            "qualifier": "exact", "number_text": "", "unit": "people"}
    return pd.Series({**base, **fields})


@pytest.mark.parametrize(("number", "text"), [
    (211_000, "211,000"), (211_000.0, "211,000"), (5_400_000, "5,400,000"), (0, "0"), (300, "300"),
    (126_000.4, "126,000"), (-29_000, "-29,000"), (999.6, "1,000"),
])
def test_count(number, text):
    assert fmt.count(number) == text


@pytest.mark.parametrize(("args", "text"), [
    ((2.4823529,), "2.48"), ((2.8235294,), "2.82"), ((2.5, 1), "2.5"), ((0.2781784, 3), "0.278"),
    ((0.2843602, 3), "0.284"), ((1234.5678, 1), "1,234.6"), ((2.0,), "2.00"), ((25.592417, 1), "25.6"),
])
def test_decimal(args, text):
    assert fmt.decimal(*args) == text


@pytest.mark.parametrize(("args", "text"), [
    ((65.4028,), "65%"), ((248.235,), "248%"), ((57.5, 1), "57.5%"), ((0,), "0%"), ((1234.4,), "1,234%"),
])
def test_percent(args, text):
    assert fmt.percent(*args) == text


def test_signed_percent():
    # -12.0833 -> one place, with a true minus sign U+2212, not a hyphen
    assert fmt.signed_percent(-12.083333) == "\u221212.1%"
    assert "-" not in fmt.signed_percent(-12.083333)
    assert fmt.signed_percent(5) == "+5.0%"
    assert fmt.signed_percent(0) == "+0.0%"
    assert fmt.signed_percent(-3.14159, 2) == "\u22123.14%"


@pytest.mark.parametrize(("iso", "text"), [
    ("2020-02-29", "29 February 2020"),
    ("2020-07-05", "5 July 2020"),
    ("2019-07", "July 2019"),
    ("2020", "2020"),
    ("2020-02/2020-05", "February 2020 to May 2020"),
    ("2020-03-25/2020-07-05", "25 March 2020 to 5 July 2020"),
    (date(2020, 3, 25), "25 March 2020"),
])
def test_day(iso, text):
    assert fmt.day(iso) == text


def test_span():
    assert fmt.span(0.2781784, 0.2843602, fmt.decimal, digits=3) == "0.278 to 0.284"
    # both ends read the same: one number
    assert fmt.span(2.0, 2.0) == "2.00"
    # N95 masks: 100,000 / 211,000 / 92 = 0.00515 and / 90 = 0.00527: both "0.005"
    assert fmt.span(0.0051514, 0.0052659, fmt.decimal, digits=3) == "0.005"
    assert fmt.span(90, 92, fmt.count) == "90 to 92"
    assert fmt.span(211_000, 211_000.2, fmt.count) == "211,000"


class TestStated:
    def test_exact(self):
        assert fmt.stated(_row(value=85_000.0, qualifier="exact")) == "85,000"

    def test_approximately(self):
        assert fmt.stated(_row(value=211_000.0, qualifier="approximately")) == "around 211,000"

    def test_approximately_fraction(self):
        assert fmt.stated(_row(value=2.5, qualifier="approximately")) == "around 2.5"

    def test_at_least(self):
        assert fmt.stated(_row(value=1.0, value_low=1.0, qualifier="at least")) == "at least 1"

    def test_more_than(self):
        assert fmt.stated(_row(value=20.0, value_low=20.0, qualifier="more than")) == "more than 20"

    def test_range(self):
        assert fmt.stated(_row(value_low=2.0, value_high=3.0, qualifier="range", number_text="Two or three")) == "2 to 3"

    def test_vague_closed(self):
        row = _row(value_low=200.0, value_high=999.0, qualifier="vague", number_text="Hundreds")
        assert fmt.stated(row) == "hundreds (this report's reading: 200 to 999)"

    def test_vague_open(self):
        row = _row(value_low=3.0, qualifier="vague", number_text="several")
        assert fmt.stated(row) == "several (this report's reading: 3 or more)"

    def test_real_rows(self, figures):
        assert fmt.stated(figures.loc["amnesty-population-2020-06"]) == "around 211,000"
        assert fmt.stated(figures.loc["amnesty-population-2019-07"]) == "240,000"
        assert fmt.stated(figures.loc["amnesty-suspected-deaths-total"]) == "more than 20"
        assert fmt.stated(figures.loc["pmoi-guards-killed"]) == "2 to 3"
        assert fmt.stated(figures.loc["pmoi-protesters-arrested"]) == "thousands (this report's reading: 2,000 to 9,999)"
        assert fmt.stated(figures.loc["amnesty-population-capacity-ratio"]) == "around 2.5"


@pytest.mark.parametrize(("fields", "text"), [
    (dict(value=1.0, unit="wards", number_text="one"), "1 ward"),              # exactly one: singular
    (dict(value=2.0, unit="wards", number_text="two"), "2 wards"),
    (dict(value=85_000.0, unit="places", number_text="85,000"), "85,000 places"),
    (dict(value=1.0, unit="staff", number_text="one"), "1 staff"),              # no plural "s" to drop
    (dict(value_low=2.0, value_high=3.0, qualifier="range", unit="guards", number_text="Two or three"), "2 to 3 guards"),
    # the stated words already name the unit: not repeated
    (dict(value_low=2.0, qualifier="vague", unit="months", number_text="for months"), "for months (this report's reading: 2 or more)"),
])
def test_with_unit(fields, text):
    assert fmt.with_unit(_row(**fields)) == text


def test_with_unit_of_a_real_row(figures):
    assert fmt.with_unit(figures.loc["pmoi-governor-wards-escaped"]) == "1 ward"
    assert fmt.with_unit(figures.loc["amnesty-capacity"]) == "85,000 places"


def test_source_text_is_escaped_so_nothing_in_it_is_read_as_markup():
    assert fmt.escape_markdown("a *b* $x$ {role}`y` <i> &amp;\nnext") == r"a \*b\* \$x\$ \{role\}\`y\` \<i\> \&amp; next"


@pytest.mark.parametrize(("text", "escaped"), [
    ("a | b", r"a \| b"),              # a table cell would end here
    ("# not a heading", r"\# not a heading"),
    ("[link](x)", r"\[link\](x)"),
    ("a_b", r"a\_b"),
    ("back\\slash", r"back\\slash"),
    ("two  spaces\tand\nlines", "two spaces and lines"),
])
def test_escape_markdown(text, escaped):
    assert fmt.escape_markdown(text) == escaped


def test_english_is_the_default_locale_and_another_language_changes_only_the_writing():
    assert fmt.count(211_000, lang="en") == fmt.count(211_000) == "211,000"
    assert fmt.count(211_000, lang="fa") == "۲۱۱٬۰۰۰"
    assert fmt.day("2020-03-25", lang="en") == "25 March 2020"
