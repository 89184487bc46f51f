"""The Parsilon escape: the governor's numbers and the opposition's, side by side. This report
does not rule on which is true."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import charts
from ..evidence import qualifiers
from ..fmt import ENGLISH, count, number_words
from ..i18n import quote as translated_quote, quoted_markdown, tr
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


def accounts(figures: pd.DataFrame, lang: str = ENGLISH) -> pd.DataFrame:
    """The governor's and the opposition's numbers for the Parsilon escape, side by side."""
    require(__name__, FIGURES, figures=figures)
    rows = []
    for measure, governor_id, opposition_id in ACCOUNTS:
        for account, figure_id in ((GOVERNOR, governor_id), (OPPOSITION, opposition_id)):
            if figure_id is None:
                rows.append({"measure": tr(measure, lang), "account": tr(account, lang), "figure_id": "", "low": None,
                             "high": None, "stated_by": "", "unit": "", "number_text": "", "quote": tr("not stated", lang),
                             "translation": ""})
                continue
            row = figure(figures, figure_id)
            low, high = qualifiers.of(row).bounds(row) if row["unit"] != NOT_PEOPLE else (None, None)
            rows.append({"measure": tr(measure, lang), "account": tr(account, lang), "figure_id": figure_id, "low": low,
                         "high": high, "stated_by": row["stated_by"], "unit": row["unit"],
                         "number_text": number_words(row["number_text"], lang), "quote": row["quote"],
                         "translation": translated_quote("figures", figure_id, "quote", row["quote"]) if lang != ENGLISH else ""})
    return pd.DataFrame(rows)


def results(figures: pd.DataFrame, events: pd.DataFrame, lang: str = ENGLISH) -> dict[str, Value]:
    """Every number the prose shows about the escape."""
    require(__name__, FIGURES, EVENTS, figures, events)
    said = {key: stated_value(figures, figure_id, lang) for key, figure_id in (
        ("ncri_fled", ids.NCRI_INMATES_FLED), ("ncri_killed", ids.NCRI_INMATES_KILLED),
        ("guards_killed", ids.GUARDS_KILLED), ("governor_wards", ids.GOVERNOR_WARDS_ESCAPED),
        ("governor_killed", ids.GOVERNOR_PRISONERS_KILLED), ("governor_arrested", ids.GOVERNOR_PRISONERS_ARRESTED))}
    return {
        "riot_date": event_date(events, ids.PARSILON_RIOT, lang),
        "unrest_since": event_date(events, ids.UNREST_SINCE_MARCH, lang),
        "report_date": event_date(events, ids.PMOI_REPORT, lang),
    } | said


def stated_text(row, lang: str = ENGLISH) -> str:
    """An account's number as stated, with the bounds it allows."""
    if row.high is None or pd.isna(row.high):
        return tr("{words} (at least {low})", lang).format(words=row.number_text, low=count(row.low, lang))
    if row.low == row.high:
        return f"{row.number_text}"
    return tr("{words} ({low} to {high})", lang).format(words=row.number_text, low=count(row.low, lang), high=count(row.high, lang))


def chart(figures: pd.DataFrame, lang: str = ENGLISH) -> alt.LayerChart:
    """Each account's numbers for the Parsilon escape, as ranges where the source gives one."""
    data = accounts(figures, lang).dropna(subset=["low"]).assign(
        high_shown=lambda d: d["high"].fillna(d["low"] * 1.5),
        stated=lambda d: [stated_text(r, lang) for r in d.itertuples()],
    )
    account = alt.selection_point(fields=["account"], bind="legend")
    encode = dict(
        y=alt.Y("measure:N", title=None, sort=None, axis=charts.y_axis(lang)), yOffset="account:N",
        color=alt.Color("account:N", title=tr("Account (click to highlight)", lang)),
        opacity=alt.condition(account, alt.value(1), alt.value(0.2)),
        tooltip=[alt.Tooltip("account:N", title=tr("Account", lang)), alt.Tooltip("measure:N", title=tr("Measure", lang)),
                 alt.Tooltip("stated:N", title=tr("Stated", lang)), alt.Tooltip("quote:N", title=tr("Quote", lang))]
        + ([alt.Tooltip("translation:N", title=tr("The report's translation", lang))] if lang != ENGLISH else []),
    )
    ranges = alt.Chart(data).mark_bar(height=8).encode(x=alt.X("low:Q", title=tr("People (log scale)", lang), scale=charts.x_scale(lang, type="log")), x2="high_shown:Q", **encode)
    points = alt.Chart(data).mark_point(filled=True, size=90).encode(x="low:Q", **encode)
    return charts.titled((ranges + points).add_params(account), tr("The Parsilon escape: the governor's numbers and the opposition's", lang),
                         tr("Points: lowest number each account allows; bars run to its highest (a faded open end where it gives none).", lang), lang)


def _said(row, lang: str) -> str:
    if not row.figure_id:
        return f"{row.account}: {tr('no number', lang)}"
    if lang == ENGLISH:
        return f"{row.account}: “{row.quote}”"
    return f"{row.account}: {quoted_markdown(row.quote, row.translation, lang)}"


def describe(figures: pd.DataFrame, lang: str = ENGLISH) -> str:
    """The chart's finding in words: every account's own words, or that it gives no number."""
    parts = []
    for measure, group in accounts(figures, lang).groupby("measure", sort=False):
        parts.append(f"{measure}: " + tr("; ", lang).join(_said(r, lang) for r in group.itertuples()))
    return tr("Accounts of the escape differ. ", lang) + tr(". ", lang).join(parts) + tr(".", lang)


def chart_in_words(figures: pd.DataFrame, lang: str = ENGLISH):
    return charts.text_alternative(describe(figures, lang), lang)


def chart_data(figures: pd.DataFrame, lang: str = ENGLISH):
    columns = {"measure": "Measure", "account": "Account", "number_text": "Words used", "low": "Low", "high": "High", "quote": "Quote"}
    return charts.data_table(accounts(figures, lang), columns | ({"translation": "The report's translation"} if lang != ENGLISH else {}), lang)
