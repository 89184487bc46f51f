"""The overcrowding story: computations, the numbers its prose shows, its chart and the chart in
words. Every expected number is worked out by hand beside it, from data/figures.csv."""
from __future__ import annotations

import pytest
from helpers import valid_chart

from prisons.stories import overcrowding
from prisons.stories.overcrowding import Occupancy


class TestOccupancy:
    def test_later_count(self):
        o = Occupancy(211_000, 85_000)
        # 211,000 / 85,000 = 2.482352941...
        assert o.ratio == pytest.approx(2.4823529, rel=1e-7)
        # 100 * 2.482352941 = 248.2352941 %
        assert o.percent == pytest.approx(248.2352941, rel=1e-7)
        # 211,000 - 85,000 = 126,000
        assert o.over_capacity == 126_000

    def test_earlier_count(self):
        o = Occupancy(240_000, 85_000)
        # 240,000 / 85,000 = 2.823529411...; 155,000 over
        assert o.ratio == pytest.approx(2.8235294, rel=1e-7)
        assert o.percent == pytest.approx(282.35294, rel=1e-7)
        assert o.over_capacity == 155_000

    def test_at_and_under_capacity(self):
        assert Occupancy(85_000, 85_000).ratio == 1.0
        assert Occupancy(85_000, 85_000).over_capacity == 0
        under = Occupancy(42_500, 85_000)
        assert under.ratio == 0.5 and under.percent == 50.0
        assert under.over_capacity == -42_500  # negative when below capacity

    def test_zero_capacity_raises(self):
        with pytest.raises(ZeroDivisionError):
            Occupancy(1, 0).ratio

    def test_frozen(self):
        with pytest.raises(Exception):
            Occupancy(1, 2).population = 3


class TestOccupancyTable:
    def test_rows_and_numbers(self, figures):
        table = overcrowding.occupancy_table(figures).set_index("figure_id")
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
        table = overcrowding.occupancy_table(figures).set_index("figure_id")
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
    change = overcrowding.population_change(figures)
    assert change["earlier"] == 240_000 and change["later"] == 211_000
    # 211,000 - 240,000 = -29,000; -29,000 / 240,000 = -0.1208333 -> -12.0833 %
    assert change["change"] == -29_000
    assert change["percent"] == pytest.approx(-12.083333, rel=1e-6)


def test_stated_ratio_check(figures):
    check = overcrowding.stated_ratio_check(figures)
    assert check["stated"] == 2.5
    assert check["population"] == 211_000
    # 211,000 / 85,000 = 2.48235; rounded to 4 places 2.4824
    assert round(check["computed"], 4) == 2.4824
    # 2.482353 - 2.5 = -0.017647
    assert check["difference"] == pytest.approx(-0.0176471, abs=1e-6)
    # literal "2.5 times more than": 85,000 * (1 + 2.5) = 297,500
    assert check["literal_population"] == 297_500


def test_releases_relative(figures):
    table = overcrowding.releases_relative(figures).set_index("basis")
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


def test_results(figures):
    values = {name: value.text for name, value in overcrowding.results(figures).items()}
    assert values["ratio_later"] == "around 2.48"                   # 211,000 / 85,000
    assert values["ratio_earlier"] == "2.82"                 # 240,000 / 85,000
    assert values["percent_later"] == "around 248%"
    assert values["percent_earlier"] == "282%"
    assert values["over_later"] == "around 126,000"
    assert values["over_earlier"] == "155,000"
    assert values["capacity"] == "85,000"
    assert values["pop_later"] == "around 211,000"
    assert values["pop_earlier"] == "240,000"
    assert values["pop_later_date"] == "13 June 2020"
    assert values["pop_earlier_date"].startswith("July 2019 (inferred from “July of last year”")
    assert values["change"] == "around 29,000"
    assert values["change_percent"] == "around 12.1%"    # the fall, as a share of the earlier count
    assert values["stated_ratio"] == "around 2.5"
    assert values["computed_ratio"] == "around 2.48"
    assert values["literal_population"] == "around 297,500"        # 85,000 * 3.5
    assert values["furloughed"] == "around 128,000"
    assert values["pardoned"] == "10,000"
    assert values["released"] == "around 138,000"
    assert values["released_share_later"] == "around 65%"          # 138,000 / 211,000 = 65.4 %
    assert values["released_share_earlier"] == "around 58%"        # 100 * 138,000 / 240,000 = 57.5 exactly; a tie, which format() rounds half to even: "58"
    assert values["release_period"] == "between late February and late May 2020"


def test_describe(figures):
    assert overcrowding.describe(figures) == (
        'The chart shows that the count of 240,000 from July 2019 (inferred from “July of last year”, read '
        "against the release's publication in July 2020) is 2.82 times the declared capacity of 85,000, "
        '155,000 people over it; the count of around 211,000 from 13 June 2020 is around 2.48 times the '
        'declared capacity of 85,000, around 126,000 people over it. The capacity is stated beside the 2020 '
        'count and has no date of its own, so the earlier ratio sets a count against a capacity stated at '
        'another date. Officials gave both counts, as reported by Amnesty International. The count may include people '
        'out of prison on furlough: the source does not say whether people on furlough are counted.')


def test_chart(figures):
    spec = valid_chart(overcrowding.chart(figures))
    shown = next(d for d in spec["datasets"].values() if len(d) == 2)
    assert [row["label"] for row in shown] == [
        "July 2019 (inferred from “July of last year”, read against the release's publication in July 2020): "
        "240,000 prisoners, 2.82 times capacity",
                                              "13 June 2020: around 211,000 prisoners, around 2.48 times capacity"]
