"""Every number a chapter's prose shows, computed and formatted here, then glued.

One function per chapter section returns ``{glue_name: text}``; chapters call it and
``glue_all``, so no number in the prose is ever typed by hand.
"""
from __future__ import annotations

import pandas as pd

from . import compute
from .fmt import count, day, decimal, percent, signed_percent, span, stated


def glue_all(values: dict[str, str]) -> None:
    """Glue each value under its name for ``{glue:text}`` roles, without displaying it."""
    from myst_nb import glue

    for name, text in values.items():
        glue(name, text, display=False)


def _words(numbers: list[int]) -> str:
    texts = [str(n) for n in numbers]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]


def overcrowding(figures: pd.DataFrame) -> dict[str, str]:
    table = compute.occupancy_table(figures).set_index("figure_id")
    earlier, later = (table.loc[i] for i in compute.POPULATION_IDS)
    change = compute.population_change(figures)
    ratio = compute.stated_ratio_check(figures)
    releases = compute.releases_relative(figures).set_index("basis")
    return {
        "pop_later": stated(compute.figure(figures, compute.POPULATION_IDS[1])), "pop_later_date": day(later["as_of"]),
        "pop_earlier": stated(compute.figure(figures, compute.POPULATION_IDS[0])), "pop_earlier_date": day(earlier["as_of"]),
        "capacity": count(later["capacity"]),
        "ratio_later": decimal(later["ratio"]), "percent_later": percent(later["percent_of_capacity"]),
        "over_later": count(later["over_capacity"]),
        "ratio_earlier": decimal(earlier["ratio"]), "percent_earlier": percent(earlier["percent_of_capacity"]),
        "over_earlier": count(earlier["over_capacity"]),
        "change": count(abs(change["change"])), "change_percent": signed_percent(change["percent"]),
        "stated_ratio": decimal(ratio["stated"], 1), "computed_ratio": decimal(ratio["computed"]),
        "literal_population": count(ratio["literal_population"]),
        "furloughed": stated(compute.figure(figures, compute.FURLOUGHED_ID)),
        "pardoned": count(compute.value(figures, compute.PARDONED_ID)),
        "released": count(releases["released"].iloc[0]),
        "released_share_later": percent(releases.loc[compute.POPULATION_IDS[1], "released_percent"]),
        "released_share_earlier": percent(releases.loc[compute.POPULATION_IDS[0], "released_percent"]),
        "release_period": day(compute.figure(figures, compute.FURLOUGHED_ID)["as_of"]),
    }


def letters(figures: pd.DataFrame, events: pd.DataFrame) -> dict[str, str]:
    timeline = compute.letter_timeline(events)
    against = compute.claim_against_letters(events)
    return {
        "first_letter": day(timeline["date"].iloc[0]), "latest_letter": day(timeline["date"].iloc[-1]),
        "letters_dated": str(len(timeline)),
        "follow_ups": count(compute.value(figures, "amnesty-follow-up-letters")),
        "reviewed": count(compute.value(figures, "amnesty-letters-reviewed")),
        "days_first_to_latest": str(int(timeline["days_since_first"].iloc[-1])),
        "gaps": _words([int(g) for g in timeline["days_since_previous"].dropna()]),
        "longest_gap": str(int(timeline["days_since_previous"].max())),
        "claim_date": day(events.loc[compute.CLAIM_EVENT_ID, "date"]),
        "claim_after_first": str(int(against["days_before_claim"].iloc[0])),
        "claim_after_request": str(int(against.set_index("event_id").loc[compute.REQUEST_EVENT_ID, "days_before_claim"])),
        "letters_after_claim": str(int((against["days_before_claim"] < 0).sum())),
        "claim_to_latest": str(int(-against["days_before_claim"].iloc[-1])),
    }


def request(figures: pd.DataFrame) -> dict[str, str]:
    per_prisoner = compute.request_per_prisoner(figures)
    headline = compute.headline_basis(figures)
    shortest, longest = compute.request_days(figures)
    chosen = per_prisoner[per_prisoner["basis"] == headline["figure_id"]].set_index("figure_id")
    other = per_prisoner[per_prisoner["basis"] != headline["figure_id"]].set_index("figure_id")
    masks = chosen.loc["amnesty-request-masks"]
    values = {
        "request_date": day(compute.figure(figures, compute.REQUEST_DURATION_ID)["as_of"]),
        "request_months": count(compute.value(figures, compute.REQUEST_DURATION_ID)),
        "days_low": str(shortest), "days_high": str(longest),
        "masks": count(masks["quantity"]),
        "headline_population": count(headline["population"]), "headline_date": day(headline["as_of"]),
        "headline_days_from_request": str(headline["days_from_request"]),
        "other_days_from_request": str(max(headline["distances"].values())),
        "masks_per_prisoner": decimal(masks["per_prisoner"], 1),
        "mask_every_days": span(1 / masks["per_day_high"], 1 / masks["per_day_low"], decimal, digits=1),
    }
    for item_id, key in (("amnesty-request-masks", "masks"), ("amnesty-request-n95-masks", "n95"),
                         ("amnesty-request-latex-gloves", "latex"), ("amnesty-request-plastic-gloves", "plastic"),
                         ("amnesty-request-hand-sanitiser", "sanitiser"), ("amnesty-request-surface-disinfectant", "disinfectant")):
        row, alternative = chosen.loc[item_id], other.loc[item_id]
        digits = 1 if row["share_unit"] == "millilitres" else 3
        values[f"{key}_per_day"] = span(row["per_day_low"], row["per_day_high"], decimal, digits=digits)
        values[f"{key}_per_day_other"] = span(alternative["per_day_low"], alternative["per_day_high"], decimal, digits=digits)
    values["other_population"] = count(other["population"].iloc[0])
    values["other_date"] = day(other["basis_as_of"].iloc[0])
    return values


def deaths(figures: pd.DataFrame) -> dict[str, str]:
    reconciliation = compute.deaths_reconciliation(figures)
    return {
        "deaths_stated": stated(compute.figure(figures, compute.DEATHS_TOTAL_ID)),
        "deaths_listed": count(reconciliation["listed"]), "death_prisons": str(reconciliation["prisons"]),
        "deaths_claimed": count(reconciliation["claimed"]),
        "deaths_consistent": "consistent with" if reconciliation["consistent"] else "inconsistent with",
    }


def parsilon(figures: pd.DataFrame, events: pd.DataFrame) -> dict[str, str]:
    def said(figure_id: str) -> str:
        return stated(compute.figure(figures, figure_id))

    return {
        "riot_date": day(events.loc["parsilon-riot-escape", "date"]),
        "unrest_since": day(events.loc["prison-unrest-since-march", "date"]),
        "report_date": day(events.loc["pmoi-report", "date"]),
        "ncri_fled": said("pmoi-ncri-inmates-fled"), "ncri_killed": said("pmoi-ncri-inmates-killed"),
        "guards_killed": said("pmoi-guards-killed"),
        "governor_wards": said("pmoi-governor-wards-escaped"), "governor_killed": said("pmoi-governor-prisoners-killed"),
        "governor_arrested": said("pmoi-governor-prisoners-arrested"),
    }
