"""What every story shares: a result the prose glues, the link it carries, the check that the ids
a story declares are in the data, and the readings several stories make of the same figures (the
request's "three months", which population count is nearest the letter, the capacity's missing date).

A result (``Value``) knows the figures and events it comes from and, when computed, how, so
each glued number links to its figure on the Figures page or to the entry on the Methods
page that says how it was computed.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date, timedelta

from pathlib import Path

import pandas as pd
from dateutil.relativedelta import relativedelta
from IPython.display import Markdown

from .. import paths
from ..book import site
from . import ids
from ..evidence import DataError, Problem, qualifiers
from ..evidence.dates import parse_iso, period_midpoint
from ..fmt import ENGLISH, escape_markdown, event_when, figure_when, localize, stated

RESULT_PREFIX = "result-"


@dataclass(frozen=True)
class Value:
    """A number as the prose shows it, with the figures and events it comes from.

    ``how`` is empty for a figure (or an event's date) shown as the source states it, and
    says in words how the number was computed otherwise."""

    text: str
    figures: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    how: str = ""
    qualifier: str = ""  # the words carried from the inputs' qualifiers ("around "), already in text
    # Where the story made it: (module.function, file, line), for the Methods page and ``prisons.computed_in``.
    made_in: tuple[str, str, int] = field(default=("", "", 0), compare=False, repr=False)

    def __post_init__(self) -> None:
        """Record the story function that made the value: the first caller outside this module (the
        helpers here make values for the stories), so a number named in a loop is found too."""
        frame = sys._getframe(1)
        while frame and frame.f_globals.get("__name__") in (__name__, "dataclasses"):
            frame = frame.f_back
        if frame is None:
            return
        named = frame  # a comprehension's frame is named for the function around it
        while named.f_back and named.f_code.co_name.startswith("<"):
            named = named.f_back
        object.__setattr__(self, "made_in", (f"{named.f_globals.get('__name__', '')}.{named.f_code.co_name}",
                                             paths.relative(Path(frame.f_code.co_filename)), frame.f_lineno))

    @property
    def inputs(self) -> tuple[str, ...]:
        return self.figures + self.events

    def target(self, name: str) -> str:
        """The anchor the number links to: its figure or event, or its computation."""
        if not self.how and len(self.inputs) == 1:
            return self.inputs[0]
        return result_anchor(name)


def result_anchor(name: str) -> str:
    return RESULT_PREFIX + name.replace("_", "-")


def markdown_link(text: str, anchor: str) -> str:
    """A MyST link to a label anywhere in the book (Sphinx resolves it in every builder)."""
    return f"[{escape_markdown(text)}](#{site.anchor(anchor)})"


def glue_all(values: dict[str, Value]) -> None:
    """Glue each value, as a link to where it comes from, for ``{glue:md}`name:myst``` roles. In
    JupyterLab (``make lab``), which shows those roles as written, also show each name's number."""
    import os

    from myst_nb import glue

    for name, value in values.items():
        glue(name, Markdown(markdown_link(value.text, value.target(name))), display=False)
    if os.environ.get("PRISONS_LAB"):  # prisons.lab.LAB_VARIABLE
        from IPython.display import display

        display(Markdown(glued_table(values)))


def glued_table(values: dict[str, Value]) -> str:
    """The numbers a chapter's prose glues, by the name its ``{glue:md}`` roles give, as a Markdown table."""
    rows = [f"| `{name}` | {escape_markdown(value.text)} |" for name, value in values.items()]
    return "\n".join(["**The numbers this chapter's text shows** (`{glue:md}` roles, by name):", "",
                      "| name | number |", "|---|---|", *rows])


def figure(figures: pd.DataFrame, figure_id: str) -> pd.Series:
    """One figure's row; a KeyError names the missing id."""
    if figure_id not in figures.index:
        raise KeyError(f"figure {figure_id!r} is not in data/{paths.TABLE_FILES['figures']}")
    return figures.loc[figure_id]


def value(figures: pd.DataFrame, figure_id: str) -> float:
    """One figure's value as a plain number (NaN when its source states only a range or a vague
    quantity, whose bounds are ``value_low`` and ``value_high``)."""
    return float(figure(figures, figure_id)["value"])


def stated_value(figures: pd.DataFrame, figure_id: str, lang: str = ENGLISH) -> Value:
    """A figure as its source states it."""
    return Value(stated(figure(figures, figure_id), lang), (figure_id,))


def figure_date(figures: pd.DataFrame, figure_id: str, lang: str = ENGLISH) -> Value:
    """The date a figure refers to, marked with what it is inferred from when derived."""
    return Value(figure_when(figure(figures, figure_id), lang), (figure_id,))


def event_date(events: pd.DataFrame, event_id: str, lang: str = ENGLISH) -> Value:
    return Value(event_when(events.loc[event_id], lang), events=(event_id,))


def number(count_text: str, lang: str = ENGLISH) -> str:
    """A plain count (days, letters) written in ``lang``."""
    return localize(count_text, lang)


def carried(figures: pd.DataFrame, rising=(), falling=(), lang: str = ENGLISH) -> str:
    """The qualifier words a number computed from these figures' values carries ("around ")."""
    from ..i18n import tr

    words = qualifiers.carried([(qualifiers.of(figure(figures, i)), qualifiers.RISES) for i in rising]
                               + [(qualifiers.of(figure(figures, i)), qualifiers.FALLS) for i in falling])
    return tr(words, lang) if words else words


def derived(figures: pd.DataFrame, text: str, how: str, rising=(), falling=(), dated_by=(),
            events: pd.DataFrame | None = None, dated_events=(), lang: str = ENGLISH) -> Value:
    """A computed number, carrying its inputs' qualifiers and saying which of its dates are inferred.

    ``rising``/``falling``: figures whose values the number goes up/down with; ``dated_by``/
    ``dated_events``: figures/events whose dates (not values) it is computed from; ``how`` is
    already in ``lang``."""
    from ..i18n import tr

    words = carried(figures, rising, falling, lang)
    figure_ids = tuple(dict.fromkeys((*rising, *falling, *dated_by)))
    inferred = [f"{figure_when(figure(figures, i), lang)}" for i in figure_ids
                if figure(figures, i)["date_basis"] == "derived"]
    inferred += [event_when(events.loc[i], lang) for i in dated_events if events.loc[i, "date_basis"] == "derived"]
    if inferred:
        how += tr("; it rests on a derived date: ", lang) + tr("; ", lang).join(inferred)
    return Value(words + text, figure_ids, tuple(dated_events), how, words)


def missing_ids(module: str, figure_ids, event_ids, figures: pd.DataFrame | None,
                events: pd.DataFrame | None) -> list[Problem]:
    """One problem per id a story declares that the data does not hold."""
    problems = []
    for table, declared, frame in (("figures", figure_ids, figures), ("events", event_ids, events)):
        if frame is None:
            continue
        file = f"data/{paths.TABLE_FILES[table]}"
        problems += [Problem(file, f"row {i}", "", f"is missing, but {module} reads it") for i in declared if i not in frame.index]
    return problems


def require(module: str, figure_ids=(), event_ids=(), figures: pd.DataFrame | None = None,
            events: pd.DataFrame | None = None) -> None:
    """Stop, naming every missing id, before a story computes anything from incomplete data."""
    problems = missing_ids(module, figure_ids, event_ids, figures, events)
    if problems:
        raise DataError(problems)


# ---------------------------------------------------------------------------- readings several stories share:
# the request's "three months", the population counts, the capacity's missing date


# "Three months" counted as three 30-day months at the shortest.
SHORTEST_MONTH_DAYS = 30


def months_in_days(start: date, months: int) -> tuple[int, int]:
    """Shortest and longest reading of "N months" from ``start``, in days.

    One reading counts 30-day months, the other calendar months from the start date;
    whichever is shorter is the low end.
    """
    calendar = (start + relativedelta(months=months) - start).days
    return min(SHORTEST_MONTH_DAYS * months, calendar), max(SHORTEST_MONTH_DAYS * months, calendar)


def request_days(figures: pd.DataFrame) -> tuple[int, int]:
    """The 25 March 2020 letter's "three months", as a range of days."""
    duration = figure(figures, ids.REQUEST_DURATION)
    return months_in_days(parse_iso(duration["as_of"])[0], int(duration["value"]))


def request_period_ends(figures: pd.DataFrame) -> tuple[str, str]:
    """The last day of the request's "three months", on its shortest and longest reading (ISO days)."""
    start = parse_iso(figure(figures, ids.REQUEST_DURATION)["as_of"])[0]
    return tuple(str(start + timedelta(days=d)) for d in request_days(figures))


def headline_basis(figures: pd.DataFrame) -> dict[str, object]:
    """The population count nearest in time to the request, which the headline uses."""
    request_date = parse_iso(figure(figures, ids.REQUEST_DURATION)["as_of"])[0]
    distances = {pid: abs((period_midpoint(figure(figures, pid)["as_of"]) - request_date).days) for pid in ids.POPULATIONS}
    chosen = min(distances, key=distances.get)
    return {"figure_id": chosen, "population": value(figures, chosen), "days_from_request": distances[chosen],
            "as_of": figure(figures, chosen)["as_of"], "distances": distances}


def described(figures: pd.DataFrame, basis: str, lang: str = ENGLISH) -> str:
    """A count as the book names it wherever it divides or is offered as a control: as stated, and
    when it was counted (an inferred date marked): "around 211,000, counted 13 June 2020"."""
    from ..i18n import tr

    row = figure(figures, basis)
    return tr("{count}, counted {date}", lang).format(count=stated(row, lang), date=figure_when(row, lang))


def capacity_caveat(figures: pd.DataFrame, population_id: str, lang: str = ENGLISH) -> str:
    """The capacity has no date: say whether it stands beside this count in the source or not."""
    from ..i18n import tr

    if figure(figures, ids.CAPACITY)["as_of"]:
        return ""
    when = figure_when(figure(figures, population_id), lang)
    if population_id == ids.POPULATION_2020:
        return tr("the capacity has no date of its own; the source states it beside the {date} count", lang).format(date=when)
    return tr("the capacity is stated in 2020, beside another count, and has no date of its own; this count is from {date}",
              lang).format(date=when)


# The report's own furlough reading (What was missing): an official count may include people out of prison.
# Every headline ratio of a count to the capacity carries it.
FURLOUGH_CAVEAT = ("The count may include people out of prison on furlough: the source does not say whether people "
                   "on furlough are counted.")
