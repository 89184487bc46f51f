"""Unit tests of what a chart cell outputs (prisons.chart_output) and the chart files the book
writes (prisons.book.chart_files): inert output, stable names, static pictures that scale, CSVs
no spreadsheet runs. The browser tests are in test_charts_offline.py."""
from __future__ import annotations

import functools
import json
import re
import struct

import altair as alt
import pandas as pd
import pytest
from docutils import nodes

from prisons import chart_output, charts  # noqa: F401 - charts registers the house theme and renderer
from prisons.book import chart_files, site, vendor

HOSTILE = "</script><script>alert(1)</script> & <img src=x onerror=alert(2)>"


@functools.cache
def hostile_html(width="container") -> str:
    return chart_output.chart_html(hostile_spec(width))["text/html"]


def hostile_spec(width="container") -> dict:
    data = pd.DataFrame({"label": ["hostile", "plain"], "what": [HOSTILE, "plain"], "n": [2, 1]})
    chart = alt.Chart(data).mark_bar().encode(x="n:Q", y="label:N", tooltip=["what:N"])
    return chart.properties(width=width, title=HOSTILE, usermeta={"chart_id": "hostile-test"}).to_dict()


def test_spec_block_escapes_markup_and_round_trips():
    spec = hostile_spec()
    block = chart_output.spec_block(spec)
    body = block.removeprefix('<script type="application/json" class="prisons-chart-spec">').removesuffix("</script>")
    assert not set("<>&") & set(body)
    assert "\\u003c/script\\u003e" in body
    picture = '<svg xmlns="http://www.w3.org/2000/svg"></svg>'
    narrow = picture.replace("<svg ", '<svg class="narrow" ')
    html = (f'<p>before</p><div class="prisons-chart-static" data-layout="narrow">{narrow}</div>\n'
            f'<div class="prisons-chart-static" data-layout="wide">{picture}</div>\n{block}<p>after</p>')
    assert chart_output.charts_in(html) == [(json.loads(json.dumps(spec)), picture)]  # the wide one: the downloads'



def test_chart_output_has_no_script_that_runs():
    html = hostile_html()
    scripts = re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE)
    assert scripts == ['<script type="application/json" class="prisons-chart-spec">']
    assert html.count("</script>") == 1  # the hostile text's own </script> is escaped everywhere
    assert 'data-chart-id="hostile-test"' in html and 'data-state="static"' in html
    assert f'data-bundle="{vendor.BUNDLE_PATH}"' in html


def test_the_persian_pages_share_the_english_sites_bundle():
    """One copy, one cache entry: the Persian edition (the site's fa/) links the English one's."""
    assert vendor.bundle_address("en") == vendor.BUNDLE_PATH
    assert vendor.bundle_address("fa") == "../" + vendor.BUNDLE_PATH
    spec = hostile_spec() | {"usermeta": {"chart_id": "hostile-test", "lang": "fa"}}
    assert f'data-bundle="../{vendor.BUNDLE_PATH}"' in chart_output.chart_html(spec)["text/html"]


def test_each_chart_is_drawn_for_a_phone_and_for_a_wider_column():
    html = hostile_html()
    widths = re.findall(r'<div class="prisons-chart-static" data-layout="(\w+)"><svg [^>]*width="(\d+)"', html)
    assert widths == [("narrow", str(chart_output.NARROW_STATIC_WIDTH)), ("wide", str(chart_output.STATIC_WIDTH))]


def test_the_interactive_chart_waits_for_the_readers_button_in_the_readers_language():
    assert '<button type="button" class="prisons-chart-open" hidden>Open the interactive chart</button>' in hostile_html()
    spec = hostile_spec() | {"usermeta": {"chart_id": "hostile-test", "lang": "fa"}}
    assert ">باز کردن نمودار تعاملی</button>" in chart_output.chart_html(spec)["text/html"]


def test_chart_output_links_its_downloads_by_chart_id():
    html = hostile_html()
    links = re.findall(r'<a href="([^"]+)" download>([^<]+)</a>', html)
    assert links == [("../charts/hostile-test.png", "PNG"), ("../charts/hostile-test.svg", "SVG"),
                     ("../charts/hostile-test.csv", "Data (CSV)")]
    assert site.chart_file_from_chapter("a.png") == "../charts/a.png"


def test_chart_id_from_usermeta_else_from_content():
    assert chart_output.chart_id({"usermeta": {"chart_id": "deaths-by-prison"}}) == "deaths-by-prison"
    made = chart_output.chart_id({"mark": "bar"})
    assert re.fullmatch(r"chart-[0-9a-f]{12}", made) and made == chart_output.chart_id({"mark": "bar"})
    assert made != chart_output.chart_id({"mark": "point"})
    for bad in ("../up", "Deaths", "a b", "a--b", "", 7):
        with pytest.raises(ValueError, match="chart_id"):
            chart_output.chart_id({"usermeta": {"chart_id": bad}})


def test_container_width_is_drawn_at_the_static_width():
    assert chart_output.at_fixed_width({"width": "container", "mark": "bar"}) == {
        "width": 640, "mark": "bar", "autosize": {"type": "fit-x", "contains": "padding"}}
    fixed = {"width": 300, "mark": "bar"}
    assert chart_output.at_fixed_width(fixed) is fixed


def test_static_svg_scales_from_a_viewbox_at_640_wide():
    svg = chart_output.svg(hostile_spec())
    opening = re.match(r"<svg [^>]*>", svg).group(0)
    assert 'width="640"' in opening and re.search(r'viewBox="0 0 640 \d+"', opening)
    assert "&lt;/script&gt;" in svg and "</script>" not in svg


@pytest.mark.parametrize("picture", [
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="https://x.example/"><text>x</text></a></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><rect href="x"/></svg>',
])
def test_a_picture_that_could_run_link_or_load_is_refused(picture):
    with pytest.raises(chart_output.UnsafePicture):
        chart_output.check_inert(picture)


def test_a_plain_picture_passes():
    picture = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><g><rect width="1" height="1"/><text>a &lt;b&gt;</text></g></svg>'
    assert chart_output.check_inert(picture) == picture


def test_a_chart_with_links_fails_rather_than_shipping_them():
    chart = alt.Chart(pd.DataFrame({"n": [1], "u": ["https://x.example/"]})).mark_bar().encode(x="n:Q", href="u:N")
    with pytest.raises(chart_output.UnsafePicture):
        chart_output.svg(chart.to_dict())


def test_csv_columns_in_order_and_no_formula_runs():
    rows = [{"name": "=HYPERLINK(\"x\")", "n": 1}, {"name": "plain", "n": -2, "note": "+1"}, {"name": "@SUM", "n": 3}]
    assert chart_files.csv_text(rows) == ("name,n,note\n"
                                          "\"'=HYPERLINK(\"\"x\"\")\",1,\n"
                                          "plain,-2,'+1\n"
                                          "'@SUM,3,\n")


def test_drawn_rows_are_the_top_level_dataset_else_the_only_one():
    named = {"data": {"name": "a"}, "datasets": {"a": [{"x": 1}], "b": [{"x": 2}]}}
    assert chart_files.drawn_rows(named) == [{"x": 1}]
    assert chart_files.drawn_rows({"datasets": {"only": [{"x": 3}]}}) == [{"x": 3}]
    assert chart_files.drawn_rows(hostile_spec()) == [{"label": "hostile", "what": HOSTILE, "n": 2},
                                                        {"label": "plain", "what": "plain", "n": 1}]


def _page(*htmls):
    """A doctree as myst-nb leaves it: each cell output a raw HTML node."""
    page = nodes.section()
    for html in htmls:
        page += nodes.container("", nodes.raw("", html, format="html"))
    return page


def test_book_charts_from_each_page_doctree():
    spec, html = hostile_spec(), hostile_html()
    by_page = {"chapters/one": chart_files.doctree_charts(_page(html)),
               "chapters/two": chart_files.doctree_charts(_page(html, "<p>no chart</p>", "")),
               "chapters/gone": chart_files.doctree_charts(_page(html.replace("hostile-test", "withdrawn")))}
    assert chart_files.doctree_charts(_page(html, html)) == [(spec, chart_output.svg(spec))] * 2
    found = chart_files.book_charts(by_page, {"chapters/one", "chapters/two", "chapters/absent"})
    assert list(found) == ["hostile-test"]
    assert found["hostile-test"] == (json.loads(json.dumps(spec)), chart_output.svg(spec))


def test_two_charts_with_one_id_are_refused():
    by_page = {"a": chart_files.doctree_charts(_page(hostile_html())),
               "b": chart_files.doctree_charts(_page(hostile_html(width=300)))}
    with pytest.raises(chart_files.ChartIdClash, match="hostile-test"):
        chart_files.book_charts(by_page, {"a", "b"})


def test_chart_files_png_twice_the_svg_redrawn_when_the_svg_changes_stale_files_removed(tmp_path):
    folder = tmp_path / site.CHARTS_DIR
    folder.mkdir()
    (folder / "withdrawn.png").write_bytes(b"old")
    chart_files.write(tmp_path, chart_files.book_charts({"page": chart_files.doctree_charts(_page(hostile_html()))}, {"page"}))
    assert sorted(p.name for p in folder.iterdir()) == ["hostile-test.csv", "hostile-test.png", "hostile-test.svg"]
    png = (folder / "hostile-test.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    svg_size = re.search(r'width="(\d+)" height="(\d+)"', (folder / "hostile-test.svg").read_text()).groups()
    assert (width, height) == (2 * int(svg_size[0]), 2 * int(svg_size[1]))
    assert (folder / "hostile-test.csv").read_text().splitlines()[:2] == ["label,what,n", f"hostile,{HOSTILE},2"]
    assert png[25] == 3  # a palette
    (folder / "hostile-test.png").write_bytes(png + b"drawn from this very SVG")
    chart_files.write(tmp_path, chart_files.book_charts({"page": chart_files.doctree_charts(_page(hostile_html()))}, {"page"}))
    assert (folder / "hostile-test.png").read_bytes() == png + b"drawn from this very SVG"
    unquantized = chart_output.vl_convert.svg_to_png((folder / "hostile-test.svg").read_text(), scale=2)
    (folder / "hostile-test.png").write_bytes(unquantized)  # a build's leftover from before the palette
    chart_files.write(tmp_path, chart_files.book_charts({"page": chart_files.doctree_charts(_page(hostile_html()))}, {"page"}))
    assert (folder / "hostile-test.png").read_bytes() == png
    (folder / "hostile-test.svg").write_text("<svg/>")
    chart_files.write(tmp_path, chart_files.book_charts({"page": chart_files.doctree_charts(_page(hostile_html()))}, {"page"}))
    assert (folder / "hostile-test.png").read_bytes() == png


def test_bundle_is_a_classic_script_in_its_own_scope():
    assert vendor.classic_script("const t = 1;") == '(function () {\n"use strict";\nconst t = 1;\n})();\n'


def test_a_control_character_in_a_chart_cannot_abort_the_build():
    """vl-convert aborts the whole process on a character XML forbids; the renderer shows it as U+FFFD."""
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "usermeta": {"chart_id": "nul-test"},
            "data": {"values": [{"a": "nul\x00here", "b": 1}]}, "mark": "bar", "title": "t\x01\x1b",
            "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}}}
    html = chart_output.chart_html(spec)["text/html"]
    assert "\x00" not in html and "\x01" not in html and "nul\ufffdhere" in html


PERSIAN_PICTURE = ('<svg xmlns="http://www.w3.org/2000/svg"><text text-anchor="end" transform="translate(0,12)">'
                   '<tspan>۱۳ ژوئن:</tspan><tspan x="0" dy="17">دوم.</tspan></text>'
                   '<text transform="translate(3,4)">English: 13.</text>'
                   '<text transform="translate(3,4) rotate(-90)"><tspan>الف</tspan><tspan x="0" dy="5">b</tspan></text></svg>')


def test_persian_lines_are_marked_right_to_left():
    rlm = chart_output.RIGHT_TO_LEFT_MARK
    marked = chart_output.right_to_left(PERSIAN_PICTURE)
    assert f'<tspan>{rlm}۱۳ ژوئن:{rlm}</tspan><tspan x="0" dy="17">{rlm}دوم.{rlm}</tspan>' in marked
    assert '<text transform="translate(3,4)">English: 13.</text>' in marked
    assert f'<tspan>{rlm}الف{rlm}</tspan><tspan x="0" dy="5">b</tspan>' in marked


def test_for_the_png_a_persian_text_of_several_lines_is_a_text_a_line():
    split = chart_output.one_text_per_line(PERSIAN_PICTURE)
    assert ('<text text-anchor="end" transform="translate(0,12)">۱۳ ژوئن:</text>'
            '<text text-anchor="end" transform="translate(0,29)">دوم.</text>') in split
    assert '<tspan>الف</tspan><tspan x="0" dy="5">b</tspan>' in split  # rotated: kept whole
    english = '<svg><text transform="translate(0,1)"><tspan>a</tspan><tspan x="0" dy="5">b</tspan></text></svg>'
    assert chart_output.one_text_per_line(english) == english


def test_every_persian_chart_has_its_lines_marked_and_english_ones_are_untouched():
    from prisons import stories
    from prisons.evidence import load_evidence

    evidence = load_evidence()
    for story in stories.STORIES:
        table = getattr(evidence, story.chart.__code__.co_varnames[0])
        persian = chart_output.svg(story.chart(table, "fa").to_dict())
        lines = re.findall(r"<(?:text|tspan)\b[^>]*>([^<]+)</(?:text|tspan)>", persian)
        persian_lines = [line for line in lines if re.search("[\u0600-\u06ff]", line)]
        assert persian_lines and all(line.startswith(chart_output.RIGHT_TO_LEFT_MARK) and
                                     line.endswith(chart_output.RIGHT_TO_LEFT_MARK) for line in persian_lines), story.__name__
        assert chart_output.RIGHT_TO_LEFT_MARK not in chart_output.svg(story.chart(table).to_dict()), story.__name__
