"""Suspected deaths: the rights groups' per-prison list against their overall figure and against
the official's claim of none."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import chartmarks, charts
from ..evidence import qualifiers
from ..fmt import count, stated
from . import ids
from .base import Value, derived, figure, require, stated_value, value

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


def results(figures: pd.DataFrame, events: pd.DataFrame | None = None) -> dict[str, Value]:
    """Every number the prose shows about the deaths."""
    summary = reconciliation(figures)
    by_prison = tuple(suspected_deaths(figures)["figure_id"])
    return {
        "deaths_stated": stated_value(figures, ids.DEATHS_TOTAL),
        "deaths_listed": derived(figures, count(summary["listed"]),
                                 "the sum of the suspected deaths listed prison by prison (a list introduced with "
                                 "'including', so not necessarily complete)", by_prison),
        "death_prisons": Value(str(summary["prisons"]), by_prison, how="the prisons in the per-prison list"),
        "deaths_claimed": Value(count(summary["claimed"]), (ids.DEATHS_CLAIMED,)),
        "deaths_consistent": Value("consistent with" if summary["consistent"] else "inconsistent with",
                                   (ids.DEATHS_TOTAL,) + by_prison,
                                   how="whether the per-prison sum agrees with the stated overall figure"),
    }


CHART_ID = "deaths-by-prison"


def chart_data(figures: pd.DataFrame) -> pd.DataFrame:
    """What the chart draws: each prison's suspected deaths, as listed."""
    listed = suspected_deaths(figures)
    return pd.DataFrame({"Prison": listed["prison"], "Suspected deaths (people)": listed["deaths"],
                         "Figure": listed["figure_id"]})


def chart(figures: pd.DataFrame) -> alt.LayerChart:
    """Suspected COVID-19 related deaths listed by prison, each bar labelled with its number."""
    drawn, summary = chart_data(figures), reconciliation(figures)
    data = drawn.assign(label=[f"{p}: {count(n)}" for p, n in zip(drawn["Prison"], drawn["Suspected deaths (people)"])])
    bars = chartmarks.labelled_bars(data, category="Prison", value="Suspected deaths (people)", label="label",
                                    x_title="Suspected deaths")
    return charts.frame(
        bars, chart_id=CHART_ID, height=chartmarks.rows_height(len(data)),
        title=f"Human rights groups listed {count(summary['listed'])} suspected COVID-19 deaths in "
              f"{summary['prisons']} prisons, Amnesty International reported",
        subtitle=f"Suspected COVID-19 related deaths by prison, as listed; undated and not confirmed. The stated "
                 f"overall figure is {stated(figure(figures, ids.DEATHS_TOTAL))}, and the release names these prisons "
                 "with \"including\", so the list may be incomplete.",
        source="Figures: independent human rights groups, cited by Amnesty International")


def describe(figures: pd.DataFrame) -> str:
    """The chart's finding in words."""
    summary = reconciliation(figures)
    parts = [f"{r.prison}: {count(r.deaths)}" for r in suspected_deaths(figures).itertuples()]
    return (f"Suspected deaths listed for {summary['prisons']} prisons add up to {count(summary['listed'])} "
            f"(the stated overall figure is {stated(figure(figures, ids.DEATHS_TOTAL))}; the release introduces the list "
            "with \"including\", so it may be incomplete): " + "; ".join(parts)
            + ". No dates are given. As reported by independent human rights groups, cited by Amnesty International.")


def chart_in_words(figures: pd.DataFrame):
    return charts.text_alternative(describe(figures))
