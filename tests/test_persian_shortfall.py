"""The shortfall estimates in Persian: the same numbers as the English, in Persian digits, every
hedge carried, every word from ``fa/``; the English unchanged."""
from __future__ import annotations

import json
import re

import pytest

from prisons import charts, explorers, fmt
from prisons.evidence import load_evidence
from prisons.stories import ids, shortfall
from test_story_shortfall import _walk

LATIN = re.compile(r"[A-Za-z0-9]")


@pytest.fixture(scope="module")
def evidence():
    return load_evidence()


@pytest.fixture(scope="module")
def persian(evidence):
    return shortfall.results(evidence.figures, evidence.events, lang="fa")


def test_day_span_by_hand():
    # Tir 1399 began on 21 June 2020, so 23 and 25 June are 3 and 5 Tir; Khordad has 31 days, so
    # 19 June is 30 Khordad; 19 March 2020 is 29 Esfand 1398, the year's last day.
    assert fmt.day_span("2020-06-23", "2020-06-25") == "23 to 25 June 2020"
    assert fmt.day_span("2020-06-23", "2020-06-25", "fa") == "۲۳ تا ۲۵ ژوئن ۲۰۲۰ (۳ تا ۵ تیر ۱۳۹۹)"
    assert fmt.day_span("2020-06-19", "2020-06-25", "fa") == "۱۹ تا ۲۵ ژوئن ۲۰۲۰ (۳۰ خرداد تا ۵ تیر ۱۳۹۹)"
    assert fmt.day_span("2020-03-19", "2020-03-22", "fa") == "۱۹ تا ۲۲ مارس ۲۰۲۰ (۲۹ اسفند ۱۳۹۸ تا ۳ فروردین ۱۳۹۹)"
    assert fmt.day_span("2020-05-30", "2020-06-02") == "30 May 2020 to 2 June 2020"


def test_results_in_persian_by_hand(persian):
    # The English values of test_story_shortfall.test_results_by_hand, in Persian digits, with
    # ٬ between thousands, ٫ as the decimal mark and "around" as حدود.
    expected = {
        "over_share_later": "حدود ۵۹٫۷٪", "over_share_earlier": "۶۴٫۶٪",
        "space_share_later": "حدود ۴۰٫۳٪", "space_share_earlier": "۳۵٫۴٪",
        "held_if_counted": "حدود ۸۳٬۰۰۰", "under_capacity_if_counted": "حدود ۲٬۰۰۰",
        "request_end": "۲۳ تا ۲۵ ژوئن ۲۰۲۰ (۳ تا ۵ تیر ۱۳۹۹)", "end_to_letter": "۱۰ تا ۱۲", "request_to_letter": "۱۰۲",
        "benchmark": "۱", "mask_need": "حدود ۱۸٬۹۹۰٬۰۰۰ تا ۲۲٬۰۸۰٬۰۰۰", "mask_coverage": "حدود ۲۴٫۵٪ تا ۲۸٫۴٪",
        "mask_shortfall": "حدود ۱۳٬۵۹۰٬۰۰۰ تا ۱۶٬۶۸۰٬۰۰۰",
        # on the count nearest in time to the letter alone (211,000 × 90 to 92 days)
        "mask_need_headline": "حدود ۱۸٬۹۹۰٬۰۰۰ تا ۱۹٬۴۱۲٬۰۰۰", "mask_coverage_headline": "حدود ۲۷٫۸٪ تا ۲۸٫۴٪",
        "mask_shortfall_headline": "حدود ۱۳٬۵۹۰٬۰۰۰ تا ۱۴٬۰۱۲٬۰۰۰",
    }
    assert {name: value.text for name, value in persian.items()} == expected


def test_persian_results_say_what_the_english_say(evidence, persian):
    english = shortfall.results(evidence.figures, evidence.events)
    for name, value in persian.items():
        assert (value.figures, value.events, bool(value.how)) == (english[name].figures, english[name].events,
                                                                   bool(english[name].how)), name
        assert not LATIN.search(value.text + value.how), name
        assert value.text.startswith("حدود ") == english[name].text.startswith("around "), name
    for name in ("over_share_later", "held_if_counted", "mask_need", "mask_coverage", "mask_shortfall"):
        assert persian[name].how.startswith("برآورد، نه رقم: "), name  # "An estimate, not a figure: "
    for name in ("mask_need", "mask_coverage", "mask_shortfall"):
        assert "فرضی برای نمونه، نه استانداردی برگرفته از منابع" in persian[name].how  # "illustrative assumption, not a sourced norm"
    # The earlier count's date is inferred, and every number resting on it says so.
    assert "بر تاریخی استنتاج‌شده تکیه دارد" in persian["mask_need"].how


def test_a_more_than_figure_carries_its_bound_into_persian(evidence):
    # Read the furloughs as "more than 128,000": the people held (211,000 - furloughed) fall with them,
    # the places under capacity (85,000 - held) rise with them; both also carry the count's "around".
    figures = evidence.figures.copy()
    figures.loc[ids.FURLOUGHED, ["qualifier", "value_low"]] = ["more than", 128_000.0]
    english = shortfall.results(figures, evidence.events)
    persian = shortfall.results(figures, evidence.events, lang="fa")
    assert english["under_capacity_if_counted"].text == "more than around 2,000"
    assert persian["under_capacity_if_counted"].text == "بیش از حدود ۲٬۰۰۰"
    assert english["held_if_counted"].text == "less than around 83,000"
    assert persian["held_if_counted"].text == "کمتر از حدود ۸۳٬۰۰۰"


def test_english_unchanged(evidence):
    """The English the chapter shows, hand-checked: the Persian seam left it as it was."""
    assert shortfall.describe(evidence.figures) == (
        "An estimate. At the illustrative benchmark of 1 mask per prisoner per day (an assumption, not a sourced norm), "
        "on the official count nearest in time to the letter (around 211,000, counted 13 June 2020) and over 90 to 92 "
        "days, the hypothetical need is around 18,990,000 to 19,412,000 masks; the 5,400,000 masks requested would cover "
        "around 27.8% to 28.4% of it, a hypothetical shortfall of around 13,590,000 to 14,012,000 masks. Over both "
        "official counts, the hypothetical need is around 18,990,000 to 22,080,000 masks. The letter does not say how "
        "many prisons the items were for.")
    drawn = shortfall.chart_data(evidence.figures)
    assert list(drawn["What"]) == [
        "Requested (letter of 25 March 2020)", "Lowest hypothetical need: around 211,000, counted 13 June 2020, 90 days",
        "Highest hypothetical need: 240,000, counted July 2019 (inferred from “July of last year”, read against the release's "
        "publication in July 2020), 92 days"]
    assert list(drawn["Kind"]) == ["requested", "hypothetical need", "hypothetical need"]
    assert shortfall._lines("en") == (
        "split(join(width < 420 ? datum['What_narrow'] : datum['What_wide'], '\\n') + ':\\n' + (datum.Kind == 'hypothetical "
        "need' ? 'at ' + format(benchmark, '.2~f') + ' mask per prisoner a day: ' + datum.Words + format(datum.amount, "
        "',.0f') + ';' + '\\n' + 'the request covers ' + datum.Words + "
        "format(datum['Requested (masks)'] / datum.amount, '.1%') : format(datum.amount, ',.0f') + ' masks'), '\\n')")
    values = shortfall.results(evidence.figures, evidence.events)
    assert values["request_to_letter"].how == ("calendar days from the 25 March 2020 letter to the latest letter obtained "
                                               "by Amnesty International")
    assert values["held_if_counted"].how.startswith("An estimate, not a figure: the 13 June 2020 count minus the people "
                                                    "furloughed, if the people on furlough are counted in the 13 June 2020 figure")


def test_vega_words_put_fields_where_the_translation_wants_them():
    assert charts.vega_words("{need} needed", need="A") == "A + ' needed'"
    assert charts.vega_words("{need} لازم است؛ درخواست {coverage} آن را پوشش می‌دهد", need="A", coverage="B") == \
        "A + ' لازم است؛ درخواست ' + B + ' آن را پوشش می‌دهد'"
    assert charts.vega_words("it's {x}\\", x="A") == "'it\\'s ' + A + '\\\\'"


def _wide_lines(text: dict) -> str:
    """The words of a wrapped title or source line (``charts.wrapped``), as the column shows them."""
    return " ".join(json.loads(text["expr"].split(" : ", 1)[1]))


def test_persian_chart_words(evidence):
    spec = shortfall.chart(evidence.figures, lang="fa").to_dict()
    assert spec["config"]["locale"]["number"]["numerals"] == list("۰۱۲۳۴۵۶۷۸۹")  # Vega's format() in Persian digits
    assert _wide_lines(spec["title"]["text"]) == "یک برآورد: درخواست ماه مارس در برابر نیازی فرضی با معیاری که شما می‌گذارید"
    assert " ".join(spec["title"]["subtitle"]).startswith("نیاز فرضی = معیار شما (فرضی برای نمونه، نه استانداردی برگرفته از منابع)")
    [footer] = [_wide_lines(node["text"]) for node in _walk(spec) if node.get("type") == "text" and "text" in node]
    assert footer.startswith("ارقام: نامهٔ ۲۵ مارس ۲۰۲۰ و شمارش‌های مقامات رسمی، به گزارش عفو بین‌الملل.")
    [param] = [p for p in spec["params"] if p["name"] == "benchmark"]
    assert param["bind"]["name"] == "ماسک برای هر زندانی در روز (فرض شما): "
    assert {node["title"] for node in _walk(spec) if node.get("field") == "amount"} == {"ماسک"}
    calculations = " ".join(node["calculate"] for node in _walk(spec) if isinstance(node.get("calculate"), str))
    assert "datum.Kind == 'نیاز فرضی'" in calculations
    assert not re.search(r"needed|mask per prisoner|the request covers|' masks'", calculations)  # the English words; the columns keep theirs
    # The words break into lines after the need's semicolon, the Persian one in Persian.
    assert "'؛' + '\\n' + 'درخواست '" in calculations


def test_persian_chart_in_words_and_data(evidence):
    words = shortfall.chart_in_words(evidence.figures, lang="fa").data
    assert words.startswith("**شرح نوشتاری:** یک برآورد.")
    assert "حدود ۱۸٬۹۹۰٬۰۰۰ تا ۱۹٬۴۱۲٬۰۰۰ ماسک" in words and "۵٬۴۰۰٬۰۰۰ ماسک درخواست‌شده" in words
    drawn = shortfall.chart_data(evidence.figures, lang="fa")
    assert list(drawn.columns) == list(shortfall.chart_data(evidence.figures).columns)  # the data's own English names
    assert list(drawn["Kind"]) == ["درخواست‌شده", "نیاز فرضی", "نیاز فرضی"]
    assert drawn["What"].iloc[1] == "کمترین نیاز فرضی: حدود ۲۱۱٬۰۰۰، شمارش‌شده در ۱۳ ژوئن ۲۰۲۰ (۲۴ خرداد ۱۳۹۹)، ۹۰ روز"
    assert not any(LATIN.search(cell) for cell in drawn[["What", "Kind", "Words"]].to_numpy().ravel())
    table = charts.data_table(drawn, lang="fa").data
    assert "<th scope=\"col\">ماسک، به نرخ یکی در روز (ماسک)</th>" in table and "۵٬۴۰۰٬۰۰۰" in table


def test_persian_explorer(evidence):
    pytest.importorskip("ipywidgets")
    benchmark_row, basis, days_row, result = explorers.shortfall_explorer(evidence.figures, lang="fa").children
    (benchmark, benchmark_readout), (days, days_readout) = benchmark_row.children, days_row.children
    assert (benchmark.description, basis.description, days.description) == ("ماسک در روز", "جمعیت", "روز")
    # The sliders' values in Persian digits: ipywidgets' own readout writes Latin digits only.
    assert not benchmark.readout and (benchmark_readout.value, days_readout.value) == ("۱", "۹۲")
    days.value = 90
    assert days_readout.value == "۹۰"
    days.value = 92
    # 211,000 x 92 = 19,412,000; 5.4m / 19.412m = 27.8%; 19,412,000 - 5,400,000 = 14,012,000
    assert result.value == ("یک برآورد: نیازی فرضی برابر <b>حدود ۱۹٬۴۱۲٬۰۰۰</b> ماسک؛ درخواست <b>حدود ۲۷٫۸٪</b> آن را "
                            "پوشش می‌دهد، یعنی کمبودی فرضی برابر <b>حدود ۱۴٬۰۱۲٬۰۰۰</b>. معیار فرض شماست، نه استانداردی برگرفته از منابع.")
    basis.value = ids.POPULATION_2019
    # 240,000 x 92 = 22,080,000, an exact count: no حدود
    assert "<b>۲۲٬۰۸۰٬۰۰۰</b>" in result.value
