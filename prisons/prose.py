"""Every number a chapter's prose shows, computed and formatted here, then glued.

One function per chapter section returns ``{glue_name: Value}``; chapters call it and
``glue_all``, so no number in the prose is ever typed by hand. Each value knows what it
comes from, so the glued number links to its figure on the Figures page, or, for a
computed result, to the entry that says how it was computed and from which figures.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown

from . import compute
from .fmt import count, day, decimal, escape_markdown, percent, signed_percent, span, stated

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
    return f"[{escape_markdown(text)}](#{anchor})"


def glue_all(values: dict[str, Value]) -> None:
    """Glue each value, as a link to where it comes from, for ``{glue:md}`name:myst``` roles."""
    from myst_nb import glue

    for name, value in values.items():
        glue(name, Markdown(markdown_link(value.text, value.target(name))), display=False)


def _figure(figures: pd.DataFrame, figure_id: str) -> Value:
    """A figure as its source states it."""
    return Value(stated(compute.figure(figures, figure_id)), (figure_id,))


def _figure_date(figures: pd.DataFrame, figure_id: str) -> Value:
    """The date a figure refers to."""
    return Value(day(compute.figure(figures, figure_id)["as_of"]), (figure_id,))


def _event_date(events: pd.DataFrame, event_id: str) -> Value:
    return Value(day(events.loc[event_id, "date"]), events=(event_id,))


def _words(numbers: list[int]) -> str:
    texts = [str(n) for n in numbers]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]


def overcrowding(figures: pd.DataFrame) -> dict[str, Value]:
    table = compute.occupancy_table(figures).set_index("figure_id")
    earlier_id, later_id = compute.POPULATION_IDS
    earlier, later = table.loc[earlier_id], table.loc[later_id]
    change = compute.population_change(figures)
    ratio = compute.stated_ratio_check(figures)
    releases = compute.releases_relative(figures).set_index("basis")
    capacity = compute.CAPACITY_ID
    released = (compute.FURLOUGHED_ID, compute.PARDONED_ID)

    def against_capacity(row: pd.Series, population_id: str) -> dict[str, Value]:
        inputs = (population_id, capacity)
        return {"ratio": Value(decimal(row["ratio"]), inputs, how="the population divided by the declared capacity"),
                "percent": Value(percent(row["percent_of_capacity"]), inputs,
                                 how="the population as a percentage of the declared capacity"),
                "over": Value(count(row["over_capacity"]), inputs, how="the population minus the declared capacity")}

    values = {
        "pop_later": _figure(figures, later_id), "pop_later_date": _figure_date(figures, later_id),
        "pop_earlier": _figure(figures, earlier_id), "pop_earlier_date": _figure_date(figures, earlier_id),
        "capacity": Value(count(later["capacity"]), (capacity,)),
        "change": Value(count(abs(change["change"])), compute.POPULATION_IDS,
                        how="the difference between the two official population counts"),
        "change_percent": Value(signed_percent(change["percent"]), compute.POPULATION_IDS,
                                how="the change between the two counts as a percentage of the earlier one"),
        "stated_ratio": Value(decimal(ratio["stated"], 1), (compute.STATED_RATIO_ID,)),
        "computed_ratio": Value(decimal(ratio["computed"]), (later_id, capacity),
                                how="the stated population divided by the stated capacity, to check the stated ratio"),
        "literal_population": Value(count(ratio["literal_population"]), (capacity, compute.STATED_RATIO_ID),
                                    how="the capacity plus the stated ratio times the capacity: "
                                        "'times more than' read literally"),
        "furloughed": _figure(figures, compute.FURLOUGHED_ID),
        "pardoned": Value(count(compute.value(figures, compute.PARDONED_ID)), (compute.PARDONED_ID,)),
        "released": Value(count(releases["released"].iloc[0]), released, how="furloughed plus pardoned prisoners"),
        "released_share_later": Value(percent(releases.loc[later_id, "released_percent"]), released + (later_id,),
                                      how="furloughed plus pardoned prisoners as a percentage of the later count"),
        "released_share_earlier": Value(percent(releases.loc[earlier_id, "released_percent"]), released + (earlier_id,),
                                        how="furloughed plus pardoned prisoners as a percentage of the earlier count"),
        "release_period": _figure_date(figures, compute.FURLOUGHED_ID),
    }
    for suffix, row, population_id in (("later", later, later_id), ("earlier", earlier, earlier_id)):
        values |= {f"{kind}_{suffix}": value for kind, value in against_capacity(row, population_id).items()}
    return values


def letters(figures: pd.DataFrame, events: pd.DataFrame) -> dict[str, Value]:
    timeline = compute.letter_timeline(events)
    against = compute.claim_against_letters(events).set_index("event_id")
    letter_ids = tuple(timeline["event_id"])
    first, latest, claim = letter_ids[0], letter_ids[-1], compute.CLAIM_EVENT_ID
    return {
        "first_letter": _event_date(events, first), "latest_letter": _event_date(events, latest),
        "letters_dated": Value(str(len(timeline)), events=letter_ids, how="the letters the release dates"),
        "follow_ups": _figure(figures, "amnesty-follow-up-letters"),
        "reviewed": _figure(figures, "amnesty-letters-reviewed"),
        "days_first_to_latest": Value(str(int(timeline["days_since_first"].iloc[-1])), events=(first, latest),
                                      how="calendar days from the first letter to the latest"),
        "gaps": Value(_words([int(g) for g in timeline["days_since_previous"].dropna()]), events=letter_ids,
                      how="calendar days between each letter and the one before it"),
        "longest_gap": Value(str(int(timeline["days_since_previous"].max())), events=letter_ids,
                             how="the longest of the gaps between consecutive letters, in calendar days"),
        "claim_date": _event_date(events, claim),
        "claim_after_first": Value(str(int(against.loc[first, "days_before_claim"])), events=(first, claim),
                                   how="calendar days from the first letter to the public claim"),
        "claim_after_request": Value(str(int(against.loc[compute.REQUEST_EVENT_ID, "days_before_claim"])),
                                     events=(compute.REQUEST_EVENT_ID, claim),
                                     how="calendar days from the letter requesting supplies to the public claim"),
        "letters_after_claim": Value(str(int((against["days_before_claim"] < 0).sum())), events=letter_ids + (claim,),
                                     how="the letters dated after the public claim"),
        "claim_to_latest": Value(str(int(-against.loc[latest, "days_before_claim"])), events=(claim, latest),
                                 how="calendar days from the public claim to the latest letter"),
    }


REQUEST_ITEMS = (("amnesty-request-masks", "masks"), ("amnesty-request-n95-masks", "n95"),
                 ("amnesty-request-latex-gloves", "latex"), ("amnesty-request-plastic-gloves", "plastic"),
                 ("amnesty-request-hand-sanitiser", "sanitiser"),
                 ("amnesty-request-surface-disinfectant", "disinfectant"))


def request(figures: pd.DataFrame) -> dict[str, Value]:
    per_prisoner = compute.request_per_prisoner(figures)
    headline = compute.headline_basis(figures)
    shortest, longest = compute.request_days(figures)
    chosen = per_prisoner[per_prisoner["basis"] == headline["figure_id"]].set_index("figure_id")
    other = per_prisoner[per_prisoner["basis"] != headline["figure_id"]].set_index("figure_id")
    masks = chosen.loc["amnesty-request-masks"]
    duration, basis, other_basis = compute.REQUEST_DURATION_ID, headline["figure_id"], other["basis"].iloc[0]
    days_how = ("the letter's 'three months' in days: three 30-day months at the shortest, three calendar months "
                "from the letter's date at the longest")
    values = {
        "request_date": _figure_date(figures, duration),
        "request_months": Value(count(compute.value(figures, duration)), (duration,)),
        "days_low": Value(str(shortest), (duration,), how=days_how),
        "days_high": Value(str(longest), (duration,), how=days_how),
        "masks": Value(count(masks["quantity"]), ("amnesty-request-masks",)),
        "headline_population": _figure(figures, basis),
        "headline_date": _figure_date(figures, basis),
        "headline_days_from_request": Value(str(headline["days_from_request"]), (duration, basis),
                                            how="days between the letter and the population count nearest to it "
                                                "(a month-long count is placed at its midpoint)"),
        "other_days_from_request": Value(str(max(headline["distances"].values())), (duration, other_basis),
                                         how="days between the letter and the other population count "
                                             "(a month-long count is placed at its midpoint)"),
        "masks_per_prisoner": Value(decimal(masks["per_prisoner"], 1), ("amnesty-request-masks", basis),
                                    how="masks requested divided by the population count nearest to the letter"),
        "mask_every_days": Value(span(1 / masks["per_day_high"], 1 / masks["per_day_low"], decimal, digits=1),
                                 ("amnesty-request-masks", basis, duration),
                                 how="days per mask for each prisoner: the request's days divided by masks per "
                                     "prisoner, for the shortest and longest readings of 'three months'"),
        "other_population": _figure(figures, other_basis),
        "other_date": _figure_date(figures, other_basis),
    }
    for item_id, key in REQUEST_ITEMS:
        row, alternative = chosen.loc[item_id], other.loc[item_id]
        in_millilitres = row["share_unit"] == "millilitres"
        digits = 1 if in_millilitres else 3
        per_day_how = (f"the quantity requested{' in millilitres (litres times 1,000)' if in_millilitres else ''} "
                       "divided by the population count and by the days the request covers (shortest and longest "
                       "readings of 'three months')")
        values[f"{key}_per_day"] = Value(span(row["per_day_low"], row["per_day_high"], decimal, digits=digits),
                                         (item_id, basis, duration), how=per_day_how)
        values[f"{key}_per_day_other"] = Value(
            span(alternative["per_day_low"], alternative["per_day_high"], decimal, digits=digits),
            (item_id, other_basis, duration), how=per_day_how)
    return values


def deaths(figures: pd.DataFrame) -> dict[str, Value]:
    reconciliation = compute.deaths_reconciliation(figures)
    by_prison = tuple(compute.suspected_deaths(figures)["figure_id"])
    return {
        "deaths_stated": _figure(figures, compute.DEATHS_TOTAL_ID),
        "deaths_listed": Value(count(reconciliation["listed"]), by_prison,
                               how="the sum of the suspected deaths listed prison by prison"),
        "death_prisons": Value(str(reconciliation["prisons"]), by_prison, how="the prisons in the per-prison list"),
        "deaths_claimed": Value(count(reconciliation["claimed"]), (compute.DEATHS_CLAIMED_ID,)),
        "deaths_consistent": Value("consistent with" if reconciliation["consistent"] else "inconsistent with",
                                   (compute.DEATHS_TOTAL_ID,) + by_prison,
                                   how="whether the per-prison sum agrees with the stated overall figure"),
    }


def parsilon(figures: pd.DataFrame, events: pd.DataFrame) -> dict[str, Value]:
    said = {key: _figure(figures, figure_id) for key, figure_id in (
        ("ncri_fled", "pmoi-ncri-inmates-fled"), ("ncri_killed", "pmoi-ncri-inmates-killed"),
        ("guards_killed", "pmoi-guards-killed"), ("governor_wards", "pmoi-governor-wards-escaped"),
        ("governor_killed", "pmoi-governor-prisoners-killed"), ("governor_arrested", "pmoi-governor-prisoners-arrested"))}
    return {
        "riot_date": _event_date(events, "parsilon-riot-escape"),
        "unrest_since": _event_date(events, "prison-unrest-since-march"),
        "report_date": _event_date(events, "pmoi-report"),
    } | said


def every_value(figures: pd.DataFrame, events: pd.DataFrame) -> dict[str, Value]:
    """Every value any chapter glues; names are unique across sections."""
    sections = [overcrowding(figures), letters(figures, events), request(figures), deaths(figures),
                parsilon(figures, events)]
    merged: dict[str, Value] = {}
    for section in sections:
        clash = set(merged) & set(section)
        if clash:
            raise ValueError(f"glue names used by two sections: {', '.join(sorted(clash))}")
        merged |= section
    return merged
