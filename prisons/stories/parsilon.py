"""The Parsilon escape: the governor's numbers and the opposition's, side by side. This report
does not rule on which is true."""
from __future__ import annotations

import re

import altair as alt
import pandas as pd
from IPython.display import Markdown

from .. import chartmarks, charts
from ..evidence import qualifiers
from ..fmt import ENGLISH, escape_markdown, stated, with_unit
from ..i18n import cell, in_quotes, quote as translated_quote, quoted_text, tr, vague_count
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


def _account_row(measure: str, account: str, row: pd.Series, lang: str) -> dict:
    people = row["unit"] != NOT_PEOPLE
    low, high = qualifiers.of(row).bounds(row) if people else (None, None)
    shown = stated(row, lang) if people else f"{with_unit(row, lang)}{tr('; ', lang)}{cell(row['note'], lang)}"
    return {"measure": tr(measure, lang), "account": tr(account, lang), "figure_id": row.name, "low": low, "high": high,
            "stated_by": row["stated_by"], "unit": row["unit"], "number_text": row["number_text"], "stated": shown,
            "quote": row["quote"],
            "translation": translated_quote("figures", row.name, "quote", row["quote"]) if lang != ENGLISH else ""}


def accounts(figures: pd.DataFrame, lang: str = ENGLISH) -> pd.DataFrame:
    """The governor's and the opposition's numbers for the Parsilon escape, side by side."""
    require(__name__, FIGURES, figures=figures)
    rows = []
    for measure, governor, opposition in ACCOUNTS:
        for account, said in ((GOVERNOR, governor), (OPPOSITION, opposition)):
            if said in FIGURES:
                rows.append(_account_row(measure, ACCOUNT_OF.get(said, account), figure(figures, said), lang))
            else:
                rows.append({"measure": tr(measure, lang), "account": tr(account, lang), "figure_id": "", "low": None,
                             "high": None, "stated_by": "", "unit": "", "number_text": "", "stated": tr(said, lang),
                             "quote": "", "translation": ""})
    return pd.DataFrame(rows)


def results(figures: pd.DataFrame, events: pd.DataFrame, lang: str = ENGLISH) -> dict[str, Value]:
    """Every number the prose shows about the escape."""
    require(__name__, FIGURES, EVENTS, figures, events)
    said = {key: stated_value(figures, figure_id, lang) for key, figure_id in (
        ("ncri_fled", ids.NCRI_INMATES_FLED), ("ncri_killed", ids.NCRI_INMATES_KILLED),
        ("guards_killed", ids.GUARDS_KILLED), ("governor_wards", ids.GOVERNOR_WARDS_ESCAPED),
        ("governor_killed", ids.GOVERNOR_PRISONERS_KILLED), ("governor_arrested", ids.GOVERNOR_PRISONERS_ARRESTED))}
    if lang != ENGLISH:  # the noun before the report's reading: «چند تن از آنان (به خوانش این گزارش: دست‌کم ۳ نفر)»
        killed = figure(figures, ids.NCRI_INMATES_KILLED)
        said["ncri_killed"] = Value(vague_count(killed, lang, tr("of them", lang)), (ids.NCRI_INMATES_KILLED,))
    return {
        "riot_date": event_date(events, ids.PARSILON_RIOT, lang),
        "unrest_since": event_date(events, ids.UNREST_SINCE_MARCH, lang),
        "report_date": event_date(events, ids.PMOI_REPORT, lang),
    } | said


CHART_ID = "parsilon-accounts"


def _colours(lang: str) -> alt.Scale:
    return alt.Scale(domain=[tr(a, lang) for a in (GOVERNOR, NCRI, PMOI, OPPOSITION)], range=charts.PALETTE[:4])


def _drawn_as(figures: pd.DataFrame, figure_id: str, said: str, lang: str) -> str:
    """What the chart shows for an account: its number as stated, or what it says instead."""
    if not figure_id:
        return said
    row = figure(figures, figure_id)
    return with_unit(row, lang) + (tr(" (wards are not people: not drawn)", lang) if row["unit"] == NOT_PEOPLE else "")


def chart_data(figures: pd.DataFrame, lang: str = ENGLISH) -> pd.DataFrame:
    """What the chart draws: each account's number for each measure, as a range of people (the
    column names stay English, the data's own; the words in the cells are in ``lang``)."""
    rows = accounts(figures, lang)
    return pd.DataFrame({"Measure": rows["measure"], "Account": rows["account"],
                         "Lowest (people)": rows["low"], "Highest (people)": rows["high"],
                         "Shown as": [_drawn_as(figures, i, s, lang) for i, s in zip(rows["figure_id"], rows["stated"])], "Figure": rows["figure_id"]})


def chart(figures: pd.DataFrame, lang: str = ENGLISH) -> alt.LayerChart:
    """Each account's number for each measure on a linear scale per measure; the words say where
    an account gives no number. A number with no upper bound ("several") runs from its lowest to the
    end of the scale and on (an arrow), faded past its lowest."""
    drawn = chart_data(figures, lang)
    data = charts.wrapped_field(drawn.assign(
        row=drawn["Measure"] + " / " + drawn["Account"],
        label=[tr("{measure}, {account}: {shown}", lang).format(measure=m, account=a, shown=w) for m, a, w in zip(drawn["Measure"], drawn["Account"], drawn["Shown as"])],
        open_end=drawn["Highest (people)"].isna() & drawn["Lowest (people)"].notna(),
        # An open-ended count runs to the end of its measure's scale (past every bounded number), and on.
        high_drawn=drawn["Highest (people)"].fillna(drawn.groupby("Measure")["Highest (people)"].transform("max")
                                                    .fillna(drawn["Lowest (people)"]).clip(lower=drawn["Lowest (people)"]) * 1.25),
    ), "label")
    base = alt.Chart(data).transform_calculate(lines=charts.lines_expr("label"))
    rows = chartmarks.rows_on_own_scale(base, group="Measure", row="row", low="Lowest (people)", high="high_drawn",
                                        point="Lowest (people)", color="Account", colors=_colours(lang), open_end="open_end",
                                        height=chartmarks.row_height(data["label"]))
    return charts.frame(
        rows, chart_id=CHART_ID, rows=drawn, height=chartmarks.rows_height(len(data), data["label"]), gap=8, lang=lang,
        title=tr("The Parsilon escape: the governor's numbers and the opposition's differ", lang),
        subtitle=tr("Each account's number for each measure. Each measure has its own linear scale from zero; "
                    "a bar is a range, a diamond the lowest number the account allows.", lang),
        source=tr("Figures: the governor of Khorramabad, cited by the Fars news agency; the NCRI, an opposition "
                  "coalition; the PMOI/MEK, an opposition group; all as reported by the PMOI/MEK", lang))


def _said(row, lang: str) -> str:
    """An account in its own words (and the report's translation), with what it allows; or what it says instead."""
    if not row.figure_id:
        return f"{row.account} {row.stated}"
    if lang == ENGLISH:
        return f"{row.account}: {in_quotes(row.quote)} ({row.stated})"
    stated = re.sub(r" \((.+)\)$", r"؛ \1", row.stated)  # the report's reading, without a bracket inside the bracket
    return f"{row.account}: {quoted_text(row.quote, row.translation, lang)} ({stated})"


def describe(figures: pd.DataFrame, lang: str = ENGLISH) -> str:
    """The chart's finding in words: every account's own words, or that it gives no number."""
    parts = []
    for measure, group in accounts(figures, lang).groupby("measure", sort=False):
        parts.append(f"{measure}: " + tr("; ", lang).join(_said(r, lang) for r in group.itertuples()))
    return tr("Accounts of the escape differ. ", lang) + tr(". ", lang).join(parts) + tr(".", lang)


def chart_in_words(figures: pd.DataFrame, lang: str = ENGLISH):
    """The finding in words under the chart; in another language, each quote marked as the English it is."""
    shown = charts.text_alternative(describe(figures, lang), lang)
    if lang == ENGLISH:
        return shown
    text = shown.data
    for quote in dict.fromkeys(q for q in accounts(figures, lang)["quote"] if q):
        escaped = escape_markdown(in_quotes(quote))
        text = text.replace(escaped, f'<span lang="en" dir="ltr">{escaped}</span>')
    return Markdown(text)
