"""Every figure and event id the stories use, typed once.

The ids are published permalinks (``figures.html#<id>``) and never change. Each story lists
the ones it reads; a story refuses to run, naming the id, if the data lacks one, and
``make check`` checks every id here against the data.
"""
from __future__ import annotations

# Overcrowding
POPULATION_2019 = "amnesty-population-2019-07"
POPULATION_2020 = "amnesty-population-2020-06"
POPULATIONS = (POPULATION_2019, POPULATION_2020)  # earlier, later
CAPACITY = "amnesty-capacity"
STATED_RATIO = "amnesty-population-capacity-ratio"
FURLOUGHED = "amnesty-furloughed"
PARDONED = "amnesty-pardoned"

# The letters and the March request
LETTERS_REVIEWED = "amnesty-letters-reviewed"
FOLLOW_UP_LETTERS = "amnesty-follow-up-letters"
REQUEST_DURATION = "amnesty-request-duration"
REQUEST_MASKS = "amnesty-request-masks"
REQUEST_N95_MASKS = "amnesty-request-n95-masks"
REQUEST_LATEX_GLOVES = "amnesty-request-latex-gloves"
REQUEST_PLASTIC_GLOVES = "amnesty-request-plastic-gloves"
REQUEST_HAND_SANITISER = "amnesty-request-hand-sanitiser"
REQUEST_SURFACE_DISINFECTANT = "amnesty-request-surface-disinfectant"
REQUEST_LETTER = "letter-2020-03-25"
LATEST_LETTER = "letter-2020-07-05"
CLAIM_INTERVIEW = "jahangir-interview"
WHO_VISIT = "who-visit-rejected"

# Deaths
DEATHS_TOTAL = "amnesty-suspected-deaths-total"
DEATHS_BY_PRISON_PREFIX = "amnesty-suspected-deaths-"
DEATHS_CLAIMED = "amnesty-jahangir-deaths-claimed"

# Parsilon
NCRI_INMATES_FLED = "pmoi-ncri-inmates-fled"
NCRI_INMATES_KILLED = "pmoi-ncri-inmates-killed"
GUARDS_KILLED = "pmoi-guards-killed"
GOVERNOR_WARDS_ESCAPED = "pmoi-governor-wards-escaped"
GOVERNOR_PRISONERS_KILLED = "pmoi-governor-prisoners-killed"
GOVERNOR_PRISONERS_ARRESTED = "pmoi-governor-prisoners-arrested"
PARSILON_RIOT = "parsilon-riot-escape"
UNREST_SINCE_MARCH = "prison-unrest-since-march"
PMOI_REPORT = "pmoi-report"


def declared() -> dict[str, str]:
    """Every id above by its constant's name (the prefix excepted: it names a family)."""
    return {name: value for name, value in globals().items()
            if name.isupper() and isinstance(value, str) and not name.endswith("_PREFIX")}

# Sources (sources.csv source_id)
AMNESTY_RELEASE = "amnesty-leaked-letters"
PMOI_REPORT_SOURCE = "pmoi-parsilon-escape"
