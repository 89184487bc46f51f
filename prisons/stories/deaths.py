"""Suspected deaths: the rights groups' per-prison list against their overall figure and against
the official's claim of none."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import chartmarks, charts
from ..evidence import qualifiers
from ..fmt import ENGLISH, count, stated
from ..i18n import cell, tr
from . import ids
from .base import Value, derived, figure, number, require, stated_value, value

FIGURES = (ids.DEATHS_TOTAL, ids.DEATHS_CLAIMED)
EVENTS: tuple[str, ...] = ()


def suspected_deaths(figures: pd.DataFrame) -> pd.DataFrame:
    """Suspected deaths listed by prison, largest first."""
    require(__name__, FIGURES, figures=figures)
    rows = figures[figures.index.str.startswith(ids.DEATHS_BY_PRISON_PREFIX) & (figures.index != ids.DEATHS_TOTAL)]
    return (pd.DataFrame({"figure_id": rows.index, "prison": rows["place"].to_numpy(), "deaths": rows["value"].to_numpy()})
            .sort_values(["deaths", "prison"], ascending=[False, True]).reset_index(drop=True))


def reconciliation(figures: pd.DataFrame) -> dict[str, object]:
    """The per-prison list against the stated overall figure ("more than 20")."""
    listed = float(suspected_deaths(figures)["deaths"].sum())
    total = figure(figures, ids.DEATHS_TOTAL)
    return {"listed": listed, "stated": float(total["value"]), "qualifier": total["qualifier"],
            "consistent": qualifiers.of(total).admits(listed, total),
            "prisons": len(suspected_deaths(figures)), "claimed": value(figures, ids.DEATHS_CLAIMED)}


def results(figures: pd.DataFrame, events: pd.DataFrame | None = None, lang: str = ENGLISH) -> dict[str, Value]:
    """Every number the prose shows about the deaths."""
    summary = reconciliation(figures)
    by_prison = tuple(suspected_deaths(figures)["figure_id"])
    return {
        "deaths_stated": stated_value(figures, ids.DEATHS_TOTAL, lang),
        "deaths_listed": derived(figures, count(summary["listed"], lang),
                                 tr("the sum of the suspected deaths listed prison by prison (a list introduced with "
                                    "'including', so not necessarily complete)", lang), by_prison, lang=lang),
        "death_prisons": Value(number(str(summary["prisons"]), lang), by_prison, how=tr("the prisons in the per-prison list", lang)),
        "deaths_claimed": Value(count(summary["claimed"], lang), (ids.DEATHS_CLAIMED,)),
        "deaths_consistent": Value(tr("consistent with" if summary["consistent"] else "inconsistent with", lang),
                                   (ids.DEATHS_TOTAL,) + by_prison,
                                   how="whether the per-prison sum agrees with the stated overall figure"),
    }


CHART_ID = "deaths-by-prison"


def _by_prison(figures: pd.DataFrame, lang: str) -> pd.DataFrame:
    table = suspected_deaths(figures)
    return table if lang == ENGLISH else table.assign(prison=[cell(p, lang) for p in table["prison"]])


def chart_data(figures: pd.DataFrame, lang: str = ENGLISH) -> pd.DataFrame:
    """What the chart draws: each prison's suspected deaths, as listed (the column names stay
    English, the data's own; the prisons' names are in ``lang``)."""
    listed = _by_prison(figures, lang)
    return pd.DataFrame({"Prison": listed["prison"], "Suspected deaths (people)": listed["deaths"],
                         "Figure": listed["figure_id"]})


def chart(figures: pd.DataFrame, lang: str = ENGLISH) -> alt.LayerChart:
    """Suspected COVID-19 related deaths listed by prison, each bar labelled with its number."""
    drawn, summary = chart_data(figures, lang), reconciliation(figures)
    data = drawn.assign(label=[f"{p}: {count(n, lang)}" for p, n in zip(drawn["Prison"], drawn["Suspected deaths (people)"])])
    bars = chartmarks.labelled_bars(data, category="Prison", value="Suspected deaths (people)", label="label",
                                    x_title=tr("Suspected deaths", lang))
    return charts.frame(
        bars, chart_id=CHART_ID, rows=drawn, height=chartmarks.rows_height(len(data), data["label"]), lang=lang,
        title=tr("Suspected COVID-19 related deaths in {prisons} named prisons: {listed} in all, of the {stated} rights "
                 "groups reported, as cited by Amnesty International", lang).format(
            listed=count(summary["listed"], lang), prisons=count(summary["prisons"], lang),
            stated=stated(figure(figures, ids.DEATHS_TOTAL), lang)),
        subtitle=tr("Suspected COVID-19 related deaths by prison, as listed; undated and not confirmed. The stated "
                    "overall figure is {stated}, and the release names these prisons "
                    "with \"including\", so the list may be incomplete.", lang).format(stated=stated(figure(figures, ids.DEATHS_TOTAL), lang)),
        source=tr("Figures: independent human rights groups, cited by Amnesty International", lang))


def describe(figures: pd.DataFrame, lang: str = ENGLISH) -> str:
    """The chart's finding in words."""
    summary = reconciliation(figures)
    parts = [f"{r.prison}: {count(r.deaths, lang)}" for r in _by_prison(figures, lang).itertuples()]
    return tr("Suspected deaths listed for {prisons} prisons add up to {listed} (the stated overall figure is {stated}; the "
              "release introduces the list with \"including\", so it may be incomplete): {parts}. No dates are given. As "
              "reported by independent human rights groups, cited by Amnesty International.", lang).format(
        prisons=number(str(summary["prisons"]), lang), listed=count(summary["listed"], lang),
        stated=stated(figure(figures, ids.DEATHS_TOTAL), lang), parts=tr("; ", lang).join(parts))


def chart_in_words(figures: pd.DataFrame, lang: str = ENGLISH):
    return charts.text_alternative(describe(figures, lang), lang)
