"""Suspected deaths: the per-prison list against the stated overall figure ("more than 20") and
the official's claim of none; the numbers the prose shows, the chart and its words."""
from __future__ import annotations

from helpers import valid_chart

from prisons.stories import deaths


def test_suspected_deaths(figures):
    table = deaths.suspected_deaths(figures)
    # 2 + 6 + 2 + 8 + 1 + 1 + 1 = 21 over 7 prisons
    assert len(table) == 7
    assert table["deaths"].sum() == 21
    assert "amnesty-suspected-deaths-total" not in set(table["figure_id"])
    assert list(table["deaths"]) == [8, 6, 2, 2, 1, 1, 1]
    assert table["prison"].iloc[0].startswith("Urumieh")
    assert table["prison"].iloc[1].startswith("Greater Tehran")
    # ties by prison name
    assert [p.split()[0] for p in table["prison"].iloc[2:4]] == ["Ghezel", "Shahr-e"]
    assert [p.split()[0] for p in table["prison"].iloc[4:]] == ["Kamyaran", "Saqez", "Sepidar"]


def test_reconciliation(figures):
    result = deaths.reconciliation(figures)
    assert result["listed"] == 21
    assert result["stated"] == 20
    assert result["qualifier"] == "more than"
    assert result["consistent"] == True  # noqa: E712 (a numpy bool)
    assert result["prisons"] == 7
    assert result["claimed"] == 0


def test_reconciliation_strict_bound(figures):
    # Drop Sepidar's 1: the list then adds up to exactly 20, which is not "more than 20".
    frame = figures.drop(index="amnesty-suspected-deaths-sepidar")
    result = deaths.reconciliation(frame)
    assert result["listed"] == 20
    assert not result["consistent"]
    assert result["prisons"] == 6


def test_reconciliation_at_least_is_inclusive(figures):
    frame = figures.drop(index="amnesty-suspected-deaths-sepidar").copy()
    frame.loc["amnesty-suspected-deaths-total", "qualifier"] = "at least"
    assert deaths.reconciliation(frame)["consistent"]


def test_results(figures):
    values = {name: value.text for name, value in deaths.results(figures).items()}
    assert values == {"deaths_stated": "more than 20", "deaths_listed": "21", "death_prisons": "7",
                      "deaths_claimed": "0", "deaths_consistent": "consistent with"}


def test_an_inconsistent_list_is_said_so(figures):
    frame = figures.drop(index="amnesty-suspected-deaths-sepidar")
    assert deaths.results(frame)["deaths_consistent"].text == "inconsistent with"


def test_describe(figures):
    assert deaths.describe(figures) == (
        'Suspected deaths listed for 7 prisons add up to 21 (the stated overall figure is more than 20; the '
        'release introduces the list with "including", so it may be incomplete): Urumieh prison, West '
        'Azerbaijan province: 8; Greater Tehran Central Penitentiary, Tehran province: 6; Ghezel Hesar '
        'prison, Alborz province: 2; Shahr-e Rey prison, Tehran province: 2; Kamyaran prison, Kurdistan '
        'province: 1; Saqez prison, Kurdistan province: 1; Sepidar prison, Khuzestan province: 1. No dates '
        'are given. As reported by independent human rights groups, cited by Amnesty International.')


def test_chart(figures):
    spec = valid_chart(deaths.chart(figures))
    shown = next(d for d in spec["datasets"].values() if "Prison" in d[0])
    assert sorted(row["Suspected deaths (people)"] for row in shown) == [1, 1, 1, 2, 2, 6, 8]
