"""Unit tests of prisons.compute, prisons.fmt, prisons.prose, prisons.charts, prisons.vendor
and prisons.book.

Every expected number is worked out by hand in a comment beside it, from the figures in
data/figures.csv and the dates in data/events.csv, never by calling the code under test.
"""
from __future__ import annotations

import re
import shutil
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the package is not installed; run from a checkout
    sys.path.insert(0, str(ROOT))

import altair as alt  # noqa: E402
import vl_convert  # noqa: E402

from prisons import book, charts, compute, fmt, paths, prose, vendor  # noqa: E402
from prisons.load import load_evidence  # noqa: E402

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def evidence():
    return load_evidence()


@pytest.fixture(scope="module")
def figures(evidence) -> pd.DataFrame:
    return evidence.figures


@pytest.fixture(scope="module")
def events(evidence) -> pd.DataFrame:
    return evidence.events


def _row(**fields) -> pd.Series:
    """A figures row with only the columns bounds() and fmt.stated() read."""
    base = {"value": float("nan"), "value_low": float("nan"), "value_high": float("nan"),
            "qualifier": "exact", "number_text": "", "unit": "people"}
    return pd.Series({**base, **fields})


# ============================================================================ compute: overcrowding


class TestOccupancy:
    def test_later_count(self):
        o = compute.Occupancy(211_000, 85_000)
        # 211,000 / 85,000 = 2.482352941...
        assert o.ratio == pytest.approx(2.4823529, rel=1e-7)
        # 100 * 2.482352941 = 248.2352941 %
        assert o.percent == pytest.approx(248.2352941, rel=1e-7)
        # 211,000 - 85,000 = 126,000
        assert o.over_capacity == 126_000

    def test_earlier_count(self):
        o = compute.Occupancy(240_000, 85_000)
        # 240,000 / 85,000 = 2.823529411...; 155,000 over
        assert o.ratio == pytest.approx(2.8235294, rel=1e-7)
        assert o.percent == pytest.approx(282.35294, rel=1e-7)
        assert o.over_capacity == 155_000

    def test_at_and_under_capacity(self):
        assert compute.Occupancy(85_000, 85_000).ratio == 1.0
        assert compute.Occupancy(85_000, 85_000).over_capacity == 0
        under = compute.Occupancy(42_500, 85_000)
        assert under.ratio == 0.5 and under.percent == 50.0
        assert under.over_capacity == -42_500  # negative when below capacity

    def test_zero_capacity_raises(self):
        with pytest.raises(ZeroDivisionError):
            compute.Occupancy(1, 0).ratio

    def test_frozen(self):
        with pytest.raises(Exception):
            compute.Occupancy(1, 2).population = 3


class TestOccupancyTable:
    def test_rows_and_numbers(self, figures):
        table = compute.occupancy_table(figures).set_index("figure_id")
        assert list(table.index) == ["amnesty-population-2019-07", "amnesty-population-2020-06"]
        later, earlier = table.loc["amnesty-population-2020-06"], table.loc["amnesty-population-2019-07"]
        assert later["as_of"] == "2020-06-13" and earlier["as_of"] == "2019-07"
        assert later["population"] == 211_000 and earlier["population"] == 240_000
        assert (table["capacity"] == 85_000).all()
        assert later["ratio"] == pytest.approx(2.4823529, rel=1e-7)
        assert earlier["ratio"] == pytest.approx(2.8235294, rel=1e-7)
        assert later["percent_of_capacity"] == pytest.approx(248.2352941, rel=1e-7)
        assert later["over_capacity"] == 126_000
        assert earlier["over_capacity"] == 155_000  # 240,000 - 85,000

    def test_caveats_present_for_both_rows(self, figures):
        table = compute.occupancy_table(figures).set_index("figure_id")
        later = table.loc["amnesty-population-2020-06", "caveat"]
        earlier = table.loc["amnesty-population-2019-07", "caveat"]
        assert later and earlier
        # 211,000 is "around": the approximation is flagged; capacity is undated but beside the June count.
        assert "approximate" in later
        assert "no date of its own" in later and "13 June 2020" in later
        # 240,000 is exact: no approximation caveat, but the capacity date mismatch is flagged.
        assert "approximate" not in earlier
        assert "no date of its own" in earlier and "July 2019" in earlier


def test_population_change(figures):
    change = compute.population_change(figures)
    assert change["earlier"] == 240_000 and change["later"] == 211_000
    # 211,000 - 240,000 = -29,000; -29,000 / 240,000 = -0.1208333 -> -12.0833 %
    assert change["change"] == -29_000
    assert change["percent"] == pytest.approx(-12.083333, rel=1e-6)


def test_stated_ratio_check(figures):
    check = compute.stated_ratio_check(figures)
    assert check["stated"] == 2.5
    assert check["population"] == 211_000
    # 211,000 / 85,000 = 2.48235; rounded to 4 places 2.4824
    assert round(check["computed"], 4) == 2.4824
    # 2.482353 - 2.5 = -0.017647
    assert check["difference"] == pytest.approx(-0.0176471, abs=1e-6)
    # literal "2.5 times more than": 85,000 * (1 + 2.5) = 297,500
    assert check["literal_population"] == 297_500


def test_releases_relative(figures):
    table = compute.releases_relative(figures).set_index("basis")
    later, earlier = table.loc["amnesty-population-2020-06"], table.loc["amnesty-population-2019-07"]
    # 128,000 furloughed + 10,000 pardoned = 138,000
    assert (table["released"] == 138_000).all()
    assert (table["furloughed"] == 128_000).all() and (table["pardoned"] == 10_000).all()
    # 138,000 / 211,000 = 0.654028 -> 65.40 %
    assert later["released_percent"] == pytest.approx(65.4028, abs=1e-4)
    # 138,000 / 240,000 = 0.575 -> 57.5 %
    assert earlier["released_percent"] == pytest.approx(57.5)
    # 128,000 / 211,000 = 60.6635 %; 128,000 / 240,000 = 53.3333 %
    assert later["furloughed_percent"] == pytest.approx(60.6635, abs=1e-4)
    assert earlier["furloughed_percent"] == pytest.approx(53.3333, abs=1e-4)
    assert later["as_of"] == "2020-06-13" and earlier["as_of"] == "2019-07"


# ============================================================================ compute: the March request


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        # 25 Mar -> 25 Jun 2020: 31 (Mar 25->Apr 25) + 30 + 31 = 92; shortest 3 * 30 = 90
        (date(2020, 3, 25), 3, (90, 92)),
        # 1 Feb -> 1 May 2021: 28 + 31 + 30 = 89, below 3 * 30 = 90, so the calendar reading is the low end
        (date(2021, 2, 1), 3, (89, 90)),
        # leap year: 1 Feb -> 1 May 2020: 29 + 31 + 30 = 90 = 3 * 30
        (date(2020, 2, 1), 3, (90, 90)),
        # 31 Jan 2020 + 1 month clips to 29 Feb 2020: 29 days; 1 * 30 = 30
        (date(2020, 1, 31), 1, (29, 30)),
        # 31 Jan 2021 + 1 month clips to 28 Feb 2021: 28 days
        (date(2021, 1, 31), 1, (28, 30)),
        # 1 Jan -> 1 Feb: 31 days
        (date(2020, 1, 1), 1, (30, 31)),
        # zero months: nothing
        (date(2020, 3, 25), 0, (0, 0)),
    ],
)
def test_months_in_days(start, months, expected):
    assert compute.months_in_days(start, months) == expected


def test_months_in_days_low_not_above_high():
    for month in range(1, 13):
        for day_ in (1, 15, 28, 29, 30, 31):
            try:
                start = date(2020, month, day_)
            except ValueError:
                continue
            low, high = compute.months_in_days(start, 3)
            assert low <= high
            assert 89 <= low <= 90 and 90 <= high <= 92


def test_request_days(figures):
    assert compute.request_days(figures) == (90, 92)


class TestPerPrisonerPerDay:
    def test_masks(self):
        # 5,400,000 / 211,000 = 25.592417; / 92 = 0.2781784
        assert compute.per_prisoner_per_day(5_400_000, 211_000, 92) == pytest.approx(0.2781784, rel=1e-6)
        # 25.592417 / 90 = 0.2843602
        assert compute.per_prisoner_per_day(5_400_000, 211_000, 90) == pytest.approx(0.2843602, rel=1e-6)

    def test_simple(self):
        assert compute.per_prisoner_per_day(100, 10, 5) == 2.0
        assert compute.per_prisoner_per_day(0, 10, 5) == 0.0

    @pytest.mark.parametrize(("population", "days"), [(0, 92), (211_000, 0), (-1, 92), (211_000, -90), (0, 0)])
    def test_rejects_non_positive(self, population, days):
        with pytest.raises(ValueError):
            compute.per_prisoner_per_day(5_400_000, population, days)


class TestRequestPerPrisoner:
    def test_shape(self, figures):
        table = compute.request_per_prisoner(figures)
        # 6 consumables x 2 population bases
        assert len(table) == 12
        assert set(table["figure_id"]) == set(compute.CONSUMABLES)
        assert set(table["basis"]) == set(compute.POPULATION_IDS)
        assert (table["days_low"] == 90).all() and (table["days_high"] == 92).all()

    def test_low_not_above_high(self, figures):
        table = compute.request_per_prisoner(figures)
        assert (table["per_day_low"] <= table["per_day_high"]).all()
        assert (table["per_day_low"] > 0).all()

    def test_masks(self, figures):
        table = compute.request_per_prisoner(figures).set_index(["figure_id", "basis"])
        row = table.loc[("amnesty-request-masks", "amnesty-population-2020-06")]
        assert row["quantity"] == 5_400_000 and row["population"] == 211_000
        # 5,400,000 / 211,000 = 25.5924
        assert row["per_prisoner"] == pytest.approx(25.592417, rel=1e-6)
        assert row["per_day_low"] == pytest.approx(0.2781784, rel=1e-6)   # / 92
        assert row["per_day_high"] == pytest.approx(0.2843602, rel=1e-6)   # / 90
        other = table.loc[("amnesty-request-masks", "amnesty-population-2019-07")]
        # 5,400,000 / 240,000 = 22.5; / 92 = 0.2445652; / 90 = 0.25
        assert other["per_prisoner"] == pytest.approx(22.5)
        assert other["per_day_low"] == pytest.approx(0.2445652, rel=1e-6)
        assert other["per_day_high"] == pytest.approx(0.25)

    def test_sanitiser_in_millilitres(self, figures):
        table = compute.request_per_prisoner(figures).set_index(["figure_id", "basis"])
        row = table.loc[("amnesty-request-hand-sanitiser", "amnesty-population-2020-06")]
        assert row["share_unit"] == "millilitres" and row["unit"] == "litres"
        assert row["quantity"] == 450_000  # litres, not scaled
        # 450,000 * 1,000 ml / 211,000 = 2,132.7014 ml; / 92 = 23.1815; / 90 = 23.6967
        assert row["per_prisoner"] == pytest.approx(2132.7014, rel=1e-6)
        assert row["per_day_low"] == pytest.approx(23.18153, rel=1e-5)
        assert row["per_day_high"] == pytest.approx(23.69668, rel=1e-5)

    def test_disinfectant_in_millilitres(self, figures):
        table = compute.request_per_prisoner(figures).set_index(["figure_id", "basis"])
        row = table.loc[("amnesty-request-surface-disinfectant", "amnesty-population-2020-06")]
        # 1,000,000 * 1,000 / 211,000 = 4,739.336 ml; / 92 = 51.5145
        assert row["per_day_low"] == pytest.approx(51.5145, rel=1e-5)

    def test_gloves_not_scaled(self, figures):
        table = compute.request_per_prisoner(figures).set_index(["figure_id", "basis"])
        row = table.loc[("amnesty-request-latex-gloves", "amnesty-population-2019-07")]
        # 3,600,000 / 240,000 = 15 gloves; / 90 = 0.16667
        assert row["per_prisoner"] == pytest.approx(15.0)
        assert row["per_day_high"] == pytest.approx(1 / 6)


def test_headline_basis(figures):
    headline = compute.headline_basis(figures)
    assert headline["figure_id"] == "amnesty-population-2020-06"
    assert headline["population"] == 211_000
    assert headline["as_of"] == "2020-06-13"
    # 25 Mar -> 13 Jun 2020: 6 (rest of March) + 30 (April) + 31 (May) + 13 = 80
    assert headline["days_from_request"] == 80
    # July 2019 sits at its midpoint, 1 Jul + 30 days / 2 = 16 Jul 2019;
    # 16 Jul 2019 -> 25 Mar 2020: 15 + 31 + 30 + 31 + 30 + 31 + 31 + 29 + 25 = 253
    assert headline["distances"] == {"amnesty-population-2019-07": 253, "amnesty-population-2020-06": 80}


def test_period_midpoint():
    assert compute.period_midpoint("2020-06-13") == date(2020, 6, 13)
    assert compute.period_midpoint("2019-07") == date(2019, 7, 16)     # 1 Jul + 15 days
    assert compute.period_midpoint("2020-02") == date(2020, 2, 15)     # 1 Feb + 28 days / 2 = 14 days
    # 1 Feb -> 31 May 2020 is 120 days; half is 60: 1 Feb + 60 = 1 Apr 2020
    assert compute.period_midpoint("2020-02/2020-05") == date(2020, 4, 1)


def test_figure_and_value(figures):
    assert compute.value(figures, "amnesty-capacity") == 85_000.0
    assert isinstance(compute.value(figures, "amnesty-capacity"), float)
    with pytest.raises(KeyError, match="no-such-figure"):
        compute.figure(figures, "no-such-figure")


# ============================================================================ compute: letters and claims


@pytest.mark.parametrize(
    ("earlier", "later", "days"),
    [
        ("2020-02-29", "2020-03-25", 25),    # 29 Feb (leap day) -> 25 Mar
        ("2020-02-28", "2020-03-01", 2),     # 2020 is a leap year
        ("2021-02-28", "2021-03-01", 1),
        ("2020-03-25", "2020-03-25", 0),
        ("2020-04-06", "2020-02-29", -37),   # negative when "later" is earlier
        ("2019-12-31", "2020-01-01", 1),
        ("2020-01-01", "2021-01-01", 366),
        ("2019-07", "2019-08", 31),          # months count from their first day
    ],
)
def test_days_between(earlier, later, days):
    assert compute.days_between(earlier, later) == days


def test_letter_timeline(events):
    timeline = compute.letter_timeline(events)
    assert list(timeline["event_id"]) == ["first-letter", "letter-2020-03-25", "letter-2020-05-12",
                                          "letter-2020-06-14", "letter-2020-07-05"]
    # 29 Feb -> 25 Mar: 25 (leap day counted); 25 Mar -> 12 May: 6 + 30 + 12 = 48;
    # 12 May -> 14 Jun: 19 + 14 = 33; 14 Jun -> 5 Jul: 16 + 5 = 21
    assert timeline["days_since_previous"].iloc[0] is None or pd.isna(timeline["days_since_previous"].iloc[0])
    assert [int(g) for g in timeline["days_since_previous"].iloc[1:]] == [25, 48, 33, 21]
    # running totals: 0, 25, 73, 106, 127
    assert list(timeline["days_since_first"]) == [0, 25, 73, 106, 127]
    assert 25 + 48 + 33 + 21 == 127


def test_letter_timeline_sorts_by_date(events):
    shuffled = events.iloc[::-1]
    assert list(compute.letter_timeline(shuffled)["days_since_first"]) == [0, 25, 73, 106, 127]


def test_claim_against_letters(events):
    against = compute.claim_against_letters(events)
    # claim on 6 Apr 2020: 29 Feb -> 6 Apr = 29 + 8 = 37; 25 Mar -> 6 Apr = 12;
    # 6 Apr -> 12 May = 24 + 12 = 36; -> 14 Jun = 24 + 31 + 14 = 69; -> 5 Jul = 24 + 31 + 30 + 5 = 90
    assert list(against["days_before_claim"]) == [37, 12, -36, -69, -90]
    assert list(against["event_id"])[1] == compute.REQUEST_EVENT_ID


# ============================================================================ compute: deaths and Parsilon


def test_suspected_deaths(figures):
    table = compute.suspected_deaths(figures)
    # 2 + 6 + 2 + 8 + 1 + 1 + 1 = 21 over 7 prisons
    assert len(table) == 7
    assert table["deaths"].sum() == 21
    assert compute.DEATHS_TOTAL_ID not in set(table["figure_id"])
    assert list(table["deaths"]) == sorted(table["deaths"], reverse=True)
    assert list(table["deaths"]) == [8, 6, 2, 2, 1, 1, 1]
    assert table["prison"].iloc[0].startswith("Urumieh")
    assert table["prison"].iloc[1].startswith("Greater Tehran")
    # ties by prison name
    assert [p.split()[0] for p in table["prison"].iloc[2:4]] == ["Ghezel", "Shahr-e"]
    assert [p.split()[0] for p in table["prison"].iloc[4:]] == ["Kamyaran", "Saqez", "Sepidar"]


def test_deaths_reconciliation(figures):
    result = compute.deaths_reconciliation(figures)
    assert result["listed"] == 21
    assert result["stated"] == 20
    assert result["qualifier"] == "more than"
    assert result["consistent"] is True or result["consistent"] == True  # noqa: E712 (numpy bool)
    assert result["prisons"] == 7
    assert result["claimed"] == 0


def test_deaths_reconciliation_strict_bound(figures):
    # Drop Sepidar's 1: the list then adds up to exactly 20, which is not "more than 20".
    frame = figures.drop(index="amnesty-suspected-deaths-sepidar")
    result = compute.deaths_reconciliation(frame)
    assert result["listed"] == 20
    assert not result["consistent"]
    assert result["prisons"] == 6


def test_deaths_reconciliation_at_least_is_inclusive(figures):
    frame = figures.drop(index="amnesty-suspected-deaths-sepidar").copy()
    frame.loc[compute.DEATHS_TOTAL_ID, "qualifier"] = "at least"
    assert compute.deaths_reconciliation(frame)["consistent"]


class TestParsilonAccounts:
    def test_shape(self, figures):
        accounts = compute.parsilon_accounts(figures)
        # 4 measures x 2 accounts
        assert len(accounts) == 8
        assert list(dict.fromkeys(accounts["measure"])) == ["Inmates who fled", "Inmates killed",
                                                              "Inmates arrested", "Guards killed"]

    def _get(self, figures, measure, governor):
        accounts = compute.parsilon_accounts(figures)
        prefix = "Governor" if governor else "PMOI"
        rows = accounts[(accounts["measure"] == measure) & accounts["account"].str.startswith(prefix)]
        assert len(rows) == 1
        return rows.iloc[0]

    def test_governor_wards_off_people_axis(self, figures):
        row = self._get(figures, "Inmates who fled", governor=True)
        assert row["figure_id"] == "pmoi-governor-wards-escaped"
        assert row["unit"] == "wards"
        assert pd.isna(row["low"]) and pd.isna(row["high"])
        assert row["number_text"] == "one"

    def test_guards_range(self, figures):
        row = self._get(figures, "Guards killed", governor=False)
        assert (row["low"], row["high"]) == (2, 3)
        missing = self._get(figures, "Guards killed", governor=True)
        assert missing["figure_id"] == "" and pd.isna(missing["low"]) and missing["quote"] == "not stated"

    def test_ncri_several(self, figures):
        row = self._get(figures, "Inmates killed", governor=False)
        assert row["low"] == 3 and pd.isna(row["high"])

    def test_exact_and_approximate(self, figures):
        fled = self._get(figures, "Inmates who fled", governor=False)
        assert (fled["low"], fled["high"]) == (250, 250)
        killed = self._get(figures, "Inmates killed", governor=True)
        assert (killed["low"], killed["high"]) == (1, 1)
        arrested = self._get(figures, "Inmates arrested", governor=True)
        assert (arrested["low"], arrested["high"]) == (1, 1)
        assert self._get(figures, "Inmates arrested", governor=False)["figure_id"] == ""


class TestBounds:
    def test_exact(self):
        assert compute.bounds(_row(value=85_000.0, qualifier="exact")) == (85_000.0, 85_000.0)

    def test_approximately(self):
        assert compute.bounds(_row(value=211_000.0, qualifier="approximately")) == (211_000.0, 211_000.0)

    def test_range(self):
        assert compute.bounds(_row(value_low=2.0, value_high=3.0, qualifier="range")) == (2.0, 3.0)

    def test_at_least(self):
        assert compute.bounds(_row(value=1.0, value_low=1.0, qualifier="at least")) == (1.0, None)

    def test_more_than(self):
        # note: low is the stated bound 20 (the strict reading would allow 21 at least)
        assert compute.bounds(_row(value=20.0, value_low=20.0, qualifier="more than")) == (20.0, None)

    def test_vague_closed(self):
        assert compute.bounds(_row(value_low=200.0, value_high=999.0, qualifier="vague")) == (200.0, 999.0)

    def test_vague_open(self):
        assert compute.bounds(_row(value_low=3.0, qualifier="vague")) == (3.0, None)

    def test_real_rows(self, figures):
        assert compute.bounds(figures.loc["amnesty-medical-devices-needed"]) == (200.0, 999.0)
        assert compute.bounds(figures.loc["amnesty-disappeared-positive-prisoners"]) == (1.0, None)
        assert compute.bounds(figures.loc["amnesty-suspected-deaths-total"]) == (20.0, None)
        assert compute.bounds(figures.loc["pmoi-guards-killed"]) == (2.0, 3.0)
        assert compute.bounds(figures.loc["pmoi-locals-arrested"]) == (3.0, None)
        assert compute.bounds(figures.loc["amnesty-capacity"]) == (85_000.0, 85_000.0)


# ============================================================================ fmt


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
        assert fmt.stated(row) == "hundreds (read as 200 to 999)"

    def test_vague_open(self):
        row = _row(value_low=3.0, qualifier="vague", number_text="several")
        assert fmt.stated(row) == "several (read as 3 or more)"

    def test_real_rows(self, figures):
        assert fmt.stated(figures.loc["amnesty-population-2020-06"]) == "around 211,000"
        assert fmt.stated(figures.loc["amnesty-population-2019-07"]) == "240,000"
        assert fmt.stated(figures.loc["amnesty-suspected-deaths-total"]) == "more than 20"
        assert fmt.stated(figures.loc["pmoi-guards-killed"]) == "2 to 3"
        assert fmt.stated(figures.loc["pmoi-protesters-arrested"]) == "thousands (read as 2,000 to 9,999)"
        assert fmt.stated(figures.loc["amnesty-population-capacity-ratio"]) == "around 2.5"


# ============================================================================ prose


def _all_prose(figures, events) -> dict[str, dict[str, prose.Value]]:
    return {
        "overcrowding": prose.overcrowding(figures),
        "letters": prose.letters(figures, events),
        "request": prose.request(figures),
        "deaths": prose.deaths(figures),
        "parsilon": prose.parsilon(figures, events),
    }


def _texts(values: dict[str, prose.Value]) -> dict[str, str]:
    return {name: value.text for name, value in values.items()}


def test_prose_values_are_non_empty_strings(figures, events):
    for section, values in _all_prose(figures, events).items():
        assert values, section
        for name, text in _texts(values).items():
            assert isinstance(text, str), (section, name)
            assert text.strip(), (section, name)
            assert "nan" not in text.lower().split(), (section, name, text)


def test_prose_glue_names_unique_across_sections(figures, events):
    # chapters glue several sections together (letters | request); a clash would overwrite a number
    sections = _all_prose(figures, events)
    names = [name for values in sections.values() for name in values]
    assert len(names) == len(set(names))


def test_every_value_says_where_it_comes_from(figures, events):
    """A figure as stated has one input and no 'how'; anything else says how and names real inputs."""
    for name, value in prose.every_value(figures, events).items():
        assert value.inputs, name
        for input_id in value.figures:
            assert input_id in figures.index, (name, input_id)
        for input_id in value.events:
            assert input_id in events.index, (name, input_id)
        if value.how:
            assert value.target(name) == prose.result_anchor(name) == "result-" + name.replace("_", "-")
        else:
            assert len(value.inputs) == 1 and value.target(name) == value.inputs[0], name


def test_value_links_to_its_figure_or_its_computation():
    stated = prose.Value("85,000", ("amnesty-capacity",))
    computed = prose.Value("2.48", ("a", "b"), how="a divided by b")
    assert stated.target("capacity") == "amnesty-capacity"
    assert computed.target("ratio_later") == "result-ratio-later"
    assert prose.markdown_link("a_b [c]", "x") == r"[a\_b \[c\]](#x)"


def test_every_value_refuses_a_name_two_sections_use(figures, events, monkeypatch):
    monkeypatch.setattr(prose, "deaths", lambda figures: {"capacity": prose.Value("1", ("amnesty-capacity",))})
    with pytest.raises(ValueError, match="capacity"):
        prose.every_value(figures, events)


def test_prose_overcrowding(figures):
    values = _texts(prose.overcrowding(figures))
    assert values["ratio_later"] == "2.48"                   # 211,000 / 85,000
    assert values["ratio_earlier"] == "2.82"                 # 240,000 / 85,000
    assert values["percent_later"] == "248%"
    assert values["percent_earlier"] == "282%"
    assert values["over_later"] == "126,000"
    assert values["over_earlier"] == "155,000"
    assert values["capacity"] == "85,000"
    assert values["pop_later"] == "around 211,000"
    assert values["pop_earlier"] == "240,000"
    assert values["pop_later_date"] == "13 June 2020"
    assert values["pop_earlier_date"] == "July 2019"
    assert values["change"] == "29,000"
    assert values["change_percent"] == "\u221212.1%"
    assert values["stated_ratio"] == "2.5"
    assert values["computed_ratio"] == "2.48"
    assert values["literal_population"] == "297,500"        # 85,000 * 3.5
    assert values["furloughed"] == "around 128,000"
    assert values["pardoned"] == "10,000"
    assert values["released"] == "138,000"
    assert values["released_share_later"] == "65%"          # 138,000 / 211,000 = 65.4 %
    assert values["released_share_earlier"] == "58%"        # 100 * 138,000 / 240,000 = 57.5 exactly; a tie, which format() rounds half to even: "58"
    assert values["release_period"] == "February 2020 to May 2020"


def test_prose_letters(figures, events):
    values = _texts(prose.letters(figures, events))
    assert values["days_first_to_latest"] == "127"
    assert values["gaps"] == "25, 48, 33 and 21"
    assert values["longest_gap"] == "48"
    assert values["first_letter"] == "29 February 2020"
    assert values["latest_letter"] == "5 July 2020"
    assert values["letters_dated"] == "5"
    assert values["follow_ups"] == "4" and values["reviewed"] == "4"
    assert values["claim_date"] == "6 April 2020"
    assert values["claim_after_first"] == "37"
    assert values["claim_after_request"] == "12"
    assert values["letters_after_claim"] == "3"               # 12 May, 14 Jun, 5 Jul
    assert values["claim_to_latest"] == "90"


def test_prose_request(figures):
    values = _texts(prose.request(figures))
    assert values["masks_per_day"] == "0.278 to 0.284"
    assert values["days_low"] == "90" and values["days_high"] == "92"
    assert values["request_months"] == "3"
    assert values["masks"] == "5,400,000"
    assert values["headline_population"] == "around 211,000"
    assert values["headline_date"] == "13 June 2020"
    assert values["headline_days_from_request"] == "80"
    assert values["other_days_from_request"] == "253"
    assert values["masks_per_prisoner"] == "25.6"             # 5,400,000 / 211,000 = 25.59
    # one mask every 1 / 0.28436 = 3.517 to 1 / 0.27818 = 3.595 days
    assert values["mask_every_days"] == "3.5 to 3.6"
    # N95: 100,000 / 211,000 / 92 = 0.00515, / 90 = 0.00527: both "0.005"
    assert values["n95_per_day"] == "0.005"
    # latex: 3,600,000 / 211,000 = 17.0616; / 92 = 0.18545; / 90 = 0.18957
    assert values["latex_per_day"] == "0.185 to 0.190"
    # plastic: 10,000,000 / 211,000 = 47.393; / 92 = 0.51514; / 90 = 0.52659
    assert values["plastic_per_day"] == "0.515 to 0.527"
    assert values["sanitiser_per_day"] == "23.2 to 23.7"
    # disinfectant: 4,739.336 ml; / 92 = 51.51; / 90 = 52.66
    assert values["disinfectant_per_day"] == "51.5 to 52.7"
    # masks on 240,000: 22.5 / 92 = 0.2446; 22.5 / 90 = 0.25
    assert values["masks_per_day_other"] == "0.245 to 0.250"
    assert values["sanitiser_per_day_other"] == "20.4 to 20.8"  # 1,875 ml / 92 = 20.38; / 90 = 20.83
    assert values["other_population"] == "240,000"
    assert values["other_date"] == "July 2019"


def test_prose_deaths(figures):
    values = _texts(prose.deaths(figures))
    assert values == {"deaths_stated": "more than 20", "deaths_listed": "21", "death_prisons": "7",
                      "deaths_claimed": "0", "deaths_consistent": "consistent with"}


def test_prose_parsilon(figures, events):
    values = _texts(prose.parsilon(figures, events))
    assert values["riot_date"] == "19 March 2020"
    assert values["unrest_since"] == "March 2020"
    assert values["report_date"] == "21 March 2020"
    assert values["ncri_fled"] == "around 250"
    assert values["ncri_killed"] == "several (read as 3 or more)"
    assert values["guards_killed"] == "2 to 3"
    assert values["governor_wards"] == "1"
    assert values["governor_killed"] == "1"
    assert values["governor_arrested"] == "1"


# ============================================================================ charts


def _valid(chart) -> dict:
    assert isinstance(chart, (alt.Chart, alt.LayerChart))
    spec = chart.to_dict()  # validates against the Vega-Lite schema by default
    assert spec["$schema"].endswith(f"v{alt.SCHEMA_VERSION.lstrip('v')}.json")
    return spec


def test_describe_occupancy(figures):
    text = charts.describe_occupancy(compute.occupancy_table(figures))
    for number in ("211,000", "240,000", "85,000", "2.48", "2.82", "126,000", "155,000", "13 June 2020", "July 2019"):
        assert number in text, number


def test_occupancy_chart(figures):
    _valid(charts.occupancy(compute.occupancy_table(figures)))


def test_describe_request(figures):
    text = charts.describe_request(compute.request_per_prisoner(figures), compute.headline_basis(figures))
    for part in ("211,000", "90 to 92 days", "Masks: 0.278 to 0.284 masks", "N95 masks: 0.005 N95 masks",
                 "Hand sanitiser: 23.2 to 23.7 millilitres", "Surface disinfectant: 51.5 to 52.7 millilitres"):
        assert part in text, part
    assert "240,000" not in text  # only the headline basis


def test_request_whatif(figures):
    per_prisoner = compute.request_per_prisoner(figures)
    spec = _valid(charts.request_whatif(per_prisoner, compute.headline_basis(figures)))
    params = {p["name"]: p for p in spec["params"]}
    assert set(params) == {"population", "days"}
    days = params["days"]
    assert days["bind"]["input"] == "range"
    assert days["bind"]["min"] == 90 and days["bind"]["max"] == 92 and days["bind"]["step"] == 1
    assert 90 <= days["value"] <= 92
    population = params["population"]
    assert population["bind"]["input"] == "select"
    assert sorted(population["bind"]["options"]) == [211_000, 240_000]
    assert len(population["bind"]["labels"]) == 2
    assert population["value"] == 211_000
    # the browser-side formula matches compute.per_prisoner_per_day
    calcs = [t["calculate"] for t in spec["transform"] if "calculate" in t] if "transform" in spec else \
        [t["calculate"] for layer in spec["layer"] for t in layer.get("transform", []) if "calculate" in t]
    assert "datum.share_quantity / population / days" in calcs


def test_describe_timeline(events):
    text = charts.describe_timeline(events, compute.letter_timeline(events))
    for part in ("29 February 2020", "25 March 2020", "12 May 2020", "14 June 2020", "5 July 2020", "6 April 2020"):
        assert part in text, part


def test_describe_timeline_count_matches_chart(events):
    # Regression: the text once counted all 18 events while the chart drops the 2 dated 2019 and shows 16.
    spec = charts.timeline(events).to_dict()
    (shown,) = spec["datasets"].values()
    text = charts.describe_timeline(events, compute.letter_timeline(events))
    stated_count = re.search(r"places (\d+) dated events", text)
    assert stated_count, text
    assert int(stated_count.group(1)) == len(shown) == 16


def test_timeline_chart(events):
    spec = _valid(charts.timeline(events))
    (shown,) = spec["datasets"].values()
    # 18 events, of which 2 (population-2019-07, november-2019-protests) are before 2020
    assert len(events) == 18
    assert len(shown) == 16


def test_describe_deaths(figures):
    table = compute.suspected_deaths(figures)
    text = charts.describe_deaths(table, compute.deaths_reconciliation(figures))
    assert "21" in text and "7 prisons" in text and "more than 20" in text
    for prison, deaths in zip(table["prison"], table["deaths"]):
        assert f"{prison}: {int(deaths)}" in text


def test_deaths_chart(figures):
    _valid(charts.deaths(compute.suspected_deaths(figures)))


def test_describe_parsilon(figures):
    text = charts.describe_parsilon(compute.parsilon_accounts(figures))
    for part in ("about 250 fleeing inmates", "killed several", "Two or three prison guards",
                 "Inmates of one ward", "one prisoner was killed", "no number"):
        assert part in text, part
    for measure in ("Inmates who fled", "Inmates killed", "Inmates arrested", "Guards killed"):
        assert measure in text


def test_parsilon_chart(figures):
    spec = _valid(charts.parsilon(compute.parsilon_accounts(figures)))
    (shown,) = spec["datasets"].values()
    # 8 rows less the 2 "not stated" and the governor's wards (no people count): 5 on the people axis
    assert len(shown) == 5
    assert all(r["unit"] != "wards" for r in shown)


def test_stated_text():
    class R:  # a stand-in for an itertuples row
        def __init__(self, low, high, number_text):
            self.low, self.high, self.number_text = low, high, number_text

    assert charts.stated_text(R(3.0, None, "several")) == "several (at least 3)"
    assert charts.stated_text(R(3.0, float("nan"), "several")) == "several (at least 3)"
    assert charts.stated_text(R(1.0, 1.0, "one")) == "one"
    assert charts.stated_text(R(2.0, 3.0, "Two or three")) == "Two or three (2 to 3)"


# ============================================================================ vendor


def test_vegalite_version_coupling():
    major_minor = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    assert vendor.VEGALITE_VERSION == major_minor
    assert vendor.VEGALITE_VERSION in vl_convert.get_vegalite_versions()
    assert vendor.VEGALITE_VERSION in vendor.BUNDLE_NAME
    assert vendor.BUNDLE_PATH == f"_vendor/{vendor.BUNDLE_NAME}"


@pytest.fixture(scope="module")
def bundle() -> str:
    return vendor.bundle_js()


def test_bundle_defines_vega_embed(bundle):
    assert "window.vegaEmbed=" in bundle.replace(" ", "")


def test_bundle_refuses_mismatch(monkeypatch):
    monkeypatch.setattr(vl_convert, "get_vegalite_versions", lambda: ["5.8"])
    with pytest.raises(vendor.VersionMismatch, match="5.8"):
        vendor.bundle_js()


def test_write_bundle(tmp_path, monkeypatch, bundle):
    monkeypatch.setattr(vendor, "bundle_js", lambda: bundle)
    target = vendor.write_bundle(tmp_path)
    assert target == tmp_path / "_vendor" / vendor.BUNDLE_NAME
    assert target.read_text(encoding="utf-8") == bundle
    mtime = target.stat().st_mtime_ns
    vendor.write_bundle(tmp_path)  # unchanged: not rewritten
    assert target.stat().st_mtime_ns == mtime


# ============================================================================ book


@pytest.fixture
def book_inputs(tmp_path, monkeypatch) -> Path:
    """A copy of data/, and of the package code so edits elsewhere cannot move the fingerprint."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    package = tmp_path / "prisons"
    package.mkdir()
    for path in book.PACKAGE.glob("*.py"):
        shutil.copy(path, package / path.name)
    monkeypatch.setattr(book, "PACKAGE", package)
    return data


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def test_fingerprint_changes_with_declared_table(book_inputs):
    assert paths.CHAPTER_TABLES["overcrowding"] == ("figures",)
    before = book.fingerprint("overcrowding", book_inputs)
    assert before == book.fingerprint("overcrowding", book_inputs)  # stable
    figures = book_inputs / "figures.csv"
    figures.write_text(figures.read_text(encoding="utf-8").replace("85000", "85001"), encoding="utf-8")
    assert book.fingerprint("overcrowding", book_inputs) != before


def test_fingerprint_ignores_undeclared_table(book_inputs):
    before = book.fingerprint("overcrowding", book_inputs)
    letters_before = book.fingerprint("letters", book_inputs)
    _append(book_inputs / "events.csv", "\n")
    assert book.fingerprint("overcrowding", book_inputs) == before
    # letters declares events, so it does change
    assert book.fingerprint("letters", book_inputs) != letters_before


def test_fingerprint_changes_with_sources_and_code(book_inputs):
    before = book.fingerprint("overcrowding", book_inputs)
    _append(next((book_inputs / "sources").glob("*.txt")), " ")
    after_source = book.fingerprint("overcrowding", book_inputs)
    assert after_source != before
    _append(book.PACKAGE / "compute.py", "\n# edit\n")
    assert book.fingerprint("overcrowding", book_inputs) != after_source


def test_fingerprint_differs_between_chapters(book_inputs):
    assert book.fingerprint("overcrowding", book_inputs) != book.fingerprint("letters", book_inputs)


def test_fingerprint_cell():
    cell = book.fingerprint_cell("overcrowding")
    assert ":tags: [remove-cell]" in cell and "{code-cell}" in cell


@pytest.mark.parametrize(("docname", "chapter"), [
    ("chapters/letters", "letters"),
    ("chapters/overcrowding", "overcrowding"),
    ("chapters/index", "index"),
    ("other/x", None),
    ("letters", None),
    ("chapters/not-a-chapter", None),
    ("book/chapters/letters", None),
])
def test_chapter_name(docname, chapter):
    assert book.chapter_name(docname) == chapter
