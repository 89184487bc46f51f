"""The unanswered letters: the letters' timeline, the official's claim among them, the numbers the
prose shows, the timeline chart and its words. Dates from data/events.csv; days counted by hand."""
from __future__ import annotations

import re

import pandas as pd
from helpers import valid_chart

from prisons.stories import letters


def test_letter_timeline(events):
    timeline = letters.letter_timeline(events)
    assert list(timeline["event_id"]) == ["first-letter", "letter-2020-03-25", "letter-2020-05-12",
                                          "letter-2020-06-14", "letter-2020-07-05"]
    # 29 Feb -> 25 Mar: 25 (leap day counted); 25 Mar -> 12 May: 6 + 30 + 12 = 48;
    # 12 May -> 14 Jun: 19 + 14 = 33; 14 Jun -> 5 Jul: 16 + 5 = 21
    assert timeline["days_since_previous"].iloc[0] is None or pd.isna(timeline["days_since_previous"].iloc[0])
    assert [int(g) for g in timeline["days_since_previous"].iloc[1:]] == [25, 48, 33, 21]
    # running totals: 0, 25, 73, 106, 127
    assert list(timeline["days_since_first"]) == [0, 25, 73, 106, 127]


def test_letter_timeline_sorts_by_date(events):
    shuffled = events.iloc[::-1]
    assert list(letters.letter_timeline(shuffled)["days_since_first"]) == [0, 25, 73, 106, 127]


def test_claim_against_letters(events):
    against = letters.claim_against_letters(events)
    # claim on 6 Apr 2020: 29 Feb -> 6 Apr = 29 + 8 = 37; 25 Mar -> 6 Apr = 12;
    # 6 Apr -> 12 May = 24 + 12 = 36; -> 14 Jun = 24 + 31 + 14 = 69; -> 5 Jul = 24 + 31 + 30 + 5 = 90
    assert list(against["days_before_claim"]) == [37, 12, -36, -69, -90]
    assert list(against["event_id"])[1] == "letter-2020-03-25"


def test_results(figures, events):
    values = {name: value.text for name, value in letters.results(figures, events).items()}
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


def test_describe(events):
    assert letters.describe(events) == (
        "The chart places 16 dated events of the outbreak year on one axis. The Prisons Organization's "
        'letters fall on 29 February 2020, 25 March 2020, 12 May 2020, 14 June 2020, 5 July 2020; Asghar '
        "Jahangir's media interview, in which, as reported by Amnesty International, he claimed there had not"
        ' been a single COVID-19 related death in prisons, falls on 6 April 2020. Dates the sources do not '
        "state are marked in the chart's details with what they are inferred from.")


def test_describe_count_matches_chart(events):
    # Regression: the text once counted all 18 events while the chart drops the 2 dated 2019 and shows 16.
    spec = letters.chart(events).to_dict()
    shown = max((d for d in spec["datasets"].values() if "Event" in d[0]), key=len)
    stated_count = re.search(r"places (\d+) dated events", letters.describe(events))
    assert stated_count
    assert int(stated_count.group(1)) == len(shown) == 16


def test_chart(events):
    spec = valid_chart(letters.chart(events))
    shown = max((d for d in spec["datasets"].values() if "Event" in d[0]), key=len)
    # 18 events, of which 2 (population-2019-07, november-2019-protests) are before 2020
    assert len(events) == 18
    assert len(shown) == 16
    assert {row["Event"] for row in shown}.isdisjoint({"population-2019-07", "november-2019-protests"})


def test_an_added_event_cannot_become_the_latest_letter(figures, events):
    """The latest letter is the latest of the letters Amnesty International's release reports: a later
    letter event from another source (or an event of another kind) does not take over its link."""
    before = letters.results(figures, events)["latest_letter"]
    added = pd.DataFrame([{**events.loc["first-letter"].to_dict(), "date": "2020-12-31", "source_id": "pmoi-parsilon-escape",
                           "what": "A letter nobody obtained"}], index=pd.Index(["planted-letter"], name=events.index.name))
    after = letters.results(figures, pd.concat([events, added]))
    assert (after["latest_letter"].text, after["latest_letter"].events) == (before.text, before.events)
    assert after["days_first_to_latest"].text == letters.results(figures, events)["days_first_to_latest"].text
    assert "planted-letter" not in set(letters.letter_timeline(pd.concat([events, added]))["event_id"])
