"""The Parsilon escape: the governor's numbers and the opposition's, side by side. This report
does not rule on which is true."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import charts
from ..evidence import qualifiers
from ..fmt import count
from . import ids
from .base import Value, event_date, figure, require, stated_value

GOVERNOR = "Governor of Khorramabad"
OPPOSITION = "PMOI/MEK and NCRI (opposition)"
# Each measure: the governor's figure and the opposition's (None where that account gives no number).
ACCOUNTS = (
    ("Inmates who fled", ids.GOVERNOR_WARDS_ESCAPED, ids.NCRI_INMATES_FLED),
    ("Inmates killed", ids.GOVERNOR_PRISONERS_KILLED, ids.NCRI_INMATES_KILLED),
    ("Inmates arrested", ids.GOVERNOR_PRISONERS_ARRESTED, None),
    ("Guards killed", None, ids.GUARDS_KILLED),
)
FIGURES = tuple(i for _, governor, opposition in ACCOUNTS for i in (governor, opposition) if i)
EVENTS = (ids.PARSILON_RIOT, ids.UNREST_SINCE_MARCH, ids.PMOI_REPORT)
# Wards are not people: the governor's count of wards is quoted, not drawn on the people axis.
NOT_PEOPLE = "wards"


def accounts(figures: pd.DataFrame) -> pd.DataFrame:
    """The governor's and the opposition's numbers for the Parsilon escape, side by side."""
    require(__name__, FIGURES, figures=figures)
    rows = []
    for measure, governor_id, opposition_id in ACCOUNTS:
        for account, figure_id in ((GOVERNOR, governor_id), (OPPOSITION, opposition_id)):
            if figure_id is None:
                rows.append({"measure": measure, "account": account, "figure_id": "", "low": None, "high": None,
                             "stated_by": "", "unit": "", "number_text": "", "quote": "not stated"})
                continue
            row = figure(figures, figure_id)
            low, high = qualifiers.of(row).bounds(row) if row["unit"] != NOT_PEOPLE else (None, None)
            rows.append({"measure": measure, "account": account, "figure_id": figure_id, "low": low, "high": high,
                         "stated_by": row["stated_by"], "unit": row["unit"], "number_text": row["number_text"],
                         "quote": row["quote"]})
    return pd.DataFrame(rows)


def results(figures: pd.DataFrame, events: pd.DataFrame) -> dict[str, Value]:
    """Every number the prose shows about the escape."""
    require(__name__, FIGURES, EVENTS, figures, events)
    said = {key: stated_value(figures, figure_id) for key, figure_id in (
        ("ncri_fled", ids.NCRI_INMATES_FLED), ("ncri_killed", ids.NCRI_INMATES_KILLED),
        ("guards_killed", ids.GUARDS_KILLED), ("governor_wards", ids.GOVERNOR_WARDS_ESCAPED),
        ("governor_killed", ids.GOVERNOR_PRISONERS_KILLED), ("governor_arrested", ids.GOVERNOR_PRISONERS_ARRESTED))}
    return {
        "riot_date": event_date(events, ids.PARSILON_RIOT),
        "unrest_since": event_date(events, ids.UNREST_SINCE_MARCH),
        "report_date": event_date(events, ids.PMOI_REPORT),
    } | said


def stated_text(row) -> str:
    """An account's number as stated, with the bounds it allows."""
    if row.high is None or pd.isna(row.high):
        return f"{row.number_text} (at least {count(row.low)})"
    if row.low == row.high:
        return f"{row.number_text}"
    return f"{row.number_text} ({count(row.low)} to {count(row.high)})"


def chart(figures: pd.DataFrame) -> alt.LayerChart:
    """Each account's numbers for the Parsilon escape, as ranges where the source gives one."""
    data = accounts(figures).dropna(subset=["low"]).assign(
        high_shown=lambda d: d["high"].fillna(d["low"] * 1.5),
        stated=lambda d: [stated_text(r) for r in d.itertuples()],
    )
    account = alt.selection_point(fields=["account"], bind="legend")
    encode = dict(
        y=alt.Y("measure:N", title=None, sort=None), yOffset="account:N",
        color=alt.Color("account:N", title="Account (click to highlight)"),
        opacity=alt.condition(account, alt.value(1), alt.value(0.2)),
        tooltip=[alt.Tooltip("account:N"), alt.Tooltip("measure:N"), alt.Tooltip("stated:N", title="Stated"), alt.Tooltip("quote:N")],
    )
    ranges = alt.Chart(data).mark_bar(height=8).encode(x=alt.X("low:Q", title="People (log scale)", scale=alt.Scale(type="log")), x2="high_shown:Q", **encode)
    points = alt.Chart(data).mark_point(filled=True, size=90).encode(x="low:Q", **encode)
    return charts.titled((ranges + points).add_params(account), "The Parsilon escape: the governor's numbers and the opposition's",
                         "Points: lowest number each account allows; bars run to its highest (a faded open end where it gives none).").properties(usermeta={"chart_id": "parsilon-accounts"})


def describe(figures: pd.DataFrame) -> str:
    """The chart's finding in words: every account's own words, or that it gives no number."""
    parts = []
    for measure, group in accounts(figures).groupby("measure", sort=False):
        said = [f"{r.account}: “{r.quote}”" if r.figure_id else f"{r.account}: no number" for r in group.itertuples()]
        parts.append(f"{measure}: " + "; ".join(said))
    return "Accounts of the escape differ. " + ". ".join(parts) + "."


def chart_in_words(figures: pd.DataFrame):
    return charts.text_alternative(describe(figures))


def chart_data(figures: pd.DataFrame):
    return charts.data_table(accounts(figures), {"measure": "Measure", "account": "Account", "number_text": "Words used",
                                                 "low": "Low", "high": "High", "quote": "Quote"})
