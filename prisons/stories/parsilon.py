"""The Parsilon escape: the governor's numbers and the opposition's, side by side. This report
does not rule on which is true."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import chartmarks, charts
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


CHART_ID = "parsilon-accounts"
COLOURS = alt.Scale(domain=[GOVERNOR, NCRI, PMOI, OPPOSITION], range=charts.PALETTE[:4])


def _drawn_as(figures: pd.DataFrame, figure_id: str, said: str) -> str:
    """What the chart shows for an account: its number as stated, or what it says instead."""
    if not figure_id:
        return said
    row = figure(figures, figure_id)
    return with_unit(row) + (" (wards are not people: not drawn)" if row["unit"] == NOT_PEOPLE else "")


def chart_data(figures: pd.DataFrame) -> pd.DataFrame:
    """What the chart draws: each account's number for each measure, as a range of people."""
    rows = accounts(figures)
    return pd.DataFrame({"Measure": rows["measure"], "Account": rows["account"],
                         "Lowest (people)": rows["low"], "Highest (people)": rows["high"],
                         "Shown as": [_drawn_as(figures, i, s) for i, s in zip(rows["figure_id"], rows["stated"])], "Figure": rows["figure_id"]})


def chart(figures: pd.DataFrame) -> alt.LayerChart:
    """Each account's number for each measure on a linear scale per measure; the words say where
    an account gives no number. A number with no upper bound ("several") fades out past its lowest."""
    drawn = chart_data(figures)
    data = charts.wrapped_field(drawn.assign(
        row=drawn["Measure"] + " / " + drawn["Account"],
        label=[f"{m}, {a}: {w}" for m, a, w in zip(drawn["Measure"], drawn["Account"], drawn["Shown as"])],
        open_end=drawn["Highest (people)"].isna() & drawn["Lowest (people)"].notna(),
        high_drawn=drawn["Highest (people)"].fillna(drawn["Lowest (people)"] * 1.5),
    ), "label")
    base = alt.Chart(data).transform_calculate(lines=charts.lines_expr("label"))
    rows = chartmarks.rows_on_own_scale(base, group="Measure", row="row", low="Lowest (people)", high="high_drawn",
                                        point="Lowest (people)", color="Account", colors=COLOURS, open_end="open_end")
    return charts.frame(
        rows, chart_id=CHART_ID, height=chartmarks.rows_height(len(data)), gap=8,
        title="The Parsilon escape: the governor's numbers and the opposition's differ",
        subtitle="Each account's number for each measure. Each measure has its own linear scale from zero; "
                 "a bar is a range, a diamond the lowest number the account allows.",
        source="Figures: the governor of Khorramabad, cited by the Fars news agency; the NCRI, an opposition "
               "coalition; the PMOI/MEK, an opposition group; all as reported by the PMOI/MEK")


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
