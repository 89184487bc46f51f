"""The Persian edition: same numbers as the English one, Persian digits and dates, translations
that cannot go stale, and the built pages' language, direction and links both ways."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from prisons import fmt, i18n, paths
from prisons.book import editions
from prisons.evidence import load_evidence
from prisons.stories import every_value

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
TO_LATIN = str.maketrans({**dict(zip(PERSIAN_DIGITS, "0123456789")), "٬": "", "٫": ".", "٪": "%", ",": ""})
ONE = re.compile(r"(?<!\w)یک(?!\w)")  # "one ward" is «یک بند» in Persian


@pytest.fixture(scope="module")
def evidence():
    return load_evidence()


def numbers_in(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", ONE.sub("1", text).translate(TO_LATIN))


def test_solar_hijri_date_beside_gregorian():
    # Hand-checked against a printed calendar: 25 March 2020 is 6 Farvardin 1399.
    assert fmt.day("2020-03-25", "fa") == "۲۵ مارس ۲۰۲۰ (۶ فروردین ۱۳۹۹)"
    assert fmt.day("2019-07", "fa") == "ژوئیه ۲۰۱۹ (تیر–مرداد ۱۳۹۸)"
    assert fmt.day("2020-03-25") == "25 March 2020"


def test_a_dates_solar_hijri_and_what_it_is_inferred_from_share_one_bracket(evidence):
    derived = evidence.figures[evidence.figures["date_inferred_from"] != ""]
    assert len(derived)
    for _, row in derived.iterrows():  # «ژوئیه ۲۰۱۹ (تیر–مرداد ۱۳۹۸؛ برگرفته از …)», not «(…) (برگرفته از …)»
        assert fmt.figure_when(row, "fa").startswith(fmt.day(row["as_of"], "fa")[:-1] + "؛ برگرفته از "), row.name
        assert fmt.figure_when(row).startswith(fmt.day(row["as_of"]) + " (inferred from "), row.name


def test_the_november_2019_protests_are_dated_aban_1398(evidence):
    assert fmt.event_when(evidence.events.loc["november-2019-protests"], "fa") == "نوامبر ۲۰۱۹ (آبان ۱۳۹۸)"
    assert fmt.day("2019-11", "fa") == "نوامبر ۲۰۱۹ (آبان–آذر ۱۳۹۸)"  # a month that is not the protests' spans two


def test_persian_separators():
    assert fmt.count(211000, "fa") == "۲۱۱٬۰۰۰"
    assert fmt.decimal(2.4823, lang="fa") == "۲٫۴۸"
    assert fmt.percent(248.2, lang="fa") == "۲۴۸٪"


def test_every_glued_value_has_the_english_numbers(evidence):
    english = every_value(evidence.figures, evidence.events)
    persian = every_value(evidence.figures, evidence.events, lang="fa")
    assert persian.keys() == english.keys()  # every story is translated
    for name, value in english.items():
        # The Solar Hijri date beside a Gregorian one (its year 13xx) is the only number the English lacks.
        gregorian = re.sub(r" \([^()؛]*۱۳[۹۰-۹]{2}\)", "", persian[name].text)
        gregorian = re.sub(r"\([^()؛]*۱۳[۹۰-۹]{2}؛ ", "(", gregorian)  # one bracket with what the date is inferred from
        assert numbers_in(gregorian) == numbers_in(value.text), name
        assert persian[name].inputs == value.inputs and bool(persian[name].how) == bool(value.how), name
        assert not re.search(r"[0-9]", persian[name].text), name


def test_translations_are_current(evidence):
    frames = {name: getattr(evidence, name) for name in (*i18n.QUOTE_COLUMNS, *i18n.CELL_COLUMNS)}
    assert i18n.problems(frames) == []


def test_a_changed_quote_loses_its_translation(evidence):
    figures = evidence.figures.copy()
    figures.loc["amnesty-capacity", "quote"] = figures.loc["amnesty-capacity", "quote"] + " (edited)"
    frames = {name: getattr(evidence, name) for name in (*i18n.QUOTE_COLUMNS, *i18n.CELL_COLUMNS)}
    found = i18n.problems(frames | {"figures": figures})
    assert [(p.row, p.column) for p in found] == [("row figures amnesty-capacity", "quote")]
    with pytest.raises(i18n.MissingTranslation):
        i18n.quote("figures", "amnesty-capacity", "quote", figures.loc["amnesty-capacity", "quote"])


def test_search_reads_arabic_letters_as_persian():
    assert editions.SearchPersian({}).stem("زندانيان كرج") == "زندانیان کرج"
    assert "ي" in editions.SearchPersian.js_stemmer_code


def test_twin_addresses_both_ways():
    assert editions.twin("chapters/letters", "en") == ("fa", "../fa/chapters/letters.html")
    assert editions.twin("chapters/letters", "fa") == ("en", "../../chapters/letters.html")


def test_persian_chapters_read_translations_english_ones_do_not():
    assert paths.TRANSLATIONS["quotes"] in paths.chapter_inputs("letters", [], lang="fa")
    assert paths.TRANSLATIONS["quotes"] not in paths.chapter_inputs("letters", [])


# ---------------------------------------------------------------- built site (after `make book`)

FA_HTML = paths.HTML / "fa" / "chapters"


def _pages():
    """The Persian chapter pages (not the forwarding pages of moved pages)."""
    from prisons.book import site

    if not FA_HTML.exists():
        pytest.skip("run `make book` first")
    moved = {Path(old).name for old in site.MOVED_PAGES}
    return sorted(p for p in FA_HTML.glob("*.html") if p.name not in moved)


def _prose(html: str) -> str:
    """Page text outside code, English spans, scripts, identifiers and addresses."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article") or soup
    for node in article.select('script, style, code, pre, [lang="en"], .prisons-permalink, .prisons-citation, a[href^="http"], table, .cell_output .output'):
        node.decompose()
    return article.get_text(" ")


@pytest.mark.slow
def test_every_persian_page_is_rtl_and_links_its_twin():
    for page in _pages():
        html = page.read_text(encoding="utf-8")
        assert '<html lang="fa" dir="rtl"' in html, page.name
        assert f'hreflang="en" href="../../chapters/{page.name}"' in html, page.name
        english = (paths.HTML / "chapters" / page.name).read_text(encoding="utf-8")
        assert f'hreflang="fa" href="../fa/chapters/{page.name}"' in english, page.name


@pytest.mark.slow
def test_every_persian_page_has_the_persian_title_and_offers_a_notebook_that_speaks_persian():
    import json
    from html import unescape

    from prisons import report

    title = i18n.tr(report.title(), "fa")
    notebooks = 0
    for page in _pages():
        html = unescape(page.read_text(encoding="utf-8"))
        assert re.search(rf"<title>[^<]*{re.escape(title)}</title>", html), page.name
        notebook = paths.HTML / "fa" / "_sources" / "chapters" / page.with_suffix(".ipynb").name
        if notebook.exists():
            note = json.loads(notebook.read_text(encoding="utf-8"))["cells"][0]["source"]
            assert f"fa/chapters/{page.stem}.md" in note and "بستهٔ بازتولید" in note, page.name
            notebooks += 1
    assert notebooks >= 5  # every chapter that runs code offers its notebook


@pytest.mark.slow
def test_no_latin_digit_in_persian_prose():
    allowed = re.compile(r"N95|sha256|UTF-8|CSL-JSON|CC BY 4\.0|CC-BY-4\.0|SIL Open Font License 1\.1|COVID-19|[\w.-]+\.(?:csv|json|md|ipynb|pdf|xlsx|zip)")
    for page in _pages():
        prose = allowed.sub("", _prose(page.read_text(encoding="utf-8")))
        assert not re.search(r"[0-9]", prose), (page.name, re.findall(r".{30}[0-9].{30}", prose)[:3])


def test_sphinx_translations_fill_the_catalogue_without_compiling_code(tmp_path):
    """Sphinx's addTranslations compiles the plural rule with new Function, which the pages' CSP
    refuses: the file is rewritten to set the catalogue and the rule as code, once."""
    from types import SimpleNamespace

    from prisons.book import workarounds

    static = tmp_path / "_static"
    static.mkdir()
    (static / "translations.js").write_text('Documentation.addTranslations({\n    "locale": "fa",\n    "messages": '
                                            '{\n        "Search": "\\u062c\\u0633\\u062a\\u062c\\u0648",\n        "Unused": "x"\n    },\n'
                                            '    "plural_expr": "(n > 1)"\n});', encoding="utf-8")
    (static / "searchtools.js").write_text('Search.title = _("Search");', encoding="utf-8")
    app = SimpleNamespace(outdir=str(tmp_path), builder=SimpleNamespace(format="html"))
    workarounds.translations_without_eval(app, None)
    rewritten = (static / "translations.js").read_text(encoding="utf-8")
    assert "addTranslations" not in rewritten and "Function" not in rewritten and "Unused" not in rewritten
    assert '"Search": "\\u062c\\u0633\\u062a\\u062c\\u0648"' in rewritten
    assert "Documentation.PLURAL_EXPR = (n) => Number((n > 1));" in rewritten
    assert 'Documentation.LOCALE = "fa";' in rewritten
    workarounds.translations_without_eval(app, None)
    assert (static / "translations.js").read_text(encoding="utf-8") == rewritten


def test_the_download_menu_speaks_the_editions_language_and_offers_its_pdf():
    from prisons import report
    from prisons.book import menu

    english = menu.entries("letters", lambda name, _: f"../{name}", "letters.ipynb")
    persian = menu.entries("letters", lambda name, _: f"../{name}", "letters.ipynb", "fa")
    assert [e["url"] for e in english][:2] == [f"../downloads/{report.PDF_NAME}", f"../downloads/{report.WORKBOOK_NAME}"]
    assert [e["url"] for e in persian][:2] == [f"../downloads/{report.PDF_NAMES['fa']}",
                                               f"../../downloads/{report.WORKBOOK_NAME}"]
    assert [e["label"] for e in english] == [e["label"] for e in persian]
    assert all(not re.search("[A-Za-z]", re.sub(r"[\w-]+\.csv|Excel|PDF", "", e["text"])) for e in persian), \
        [e["text"] for e in persian]


def test_persian_search_index_leaves_out_common_words_and_is_written_in_utf8(tmp_path):
    from types import SimpleNamespace

    from prisons.book import workarounds

    persian = editions.SearchPersian({})
    assert not persian.word_filter("در") and not persian.word_filter("the")
    assert persian.word_filter("زندان") and persian.word_filter("prison")
    (tmp_path / "searchindex.js").write_text('Search.setIndex({"terms":{"\\u0632\\u0646\\u062f\\u0627\\u0646":[0,1]}})',
                                            encoding="utf-8")
    app = SimpleNamespace(outdir=str(tmp_path), builder=SimpleNamespace(name="html"))
    workarounds.search_index_in_utf8(app, None)
    assert (tmp_path / "searchindex.js").read_text(encoding="utf-8") == 'Search.setIndex({"terms":{"زندان":[0,1]}})'


def test_the_persian_editions_title_is_persian_in_the_sidebar_and_the_pdf_footer():
    from prisons import report
    from prisons.book import pdf

    title = i18n.tr(report.title(), "fa")
    assert title != report.title() and not re.search("[A-Za-z]", title)
    assert f"<span>{title}</span>" in pdf.footer("fa", "rtl") and 'dir="rtl"' in pdf.footer("fa", "rtl")
    assert f"<span>{report.title().replace(chr(39), '&#x27;')}</span>" in pdf.footer()


def test_a_persian_forwarding_page_speaks_persian():
    from prisons.book import assets

    page = assets.redirect_page("chapters/index.html", "fa")
    assert '<html lang="fa" dir="rtl">' in page and "این صفحه منتقل شده است به" in page
    words = re.sub(r"<[^>]+>|chapters/index\.html|location\.[a-z]+|[a-z-]+=\S+", "", page.split("<body>")[1])
    assert not re.search("[A-Za-z]", words), words
    assert '<html lang="en">' in assets.redirect_page("chapters/index.html")


def test_a_quotation_that_is_one_already_keeps_its_own_marks():
    assert i18n.in_quotes("no number yet") == "“no number yet”"
    assert i18n.in_quotes("“There is no number yet.”") == "“There is no number yet.”"  # the source's own marks
    assert i18n.in_quotes("“a” and “b”") == "““a” and “b””"  # two quotations, not one
    assert i18n.in_quotes("«هنوز عددی در دست نیست.»", "fa") == "«هنوز عددی در دست نیست.»"
    assert i18n.in_quotes("هنوز", "fa") == "«هنوز»"


def test_the_claims_table_doubles_no_quotation_marks(evidence):
    from prisons import tables

    assert "“There is no number yet" in " ".join(evidence.claims["quote"])  # the source's own marks, in the data
    for lang in ("en", "fa"):
        shown = tables.claims(evidence.claims, lang).data
        assert "““There is no number yet" not in shown and "««" not in shown and "»»" not in shown, lang


def test_a_vague_persian_count_reads_number_word_noun_then_the_reports_reading(evidence):
    killed, fleeing = evidence.figures.loc["pmoi-ncri-inmates-killed"], evidence.figures.loc["pmoi-prisoners-fleeing"]
    assert fmt.with_unit(killed, "fa") == "چند زندانی (به خوانش این گزارش: دست‌کم ۳ نفر)"  # not «چند (…) زندانی»
    assert fmt.with_unit(fleeing, "fa") == "شماری از زندانیان (به خوانش این گزارش: دست‌کم ۲ نفر)"  # «از»: the plural
    assert i18n.vague_count(killed, "fa", "تن از آنان") == "چند تن از آنان (به خوانش این گزارش: دست‌کم ۳ نفر)"
    assert fmt.stated(fleeing, "fa") == "شماری (به خوانش این گزارش: دست‌کم ۲)"  # no «از» left hanging
    assert fmt.with_unit(killed) == "several (this report's reading: 3 or more) inmates"


def test_no_persian_text_says_a_reading_is_a_meaning():
    """The report's reading of a vague word is its reading («به خوانش این گزارش»), not what the
    words mean («به معنای»), in the code's words and the chapters' alike."""
    texts = [paths.TRANSLATIONS["strings"].read_text(encoding="utf-8"), fmt.word(fmt.READING, "fa"),
             *(page.read_text(encoding="utf-8") for page in paths.FA_CHAPTERS.glob("*.md"))]
    assert not [t for t in texts if "به معنای" in t or "خوانده‌شده به‌صورت" in t]


def test_one_ward_is_written_as_a_word_in_persian(evidence):
    assert fmt.with_unit(evidence.figures.loc["pmoi-governor-wards-escaped"], "fa") == "یک بند"
    assert fmt.with_unit(evidence.figures.loc["pmoi-governor-prisoners-killed"], "fa") == "یک زندانی"


def test_an_events_who_is_a_group_in_the_plural(evidence):
    assert i18n.who("prisoners", "fa") == "زندانیان" and i18n.who("protesters", "fa") == "معترضان"
    assert i18n.who("Zeynab Jalalian", "fa") == i18n.cell("Zeynab Jalalian", "fa")


def test_a_persian_sentence_reads_without_its_english():
    """The report's translation stands in the sentence; the English it translates follows it."""
    marked = i18n.quoted_markdown("no number yet", "هنوز عددی در دست نیست", "fa")
    assert marked.startswith("«هنوز عددی در دست نیست» (")
    assert marked.endswith('<span lang="en" dir="ltr">“no number yet”</span>)')
    for page in paths.FA_CHAPTERS.glob("*.md"):
        assert "(ترجمهٔ این گزارش:" not in page.read_text(encoding="utf-8"), page.name  # the old order: English first


def test_the_reports_persian_citation():
    from prisons import report
    from prisons.book import cite

    assert cite.plain(report.record(), "fa") == (
        "مشارکت‌کنندگان گزارش کووید-۱۹ در زندان‌های ایران (۲۰۲۶). «کووید-۱۹ در زندان‌های ایران، ۲۰۲۰»، نسخهٔ ۱.۱.۰.")


def test_the_persian_stylesheet_sets_nothing_in_italics():
    css = (paths.PACKAGE / "book" / "static" / editions.RTL_STYLESHEET).read_text(encoding="utf-8")
    assert not re.search(r"font(?:-style)?\s*:[^;]*\b(?:italic|oblique)", css)
    assert re.search(r'html\[dir="rtl"\] \* \{\s*font-style: normal !important;', css)
    for page in paths.FA_CHAPTERS.glob("*.md"):  # an edition note is a boxed note, not emphasis
        assert not re.search(r"(?<![*\w])\*[^*\s][^*]*\*(?!\*)", page.read_text(encoding="utf-8")), page.name


def test_english_left_on_a_persian_page_is_found():
    page = ('<html><body><p>روزهای میان نامه <code>other_days</code> <span lang="en">“no number yet”</span> PDF '
            '<a class="reference external" href="https://x.org">https://x.org</a> \u2068“Iran: letters”\u2069</p>'
            '<button title="Toggle primary sidebar"></button><p>days between the letter, other_days_from_request</p></body></html>')
    assert editions.english_left(page) == ["days", "between", "the", "letter", "other_days_from_request",
                                           "Toggle", "primary", "sidebar"]
    assert editions.english_left('<html><body><p>فهرست مطالب <code>a_b</code> figures.csv COVID-19</p></body></html>') == []


# ---------------------------------------------------------------- the built Persian edition (`book` fixture)

def _built_persian_pages(book: Path) -> list[Path]:
    root = book / "fa"
    return sorted(p for p in root.rglob("*.html") if not p.relative_to(root).parts[0].startswith("_"))


def _shown_text(html: str, english: bool = True) -> str:
    """A page's text; without what is marked English (and code) unless ``english``."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for node in soup.select("script, style, template" + ("" if english else ", [lang='en'], code, pre")):
        node.decompose()
    return soup.get_text(" ")


@pytest.mark.slow
def test_no_english_is_left_on_a_built_persian_page(book):
    """What the build refuses (editions.refuse_english), held on the pages as served."""
    found = {p.name: editions.english_left(p.read_text(encoding="utf-8"))[:10] for p in _built_persian_pages(book)}
    assert {page: words for page, words in found.items() if words} == {}


@pytest.mark.slow
def test_no_latin_comma_follows_persian_text(book):
    """«ارسال شد، ۲۵ مارس», never «ارسال شد, ۲۵ مارس»."""
    found = {p.name: re.findall(r".{0,20}[\u0600-\u06ff\u200c»)]\s*,.{0,20}", _shown_text(p.read_text(encoding="utf-8"), english=False))
             for p in _built_persian_pages(book)}
    assert {page: hits[:3] for page, hits in found.items() if hits} == {}


@pytest.mark.slow
def test_no_latin_iso_date_in_a_persian_table(book):
    from bs4 import BeautifulSoup

    for page in _built_persian_pages(book):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for node in soup.select("table code, table [lang='en']"):
            node.decompose()
        cells = " ".join(table.get_text(" ") for table in soup.select("article table"))
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", cells), (page.name, re.findall(r".{20}\d{4}-\d{2}-\d{2}", cells)[:3])


@pytest.mark.slow
def test_the_font_covers_every_character_the_edition_uses(book):
    from fontTools.ttLib import TTFont

    used = set()
    for page in _built_persian_pages(book):
        used |= {ord(c) for c in _shown_text(page.read_text(encoding="utf-8"))}
    persian = {c for c in used if any(c in r for r in editions.ARABIC_SCRIPT)}
    punctuation = {ord(c) for c in "،؛؟«»٪٫٬\u200c"}  # the marks Persian text is set with
    assert {ord(c) for c in "،؛«»\u200c"} <= used  # the pages are set with them
    assert len(persian) > 40
    fonts = book / "fa" / editions.FONTS_DIR
    for weight in editions.FONT_FILES:
        font = TTFont(fonts / weight.rsplit("/", 1)[-1])
        covered = set(font.getBestCmap())
        assert not (persian | punctuation) - covered, (weight, sorted(chr(c) for c in (persian | punctuation) - covered))


@pytest.mark.slow
def test_the_page_frame_and_the_search_speak_persian_with_one_spelling(book):
    """«فهرست مطالب», «بازگشت به بالا», «رفتن به متن اصلی»; «جست‌وجو» with its ZWNJ, in the theme's words
    and ours; the search's "no results" without Sphinx's "categories" (دسته‌بندی)."""
    import json

    index = (book / "fa" / "chapters" / "index.html").read_text(encoding="utf-8")
    for words in ("فهرست مطالب", "بازگشت به بالا", "رفتن به متن اصلی", "صفحهٔ بعد"):
        assert words in index, words
    for page in _built_persian_pages(book):
        assert "جستجو" not in page.read_text(encoding="utf-8"), page.name
    script = (book / "fa" / "_static" / "translations.js").read_text(encoding="utf-8")
    messages = json.loads(re.search(r"Object\.assign\(Documentation\.TRANSLATIONS, (\{.*?\})\);", script, re.S)[1])
    no_results = next(v for k, v in messages.items() if k.startswith("Your search did not match"))
    assert no_results.startswith("جست‌وجوی شما") and "دسته" not in no_results
    assert messages["Search Results"] == "نتایج جست‌وجو"
