"""Pure computations on the validated tables: ratios, per-prisoner estimates, date spans.

Figures are reached by their stable ``figure_id`` (the ids are permalinks and never
change). Ranges stay as low and high; nothing here collapses a range to one number.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from dateutil.relativedelta import relativedelta

from .fmt import day
from .load import parse_iso

POPULATION_IDS = ("amnesty-population-2019-07", "amnesty-population-2020-06")
CAPACITY_ID = "amnesty-capacity"
STATED_RATIO_ID = "amnesty-population-capacity-ratio"
FURLOUGHED_ID = "amnesty-furloughed"
PARDONED_ID = "amnesty-pardoned"
REQUEST_DURATION_ID = "amnesty-request-duration"
DEATHS_TOTAL_ID = "amnesty-suspected-deaths-total"
DEATHS_BY_PRISON_PREFIX = "amnesty-suspected-deaths-"
DEATHS_CLAIMED_ID = "amnesty-jahangir-deaths-claimed"
CLAIM_EVENT_ID = "jahangir-interview"
REQUEST_EVENT_ID = "letter-2020-03-25"

# The consumables in the 25 March 2020 request, with how to express one prisoner's share.
CONSUMABLES = {
    "amnesty-request-masks": ("Masks", "masks", 1.0),
    "amnesty-request-n95-masks": ("N95 masks", "N95 masks", 1.0),
    "amnesty-request-latex-gloves": ("Latex gloves", "gloves", 1.0),
    "amnesty-request-plastic-gloves": ("Plastic gloves", "gloves", 1.0),
    "amnesty-request-hand-sanitiser": ("Hand sanitiser", "millilitres", 1000.0),
    "amnesty-request-surface-disinfectant": ("Surface disinfectant", "millilitres", 1000.0),
}

# "Three months" counted as three 30-day months at the shortest.
SHORTEST_MONTH_DAYS = 30


@dataclass(frozen=True)
class Occupancy:
    """A population against a capacity: as a multiple, a percentage, and people over."""

    population: float
    capacity: float

    @property
    def ratio(self) -> float:
        return self.population / self.capacity

    @property
    def percent(self) -> float:
        return 100 * self.ratio

    @property
    def over_capacity(self) -> float:
        return self.population - self.capacity


def figure(figures: pd.DataFrame, figure_id: str) -> pd.Series:
    """One figure's row; a KeyError names the missing id."""
    if figure_id not in figures.index:
        raise KeyError(f"figure {figure_id!r} is not in data/figures.csv")
    return figures.loc[figure_id]


def value(figures: pd.DataFrame, figure_id: str) -> float:
    return float(figure(figures, figure_id)["value"])


def period_midpoint(iso: str) -> date:
    """Middle day of an ISO date or period, for comparing how far apart figures are."""
    start, end = parse_iso(iso)
    return start + (end - start) / 2


# ---------------------------------------------------------------------------- overcrowding


def occupancy_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Each dated population against the declared capacity, with a caveat where they differ in date."""
    capacity = figure(figures, CAPACITY_ID)
    rows = []
    for population_id in POPULATION_IDS:
        population = figure(figures, population_id)
        result = Occupancy(float(population["value"]), float(capacity["value"]))
        caveats = []
        if population["qualifier"] == "approximately":
            caveats.append("the population is approximate (\"around\")")
        if not capacity["as_of"]:
            caveats.append("the capacity has no date of its own; the source states it beside the 13 June 2020 count"
                           if population["as_of"] == "2020-06-13" else
                           "the capacity is stated in 2020 and has no date of its own; this count is from " + day(population["as_of"]))
        rows.append({
            "figure_id": population_id, "as_of": population["as_of"], "population": result.population,
            "capacity": result.capacity, "ratio": result.ratio, "percent_of_capacity": result.percent,
            "over_capacity": result.over_capacity, "caveat": "; ".join(caveats),
        })
    return pd.DataFrame(rows)


def population_change(figures: pd.DataFrame) -> dict[str, float]:
    """Change from the earlier to the later official population count."""
    earlier, later = (value(figures, i) for i in POPULATION_IDS)
    return {"earlier": earlier, "later": later, "change": later - earlier,
            "percent": 100 * (later - earlier) / earlier}


def stated_ratio_check(figures: pd.DataFrame) -> dict[str, float]:
    """Test the source's "two and half times more than" against its own two figures.

    Read as "times as many", the stated multiple should match population / capacity;
    read literally ("more than" on top of the capacity) it would imply capacity * (1 + multiple).
    """
    population, capacity = value(figures, POPULATION_IDS[1]), value(figures, CAPACITY_ID)
    stated = value(figures, STATED_RATIO_ID)
    return {"stated": stated, "computed": population / capacity,
            "difference": population / capacity - stated,
            "literal_population": capacity * (1 + stated), "population": population}


def releases_relative(figures: pd.DataFrame) -> pd.DataFrame:
    """Furloughs and pardons as a share of each official population count."""
    furloughed, pardoned = value(figures, FURLOUGHED_ID), value(figures, PARDONED_ID)
    rows = []
    for population_id in POPULATION_IDS:
        population = value(figures, population_id)
        rows.append({"basis": population_id, "as_of": figure(figures, population_id)["as_of"],
                     "population": population, "furloughed": furloughed, "pardoned": pardoned,
                     "released": furloughed + pardoned,
                     "furloughed_percent": 100 * furloughed / population,
                     "released_percent": 100 * (furloughed + pardoned) / population})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------- the March request


def months_in_days(start: date, months: int) -> tuple[int, int]:
    """Shortest and longest reading of "N months" from ``start``, in days.

    One reading counts 30-day months, the other calendar months from the start date;
    whichever is shorter is the low end.
    """
    calendar = (start + relativedelta(months=months) - start).days
    return min(SHORTEST_MONTH_DAYS * months, calendar), max(SHORTEST_MONTH_DAYS * months, calendar)


def request_days(figures: pd.DataFrame) -> tuple[int, int]:
    """The 25 March 2020 letter's "three months", as a range of days."""
    duration = figure(figures, REQUEST_DURATION_ID)
    return months_in_days(parse_iso(duration["as_of"])[0], int(duration["value"]))


def per_prisoner_per_day(quantity: float, population: float, days: float) -> float:
    """One prisoner's daily share of a quantity meant to last ``days``."""
    if population <= 0 or days <= 0:
        raise ValueError("population and days must be positive")
    return quantity / population / days


def request_per_prisoner(figures: pd.DataFrame) -> pd.DataFrame:
    """Each consumable per prisoner per day, for each population basis, low to high over the days range."""
    shortest, longest = request_days(figures)
    rows = []
    for item_id, (label, share_unit, scale) in CONSUMABLES.items():
        quantity = value(figures, item_id)
        for population_id in POPULATION_IDS:
            population = value(figures, population_id)
            rows.append({
                "figure_id": item_id, "item": label, "quantity": quantity,
                "unit": figure(figures, item_id)["unit"], "share_unit": share_unit,
                "basis": population_id, "basis_as_of": figure(figures, population_id)["as_of"],
                "population": population,
                "per_prisoner": quantity * scale / population,
                "per_day_low": per_prisoner_per_day(quantity * scale, population, longest),
                "per_day_high": per_prisoner_per_day(quantity * scale, population, shortest),
                "days_low": shortest, "days_high": longest,
            })
    return pd.DataFrame(rows)


def headline_basis(figures: pd.DataFrame) -> dict[str, object]:
    """The population count nearest in time to the request, which the headline uses."""
    request_date = parse_iso(figure(figures, REQUEST_DURATION_ID)["as_of"])[0]
    distances = {pid: abs((period_midpoint(figure(figures, pid)["as_of"]) - request_date).days) for pid in POPULATION_IDS}
    chosen = min(distances, key=distances.get)
    return {"figure_id": chosen, "population": value(figures, chosen), "days_from_request": distances[chosen],
            "as_of": figure(figures, chosen)["as_of"], "distances": distances}


# ---------------------------------------------------------------------------- letters and claims


def days_between(earlier: str, later: str) -> int:
    """Days from one ISO day to another."""
    return (parse_iso(later)[0] - parse_iso(earlier)[0]).days


def letter_timeline(events: pd.DataFrame) -> pd.DataFrame:
    """The letters in date order, with days since the previous and since the first."""
    letters = events[events["kind"] == "letter"].sort_values("date")
    first = letters["date"].iloc[0]
    days_since_first = [days_between(first, d) for d in letters["date"]]
    return pd.DataFrame({
        "event_id": letters.index, "date": letters["date"].to_numpy(), "what": letters["what"].to_numpy(),
        "days_since_previous": [None] + [b - a for a, b in zip(days_since_first, days_since_first[1:])],
        "days_since_first": days_since_first,
    })


def claim_against_letters(events: pd.DataFrame, claim_event_id: str = CLAIM_EVENT_ID) -> pd.DataFrame:
    """Days from each letter to a public claim: positive when the letter came first."""
    claim_date = events.loc[claim_event_id, "date"]
    letters = letter_timeline(events)
    return pd.DataFrame({"event_id": letters["event_id"], "date": letters["date"],
                         "days_before_claim": [days_between(d, claim_date) for d in letters["date"]]})


# ---------------------------------------------------------------------------- deaths and Parsilon


def suspected_deaths(figures: pd.DataFrame) -> pd.DataFrame:
    """Suspected deaths listed by prison, largest first."""
    rows = figures[figures.index.str.startswith(DEATHS_BY_PRISON_PREFIX) & (figures.index != DEATHS_TOTAL_ID)]
    return (pd.DataFrame({"figure_id": rows.index, "prison": rows["place"].to_numpy(), "deaths": rows["value"].to_numpy()})
            .sort_values(["deaths", "prison"], ascending=[False, True]).reset_index(drop=True))


def deaths_reconciliation(figures: pd.DataFrame) -> dict[str, object]:
    """The per-prison list against the stated overall figure ("more than 20")."""
    listed = float(suspected_deaths(figures)["deaths"].sum())
    total = figure(figures, DEATHS_TOTAL_ID)
    bound = float(total["value"])
    consistent = listed > bound if total["qualifier"] == "more than" else listed >= bound
    return {"listed": listed, "stated": bound, "qualifier": total["qualifier"], "consistent": consistent,
            "prisons": len(suspected_deaths(figures)), "claimed": value(figures, DEATHS_CLAIMED_ID)}


PARSILON_ACCOUNTS = (
    ("Inmates who fled", "pmoi-governor-wards-escaped", "pmoi-ncri-inmates-fled"),
    ("Inmates killed", "pmoi-governor-prisoners-killed", "pmoi-ncri-inmates-killed"),
    ("Inmates arrested", "pmoi-governor-prisoners-arrested", None),
    ("Guards killed", None, "pmoi-guards-killed"),
)


def parsilon_accounts(figures: pd.DataFrame) -> pd.DataFrame:
    """The governor's and the opposition's numbers for the Parsilon escape, side by side."""
    rows = []
    for measure, governor_id, opposition_id in PARSILON_ACCOUNTS:
        for account, figure_id in (("Governor of Khorramabad", governor_id), ("PMOI/MEK and NCRI (opposition)", opposition_id)):
            if figure_id is None:
                rows.append({"measure": measure, "account": account, "figure_id": "", "low": None, "high": None,
                             "stated_by": "", "unit": "", "number_text": "", "quote": "not stated"})
                continue
            row = figure(figures, figure_id)
            low, high = bounds(row) if row["unit"] != "wards" else (None, None)
            rows.append({"measure": measure, "account": account, "figure_id": figure_id, "low": low, "high": high,
                         "stated_by": row["stated_by"], "unit": row["unit"], "number_text": row["number_text"],
                         "quote": row["quote"]})
    return pd.DataFrame(rows)


def bounds(row: pd.Series) -> tuple[float, float | None]:
    """A figure as low and high: equal for a single value, high None where open above."""
    if pd.notna(row["value"]) and row["qualifier"] not in ("at least", "more than"):
        return float(row["value"]), float(row["value"])
    low = float(row["value_low"])
    return low, (float(row["value_high"]) if pd.notna(row["value_high"]) else None)
