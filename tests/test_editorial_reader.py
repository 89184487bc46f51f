"""The second fact-check's rules, held on what a hostile reader reads: the built pages of both
editions (their prose, tables, text alternatives, methods entries, corrections log and the charts'
own words in their static pictures), the charts' credit lines and the data's prose.

1. A count is a count, and a headline ratio carries the furlough caveat.
2. An estimate ranks below the sourced findings, uses the count nearest in time, names its need
   hypothetical, prints its benchmark in the static picture and says "surplus", never "a shortfall of 0".
3. A date derived from "three months" says it is counted from the letter's date.
4. An announcement is not dated as the thing announced.
5. A chart's credit line names every source whose data it plots; each event on it is attributed.
6. "The latest letter" keeps "obtained by Amnesty International".
7. A passage is not said to bear on a claim it does not bear on (only the known case is testable).
8. The report's readings of vague words are marked as its own.
9. No field name, code identifier or tracker reference reaches a reader.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from prisons import charts, explorers, paths
from prisons.book import site, words
from prisons.evidence import load_evidence, schema
from prisons.i18n import tr
from prisons.stories import base, deaths, every_value, letters, overcrowding, parsilon, request, shortfall

EDITIONS = {"en": Path("chapters"), "fa": Path("fa") / "chapters"}


@pytest.fixture(scope="module")
def evidence():
    return load_evidence()


# ---------------------------------------------------------------------------- what a reader reads


def reader_text(page: Path) -> str:
    """A built page's visible text: the article with its charts' static pictures (their SVG words),
    without scripts, styles, the page furniture or the corrections log's old and new values (a
    record of what the book used to say)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for hidden in soup(["script", "style", "noscript"]):
        hidden.decompose()
    main = soup.find("main") or soup
    text = " ".join(main.get_text(" ").split())
    text = re.sub(r"changed from “[^”]*” to “[^”]*”", "", text)  # a figure entry's corrections (English)
    text = re.sub(r"از «[^»]*» به «[^»]*» تغییر کرد", "", text)  # the same, Persian
    return re.split(r"Corrections log\W+A change to a published figure|دفتر اصلاحات\W", text)[0] if \
        page.stem == "figures" else text


def edition_pages(html: Path, lang: str) -> dict[str, str]:
    """Every chapter page of one edition, by name, as a reader reads it."""
    moved = {Path(old).name for old in site.MOVED_PAGES}
    return {p.stem: reader_text(p) for p in sorted((html / EDITIONS[lang]).glob("*.html")) if p.name not in moved}


@cache
def pages(lang: str) -> dict[str, str]:
    return edition_pages(paths.HTML, lang)


@pytest.fixture(scope="module")
def built(book):
    """Both editions' pages, from the session's build."""
    return {lang: pages(lang) for lang in EDITIONS}


def found(texts: dict[str, str], pattern: str, width: int = 70) -> dict[str, list[str]]:
    """Each page's matches of ``pattern`` in their context."""
    hits = {name: [text[max(m.start() - width, 0): m.end() + width] for m in re.finditer(pattern, text)]
            for name, text in texts.items()}
    return {name: h for name, h in hits.items() if h}


# ---------------------------------------------------------------------------- the rules on the built pages


def count_violations(texts: dict[str, str]) -> dict[str, list[str]]:
    """Rule 1: a count held no one ("prisons held", "the prisons still held"; Persian «زندانی داشتند», "had prisoners")."""
    return found(texts, r"(?i)\bprisons (still )?held\b|زندانی داشتند")


def caveat_missing(texts: dict[str, str], ratio: str, caveat: str) -> list[str]:
    """Rule 1: pages showing the headline ratio without the furlough caveat."""
    return [name for name, text in texts.items() if ratio in text and caveat not in text]


def unattached_latest(texts: dict[str, str], lang: str) -> dict[str, list[str]]:
    """Rule 6: "latest" without "obtained by Amnesty International"."""
    if lang == "en":
        # not in an address, nor in an identifier (result-claim-to-latest)
        return found(texts, r"(?i)(?<![/-])\blatest\b(?!-)(?! (letter )?obtained by Amnesty International)")
    # a chart's line may break inside the phrase (a right-to-left mark and a space at the break)
    return found(texts, "آخرین(?!([\u200f\\s]+نامه‌ای)?[\u200f\\s]+که[\u200f\\s]+به[\u200f\\s]+دست[\u200f\\s]+عفو[\u200f\\s]+بین‌الملل[\u200f\\s]+رسیده)")


def unmarked_readings(texts: dict[str, str], lang: str) -> dict[str, list[str]]:
    """Rule 8: a reading of a vague word not marked as the report's, or a claim that every number is stated."""
    if lang == "en":
        return found(texts, r"\(read as\b|\bis read as\b|unless a source states")
    return found(texts, "خوانده‌شده به‌صورت|خوانده شده است|مگر آنکه منبعی آن را بیان کرده باشد")


def internal_names(texts: dict[str, str]) -> dict[str, list[str]]:
    """Rule 9: field names and code identifiers (snake_case words, not file names), tracker references,
    "qualifier:", and code shown as text ("explorers . request_explorer (")."""
    return found(texts, r"\b[a-z0-9]+_[a-z0-9_]+\b(?!\.\w)|\b[Ii]ssue \d+|qualifier:|قید:|\w+ \. \w+ \(", 40)


def zero_shortfalls(texts: dict[str, str]) -> dict[str, list[str]]:
    """Rule 2: a shortfall that is not named hypothetical, or one of 0."""
    return found(texts, r"(?<!hypothetical )\bshortfall of\b|shortfall of (<b>)?0\b")


def unmarked_period_ends(texts: dict[str, str], end: str, marker: str, near: int = 420) -> dict[str, list[str]]:
    """Rule 3: the end of "three months" shown without saying, close by, that it is counted from the letter's date."""
    hits = {name: [text[max(m.start() - 80, 0): m.end() + 40] for m in re.finditer(re.escape(end), text)
                   if marker not in text[max(m.start() - near, 0): m.end() + near]]
            for name, text in texts.items()}
    return {name: h for name, h in hits.items() if h}


def vulnerability_as_bearing(texts: dict[str, str]) -> dict[str, list[str]]:
    """Rule 7, the case the fact-check found: the letter's description of who is in prison
    introduced, in the same sentence, as bearing on a claim."""
    hits = {name: [s for s in re.split(r"(?<=\.)\s", text) if "pre-existing medical problems" in s and "bears on" in s]
            for name, text in texts.items()}
    return {name: h for name, h in hits.items() if h}


@pytest.mark.slow
def test_a_count_is_a_count_on_every_page(built):
    for lang, texts in built.items():
        assert count_violations(texts) == {}, lang


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(EDITIONS))
def test_every_headline_ratio_carries_the_furlough_caveat(built, evidence, lang):
    ratio = every_value(evidence.figures, evidence.events, lang)["ratio_later"].text
    caveat = tr(base.FURLOUGH_CAVEAT, lang).rstrip(".")
    texts = built[lang]
    assert {"index", "overcrowding"} <= {name for name, text in texts.items() if ratio in text}
    assert caveat_missing({n: t for n, t in texts.items() if n in ("index", "overcrowding")}, ratio, caveat) == []
    assert caveat in texts["overcrowding"].split(tr("In words:", lang))[1]  # the chart's words too


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(EDITIONS))
def test_the_front_page_estimate_comes_last_on_the_nearest_count(built, evidence, lang):
    values = every_value(evidence.figures, evidence.events, lang)
    front = built[lang]["index"]
    estimate = front.index(values["mask_coverage_headline"].text)
    for sourced in ("first_letter", "claim_date", "deaths_stated", "ncri_fled"):  # each sourced finding, in order
        assert front.index(values[sourced].text) < estimate, sourced
    assert values["mask_coverage"].text not in front  # no range stretched over both counts
    assert values["headline_population"].text in front[estimate - 400: estimate]
    assert ("hypothetical" if lang == "en" else "فرضی") in front[estimate: estimate + 300]


@pytest.mark.slow
def test_a_need_from_a_benchmark_is_hypothetical_and_never_a_shortfall_of_zero(built):
    assert zero_shortfalls(built["en"]) == {}
    assert "hypothetical need" in built["en"]["shortfall"] and "hypothetical need" in built["en"]["explore"]
    assert "نیاز فرضی" in built["fa"]["shortfall"] and "نیاز فرضی" in built["fa"]["explore"]


def test_the_explorer_says_surplus_where_the_request_covers_the_need():
    for lang, surplus in (("en", "a surplus of"), ("fa", "بیش از آن")):
        covered = explorers.shortfall_words(needed=1_350_000, requested=5_400_000, words="", lang=lang)
        assert surplus in covered and "<b>0</b>" not in covered and "shortfall" not in covered
        short = explorers.shortfall_words(needed=19_000_000, requested=5_400_000, words="", lang=lang)
        assert surplus not in short
    assert "hypothetical shortfall" in explorers.shortfall_words(19_000_000, 5_400_000, "")


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(EDITIONS))
def test_the_static_picture_prints_its_benchmark(book, lang):
    folder = paths.HTML / ("" if lang == "en" else "fa") / "chapters"
    page = BeautifulSoup((folder / "shortfall.html").read_text(encoding="utf-8"), "html.parser")
    picture = page.select_one(f'[data-chart-id="{shortfall.CHART_ID}"] svg')
    words = " ".join(picture.get_text(" ").split())
    expected = "at 1 mask per prisoner a day" if lang == "en" else "با ۱ ماسک برای هر زندانی در روز"
    assert expected in words


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(EDITIONS))
def test_an_end_of_three_months_says_what_it_is_counted_from(built, evidence, lang):
    values = every_value(evidence.figures, evidence.events, lang)
    marker = "letter's date" if lang == "en" else "از تاریخ نامه"
    texts = built[lang]
    assert values["request_end"].text in texts["index"] and values["request_end"].text in texts["shortfall"]
    assert unmarked_period_ends(texts, values["request_end"].text, marker) == {}


@pytest.mark.slow
def test_the_latest_letter_keeps_who_obtained_it(built):
    for lang, texts in built.items():
        assert unattached_latest(texts, lang) == {}, lang


@pytest.mark.slow
def test_the_vulnerable_population_is_not_set_against_the_better_care_claim(built):
    assert vulnerability_as_bearing(built["en"]) == {}


@pytest.mark.slow
def test_readings_of_vague_words_are_the_reports_own(built):
    for lang, texts in built.items():
        assert unmarked_readings(texts, lang) == {}, lang
    assert "this report's reading: 3 or more" in built["en"]["unrest"]
    assert "به خوانش این گزارش: دست‌کم ۳ نفر" in built["fa"]["unrest"]


@pytest.mark.slow
def test_no_internal_names_reach_a_reader(built):
    """The Cite and reuse page documents the downloadable tables, so it names their columns."""
    for lang, texts in built.items():
        assert internal_names({n: t for n, t in texts.items() if n != "reuse"}) == {}, lang


# ---------------------------------------------------------------------------- the data and the charts


def test_an_announcement_is_worded_as_one(evidence):
    """Rule 4: an event the source dates by its announcement says it was announced, in both editions."""
    from prisons.i18n import cell

    announced = evidence.events[evidence.events["quote"].str.contains("announced")]
    assert len(announced) >= 2
    for event_id, row in announced.iterrows():
        assert "announce" in row["what"].lower(), event_id
        assert "اعلام" in cell(row["what"], "fa"), event_id


def test_notes_mark_the_reports_readings(evidence):
    """Rule 8 in the data: a note that reads a vague word says the reading is this report's."""
    notes = evidence.figures["note"]
    assert [n for n in notes if re.search(r"\bis read as\b|^Read ", n)] == []
    vague = evidence.figures[evidence.figures["qualifier"] == "vague"]
    assert all("This report reads" in n for n in vague["note"]), vague["note"].tolist()


def test_corrections_are_logged_in_readers_words(evidence):
    """Rule 9 in the log: no field name or tracker reference in a reason, and the column as words."""
    from prisons.book import reference

    reasons = evidence.corrections["reason"]
    assert [r for r in reasons if re.search(r"\b[a-z]+_[a-z_]+\b|\b[Ii]ssue \d+", r)] == []
    log = reference.corrections_log(evidence.corrections).data
    columns = {c.name for c in schema.TABLES["figures"].columns if c.name != "figure_id"}
    assert set(words.COLUMNS) == columns  # every column has a reader's words
    assert [c for c in columns if c != words.column(c) and f"| {c} |" in log] == []
    assert "| who states it |" in log


CHART_SOURCES = {
    "overcrowding": lambda e: (overcrowding.chart, e.figures, e.figures.loc[overcrowding.chart_data(e.figures)["Figure"]]),
    "request": lambda e: (request.chart, e.figures, e.figures.loc[request.chart_data(e.figures)["Figure"].unique()]),
    "deaths": lambda e: (deaths.chart, e.figures, e.figures.loc[deaths.chart_data(e.figures)["Figure"]]),
    "parsilon": lambda e: (parsilon.chart, e.figures, e.figures.loc[[f for f in parsilon.chart_data(e.figures)["Figure"] if f]]),
    "letters": lambda e: (letters.chart, e.events, e.events.loc[letters.chart_data(e.events)["Event"]]),
}
# Who a plotted row names as telling it, and the words a credit line names them by.
TELLERS = {"Amnesty International": "Amnesty International", "PMOI/MEK": "PMOI/MEK", "NCRI": "NCRI", "Fars": "Fars"}


def credit_line(draw, data) -> str:
    """The source line a story passes to the chart frame."""
    captured = {}
    real = charts.frame

    def frame(chart, **kwargs):
        captured["source"] = kwargs["source"]
        return real(chart, **kwargs)

    charts.frame = frame
    try:
        draw(data)
    finally:
        charts.frame = real
    return captured["source"]


@pytest.mark.parametrize("story", sorted(CHART_SOURCES))
def test_every_chart_credits_every_source_it_plots(evidence, story):
    draw, data, plotted = CHART_SOURCES[story](evidence)
    credit = credit_line(draw, data)
    publishers = evidence.sources.loc[plotted["source_id"].unique(), "publisher"]
    words = " ".join([*publishers, *[str(v) for column in ("stated_by", "actor", "what") if column in plotted
                                     for v in plotted[column]]])
    missing = [name for name, credited in TELLERS.items() if name in words and credited not in credit]
    assert missing == [], credit


def test_every_event_on_the_timeline_says_whose_account_it_is(evidence):
    spec = letters.chart(evidence.events).to_dict()
    rows = max(spec["datasets"].values(), key=len)
    assert len(rows) == len(letters.chart_data(evidence.events))
    # The words drawn (``attributed``); the data table keeps who and whose account in columns of their own.
    assert [r["attributed"] for r in rows if not re.search(r"Amnesty International|PMOI/MEK", r["attributed"])] == []
    persian = max(letters.chart(evidence.events, "fa").to_dict()["datasets"].values(), key=len)
    assert [r["attributed"] for r in persian if not re.search("عفو بین‌الملل|PMOI/MEK", r["attributed"])] == []


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(EDITIONS))
def test_no_page_says_every_number_is_traced_to_a_quote(book, lang):
    """Rule 8 in the front page and every page's footer: the benchmark and the readings of words trace
    to no quote, so only the figures are said to."""
    overclaim = ("Every number is computed from the evidence tables" if lang == "en"
                 else "هر عدد از جدول‌های شواهد")
    said = [p.name for p in sorted((paths.HTML / EDITIONS[lang]).glob("*.html"))
            if overclaim in " ".join(BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").get_text(" ").split())]
    assert said == []


def test_the_timeline_title_counts_the_letters_amnesty_reports(evidence):
    """Rule 6 in the timeline's title: the letters are those Amnesty International reports, not a total."""
    title = str(letters.chart(evidence.events).to_dict()["title"]["text"])
    assert "Amnesty International reports" in title and "wrote" not in title
