"""Suspected deaths: the rights groups' per-prison list against their overall figure and against
the official's claim of none."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import charts
from ..evidence import qualifiers
from ..fmt import count
from . import ids
from .base import Value, figure, require, stated_value, value

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
        "deaths_listed": Value(count(summary["listed"]), by_prison,
                               how="the sum of the suspected deaths listed prison by prison"),
        "death_prisons": Value(str(summary["prisons"]), by_prison, how="the prisons in the per-prison list"),
        "deaths_claimed": Value(count(summary["claimed"]), (ids.DEATHS_CLAIMED,)),
        "deaths_consistent": Value("consistent with" if summary["consistent"] else "inconsistent with",
                                   (ids.DEATHS_TOTAL,) + by_prison,
                                   how="whether the per-prison sum agrees with the stated overall figure"),
    }


def chart(figures: pd.DataFrame) -> alt.Chart:
    """Suspected COVID-19 related deaths listed by prison."""
    bars = alt.Chart(suspected_deaths(figures)).mark_bar(color=charts.PALETTE[1]).encode(
        y=alt.Y("prison:N", title=None, sort="-x"),
        x=alt.X("deaths:Q", title="Suspected deaths", axis=alt.Axis(tickMinStep=1)),
        tooltip=[alt.Tooltip("prison:N"), alt.Tooltip("deaths:Q", title="Suspected deaths"), alt.Tooltip("figure_id:N", title="Figure")],
    ).properties(height=220)
    return charts.titled(bars, "Suspected COVID-19 related deaths, by prison",
                         "As reported by independent human rights groups, cited by Amnesty International. Undated; not confirmed.").properties(usermeta={"chart_id": "deaths-by-prison"})


def describe(figures: pd.DataFrame) -> str:
    """The chart's finding in words."""
    summary = reconciliation(figures)
    parts = [f"{r.prison}: {count(r.deaths)}" for r in suspected_deaths(figures).itertuples()]
    return (f"Suspected deaths listed for {summary['prisons']} prisons add up to {count(summary['listed'])} "
            f"(the stated overall figure is {summary['qualifier']} {count(summary['stated'])}): " + "; ".join(parts) + ".")


def chart_in_words(figures: pd.DataFrame):
    return charts.text_alternative(describe(figures))


def chart_data(figures: pd.DataFrame):
    return charts.data_table(suspected_deaths(figures), {"prison": "Prison", "deaths": "Suspected deaths", "figure_id": "Figure"})
