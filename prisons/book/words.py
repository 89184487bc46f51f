"""A reader's words for the data's internal names: the corrections log says what changed ("who
states it"), not the field (``stated_by``); a figure's entry says how the source states the number
("an exact number"), not the qualifier's code."""
from __future__ import annotations

from ..fmt import ENGLISH
from ..i18n import tr

COLUMNS = {"source_id": "source", "value": "value", "value_low": "lower bound", "value_high": "upper bound",
           "unit": "unit", "qualifier": "how the source states the number", "what": "what it counts",
           "as_of": "date", "date_text": "date as the source words it", "date_basis": "whether the date is stated or inferred",
           "date_inferred_from": "what the date is inferred from", "place": "place", "stated_by": "who states it",
           "number_text": "the words that state the number", "quote": "quote", "note": "note"}
QUALIFIERS = {"exact": "an exact number", "approximately": "an approximate number",
              "at least": "a lower bound (at least)", "more than": "a lower bound (more than)", "range": "a range",
              "vague": "words, not a number: the value shown is this report's reading of them"}


def column(name: str, lang: str = ENGLISH) -> str:
    """A figures.csv column as a reader reads it (a name the data dictionary does not know is shown as given)."""
    return tr(COLUMNS[name], lang) if name in COLUMNS else name


def qualifier(name: str, lang: str = ENGLISH) -> str:
    """How the source states a number, in a reader's words."""
    return tr(QUALIFIERS[name], lang)
