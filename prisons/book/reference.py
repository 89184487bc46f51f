"""The anchors every number in the book links to: figures, events and computed results.

Each entry is MyST Markdown that starts with a label equal to its id, so ``figures.html#<figure_id>``
is a permalink, and a glued number's link (``[211,000](#amnesty-population-2020-06)``) is a
Sphinx cross-reference that resolves in every builder, the single-page PDF edition included.
"""
from __future__ import annotations

import re

from html import escape as escape_html

import pandas as pd
from IPython.display import Markdown

from .. import paths, report
from ..fmt import ENGLISH, day, event_when, figure_when, localize, number_words, with_unit
from ..i18n import as_named, cell, in_quotes, quote, quoted_markdown, tr, translated_title, who
from ..fmt import escape_markdown as escape
from ..stories import Value
from . import about, cite, edition, editions, replication, site, words
from .entry_lines import as_logged, citation_line, code_line, corrections_line, note, permalink_line

METHODS_PAGE = "methods.html"  # where each computed number's entry (``result-<name>``) is


def source_link(url: str) -> str:
    """The source's address as a link that sends no referrer and cannot reach back into the page;
    an address that is not https:// is shown as text."""
    if not url.startswith("https://"):
        return escape(url)
    return f'<a class="reference external" href="{escape_html(url)}" rel="noreferrer noopener">{escape(url)}</a>'


def _source_line(source: pd.Series, lang: str = ENGLISH) -> str:
    # In another language the title is the report's translation, marked as one, with the title it translates.
    title = escape(source["title"]) if lang == ENGLISH else translated_title(source["title"], lang, escape)
    return tr("{publisher}, “{title}”, published {date}, {url}", lang).format(
        publisher=escape(cell(source["publisher"], lang)), title=title, date=day(source["published"], lang),
        url=source_link(source["url"]))


def _quote(table: str, key: str, column: str, english: str, lang: str) -> str:
    if lang == ENGLISH:
        return escape(in_quotes(english))
    return quoted_markdown(english, quote(table, key, column, english), lang)


def figure_entry(row: pd.Series, source: pd.Series, corrections: pd.DataFrame, record: dict,
                 lang: str = ENGLISH) -> str:
    """One figure: value (its range in the heading), what it counts, date, place, who states it,
    quote, source, permalink, citation."""
    figure_id = site.anchor(row.name)
    link = site.permalink(record.get("url"), figure_id, lang=lang)
    english, persian = f'<span lang="en" dir="ltr">“{escape(row["number_text"])}”</span>', number_words(row["number_text"], lang)
    stated_as = (f"“{escape(row['number_text'])}”" if lang == ENGLISH else english if persian == row["number_text"]
                 else f"«{escape(persian)}» ({english})")  # in another language its words first: «چهار» (“four”)
    lines = [
        f"({figure_id})=",
        f"**{escape(with_unit(row, lang))}**: {escape(cell(row['what'], lang))} · `{figure_id}`",
        "",
        f"- **{tr('Stated as:', lang)}** {stated_as} ({escape(words.qualifier(row['qualifier'], lang))})",
        f"- **{tr('Date:', lang)}** {escape(figure_when(row, lang))} · "
        f"**{tr('Place:', lang)}** {escape(cell(row['place'], lang))} · **{tr('Stated by:', lang)}** {escape(cell(row['stated_by'], lang))}",
        f"- **{tr('Quote:', lang)}** {_quote('figures', row.name, 'quote', row['quote'], lang)}",
        f"- **{tr('Source:', lang)}** {_source_line(source, lang)}",
    ]
    if row["note"]:
        lines.append(f"- **{tr('Note:', lang)}** {note(row['note'], lang)}")
    lines += [
        permalink_line(figure_id, link, lang),
        citation_line(cite.figure(record, row, source, link, lang), lang),
        f"- **{tr('Corrections:', lang)}** {corrections_line(row.name, corrections, lang)}",
    ]
    return "\n".join(lines)


def figure_entries(figures: pd.DataFrame, sources: pd.DataFrame, corrections: pd.DataFrame,
                   source_id: str, lang: str = ENGLISH) -> Markdown:
    """Every figure from one source, in the order of the table."""
    record = report.record()
    rows = figures[figures["source_id"] == source_id]
    return Markdown("\n\n".join(figure_entry(row, sources.loc[source_id], corrections, record, lang)
                                for _, row in rows.iterrows()))


def event_entries(events: pd.DataFrame, sources: pd.DataFrame, lang: str = ENGLISH) -> Markdown:
    """Every dated event, in date order, each with its own anchor, permalink and citation."""
    record = report.record()
    entries = []
    for event_id, row in events.sort_values("date", kind="stable").iterrows():
        anchor = site.anchor(event_id)
        link = site.permalink(record.get("url"), anchor, lang=lang)
        source = sources.loc[row["source_id"]]
        lines = [
            f"({anchor})=",
            f"**{escape(event_when(row, lang))}**: {escape(cell(row['what'], lang))} ({escape(who(row['actor'], lang))}) · `{anchor}`",
            "",
            f"- **{tr('Quote:', lang)}** {_quote('events', event_id, 'quote', row['quote'], lang)}",
            f"- **{tr('Source:', lang)}** {escape(cell(sources.loc[row['source_id'], 'publisher'], lang))}",
        ]
        if row["note"]:
            lines.append(f"- **{tr('Note:', lang)}** {note(row['note'], lang)}")
        lines += [permalink_line(anchor, link, lang), citation_line(cite.event(record, row, source, anchor, link, lang), lang)]
        entries.append("\n".join(lines))
    return Markdown("\n\n".join(entries))


def _how(how: str, lang: str) -> str:
    """How a number is computed, in ``lang``: a story writes it in ``lang`` when it is made of parts, else in English."""
    return how if lang == ENGLISH or re.search("[\u0600-\u06ff]", how) else tr(how, lang)


def _input_link(input_id: str, figures: pd.DataFrame, events: pd.DataFrame, lang: str = ENGLISH) -> str:
    if input_id in figures.index:
        row = figures.loc[input_id]
        text = f"{with_unit(row, lang)}: {cell(row['what'], lang)}"
    else:
        text = f"{event_when(events.loc[input_id], lang)}: {cell(events.loc[input_id, 'what'], lang)}"
    return f"[{escape(text)}](#{site.anchor(input_id)})"


def result_entries(values: dict[str, Value], figures: pd.DataFrame, events: pd.DataFrame, lang: str = ENGLISH) -> Markdown:
    """Each computed number the prose shows: how it was computed, the figures and events it uses,
    its permalink and citation."""
    record = report.record()
    entries = []
    for name, value in sorted(values.items()):
        anchor = site.anchor(value.target(name))
        if anchor in figures.index or anchor in events.index:
            continue
        how = _how(value.how, lang)
        link = site.permalink(record.get("url"), anchor, page=METHODS_PAGE, lang=lang)
        inputs = tr("; ", lang).join(_input_link(i, figures, events, lang) for i in value.inputs)
        entries.append("\n".join([
            f"({anchor})=\n**{escape(value.text)}**: {escape(how)}. {tr('From:', lang)} {inputs}.", "",
            code_line(value, lang), permalink_line(anchor, link, lang),
            citation_line(cite.result(record, value.text, how, anchor, link, lang), lang)]))
    return Markdown("\n\n".join(entries))


def corrections_log(corrections: pd.DataFrame, lang: str = ENGLISH) -> Markdown:
    """The corrections log as a table, newest first, or a sentence saying it is empty."""
    if corrections.empty:
        return Markdown(tr("No published figure has been corrected yet.", lang))
    header = "| " + " | ".join(tr(h, lang) for h in ("Date", "Figure", "What changed", "Was", "Now", "Why")) + " |\n|---|---|---|---|---|---|"
    link = "[{0}](#{0})" if lang == ENGLISH else "[`{0}`](#{0})"  # an identifier, left to right, in another language
    rows = [f"| {day(r['date'], lang)} | {link.format(site.anchor(r['figure_id']))} | "
            f"{escape(words.column(r['column'], lang))} | {as_logged(r['old_value'], lang)} | {as_logged(r['new_value'], lang)} | "
            f"{escape(cell(r['reason'], lang))} |"
            for _, r in corrections.sort_values("date", ascending=False, kind="stable").iterrows()]
    return Markdown("\n".join([header, *rows]))


def report_citation(record: dict, lang: str = ENGLISH) -> Markdown:
    """The report's citation in plain text, BibTeX and CSL-JSON, all from CITATION.cff."""
    files = cite.files(record)
    english = f"<span lang=\"en\" dir=\"ltr\">{escape(cite.plain(record))}</span>"
    plain = [f"**{tr('Plain text:', lang)}** {english}"] if lang == ENGLISH else [  # the edition's own words first
        f"**{tr('Plain text:', lang)}** {escape(cite.plain(record, lang))}", "", f"**{tr('In English:', lang)}** {english}"]
    return Markdown("\n".join([
        *plain, "",
        "**BibTeX:**", "", "```bibtex", files["citation.bib"].rstrip(), "```", "",
        f"**CSL-JSON** {tr('(Zotero, pandoc and other citation managers):', lang)}", "", "```json", files["citation.json"].rstrip(), "```",
    ]))


def downloads_table(offered: dict[str, tuple[str, bytes]], tables: dict[str, pd.DataFrame], lang: str = ENGLISH) -> Markdown:
    """A table of the downloads, each linked inside the built book, with the number of rows of each data table."""
    rows_by_file = {paths.TABLE_FILES[name]: len(frame) for name, frame in tables.items() if name in paths.TABLE_FILES}
    rows_text, bytes_text = tr("{rows} rows, ", lang), tr("{bytes} bytes", lang)
    rows = [f'| <a href="{site.download_from_chapter(name, lang)}" download>{escape(name)}</a> | {escape(tr(what, lang))} | '
            f'{rows_text.format(rows=localize(f"{rows_by_file[name]:,}", lang)) if name in rows_by_file else ""}'
            f'{bytes_text.format(bytes=localize(f"{len(content):,}", lang))} |'
            for name, (what, content) in offered.items()]
    header = "| " + " | ".join(tr(h, lang) for h in ("File", "What it is", "Size")) + " |"
    return Markdown("\n".join([header, "|---|---|---|", *rows]))


def licences(lang: str = ENGLISH) -> Markdown:
    data, code = report.DATA_LICENCE, report.CODE_LICENCE
    text = tr("The report's text, charts and data tables are licensed under the [{data_title}]({data_path}) licence ({data_name}); "
              "its code under the [{code_title}]({code_path}) ({code_name}). Credit “{author}” and link to the report. "
              "**Not covered:** the archived source texts and the verbatim quotes from them remain the work of their publishers "
              "(Amnesty International; the PMOI/MEK, an Iranian opposition group). Neither states a licence in the archived copy; "
              "they are kept and quoted so that every figure can be checked against its source.", lang).format(
        data_title=data["title"], data_path=data["path"], data_name=data["name"], code_title=code["title"],
        code_path=code["path"], code_name=code["name"], author=escape(as_named(report.record()["authors"][0]["name"], lang)))
    if lang != ENGLISH:
        text += " " + tr("The Persian edition's font, Vazirmatn (version {version}, by Saber Rastikerdar), is shipped in the book "
                         "under the <a href=\"../_static/fonts/OFL.txt\">SIL Open Font License 1.1</a>.", lang).format(
            version=about.version_digits(editions.FONT_VERSION, lang))  # «۳۳.۰.۳»: a version keeps its dots
    return Markdown(text)


def front_page_downloads(lang: str = ENGLISH) -> Markdown:
    """The front page's offer: the PDF edition and all the data in one workbook, with where the rest is."""
    pdf, book = report.PDF_NAMES[lang], report.WORKBOOK_NAME
    return Markdown(tr('**Download:** <a href="{pdf_address}" download>the whole report as a PDF</a> ({pdf}) · '
                       '<a href="{book_address}" download>all the data in one Excel workbook</a> ({book}), one sheet per '
                       "table, every column described. The tables as CSV, their data dictionary and the citations are on "
                       "[Cite and reuse](reuse.md).", lang).format(
        pdf_address=site.download_from_chapter(pdf, lang), pdf=escape(pdf),
        book_address=site.download_from_chapter(book, lang), book=escape(book)))


def pdf_link(lang: str = ENGLISH) -> Markdown:
    name = report.PDF_NAMES[lang]
    address = site.download_from_chapter(name, lang)
    return Markdown(tr("The whole book is also a single PDF, with every chart drawn, for reading offline: "
                       "<a href=\"{address}\" download>{name}</a>. It is made by `make pdf` from the same chapters and data.",
                       lang).format(address=address, name=escape(name)))


def replication_link(lang: str = ENGLISH) -> Markdown:
    """The link to the replication package, and how to use it."""
    name = report.REPLICATION_NAME
    return Markdown(tr('To check or rebuild the whole report without git, download the replication package '
                       '<a href="{address}" download>{name}</a>: the code, the chapters, the data with the archived '
                       "sources, the pinned requirements and the Makefile. ", lang).format(
        address=site.download_from_chapter(name, lang), name=escape(name)) + replication.how_to_use(lang))


def book_zip(lang: str = ENGLISH) -> Markdown:
    """The link to the whole book (both editions) as one zip; its size and checksum are written in at
    the end of the build."""
    name = report.ZIP_NAME
    return Markdown(tr(
        'The whole book, both editions, is also one zip, to read without a connection or pass on: <a href="{address}" download>'
        "{name}</a>. Unzip it and open `index.html` in its folder (the Persian edition is in its `fa` folder). Its size and sha256: {facts} "
        '(<a href="{checksum}">{name}.sha256</a>). Inside, `{sums}` lists the sha256 of every file: '
        "`sha256sum -c {sums}` in the folder checks a copy. The PDF edition is a download of its own, not in the zip.",
        lang).format(address=site.download_from_chapter(name, lang), name=escape(name), facts=edition.facts_placeholder(lang),
                     checksum=site.download_from_chapter(name + ".sha256", lang), sums=edition.SUMS))
