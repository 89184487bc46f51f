"""The unanswered letters: when the Prisons Organization wrote, and where an official's public
claim falls among the letters."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import charts
from ..evidence.dates import days_between, period_midpoint
from ..fmt import ENGLISH, day
from ..i18n import cell, tr
from . import ids
from .base import Value, event_date, number, require, stated_value

FIGURES = (ids.FOLLOW_UP_LETTERS, ids.LETTERS_REVIEWED)
EVENTS = (ids.CLAIM_INTERVIEW, ids.REQUEST_LETTER)
LETTER_KIND = "letter"  # events.csv kind of the Prisons Organization's letters
TIMELINE_FROM = "2020-01-01"


# ---------------------------------------------------------------------------- computations


def letter_timeline(events: pd.DataFrame) -> pd.DataFrame:
    """The letters in date order, with days since the previous and since the first."""
    letters = events[events["kind"] == LETTER_KIND].sort_values("date")
    first = letters["date"].iloc[0]
    days_since_first = [days_between(first, d) for d in letters["date"]]
    return pd.DataFrame({
        "event_id": letters.index, "date": letters["date"].to_numpy(), "what": letters["what"].to_numpy(),
        "days_since_previous": [None] + [b - a for a, b in zip(days_since_first, days_since_first[1:])],
        "days_since_first": days_since_first,
    })


def claim_against_letters(events: pd.DataFrame, claim_event_id: str = ids.CLAIM_INTERVIEW) -> pd.DataFrame:
    """Days from each letter to a public claim: positive when the letter came first."""
    claim_date = events.loc[claim_event_id, "date"]
    letters = letter_timeline(events)
    return pd.DataFrame({"event_id": letters["event_id"], "date": letters["date"],
                         "days_before_claim": [days_between(d, claim_date) for d in letters["date"]]})


def _words(numbers: list[int], lang: str = ENGLISH) -> str:
    texts = [number(str(n), lang) for n in numbers]
    return texts[0] if len(texts) == 1 else tr(", ", lang).join(texts[:-1]) + tr(" and ", lang) + texts[-1]


# ---------------------------------------------------------------------------- results


def results(figures: pd.DataFrame, events: pd.DataFrame, lang: str = ENGLISH) -> dict[str, Value]:
    """Every number the prose shows about the letters and the claim among them."""
    require(__name__, FIGURES, EVENTS, figures, events)
    timeline = letter_timeline(events)
    against = claim_against_letters(events).set_index("event_id")
    letter_ids = tuple(timeline["event_id"])
    first, latest, claim = letter_ids[0], letter_ids[-1], ids.CLAIM_INTERVIEW
    return {
        "first_letter": event_date(events, first, lang), "latest_letter": event_date(events, latest, lang),
        "letters_dated": Value(number(str(len(timeline)), lang), events=letter_ids, how="the letters the release dates"),
        "follow_ups": stated_value(figures, ids.FOLLOW_UP_LETTERS, lang),
        "reviewed": stated_value(figures, ids.LETTERS_REVIEWED, lang),
        "days_first_to_latest": Value(number(str(int(timeline["days_since_first"].iloc[-1])), lang), events=(first, latest),
                                      how="calendar days from the first letter to the latest"),
        "gaps": Value(_words([int(g) for g in timeline["days_since_previous"].dropna()], lang), events=letter_ids,
                      how="calendar days between each letter and the one before it"),
        "longest_gap": Value(number(str(int(timeline["days_since_previous"].max())), lang), events=letter_ids,
                             how="the longest of the gaps between consecutive letters, in calendar days"),
        "claim_date": event_date(events, claim, lang),
        "claim_after_first": Value(number(str(int(against.loc[first, "days_before_claim"])), lang), events=(first, claim),
                                   how="calendar days from the first letter to the public claim"),
        "claim_after_request": Value(number(str(int(against.loc[ids.REQUEST_LETTER, "days_before_claim"])), lang),
                                     events=(ids.REQUEST_LETTER, claim),
                                     how="calendar days from the letter requesting supplies to the public claim"),
        "letters_after_claim": Value(number(str(int((against["days_before_claim"] < 0).sum())), lang), events=letter_ids + (claim,),
                                     how="the letters dated after the public claim"),
        "claim_to_latest": Value(number(str(int(-against.loc[latest, "days_before_claim"])), lang), events=(claim, latest),
                                 how="calendar days from the public claim to the latest letter"),
    }


# ---------------------------------------------------------------------------- chart


def timeline_data(events: pd.DataFrame, lang: str = ENGLISH) -> pd.DataFrame:
    """Events of the outbreak year, each placed at the middle of its stated period."""
    derived = tr(" (derived)", lang)
    data = events.reset_index(drop=True).assign(
        day=[str(period_midpoint(f"{d}/{e}" if e else d)) for d, e in zip(events["date"], events["date_end"])],
        when=[day(d, lang) + (derived if b == "derived" else "") for d, b in zip(events["date"], events["date_basis"])],
    )
    if lang != ENGLISH:
        data = data.assign(**{column: [cell(v, lang) for v in data[column]] for column in ("kind", "what", "actor")})
    return data[data["day"] >= TIMELINE_FROM]


def chart(events: pd.DataFrame, lang: str = ENGLISH) -> alt.Chart:
    """Letters, statements and events on one time axis; drag to pan, scroll to zoom."""
    data = timeline_data(events, lang)
    kind = alt.selection_point(fields=["kind"], bind="legend")
    axis = alt.Axis(format="%d %b %Y", labelExpr=charts.digits_expr("datum.label", lang)) if lang != ENGLISH else alt.Axis(format="%d %b %Y")
    timeline = alt.Chart(data).mark_point(size=140, filled=True).encode(
        x=alt.X("day:T", title=None, axis=axis, scale=charts.x_scale(lang)),
        y=alt.Y("kind:N", title=None, axis=charts.y_axis(lang)),
        color=alt.Color("kind:N", title=tr("Kind (click to highlight)", lang)),
        opacity=alt.condition(kind, alt.value(1), alt.value(0.15)),
        tooltip=[alt.Tooltip("when:N", title=tr("Date", lang)), alt.Tooltip("what:N", title=tr("what", lang)),
                 alt.Tooltip("actor:N", title=tr("actor", lang)), alt.Tooltip("source_id:N", title=tr("Source", lang))],
    ).add_params(kind, alt.selection_interval(bind="scales", encodings=["x"])).properties(height=220)
    return charts.titled(timeline, tr("Letters, statements and events in 2020", lang),
                         tr("Each point is a dated event in the sources; hover for details. Events dated only to a month sit mid-month.", lang), lang)


def describe(events: pd.DataFrame, lang: str = ENGLISH) -> str:
    """The chart's finding in words."""
    letters = letter_timeline(events)
    return tr("The chart places {events} dated events of the outbreak year on one axis. The Prisons Organization's letters fall on "
              "{letters}; Asghar Jahangir's interview claiming no prison deaths falls on {claim}.", lang).format(
        events=number(str(len(timeline_data(events))), lang), letters=tr(", ", lang).join(day(d, lang) for d in letters["date"]),
        claim=day(events.loc[ids.CLAIM_INTERVIEW, "date"], lang))


def chart_in_words(events: pd.DataFrame, lang: str = ENGLISH):
    return charts.text_alternative(describe(events, lang), lang)


def chart_data(events: pd.DataFrame, lang: str = ENGLISH):
    table = letter_timeline(events)
    if lang != ENGLISH:
        table = table.assign(date=[day(d, lang) for d in table["date"]], what=[cell(w, lang) for w in table["what"]])
    return charts.data_table(table, {
        "date": "Date", "what": "Letter", "days_since_previous": "Days since previous", "days_since_first": "Days since first"}, lang)
