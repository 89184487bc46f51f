"""What was missing: the places short of the declared capacity, the releases against that gap, the
March request against its own three months, and the request against a benchmark the reader sets.

Every number here is an estimate computed from the sources' figures; none is a new figure. The
benchmark (masks per prisoner per day) is the reader's assumption, not a sourced norm: the sources
give none. Ranges run low to high over both official counts and both readings of "three months".
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import charts
from ..evidence.dates import days_between
from ..fmt import ENGLISH, count, day_span, decimal, event_when, figure_when, percent, span
from ..i18n import tr
from . import ids
from .base import (Value, capacity_caveat, carried, derived, described, figure, headline_basis, number, request_days,
                   request_period_ends, require, value)

FIGURES = (*ids.POPULATIONS, ids.CAPACITY, ids.FURLOUGHED, ids.PARDONED, ids.REQUEST_DURATION, ids.REQUEST_MASKS)
EVENTS = (ids.REQUEST_LETTER, ids.LATEST_LETTER)
# The reader's benchmark, bounded to values that make sense for masks; the default is illustrative.
BENCHMARK_DEFAULT, BENCHMARK_MIN, BENCHMARK_MAX, BENCHMARK_STEP = 1.0, 0.25, 4.0, 0.25
ESTIMATE = "An estimate, not a figure: "
COUNTED_FROM_LETTER = ("the letter's date plus the shortest and the longest reading of 'three months' (see the days): an end "
                       "only if the three months are counted from the letter's date, which the source does not say")
BENCHMARK_ASSUMPTION = ("it assumes the reader's benchmark (by default one mask per prisoner per day, an illustrative "
                        "assumption, not a sourced norm; the sources give none), that the masks were for the prisoners "
                        "counted and no one else, and that either official count stands for the population the request "
                        "was for, which the sources do not say")


# ---------------------------------------------------------------------------- computations


def share_over_capacity(population: float, capacity: float) -> float:
    """The percentage of the population that would have to leave for the prisons to hold their declared number."""
    return 100 * (population - capacity) / population


def space_share(population: float, capacity: float) -> float:
    """The declared space per prisoner as a percentage of what the capacity assumes (one place each)."""
    return 100 * capacity / population


def need(per_day: float, population: float, days: float) -> float:
    """Items needed at ``per_day`` per prisoner for ``population`` prisoners over ``days``."""
    if per_day <= 0 or population <= 0 or days <= 0:
        raise ValueError("benchmark, population and days must be positive")
    return per_day * population * days


def coverage(requested: float, needed: float) -> float:
    """The request as a percentage of the need."""
    return 100 * requested / needed


def mask_needs(figures: pd.DataFrame, per_day: float = BENCHMARK_DEFAULT) -> pd.DataFrame:
    """The need, coverage and shortfall for each official count and each reading of the days."""
    require(__name__, FIGURES, figures=figures)
    requested = value(figures, ids.REQUEST_MASKS)
    rows = []
    for basis in ids.POPULATIONS:
        for days in request_days(figures):
            needed = need(per_day, value(figures, basis), days)
            rows.append({"basis": basis, "population": value(figures, basis), "days": days, "need": needed,
                         "coverage": coverage(requested, needed), "shortfall": needed - requested})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------- results


def _estimate(how: str, lang: str, **fields: str) -> str:
    """How an estimate is computed, in ``lang``, saying first that it is one."""
    return tr(ESTIMATE, lang) + tr(how, lang).format(**fields)

def _places(figures: pd.DataFrame, lang: str) -> dict[str, Value]:
    capacity = value(figures, ids.CAPACITY)
    values = {}
    for suffix, basis in (("earlier", ids.POPULATIONS[0]), ("later", ids.POPULATIONS[1])):
        population, caveat = value(figures, basis), capacity_caveat(figures, basis, lang)
        values[f"over_share_{suffix}"] = derived(figures, percent(share_over_capacity(population, capacity), 1, lang), _estimate(
            "the population minus the declared capacity, as a percentage of the population: the share that would have to "
            "leave for the prisons to hold their declared number; {caveat}", lang, caveat=caveat), (basis,), (ids.CAPACITY,), lang=lang)
        values[f"space_share_{suffix}"] = derived(figures, percent(space_share(population, capacity), 1, lang), _estimate(
            "the declared capacity as a percentage of the population: the declared space per prisoner as a share of what "
            "the capacity assumes (one place each); {caveat}", lang, caveat=caveat), (ids.CAPACITY,), (basis,), lang=lang)
    return values


def _releases(figures: pd.DataFrame, lang: str) -> dict[str, Value]:
    later, furloughed = ids.POPULATION_2020, ids.FURLOUGHED
    held = value(figures, later) - value(figures, furloughed)
    date = figure_when(figure(figures, later), lang)
    reading = tr("if the people on furlough are counted in the {date} figure although out of prison (the source does "
                 "not say whether they are, nor how many had returned by then; pardons are taken as not counted)",
                 lang).format(date=date)
    return {
        "held_if_counted": derived(figures, count(held, lang), _estimate("the {date} count minus the people furloughed, ",
                                                                         lang, date=date) + reading, (later,), (furloughed,), lang=lang),
        "under_capacity_if_counted": derived(figures, count(value(figures, ids.CAPACITY) - held, lang), _estimate(
            "the declared capacity minus the people held, ", lang) + reading, (ids.CAPACITY, furloughed), (later,), lang=lang),
    }


def _horizon(figures: pd.DataFrame, events: pd.DataFrame, lang: str) -> dict[str, Value]:
    early, late = request_period_ends(figures)
    latest, request = events.loc[ids.LATEST_LETTER, "date"], events.loc[ids.REQUEST_LETTER]
    duration = (ids.REQUEST_DURATION,)
    how = tr(COUNTED_FROM_LETTER, lang)
    to_letter = tr("calendar days from the end of the request's three months, counted from the letter's date (which the "
                   "source does not give as their start), to the latest letter obtained by Amnesty International", lang)
    return {
        "request_end": derived(figures, day_span(early, late, lang), how, dated_by=duration, lang=lang),
        "end_to_letter": derived(figures, span(days_between(late, latest), days_between(early, latest), count, lang),
                                 to_letter, dated_by=duration, events=events, dated_events=(ids.LATEST_LETTER,), lang=lang),
        "request_to_letter": Value(number(str(days_between(request["date"], latest)), lang), events=(ids.REQUEST_LETTER, ids.LATEST_LETTER),
                                   how=tr("calendar days from the {date} letter to the latest letter obtained by Amnesty "
                                          "International", lang).format(date=event_when(request, lang))),
    }


def _benchmark(figures: pd.DataFrame, lang: str) -> dict[str, Value]:
    """The hypothetical need at the default benchmark, its coverage and its gap: on the count the report's
    rule picks (nearest in time to the letter, ``_headline``) and over both counts."""
    needs, headline = mask_needs(figures), headline_basis(figures)["figure_id"]
    masks, days = (ids.REQUEST_MASKS,), (ids.REQUEST_DURATION,)
    over_both = tr("over both official counts and both readings of 'three months', low to high; ", lang)
    on_headline = tr("on the official count nearest in time to the letter, {count}, over both readings of 'three months', "
                     "low to high; ", lang).format(count=described(figures, headline, lang))
    values = {"benchmark": Value(decimal(BENCHMARK_DEFAULT, 0, lang), masks, how=tr(
        "the default benchmark the masks requested are set against, an illustrative assumption the reader can change; "
        "not a figure from the sources", lang))}
    for suffix, rows, populations, over in (("", needs, ids.POPULATIONS, over_both),
                                            ("_headline", needs[needs["basis"] == headline], (headline,), on_headline)):
        def estimate(how: str) -> str:
            return _estimate(how, lang) + over + tr(BENCHMARK_ASSUMPTION, lang)

        def low_to_high(column: str, fmt, **digits) -> str:
            return span(rows[column].min(), rows[column].max(), fmt, lang, **digits)

        values |= {
            f"mask_need{suffix}": derived(figures, low_to_high("need", count), estimate(
                "a hypothetical need: the benchmark times the population count times the days, "), populations, dated_by=days, lang=lang),
            f"mask_coverage{suffix}": derived(figures, low_to_high("coverage", percent, digits=1), estimate(
                "the masks requested as a percentage of that hypothetical need, "), masks, populations, dated_by=days, lang=lang),
            f"mask_shortfall{suffix}": derived(figures, low_to_high("shortfall", count), estimate(
                "a hypothetical shortfall: that hypothetical need minus the masks requested, "), populations, masks, dated_by=days, lang=lang),
        }
    return values


def results(figures: pd.DataFrame, events: pd.DataFrame, lang: str = ENGLISH) -> dict[str, Value]:
    """Every number the shortfall prose shows, in ``lang``; each says it is an estimate and on what it rests."""
    require(__name__, FIGURES, EVENTS, figures, events)
    return _places(figures, lang) | _releases(figures, lang) | _horizon(figures, events, lang) | _benchmark(figures, lang)


# ---------------------------------------------------------------------------- chart and explorer


CHART_ID = "shortfall-benchmark"
PER_UNIT = "Masks at one a day (masks)"
REQUESTED, NEEDED = "Requested (masks)", "hypothetical need"
ROW_HEIGHT = 138  # px: a bar and up to seven lines of its words on a phone (the hypothetical need's label wraps to seven)


def chart_data(figures: pd.DataFrame, lang: str = ENGLISH) -> pd.DataFrame:
    """What the chart draws: the request, and the lowest and highest need at one mask a day, which the browser
    scales by the reader's benchmark (the column names stay English, the data's own; the words are in ``lang``)."""
    needs = mask_needs(figures, 1.0)
    low, high = needs.loc[needs["need"].idxmin()], needs.loc[needs["need"].idxmax()]
    requested = value(figures, ids.REQUEST_MASKS)
    rows = [{"What": tr("Requested (letter of {date})", lang).format(date=figure_when(figure(figures, ids.REQUEST_DURATION), lang)),
             "Kind": tr("requested", lang), PER_UNIT: requested, "Words": ""}]
    for end, row in (("Lowest hypothetical need", low), ("Highest hypothetical need", high)):
        rows.append({"What": tr("{end}: {count}, {days} days", lang).format(
            end=tr(end, lang), count=described(figures, row["basis"], lang), days=number(str(int(row["days"])), lang)),
            "Kind": tr(NEEDED, lang), PER_UNIT: row["need"], "Words": carried(figures, (row["basis"],), lang=lang)})
    return pd.DataFrame(rows).assign(**{REQUESTED: requested})


def _lines(lang: str) -> str:
    """A bar's words as a Vega expression of lines that fit the width: what it is, then the need and the request's share."""
    need = f"datum.Kind == '{tr(NEEDED, lang)}'"
    semicolon = tr("; ", lang).strip()
    first, second = tr("at {benchmark} mask per prisoner a day: {need}; the request covers {coverage}", lang).split(semicolon, 1)
    needed = " + '\\n' + ".join((
        charts.vega_words(first + semicolon, need="datum.Words + format(datum.amount, ',.0f')",
                          benchmark="format(benchmark, '.2~f')"),
        charts.vega_words(second.strip(), coverage=f"datum.Words + format(datum['{REQUESTED}'] / datum.amount, '.1%')")))
    requested = charts.vega_words(tr("{amount} masks", lang), amount="format(datum.amount, ',.0f')")
    return f"split(join({charts.lines_expr('What')}, '\\n') + ':\\n' + ({need} ? {needed} : {requested}), '\\n')"


def chart(figures: pd.DataFrame, lang: str = ENGLISH) -> alt.LayerChart:
    """The request against the need at the reader's benchmark, recomputed in the browser."""
    benchmark = alt.param(name="benchmark", value=BENCHMARK_DEFAULT, bind=alt.binding_range(
        min=BENCHMARK_MIN, max=BENCHMARK_MAX, step=BENCHMARK_STEP, name=tr("Masks per prisoner per day (your assumption): ", lang)))
    drawn = chart_data(figures, lang)
    base = alt.Chart(charts.wrapped_field(drawn, "What")).transform_calculate(
        amount=f"datum.Kind == '{tr(NEEDED, lang)}' ? benchmark * datum['{PER_UNIT}'] : datum['{PER_UNIT}']",
        lines=_lines(lang), shown="join(datum.lines, ' ')",  # in this order: each calculation sees the ones before
    ).encode(y=alt.Y("What:N", sort=None, axis=None, scale=alt.Scale(padding=0)))
    bars, words = charts.words_above_bars(base, "lines", ROW_HEIGHT)
    bars = bars.encode(
        x=alt.X("amount:Q", title=tr("Masks", lang), scale=alt.Scale(zero=True)),
        color=alt.Color("Kind:N", legend=None, scale=alt.Scale(domain=[tr("requested", lang), tr(NEEDED, lang)],
                                                               range=charts.PALETTE[:2])),
        tooltip=[alt.Tooltip("shown:N", title=" ")])
    return charts.frame(
        alt.layer(bars, words).add_params(benchmark), chart_id=CHART_ID, rows=drawn, height=len(drawn) * ROW_HEIGHT, lang=lang,
        title=tr("An estimate: the March request against a hypothetical need at a benchmark you set", lang),
        subtitle=tr("Hypothetical need = your benchmark (an illustrative assumption, not a sourced norm) × an official count × "
                    "the days of \"three months\". Neither count is known to be the population the request was for.", lang),
        source=tr("Figures: the 25 March 2020 letter and officials' counts, as reported by Amnesty International", lang))


def describe(figures: pd.DataFrame, lang: str = ENGLISH) -> str:
    """The chart's finding in words, at the default benchmark."""
    values, (shortest, longest) = _benchmark(figures, lang), request_days(figures)
    return tr("An estimate. At the illustrative benchmark of {benchmark} mask per prisoner per day (an assumption, not a "
              "sourced norm), on the official count nearest in time to the letter ({count}) and over {shortest} to "
              "{longest} days, the hypothetical need is {need} masks; the {masks} masks requested would cover {coverage} "
              "of it, a hypothetical shortfall of {shortfall} masks. Over both official counts, the hypothetical need is "
              "{need_both} masks. The letter does not say how many prisons the items were for.", lang).format(
        benchmark=values["benchmark"].text, count=described(figures, headline_basis(figures)["figure_id"], lang),
        shortest=number(str(shortest), lang), longest=number(str(longest), lang),
        need=values["mask_need_headline"].text, masks=count(value(figures, ids.REQUEST_MASKS), lang),
        coverage=values["mask_coverage_headline"].text, shortfall=values["mask_shortfall_headline"].text,
        need_both=values["mask_need"].text)


def chart_in_words(figures: pd.DataFrame, lang: str = ENGLISH):
    return charts.text_alternative(describe(figures, lang), lang)
