"""The charts' design, read from their Vega-Lite specs: they fit the column, carry their source
line and stable id, keep units apart, draw small counts on a linear scale, and their CSV is
what they draw."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from prisons import charts
from prisons.evidence import load_evidence
from prisons.stories import deaths, letters, overcrowding, parsilon, shortfall
from prisons.stories import request as march_request

EXPECTED_IDS = {overcrowding: "overcrowding-occupancy", letters: "letters-timeline",
                march_request: "request-per-prisoner", deaths: "deaths-by-prison", parsilon: "parsilon-accounts",
                shortfall: "shortfall-benchmark"}


@pytest.fixture(scope="module")
def data():
    return load_evidence()


def story_input(story, data):
    return data.events if story is letters else data.figures


@pytest.fixture(scope="module", params=list(EXPECTED_IDS), ids=lambda s: s.__name__.rsplit(".", 1)[-1])
def drawn(request, data):
    story = request.param
    spec = story.chart(story_input(story, data)).to_dict()
    return story, spec, story.chart_data(story_input(story, data))


def walk(node):
    """Every dict in a spec, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def test_every_chart_has_its_stable_id(drawn):
    story, spec, frame = drawn
    assert spec["usermeta"] == {"chart_id": EXPECTED_IDS[story], "columns": list(frame.columns)}


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_csv_holds_the_rows_the_chart_draws_under_a_header_a_reader_reads(drawn, data, lang):
    """The book's own charts (each a layer of several datasets): the CSV is the chart's data table,
    every row, under the column names the table beside the chart shows, in the edition's language."""
    from prisons.book import chart_files
    from prisons.i18n import tr

    story = drawn[0]
    spec, frame = story.chart(story_input(story, data), lang=lang).to_dict(), story.chart_data(story_input(story, data), lang=lang)
    back = pd.read_csv(io.StringIO(chart_files.csv_text(chart_files.drawn_rows(spec), lang)), keep_default_na=False)
    assert list(back.columns) == [tr(column, lang) for column in frame.columns]
    assert len(back) == len(frame) > 0
    first = [str(v) for v in frame.iloc[0] if isinstance(v, str) and v]
    assert first and all(v in back.astype(str).iloc[0].tolist() for v in first)


def test_every_chart_is_as_wide_as_its_container(drawn):
    _, spec, _ = drawn
    assert spec["width"] == "container"
    assert spec["autosize"]["type"] == "fit-x"


def test_title_lines_fit_a_phone(drawn):
    """The title's phone wrapping (the first branch of its expression) keeps every line short."""
    _, spec, _ = drawn
    narrow = json.loads(spec["title"]["text"]["expr"].split(" ? ", 1)[1].split(" : ", 1)[0])
    assert narrow and all(len(line) <= charts.LINE_CHARS["title"][0] for line in narrow)
    assert all(len(line) <= charts.SUBTITLE_CHARS for line in spec["title"]["subtitle"])


def test_source_line_licence_and_report_are_inside_the_chart(drawn):
    _, spec, _ = drawn
    footer = " ".join(json.dumps(d["text"]) for d in walk(spec) if d.get("type") == "text" and isinstance(d.get("text"), dict))
    assert "Figures: " in footer and "CC BY 4.0" in footer and "COVID-19 in Iran's prisons, 2020" in footer


def test_no_text_smaller_than_eleven_px(drawn):
    _, spec, _ = drawn
    sizes = [v for d in walk(spec) for k, v in d.items() if k.lower().endswith("fontsize") and isinstance(v, (int, float))]
    assert sizes and min(sizes) >= charts.SMALLEST_TEXT


def test_no_log_scale_anywhere(drawn):
    """Counts of one to three (Parsilon) and per-unit shares (the request) are linear."""
    _, spec, _ = drawn
    assert not [d for d in walk(spec) if d.get("type") in ("log", "symlog")]


def test_background_follows_the_page(drawn):
    """Transparent, so the theme's dark mode shows through (reader.css recolours the words)."""
    assert charts._theme()["config"]["background"] is None


def test_data_columns_name_their_units(drawn):
    story, _, frame = drawn
    numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
    assert all("(" in c and c.endswith(")") for c in numeric), numeric


def test_csv_text_round_trips_what_the_chart_draws(drawn):
    _, _, frame = drawn
    text = charts.csv_text(frame)
    assert text.splitlines()[0] == ",".join(f'"{c}"' if "," in c else c for c in frame.columns)
    back = pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])
    assert len(back) == len(frame)


def test_request_chart_puts_no_two_units_on_one_scale(data):
    """Each unit is its own group, drawn from zero to its own largest share; no axis is drawn."""
    spec = march_request.chart(data.figures).to_dict()
    groups = [d for d in walk(spec) if d.get("joinaggregate")]
    assert groups and all(g["groupby"] == ["Share unit"] for g in groups)
    assert all(d.get("axis", None) is None for d in walk(spec) if d.get("field") in ("low_share", "track_start"))


def test_request_data_hand_checked(data):
    """5,400,000 masks / 211,000 prisoners / 92 days = 0.2782 masks a day (by hand)."""
    frame = march_request.chart_data(data.figures)
    masks = frame[(frame["Item"] == "Masks") & (frame["Population count (prisoners)"] == 211000)].iloc[0]
    assert masks["Per prisoner per day, lowest (share unit)"] == pytest.approx(5_400_000 / 211_000 / 92)
    assert masks["Per prisoner per day, highest (share unit)"] == pytest.approx(5_400_000 / 211_000 / 90)


def test_parsilon_says_where_an_account_gives_no_number(data):
    frame = parsilon.chart_data(data.figures)
    silent = frame[frame["Figure"] == ""]
    # each says what the account does instead of giving a number (the governor does not mention guards)
    assert len(silent) == 2 and set(silent["Shown as"]) == {
        said for _, governor, opposition in parsilon.ACCOUNTS for said in (governor, opposition) if said not in parsilon.FIGURES}
    wards = frame[frame["Shown as"].str.contains("ward")]
    assert wards["Lowest (people)"].isna().all()  # wards are not people: not drawn


def test_parsilon_ranges_hold_the_stated_bounds(data):
    frame = parsilon.chart_data(data.figures).set_index("Figure")
    assert (frame.loc["pmoi-guards-killed", "Lowest (people)"], frame.loc["pmoi-guards-killed", "Highest (people)"]) == (2, 3)
    assert pd.isna(frame.loc["pmoi-ncri-inmates-killed", "Highest (people)"])  # "several": no upper bound


def test_timeline_labels_every_event_and_marks_the_claim(data):
    frame = letters.chart_data(data.events)
    assert frame["Placed at (middle of its period)"].is_monotonic_increasing
    assert (frame["Kind"] == letters.CLAIM).sum() == 1
    assert (frame["Kind"] == letters.LETTER_KIND).sum() == 5
    assert frame["What"].str.len().gt(0).all()
    spec = letters.chart(data.events).to_dict()
    assert not [d for d in walk(spec) if "tooltip" in d]  # labelled, not hover-only


def test_overcrowding_title_carries_around(data):
    spec = overcrowding.chart(data.figures).to_dict()
    assert "around 2.48 times" in spec["title"]["text"]["expr"]


def test_data_table_has_no_style_element_and_labels_its_cells(data):
    html = charts.data_table(deaths.chart_data(data.figures)).data
    assert "<style" not in html and 'data-label="Suspected deaths (people)"' in html
