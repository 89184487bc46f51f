"""The shortfall estimates, against values worked out by hand from the sources' figures."""
from __future__ import annotations

import pytest

from prisons import explorers
from prisons.evidence import load_evidence
from prisons.stories import ids, shortfall


def _walk(node):
    """Every dict in a chart spec, depth first."""
    if isinstance(node, dict):
        yield node
        for child in node.values():
            yield from _walk(child)
    elif isinstance(node, list):
        for child in node:
            yield from _walk(child)


@pytest.fixture(scope="module")
def evidence():
    return load_evidence()


def test_share_over_capacity_by_hand():
    # 211,000 - 85,000 = 126,000 over; 126,000 / 211,000 = 0.59716
    assert round(shortfall.share_over_capacity(211_000, 85_000), 1) == 59.7
    # 155,000 / 240,000 = 0.64583
    assert round(shortfall.share_over_capacity(240_000, 85_000), 1) == 64.6


def test_space_share_by_hand():
    # 85,000 / 211,000 = 0.40284; 85,000 / 240,000 = 0.35417
    assert round(shortfall.space_share(211_000, 85_000), 1) == 40.3
    assert round(shortfall.space_share(240_000, 85_000), 1) == 35.4


def test_need_and_coverage_by_hand():
    # one mask a day for 211,000 people over 92 days
    needed = shortfall.need(1, 211_000, 92)
    assert needed == 19_412_000
    assert round(shortfall.coverage(5_400_000, needed), 1) == 27.8
    assert needed - 5_400_000 == 14_012_000


@pytest.mark.parametrize("per_day, population, days", [(0, 211_000, 92), (1, 0, 92), (1, 211_000, -1)])
def test_need_refuses_zero_or_negative(per_day, population, days):
    with pytest.raises(ValueError):
        shortfall.need(per_day, population, days)


def test_request_period_ends_on_23_to_25_june(evidence):
    # 25 March 2020 + 90 days = 23 June; + 92 days = 25 June
    assert shortfall.request_period_ends(evidence.figures) == ("2020-06-23", "2020-06-25")


def test_results_by_hand(evidence):
    values = shortfall.results(evidence.figures, evidence.events)
    assert values["over_share_later"].text == "around 59.7%"
    assert values["over_share_earlier"].text == "64.6%"
    assert values["space_share_later"].text == "around 40.3%"
    assert values["space_share_earlier"].text == "35.4%"
    # 211,000 - 128,000 = 83,000 held if the furloughed are counted; 85,000 - 83,000 = 2,000
    assert values["held_if_counted"].text == "around 83,000"
    assert values["under_capacity_if_counted"].text == "around 2,000"
    assert values["request_end"].text == "23 to 25 June 2020"
    # 5 July - 25 June = 10 days; 5 July - 23 June = 12; 25 March to 5 July = 6 + 30 + 31 + 30 + 5 = 102
    assert values["end_to_letter"].text == "10 to 12"
    assert values["request_to_letter"].text == "102"
    # 211,000 x 90 = 18,990,000 (lowest need); 240,000 x 92 = 22,080,000 (highest)
    assert values["mask_need"].text == "around 18,990,000 to 22,080,000"
    # 5.4m / 22.08m = 24.46%; 5.4m / 18.99m = 28.44%
    assert values["mask_coverage"].text == "around 24.5% to 28.4%"
    assert values["mask_shortfall"].text == "around 13,590,000 to 16,680,000"


def test_every_estimate_says_so_and_names_its_assumption(evidence):
    values = shortfall.results(evidence.figures, evidence.events)
    for name in ("over_share_later", "space_share_earlier", "held_if_counted", "mask_need", "mask_coverage"):
        assert values[name].how.startswith(shortfall.ESTIMATE), name
    for name in ("mask_need", "mask_coverage", "mask_shortfall"):
        assert "illustrative assumption, not a sourced norm" in values[name].how
    assert "no date of its own" in values["over_share_later"].how


def test_an_edit_to_the_population_moves_the_estimates(evidence):
    figures = evidence.figures.copy()
    figures.loc[ids.POPULATION_2020, "value"] = 170_000.0
    values = shortfall.results(figures, evidence.events)
    # 85,000 / 170,000 = 50%
    assert values["space_share_later"].text == "around 50.0%"


def test_chart_slider_is_bounded_and_computed_in_the_browser(evidence):
    spec = shortfall.chart(evidence.figures).to_dict()
    [param] = [p for p in spec["params"] if p["name"] == "benchmark"]
    assert (param["bind"]["min"], param["bind"]["max"], param["value"]) == (0.25, 4.0, 1.0)
    assert param["bind"]["min"] > 0
    calculations = [node["calculate"] for node in _walk(spec) if isinstance(node.get("calculate"), str)]
    assert any(f"benchmark * datum['{shortfall.PER_UNIT}']" in c for c in calculations)


def test_explorer_bounded_and_updates(evidence):
    pytest.importorskip("ipywidgets")
    box = explorers.shortfall_explorer(evidence.figures)
    benchmark, basis, days, result = box.children
    assert benchmark.min > 0 and benchmark.max == shortfall.BENCHMARK_MAX
    assert (days.min, days.max) == (90, 92)
    assert "around 19,412,000" in result.value and "around 27.8%" in result.value
    benchmark.value = 2.0
    # 2 x 211,000 x 92 = 38,824,000; 5.4m / 38.824m = 13.9%
    assert "around 38,824,000" in result.value and "around 13.9%" in result.value
    basis.value = ids.POPULATION_2019
    # 2 x 240,000 x 92 = 44,160,000, exact: no "around"
    assert "<b>44,160,000</b>" in result.value
