"""The unanswered letters: when the Prisons Organization wrote, and where an official's public
claim falls among the letters."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import charts
from ..evidence.dates import days_between, period_midpoint
from ..fmt import ENGLISH, count, day, event_when
from ..i18n import cell, tr, who
from . import ids
from .base import Value, event_date, number, require, stated_value

FIGURES = (ids.FOLLOW_UP_LETTERS, ids.LETTERS_REVIEWED)
EVENTS = (ids.CLAIM_INTERVIEW, ids.REQUEST_LETTER, ids.WHO_VISIT)
LETTER_KIND = "letter"  # events.csv kind of the Prisons Organization's letters
TIMELINE_FROM = "2020-01-01"


# ---------------------------------------------------------------------------- computations


def letters_reported(events: pd.DataFrame) -> pd.DataFrame:
    """The Prisons Organization's letters, in date order: the letter events of Amnesty International's
    release, the one source that obtained them. A letter event added from any other source is not
    one of them, so it can never become "the latest letter" the prose links (ties keep the table's order)."""
    letters = events[(events["kind"] == LETTER_KIND) & (events["source_id"] == ids.AMNESTY_RELEASE)]
    return letters.sort_values("date", kind="stable")


def letter_timeline(events: pd.DataFrame) -> pd.DataFrame:
    """The letters in date order, with days since the previous and since the first."""
    letters = letters_reported(events)
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
                                      how="calendar days from the first letter to the latest letter obtained by Amnesty International"),
        "gaps": Value(_words([int(g) for g in timeline["days_since_previous"].dropna()], lang), events=letter_ids,
                      how="calendar days between each letter and the one before it"),
        "longest_gap": Value(number(str(int(timeline["days_since_previous"].max())), lang), events=letter_ids,
                             how="the longest of the gaps between consecutive letters, in calendar days"),
        "claim_date": event_date(events, claim, lang),
        "who_visit_date": event_date(events, ids.WHO_VISIT, lang),
        "claim_after_first": Value(number(str(int(against.loc[first, "days_before_claim"])), lang), events=(first, claim),
                                   how="calendar days from the first letter to the public claim"),
        "claim_after_request": Value(number(str(int(against.loc[ids.REQUEST_LETTER, "days_before_claim"])), lang),
                                     events=(ids.REQUEST_LETTER, claim),
                                     how="calendar days from the 25 March 2020 letter to the public claim"),
        "letters_after_claim": Value(number(str(int((against["days_before_claim"] < 0).sum())), lang), events=letter_ids + (claim,),
                                     how="the letters dated after the public claim"),
        "claim_to_latest": Value(number(str(int(-against.loc[latest, "days_before_claim"])), lang), events=(claim, latest),
                                 how="calendar days from the public claim to the latest letter obtained by Amnesty International"),
    }


# ---------------------------------------------------------------------------- chart


def timeline_data(events: pd.DataFrame, lang: str = ENGLISH) -> pd.DataFrame:
    """Events of the outbreak year, each placed at the middle of its stated period."""
    data = events.reset_index(drop=True).assign(
        day=[str(period_midpoint(f"{d}/{e}" if e else d)) for d, e in zip(events["date"], events["date_end"])],
        when=[event_when(row, lang) + (tr(" (placed mid-period)", lang) if row["date_end"] else "") for _, row in events.iterrows()],
    )
    if lang != ENGLISH:
        data = data.assign(**{column: [cell(v, lang) for v in data[column]] for column in ("kind", "what")},
                           actor=[who(v, lang) for v in data["actor"]])
    return data[data["day"] >= TIMELINE_FROM]


CHART_ID = "letters-timeline"
# Every source whose account the timeline plots, and whose accounts they are.
SOURCES = ("Figures: Amnesty International (the Prisons Organization's letters as it quotes them, officials' statements, "
           "media reports it cites, and its own reporting); the PMOI/MEK, an Iranian opposition group (its own report, and "
           "the statement of the NCRI, an Iranian opposition coalition, that it quotes)")
STATEMENT_KIND = "statement"
CLAIM = "the official's claim"
KIND_STYLE = {LETTER_KIND: ("square", charts.PALETTE[1]), STATEMENT_KIND: ("triangle-up", charts.PALETTE[0]),
              CLAIM: ("diamond", charts.PALETTE[3])}
OTHER_STYLE = ("circle", charts.PALETTE[5])
LINE, ROW_GAP = 14, 12  # px: a line of an event's words, and the space between events


def chart_data(events: pd.DataFrame, lang: str = ENGLISH) -> pd.DataFrame:
    """What the chart draws: the year's events in date order, as dated by the sources (the column
    names stay English, the data's own; the words in the cells are in ``lang``)."""
    data = timeline_data(events, lang).sort_values(["day", "event_id"] if "event_id" in events else ["day"])
    kinds = [tr(CLAIM, lang) if i == ids.CLAIM_INTERVIEW else k for i, k in zip(data["event_id"], data["kind"])]
    return pd.DataFrame({"Date": data["when"].to_numpy(), "Placed at (middle of its period)": data["day"].to_numpy(),
                         "Kind": kinds, "What": data["what"].to_numpy(), "Who": data["actor"].to_numpy(),
                         "Source": data["source_id"].to_numpy(), "Event": data["event_id"].to_numpy()})


def _claim_note(events: pd.DataFrame, lang: str) -> str:
    against = claim_against_letters(events)
    before, after = int((against["days_before_claim"] > 0).sum()), int((against["days_before_claim"] < 0).sum())
    return tr("after {before} of the letters, before the other {after}", lang).format(before=count(before, lang), after=count(after, lang))


# Whose description each event on the chart is: the source that reports it (a party's own report names itself).
REPORTED_BY = {ids.AMNESTY_RELEASE: ("Amnesty International", "as reported by Amnesty International"),
               ids.PMOI_REPORT_SOURCE: ("PMOI/MEK", "as reported by the PMOI/MEK, an Iranian opposition group")}


def _attributed(drawn: pd.DataFrame, english: pd.DataFrame, lang: str) -> list[str]:
    """Each event's words with who acted or is described, and whose description it is (unless the
    words already name the source that reports them, as a party's own report does)."""
    texts = []
    for what, actor, source_id, english_what, english_who in zip(drawn["What"], drawn["Who"], drawn["Source"],
                                                                english["What"], english["Who"]):
        reporter, reported_by = REPORTED_BY[source_id]
        named = english_who.startswith(reporter) or any(f"{verb} {reporter}" in english_who for verb in ("reported by", "cited by"))
        texts.append(tr("{what} ({who})", lang).format(
            what=what, who=actor if named else tr("{who}, {reported_by}", lang).format(who=actor, reported_by=tr(reported_by, lang))))
    return texts


def _row_tops(lines: pd.Series) -> list[int]:
    """Each row's top, in px: a row is as tall as its lines."""
    heights = [len(row) * LINE + ROW_GAP for row in lines]
    return [sum(heights[:i]) for i in range(len(heights))] + [sum(heights)]


def chart(events: pd.DataFrame, lang: str = ENGLISH) -> alt.LayerChart:
    """Every event of the year in date order, one row each and every one labelled (nothing is
    hover-only, so it reads on a phone and in a screenshot); letters are orange squares, statements
    blue triangles, the official's claim a purple diamond placed against the letters. Rows are as
    tall as their words at the phone's wrapping, and spread to the same height in the column."""
    table, english = chart_data(events, lang), chart_data(events)
    english_kinds = english["Kind"].tolist()
    # The words drawn carry their attribution; the table (and its CSV) keeps it in its own columns.
    drawn = table.assign(attributed=_attributed(table, english, lang))
    heads = [f"{d} · {k}" + (f": {_claim_note(events, lang)}" if e == CLAIM else "") for d, k, e in zip(drawn["Date"], drawn["Kind"], english_kinds)]
    wrapped = charts.wrapped_field(drawn.assign(head=heads), "head").pipe(charts.wrapped_field, "attributed")
    narrow, wide = (wrapped[f"head_{fit}"] + wrapped[f"attributed_{fit}"] for fit in ("narrow", "wide"))
    tops_narrow, tops_wide = _row_tops(narrow), _row_tops(wide)
    height = tops_narrow[-1]
    data = wrapped.assign(label_narrow=narrow, label_wide=wide, top_narrow=tops_narrow[:-1],
                          top_wide=[t * height / tops_wide[-1] for t in tops_wide[:-1]])
    styles = {kind: KIND_STYLE.get(english, OTHER_STYLE) for kind, english in dict(zip(data["Kind"], english_kinds)).items()}
    base = alt.Chart(data).transform_calculate(
        lines=charts.lines_expr("label"), top=f"width < {charts.NARROW_WIDTH} ? datum.top_narrow : datum.top_wide",
        marker=f"datum.top + {LINE // 2}")
    # The spine is decoration: hidden from screen readers, which read the events in words.
    spine = alt.Chart(data.head(1)).mark_rule(color=charts.MUTED, aria=False).encode(
        x=alt.value(7), y=alt.value(LINE // 2), y2=alt.value(height - LINE))
    marks = base.mark_point(filled=True, size=110, opacity=1).encode(
        x=alt.value(7), y=alt.Y("marker:Q", scale=None, axis=None),
        shape=alt.Shape("Kind:N", legend=None, scale=alt.Scale(domain=list(styles), range=[v[0] for v in styles.values()])),
        color=alt.Color("Kind:N", legend=None, scale=alt.Scale(domain=list(styles), range=[v[1] for v in styles.values()])))
    words = base.mark_text(align="left", baseline="top", lineHeight=LINE).encode(
        x=alt.value(20), y=alt.Y("top:Q", scale=None, axis=None), text=alt.Text("lines:N"))
    letters = letter_timeline(events)
    return charts.frame(
        alt.layer(spine, marks, words), chart_id=CHART_ID, rows=table, height=height, gap=0, lang=lang,
        title=tr("Amnesty International reports {letters} letters from the Prisons Organization and a media interview "
                 "of {date} by Asghar Jahangir; he claimed no prison deaths", lang).format(
            letters=count(len(letters), lang), date=day(events.loc[ids.CLAIM_INTERVIEW, "date"], lang)),
        subtitle=tr("Every dated event of 2020 in the sources, in date order (evenly spaced, not to scale). "
                    "Events dated only to a month or a span sit mid-period; inferred dates say what they are "
                    "inferred from.", lang),
        source=tr(SOURCES, lang))


def describe(events: pd.DataFrame, lang: str = ENGLISH) -> str:
    """The chart's finding in words."""
    letters = letter_timeline(events)
    return tr("The chart places {events} dated events of the outbreak year on one axis. The Prisons Organization's letters "
              "fall on {letters}; Asghar Jahangir's media interview, in which, as reported by Amnesty International, he claimed "
              "there had not been a single COVID-19 related death in prisons, falls on {claim}. Dates the sources do not state "
              "are marked in the chart's details with what they are inferred from.", lang).format(
        events=number(str(len(timeline_data(events))), lang), letters=tr(", ", lang).join(day(d, lang) for d in letters["date"]),
        claim=day(events.loc[ids.CLAIM_INTERVIEW, "date"], lang))


def chart_in_words(events: pd.DataFrame, lang: str = ENGLISH):
    return charts.text_alternative(describe(events, lang), lang)
