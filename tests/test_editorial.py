"""Editorial standards that code can enforce: qualifiers carry through to derived numbers, derived
dates are marked wherever shown, opposition organizations are named as such, cross-period shares
are not "equal to", note arithmetic agrees with the figures, and table cells read as numbers."""
from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
from helpers import ROOT, assert_check_fails, edit_cell

from prisons import charts, paths
from prisons.book import cite, site
from prisons.evidence import load_evidence, qualifiers
from prisons.fmt import day
from prisons.stories import every_value, ids, overcrowding, request


@pytest.fixture(scope="module")
def evidence():
    return load_evidence()


# ---------------------------------------------------------------------------- qualifiers


def test_carried_words_follow_the_rule():
    q = qualifiers.QUALIFIERS
    rises, falls = qualifiers.RISES, qualifiers.FALLS
    assert qualifiers.carried([(q["exact"], rises), (q["exact"], falls)]) == ""
    assert qualifiers.carried([(q["approximately"], falls), (q["exact"], rises)]) == "around "
    assert qualifiers.carried([(q["more than"], rises), (q["exact"], falls)]) == "more than "
    assert qualifiers.carried([(q["at least"], falls)]) == "at most "
    with pytest.raises(ValueError):  # a bound that holds one way for one input and the other way for another
        qualifiers.carried([(q["at least"], rises), (q["more than"], falls)])


def test_numbers_from_an_approximate_count_say_around(evidence):
    values = every_value(evidence.figures, evidence.events)
    assert values["ratio_later"].text == "around 2.48"
    assert values["over_later"].text == "around 126,000"
    assert values["released"].text == "around 138,000"  # approximate plus exact is approximate
    assert values["masks_per_day"].text == "around 0.278 to 0.284"
    assert values["ratio_earlier"].text == "2.82"  # the 2019 count is stated exactly
    for name, value in values.items():
        assert value.text.startswith(value.qualifier), name


def test_an_edit_to_a_qualifier_changes_every_derived_number(evidence):
    figures = evidence.figures.copy()
    figures.loc[ids.POPULATION_2019, "qualifier"] = "approximately"
    figures.loc[ids.POPULATION_2020, "qualifier"] = "exact"
    values = every_value(figures, evidence.events)
    assert values["ratio_earlier"].text == "around 2.82"
    assert values["masks_per_day_other"].text.startswith("around ")
    assert values["ratio_later"].text == "2.48"
    assert values["over_share_later"].text == "59.7%"


def test_chart_words_carry_the_qualifier(evidence):
    assert "around 2.48 times" in overcrowding.describe(evidence.figures)
    assert "around 126,000 people over it" in overcrowding.describe(evidence.figures)
    assert "Masks: around 0.278 to 0.284" in request.describe(evidence.figures)
    spec = overcrowding.chart(evidence.figures).to_dict()
    assert "around 2.48 times" in str(spec["title"])


# ---------------------------------------------------------------------------- derived dates


def derived_dates(evidence) -> set[str]:
    """Each derived date as the book writes it, unless some stated date reads the same."""
    figures, events = evidence.figures, evidence.events
    derived = {day(d) for d in figures.loc[figures["date_basis"] == "derived", "as_of"]}
    derived |= {day(d) for d in events.loc[events["date_basis"] == "derived", "date"]}
    stated = {day(d) for d in figures.loc[figures["date_basis"] == "stated", "as_of"]}
    stated |= {day(d) for d in events.loc[events["date_basis"] == "stated", "date"]}
    return derived - stated


def unmarked(text: str, dates: set[str]) -> list[str]:
    """Every occurrence of a derived date not followed by "(inferred from"."""
    return [text[max(m.start() - 60, 0): m.end() + 30] for date in dates
            for m in re.finditer(re.escape(date), text) if not text[m.end():].lstrip().startswith("(inferred from")]


def test_derived_dates_are_marked_in_results_citations_and_chart_words(evidence):
    dates = derived_dates(evidence)
    assert "July 2019" in dates and "19 June 2020" in dates
    values = every_value(evidence.figures, evidence.events)
    texts = [v.text for v in values.values()] + [overcrowding.describe(evidence.figures)]
    record = {"title": "t", "authors": [{"name": "a"}], "date-released": "2026-12-01", "version": "1"}
    sources = evidence.sources
    texts += [cite.figure(record, row, sources.loc[row["source_id"]], "x") for _, row in evidence.figures.iterrows()]
    assert [u for t in texts for u in unmarked(t, dates)] == []


def test_a_derived_date_must_say_what_it_is_inferred_from(data_copy: Path):
    edit_cell(data_copy / "figures.csv", ids.POPULATION_2019, "date_inferred_from", "")
    assert_check_fails(data_copy, "figures.csv", f"row {ids.POPULATION_2019}", "date_inferred_from", "derived")


# ---------------------------------------------------------------------------- notes


def test_wrong_note_arithmetic_is_refused(data_copy: Path):
    edit_cell(data_copy / "figures.csv", ids.STATED_RATIO, "note", "211,000 / 85,000 is 2.50.")
    assert_check_fails(data_copy, "figures.csv", f"row {ids.STATED_RATIO}", "note", "is wrong")


def test_note_arithmetic_on_a_number_no_figure_holds_is_refused(data_copy: Path):
    edit_cell(data_copy / "figures.csv", ids.POPULATION_2020, "value", "212000")
    edit_cell(data_copy / "figures.csv", ids.POPULATION_2020, "number_text", "212,000")
    assert_check_fails(data_copy, "figures.csv", f"row {ids.STATED_RATIO}", "note", "211,000", "not the value of any figure")


# ---------------------------------------------------------------------------- tables


def test_cells_read_as_numbers(evidence):
    cells = [str(cell) for story in (overcrowding, request) for cell in
             charts.data_table(story.chart_data(evidence.figures)).data.split("<td")]
    assert cells and not [c for c in cells if re.search(r"\d\.000\b", c)]
    assert "240,000<" in charts.data_table(overcrowding.chart_data(evidence.figures)).data


# ---------------------------------------------------------------------------- the built pages


def chapter_pages() -> list[Path]:
    """The built chapters, without the pages that only forward a moved address."""
    moved = {Path(old).name for old in site.MOVED_PAGES}
    return [p for p in sorted((paths.HTML / "chapters").glob("*.html")) if p.name not in moved]


def without_history(text: str) -> str:
    """The text without the corrections log's old values, which quote what the book used to say."""
    text = re.sub(r"changed from “[^”]*” to “[^”]*”", "", text)
    return re.split(r"Corrections log\W+A change to a published figure", text)[0]


@cache
def built_pages() -> dict[str, str]:
    """Each built chapter page's visible text (the book is built first, if out of date)."""
    from bs4 import BeautifulSoup

    subprocess.run(["make", "book"], cwd=ROOT, check=True, capture_output=True, timeout=1800)
    pages = {}
    for page in chapter_pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for hidden in soup(["script", "style", "noscript"]):
            hidden.decompose()
        main = soup.find("main") or soup
        pages[page.name] = " ".join(main.get_text(" ").split())
    return pages


@cache
def built_cells() -> list[str]:
    from bs4 import BeautifulSoup

    built_pages()
    return [td.get_text() for page in chapter_pages()
            for td in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("td")]


@pytest.mark.slow
def test_every_page_naming_the_opposition_says_so():
    pages = built_pages()
    assert len(pages) >= 12
    naming = {name: text for name, text in pages.items() if re.search(r"PMOI|MEK|NCRI", text)}
    assert "unrest.html" in naming and "figures.html" in naming
    assert [name for name, text in naming.items() if "opposition" not in text] == []


@pytest.mark.slow
def test_built_pages_mark_every_derived_date(evidence):
    dates = derived_dates(evidence)
    found = {name: unmarked(without_history(text), dates) for name, text in built_pages().items()}
    assert {name: texts for name, texts in found.items() if texts} == {}


@pytest.mark.slow
def test_no_equal_to_for_shares():
    assert [name for name, text in built_pages().items() if "equal to" in text] == []


@pytest.mark.slow
def test_no_table_cell_ends_in_point_zero_zero_zero():
    cells = built_cells()
    assert cells, "no table cells found in the built book"
    assert [c for c in cells if re.search(r"\d\.000\b", c)] == []


@pytest.mark.slow
def test_every_page_shows_the_edition():
    from prisons import report
    from prisons.book import about

    edition = about.edition_text(report.record())
    for page in chapter_pages():
        text = page.read_text(encoding="utf-8")
        assert edition in text, page.name
        assert "Last updated" not in text and "©" not in text, page.name
