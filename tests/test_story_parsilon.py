"""The Parsilon escape: the governor's numbers and the opposition's side by side, the numbers the
prose shows, the chart and its words (each account in its own words)."""
from __future__ import annotations

import pandas as pd
import pytest
from helpers import valid_chart

from prisons.stories import parsilon


def _account(figures, measure: str, governor: bool) -> pd.Series:
    accounts = parsilon.accounts(figures)
    rows = accounts[(accounts["measure"] == measure) & (accounts["account"].str.startswith("Governor") == governor)]
    assert len(rows) == 1
    return rows.iloc[0]


class TestAccounts:
    def test_shape(self, figures):
        accounts = parsilon.accounts(figures)
        # 4 measures x 2 accounts
        assert len(accounts) == 8
        assert list(dict.fromkeys(accounts["measure"])) == ["Inmates who fled", "Inmates killed",
                                                              "Inmates arrested", "Guards killed"]

    def test_governor_wards_off_people_axis(self, figures):
        row = _account(figures, "Inmates who fled", governor=True)
        assert row["figure_id"] == "pmoi-governor-wards-escaped"
        assert row["unit"] == "wards"
        assert pd.isna(row["low"]) and pd.isna(row["high"])
        assert row["number_text"] == "one"

    def test_guards_range(self, figures):
        row = _account(figures, "Guards killed", governor=False)
        assert (row["low"], row["high"]) == (2, 3)
        missing = _account(figures, "Guards killed", governor=True)
        assert missing["figure_id"] == "" and pd.isna(missing["low"]) and missing["stated"] == "does not mention guards"

    def test_ncri_several(self, figures):
        row = _account(figures, "Inmates killed", governor=False)
        assert row["low"] == 3 and pd.isna(row["high"])

    def test_exact_and_approximate(self, figures):
        fled = _account(figures, "Inmates who fled", governor=False)
        assert (fled["low"], fled["high"]) == (250, 250)
        killed = _account(figures, "Inmates killed", governor=True)
        assert (killed["low"], killed["high"]) == (1, 1)
        arrested = _account(figures, "Inmates arrested", governor=True)
        assert (arrested["low"], arrested["high"]) == (1, 1)
        assert _account(figures, "Inmates arrested", governor=False)["figure_id"] == ""


def test_the_opposition_is_named_as_such(figures):
    # the governor's chain, and each opposition organization's own claims under its own name
    assert set(parsilon.accounts(figures)["account"]) == {
        "Governor of Khorramabad (cited by Fars, reported by the PMOI/MEK)",
        "NCRI statement (opposition coalition, quoted by the PMOI/MEK)",
        "PMOI/MEK (opposition group), citing unnamed reports", "NCRI statement and PMOI/MEK (opposition)"}


def test_results(figures, events):
    values = {name: value.text for name, value in parsilon.results(figures, events).items()}
    assert values["riot_date"] == "19 March 2020"
    assert values["unrest_since"] == "March 2020"
    assert values["report_date"] == "21 March 2020"
    assert values["ncri_fled"] == "around 250"
    assert values["ncri_killed"] == "several (this report's reading: 3 or more)"
    assert values["guards_killed"] == "2 to 3"
    assert values["governor_wards"] == "1"
    assert values["governor_killed"] == "1"
    assert values["governor_arrested"] == "1"


def test_describe(figures):
    assert parsilon.describe(figures) == (
        'Accounts of the escape differ. Inmates who fled: Governor of Khorramabad (cited by Fars, reported by'
        ' the PMOI/MEK): “Inmates of one ward in Parsilon Prison managed to escape.” (1 ward; The governor '
        'gave no number of inmates: “There is no number yet and the entire subject is under evaluation.”); '
        'NCRI statement (opposition coalition, quoted by the PMOI/MEK): “Prison guards and the repressive '
        'forces opened fire on about 250 fleeing inmates” (around 250). Inmates killed: Governor of '
        'Khorramabad (cited by Fars, reported by the PMOI/MEK): “Among them one prisoner was killed, and '
        'another was arrested.” (1); NCRI statement (opposition coalition, quoted by the PMOI/MEK): “opened '
        'fire on about 250 fleeing inmates and killed several of them” (several (this report\'s reading: 3 or more)). Inmates'
        ' arrested: Governor of Khorramabad (cited by Fars, reported by the PMOI/MEK): “and another was '
        'arrested.” (1); NCRI statement and PMOI/MEK (opposition) give no figure (the PMOI/MEK reports '
        'arrests of “several” locals, not inmates). Guards killed: Governor of Khorramabad (cited by Fars, '
        'reported by the PMOI/MEK) does not mention guards; PMOI/MEK (opposition group), citing unnamed '
        'reports: “Two or three prison guards were killed in this attack.” (2 to 3).')


def test_chart(figures):
    spec = valid_chart(parsilon.chart(figures))
    shown = next(d for d in spec["datasets"].values() if "Measure" in d[0])
    # 8 rows, every one labelled; less the 2 "gives no number" and the governor's wards (no people count),
    # 5 are drawn with a number of people
    assert len(shown) == 8
    drawn = [r for r in shown if r["Lowest (people)"] is not None]
    assert len(drawn) == 5 and not any("ward" in r["Shown as"] for r in drawn)


@pytest.mark.parametrize(("measure", "governor", "text"), [
    ("Inmates who fled", False, "around 250"),                   # "about 250": the qualifier is kept
    ("Inmates killed", False, "several (this report's reading: 3 or more)"),
    ("Guards killed", False, "2 to 3"),
    ("Inmates killed", True, "1"),
])
def test_each_account_as_stated(figures, measure, governor, text):
    assert _account(figures, measure, governor)["stated"] == text


def test_the_governors_ward_is_not_read_as_inmates(figures):
    stated = _account(figures, "Inmates who fled", governor=True)["stated"]
    assert stated.startswith("1 ward; ") and "no number yet" in stated
