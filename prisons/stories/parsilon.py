"""The Parsilon escape: the governor's numbers and the opposition's, side by side. This report
does not rule on which is true."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import charts
from ..evidence import qualifiers
from ..fmt import stated, with_unit
from . import ids
from .base import Value, event_date, figure, require, stated_value

GOVERNOR = "Governor of Khorramabad (cited by Fars, reported by the PMOI/MEK)"
NCRI = "NCRI statement (opposition coalition, quoted by the PMOI/MEK)"
PMOI = "PMOI/MEK (opposition group), citing unnamed reports"
OPPOSITION = "NCRI statement and PMOI/MEK (opposition)"
# Each measure: the governor's figure and the opposition's, or, where an account gives no number,
# what it says instead.
ACCOUNTS = (
    ("Inmates who fled", ids.GOVERNOR_WARDS_ESCAPED, ids.NCRI_INMATES_FLED),
    ("Inmates killed", ids.GOVERNOR_PRISONERS_KILLED, ids.NCRI_INMATES_KILLED),
    ("Inmates arrested", ids.GOVERNOR_PRISONERS_ARRESTED,
     "give no figure (the PMOI/MEK reports arrests of \u201cseveral\u201d locals, not inmates)"),
    ("Guards killed", "does not mention guards", ids.GUARDS_KILLED),
)
ACCOUNT_OF = {ids.NCRI_INMATES_FLED: NCRI, ids.NCRI_INMATES_KILLED: NCRI, ids.GUARDS_KILLED: PMOI}
FIGURES = (ids.GOVERNOR_WARDS_ESCAPED, ids.GOVERNOR_PRISONERS_KILLED, ids.GOVERNOR_PRISONERS_ARRESTED, *ACCOUNT_OF)
EVENTS = (ids.PARSILON_RIOT, ids.UNREST_SINCE_MARCH, ids.PMOI_REPORT)
# Wards are not people: the governor's count of wards is quoted, not drawn on the people axis.
NOT_PEOPLE = "wards"


def _account_row(measure: str, account: str, row: pd.Series) -> dict:
    people = row["unit"] != NOT_PEOPLE
    low, high = qualifiers.of(row).bounds(row) if people else (None, None)
    shown = stated(row) if people else f"{with_unit(row)}; {row['note']}"
    return {"measure": measure, "account": account, "figure_id": row.name, "low": low, "high": high,
            "stated_by": row["stated_by"], "unit": row["unit"], "number_text": row["number_text"], "stated": shown,
            "quote": row["quote"]}


def accounts(figures: pd.DataFrame) -> pd.DataFrame:
    """The governor's and the opposition's numbers for the Parsilon escape, side by side."""
    require(__name__, FIGURES, figures=figures)
    rows = []
    for measure, governor, opposition in ACCOUNTS:
        for account, said in ((GOVERNOR, governor), (OPPOSITION, opposition)):
            if said in FIGURES:
                rows.append(_account_row(measure, ACCOUNT_OF.get(said, account), figure(figures, said)))
            else:
                rows.append({"measure": measure, "account": account, "figure_id": "", "low": None, "high": None,
                             "stated_by": "", "unit": "", "number_text": "", "stated": said, "quote": ""})
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


def chart(figures: pd.DataFrame) -> alt.LayerChart:
    """Each account's numbers for the Parsilon escape, as ranges where the source gives one."""
    data = accounts(figures).dropna(subset=["low"]).assign(
        high_shown=lambda d: d["high"].fillna(d["low"] * 1.5),
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
                         "Points: lowest number each account allows; bars run to its highest (a faded open end where it gives "
                         "none). \"About 250\" is approximate. The governor is cited by the Fars news agency, as reported "
                         "by the PMOI/MEK; the NCRI and the PMOI/MEK are opposition organizations.")


def describe(figures: pd.DataFrame) -> str:
    """The chart's finding in words: every account's own words, or that it gives no number."""
    parts = []
    for measure, group in accounts(figures).groupby("measure", sort=False):
        said = [f"{r.account}: “{r.quote}” ({r.stated})" if r.figure_id else f"{r.account} {r.stated}"
                for r in group.itertuples()]
        parts.append(f"{measure}: " + "; ".join(said))
    return "Accounts of the escape differ. " + ". ".join(parts) + "."


def chart_in_words(figures: pd.DataFrame):
    return charts.text_alternative(describe(figures))


def chart_data(figures: pd.DataFrame):
    return charts.data_table(accounts(figures), {"measure": "Measure", "account": "Account", "stated": "Stated",
                                                 "low": "Low", "high": "High", "quote": "Quote"})
