"""The March request: days in "three months", each item per prisoner per day, the numbers the
prose shows, the what-if chart and its words. Every expected number is worked out by hand."""
from __future__ import annotations

from datetime import date

import pytest
from helpers import valid_chart

from prisons.stories import base, ids, request


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
    assert base.months_in_days(start, months) == expected


def test_months_in_days_low_not_above_high():
    for month in range(1, 13):
        for day_ in (1, 15, 28, 29, 30, 31):
            try:
                start = date(2020, month, day_)
            except ValueError:
                continue
            low, high = base.months_in_days(start, 3)
            assert low <= high
            assert 89 <= low <= 90 and 90 <= high <= 92


def test_request_days(figures):
    assert base.request_days(figures) == (90, 92)


class TestPerPrisonerPerDay:
    def test_masks(self):
        # 5,400,000 / 211,000 = 25.592417; / 92 = 0.2781784
        assert request.per_prisoner_per_day(5_400_000, 211_000, 92) == pytest.approx(0.2781784, rel=1e-6)
        # 25.592417 / 90 = 0.2843602
        assert request.per_prisoner_per_day(5_400_000, 211_000, 90) == pytest.approx(0.2843602, rel=1e-6)

    def test_simple(self):
        assert request.per_prisoner_per_day(100, 10, 5) == 2.0
        assert request.per_prisoner_per_day(0, 10, 5) == 0.0

    @pytest.mark.parametrize(("population", "days"), [(0, 92), (211_000, 0), (-1, 92), (211_000, -90), (0, 0)])
    def test_rejects_non_positive(self, population, days):
        with pytest.raises(ValueError):
            request.per_prisoner_per_day(5_400_000, population, days)


class TestPerPrisoner:
    def test_shape(self, figures):
        table = request.per_prisoner(figures)
        # 6 consumables x 2 population bases
        assert len(table) == 12
        assert set(table["figure_id"]) == {"amnesty-request-masks", "amnesty-request-n95-masks",
                                           "amnesty-request-latex-gloves", "amnesty-request-plastic-gloves",
                                           "amnesty-request-hand-sanitiser", "amnesty-request-surface-disinfectant"}
        assert set(table["basis"]) == {"amnesty-population-2019-07", "amnesty-population-2020-06"}
        assert (table["days_low"] == 90).all() and (table["days_high"] == 92).all()

    def test_low_not_above_high(self, figures):
        table = request.per_prisoner(figures)
        assert (table["per_day_low"] <= table["per_day_high"]).all()
        assert (table["per_day_low"] > 0).all()

    def test_masks(self, figures):
        table = request.per_prisoner(figures).set_index(["figure_id", "basis"])
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
        table = request.per_prisoner(figures).set_index(["figure_id", "basis"])
        row = table.loc[("amnesty-request-hand-sanitiser", "amnesty-population-2020-06")]
        assert row["share_unit"] == "millilitres" and row["unit"] == "litres"
        assert row["quantity"] == 450_000  # litres, not scaled
        assert row["share_quantity"] == 450_000_000  # 450,000 litres * 1,000 ml
        # 450,000 * 1,000 ml / 211,000 = 2,132.7014 ml; / 92 = 23.1815; / 90 = 23.6967
        assert row["per_prisoner"] == pytest.approx(2132.7014, rel=1e-6)
        assert row["per_day_low"] == pytest.approx(23.18153, rel=1e-5)
        assert row["per_day_high"] == pytest.approx(23.69668, rel=1e-5)

    def test_disinfectant_in_millilitres(self, figures):
        table = request.per_prisoner(figures).set_index(["figure_id", "basis"])
        row = table.loc[("amnesty-request-surface-disinfectant", "amnesty-population-2020-06")]
        # 1,000,000 * 1,000 / 211,000 = 4,739.336 ml; / 92 = 51.5145
        assert row["per_day_low"] == pytest.approx(51.5145, rel=1e-5)

    def test_gloves_not_scaled(self, figures):
        table = request.per_prisoner(figures).set_index(["figure_id", "basis"])
        row = table.loc[("amnesty-request-latex-gloves", "amnesty-population-2019-07")]
        # 3,600,000 / 240,000 = 15 gloves; / 90 = 0.16667
        assert row["per_prisoner"] == pytest.approx(15.0)
        assert row["per_day_high"] == pytest.approx(1 / 6)


def test_headline_basis(figures):
    headline = base.headline_basis(figures)
    assert headline["figure_id"] == "amnesty-population-2020-06"
    assert headline["population"] == 211_000
    assert headline["as_of"] == "2020-06-13"
    # 25 Mar -> 13 Jun 2020: 6 (rest of March) + 30 (April) + 31 (May) + 13 = 80
    assert headline["days_from_request"] == 80
    # July 2019 sits at its midpoint, 1 Jul + 30 days / 2 = 16 Jul 2019;
    # 16 Jul 2019 -> 25 Mar 2020: 15 + 31 + 30 + 31 + 30 + 31 + 31 + 29 + 25 = 253
    assert headline["distances"] == {"amnesty-population-2019-07": 253, "amnesty-population-2020-06": 80}


def test_results(figures):
    values = {name: value.text for name, value in request.results(figures).items()}
    assert values["masks_per_day"] == "around 0.278 to 0.284"  # from "around 211,000"
    assert values["days_low"] == "90" and values["days_high"] == "92"
    assert values["request_months"] == "3"
    assert values["request_date"] == "25 March 2020"
    assert values["masks"] == "5,400,000"
    assert values["headline_population"] == "around 211,000"
    assert values["headline_date"] == "13 June 2020"
    assert values["headline_days_from_request"] == "80"
    assert values["other_days_from_request"] == "253"
    assert values["masks_per_prisoner"] == "around 25.6"             # 5,400,000 / 211,000 = 25.59
    # one mask every 1 / 0.28436 = 3.517 to 1 / 0.27818 = 3.595 days
    assert values["mask_every_days"] == "around 3.5 to 3.6"
    # N95: 100,000 / 211,000 / 92 = 0.00515, / 90 = 0.00527: both "0.005"
    assert values["n95_per_day"] == "around 0.005"
    # latex: 3,600,000 / 211,000 = 17.0616; / 92 = 0.18545; / 90 = 0.18957
    assert values["latex_per_day"] == "around 0.185 to 0.190"
    # plastic: 10,000,000 / 211,000 = 47.393; / 92 = 0.51514; / 90 = 0.52659
    assert values["plastic_per_day"] == "around 0.515 to 0.527"
    assert values["sanitiser_per_day"] == "around 23.2 to 23.7"
    # disinfectant: 4,739.336 ml; / 92 = 51.51; / 90 = 52.66
    assert values["disinfectant_per_day"] == "around 51.5 to 52.7"
    # masks on 240,000: 22.5 / 92 = 0.2446; 22.5 / 90 = 0.25
    assert values["masks_per_day_other"] == "0.245 to 0.250"
    assert values["sanitiser_per_day_other"] == "20.4 to 20.8"  # 1,875 ml / 92 = 20.38; / 90 = 20.83
    assert values["other_population"] == "240,000"
    assert values["other_date"] == ("July 2019 (inferred from “July of last year”, read against the release's "
                                    "publication in July 2020)")


def test_every_item_is_scaled_once_and_the_chart_scales_from_it(figures):
    """Litres become millilitres in one place (ITEMS); the chart's browser expression divides the
    already scaled quantity, so the scale is never applied twice."""
    assert {item.figure_id: item.scale for item in request.ITEMS if item.scale != 1} == {
        ids.REQUEST_HAND_SANITISER: 1000.0, ids.REQUEST_SURFACE_DISINFECTANT: 1000.0}
    spec = valid_chart(request.chart(figures))
    shown = next(d for d in spec["datasets"].values() if "Figure" in d[0])
    sanitiser = next(row for row in shown if row["Figure"] == ids.REQUEST_HAND_SANITISER)
    assert (sanitiser["Requested (requested unit)"], sanitiser["Share quantity (share unit)"]) == (450_000, 450_000_000)


def test_describe(figures):
    assert request.describe(figures) == (
        "Average per prisoner per day, if the items were for the official population of around 211,000, counted "
        "13 June 2020 (80 days after the letter), over 90 to 92 days: Masks: around 0.278 to 0.284 masks; "
        "N95 masks: around 0.005 N95 masks; Latex gloves: around 0.185 to 0.190 gloves; Plastic gloves: around "
        "0.515 to 0.527 gloves; Hand sanitiser: around 23.2 to 23.7 millilitres; Surface disinfectant: around 51.5 "
        "to 52.7 millilitres. The letter does not say how many prisons the items were for, so no prisoner's actual "
        "share is known.")


def test_what_if_chart(figures):
    spec = valid_chart(request.chart(figures))
    params = {p["name"]: p for p in spec["params"]}
    assert set(params) == {"population", "days"}
    days = params["days"]
    assert days["bind"]["input"] == "range"
    assert days["bind"]["min"] == 90 and days["bind"]["max"] == 92 and days["bind"]["step"] == 1
    assert 90 <= days["value"] <= 92
    population = params["population"]
    assert population["bind"]["input"] == "select"
    assert sorted(population["bind"]["options"]) == [211_000, 240_000]
    assert population["bind"]["labels"] == [
        "around 211,000, counted 13 June 2020",
        "240,000, counted July 2019 (inferred from “July of last year”, read against the release's publication in July 2020)"]
    assert population["value"] == 211_000
    # the browser-side formula matches request.per_prisoner_per_day
    calcs = [d["calculate"] for d in _walk(spec) if isinstance(d, dict) and "calculate" in d]
    assert "datum['Share quantity (share unit)'] / datum['Population count (prisoners)'] / days" in calcs


def _walk(node):
    """Every dict in a spec (the chart's layers nest)."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)
