"""The anchors every number in the book links to: figures, events and computed results.

Each entry is MyST Markdown that starts with a label equal to its id, so ``figures.html#<figure_id>``
is a permalink, and a glued number's link (``[211,000](#amnesty-population-2020-06)``) is a
Sphinx cross-reference that resolves in every builder, the single-page PDF edition included.
"""
from __future__ import annotations

from html import escape as escape_html

import pandas as pd
from IPython.display import Markdown

from .. import paths, report
from ..fmt import day, event_when, figure_when, with_unit
from ..fmt import escape_markdown as escape
from ..stories import Value
from . import cite, edition, replication, site



def source_link(url: str) -> str:
    """The source's address as a link that sends no referrer and cannot reach back into the page;
    an address that is not https:// is shown as text."""
    if not url.startswith("https://"):
        return escape(url)
    return f'<a class="reference external" href="{escape_html(url)}" rel="noreferrer noopener">{escape(url)}</a>'


def _source_line(source: pd.Series) -> str:
    return (f"{escape(source['publisher'])}, “{escape(source['title'])}”, published {day(source['published'])}, "
            f"{source_link(source['url'])}")


def _corrections_line(figure_id: str, corrections: pd.DataFrame) -> str:
    rows = corrections[corrections["figure_id"] == figure_id].sort_values("date")
    if rows.empty:
        return "none"
    return "; ".join(f"{day(r['date'])}, {escape(r['column'])} changed from “{escape(r['old_value'])}” to "
                     f"“{escape(r['new_value'])}”: {escape(r['reason'])}" for _, r in rows.iterrows())


def figure_entry(row: pd.Series, source: pd.Series, corrections: pd.DataFrame, record: dict, report: str) -> str:
    """One figure: value (its range in the heading), what it counts, date, place, who states it,
    quote, source, permalink, citation (``report`` is the report's own citation)."""
    figure_id = site.anchor(row.name)
    link = site.permalink(record.get("url"), figure_id)
    lines = [
        f"({figure_id})=",
        f"**{escape(with_unit(row))}**: {escape(row['what'])} · `{figure_id}`",
        "",
        f"- **Stated as:** “{escape(row['number_text'])}” (qualifier: {escape(row['qualifier'])})",
        f"- **Date:** {escape(figure_when(row))} · **Place:** {escape(row['place'])} · "
        f"**Stated by:** {escape(row['stated_by'])}",
        f"- **Quote:** “{escape(row['quote'])}”",
        f"- **Source:** {_source_line(source)}",
    ]
    if row["note"]:
        lines.append(f"- **Note:** {escape(row['note'])}")
    lines += [
        f'- **Permalink:** <a class="prisons-permalink" href="#{figure_id}">{link}</a>',
        f'- **Cite as:** <span class="prisons-citation" data-permalink="{escape_html(link)}">'
        f"{escape(cite.figure(report, row, source, link))}</span>",
        f"- **Corrections:** {_corrections_line(row.name, corrections)}",
    ]
    return "\n".join(lines)


def figure_entries(figures: pd.DataFrame, sources: pd.DataFrame, corrections: pd.DataFrame,
                   source_id: str) -> Markdown:
    """Every figure from one source, in the order of the table."""
    record = report.record()
    citation = cite.plain(record)
    rows = figures[figures["source_id"] == source_id]
    return Markdown("\n\n".join(figure_entry(row, sources.loc[source_id], corrections, record, citation)
                                for _, row in rows.iterrows()))


def event_entries(events: pd.DataFrame, sources: pd.DataFrame) -> Markdown:
    """Every dated event, in date order, each with its own anchor."""
    entries = []
    for event_id, row in events.sort_values("date", kind="stable").iterrows():
        event_id = site.anchor(event_id)
        lines = [
            f"({event_id})=",
            f"**{escape(event_when(row))}**: {escape(row['what'])} ({escape(row['actor'])}) · `{event_id}`",
            "",
            f"- **Quote:** “{escape(row['quote'])}”",
            f"- **Source:** {escape(sources.loc[row['source_id'], 'publisher'])}",
        ]
        if row["note"]:
            lines.append(f"- **Note:** {escape(row['note'])}")
        entries.append("\n".join(lines))
    return Markdown("\n\n".join(entries))


def _input_link(input_id: str, figures: pd.DataFrame, events: pd.DataFrame) -> str:
    if input_id in figures.index:
        row = figures.loc[input_id]
        text = f"{with_unit(row)}: {row['what']}"
    else:
        text = f"{event_when(events.loc[input_id])}: {events.loc[input_id, 'what']}"
    return f"[{escape(text)}](#{site.anchor(input_id)})"


def result_entries(values: dict[str, Value], figures: pd.DataFrame, events: pd.DataFrame) -> Markdown:
    """Each computed number the prose shows: how it was computed and the figures and events it uses."""
    entries = []
    for name, value in sorted(values.items()):
        anchor = value.target(name)
        if anchor in figures.index or anchor in events.index:
            continue
        inputs = "; ".join(_input_link(i, figures, events) for i in value.inputs)
        entries.append(f"({site.anchor(anchor)})=\n**{escape(value.text)}** · `{name}`: {escape(value.how)}. From: {inputs}.")
    return Markdown("\n\n".join(entries))


def corrections_log(corrections: pd.DataFrame) -> Markdown:
    """The corrections log as a table, newest first, or a sentence saying it is empty."""
    if corrections.empty:
        return Markdown("No published figure has been corrected yet.")
    header = "| Date | Figure | Column | Was | Now | Why |\n|---|---|---|---|---|---|"
    rows = [f"| {day(r['date'])} | [{site.anchor(r['figure_id'])}](#{site.anchor(r['figure_id'])}) | {escape(r['column'])} | "
            f"{escape(r['old_value'])} | {escape(r['new_value'])} | {escape(r['reason'])} |"
            for _, r in corrections.sort_values("date", ascending=False, kind="stable").iterrows()]
    return Markdown("\n".join([header, *rows]))


def report_citation(record: dict) -> Markdown:
    """The report's citation in plain text, BibTeX and CSL-JSON, all from CITATION.cff."""
    files = cite.files(record)
    return Markdown("\n".join([
        f"**Plain text:** {escape(cite.plain(record))}", "",
        "**BibTeX:**", "", "```bibtex", files["citation.bib"].rstrip(), "```", "",
        "**CSL-JSON** (Zotero, pandoc and other citation managers):", "", "```json", files["citation.json"].rstrip(), "```",
    ]))


def downloads_table(offered: dict[str, tuple[str, bytes]], tables: dict[str, pd.DataFrame]) -> Markdown:
    """A table of the downloads, each linked inside the built book, with the number of rows of each data table."""
    rows_by_file = {paths.TABLE_FILES[name]: len(frame) for name, frame in tables.items() if name in paths.TABLE_FILES}
    rows = [f'| <a href="{site.download_from_chapter(name)}" download>{escape(name)}</a> | {escape(what)} | '
            f'{f"{rows_by_file[name]:,} rows, " if name in rows_by_file else ""}{len(content):,} bytes |'
            for name, (what, content) in offered.items()]
    return Markdown("\n".join(["| File | What it is | Size |", "|---|---|---|", *rows]))


def licences() -> Markdown:
    data, code = report.DATA_LICENCE, report.CODE_LICENCE
    return Markdown(
        f"The report's text, charts and data tables are licensed under the [{data['title']}]({data['path']}) "
        f"licence ({data['name']}); its code under the [{code['title']}]({code['path']}) ({code['name']}). Credit "
        f"“{escape(report.record()['authors'][0]['name'])}” and link to the report. **Not covered:** the archived "
        "source texts and the verbatim quotes from them remain the work of their publishers (Amnesty International; "
        "the PMOI/MEK, an Iranian opposition group). Neither states a licence in the archived copy; they are kept and quoted so that every figure "
        "can be checked against its source.")


def front_page_downloads() -> Markdown:
    """The front page's offer: the PDF edition and all the data in one workbook, with where the rest is."""
    pdf, book = report.PDF_NAME, report.WORKBOOK_NAME
    return Markdown(f'**Download:** <a href="{site.download_from_chapter(pdf)}" download>the whole report as a PDF</a> '
                    f'({escape(pdf)}) · <a href="{site.download_from_chapter(book)}" download>all the data in one Excel '
                    f'workbook</a> ({escape(book)}), one sheet per table, every column described. The tables as CSV, '
                    "their data dictionary and the citations are on [Cite and reuse](reuse.md).")


def pdf_link() -> Markdown:
    address = site.download_from_chapter(report.PDF_NAME)
    return Markdown(f'The whole book is also a single PDF, with every chart drawn, for reading offline: '
                    f'<a href="{address}" download>{escape(report.PDF_NAME)}</a>. It is made by '
                    "`make pdf` from the same chapters and data.")



def replication_link() -> Markdown:
    """The link to the replication package, and how to use it."""
    address = site.download_from_chapter(report.REPLICATION_NAME)
    return Markdown(f'To check or rebuild the whole report without git, download the replication package '
                    f'<a href="{address}" download>{escape(report.REPLICATION_NAME)}</a>: the code, the chapters, '
                    "the data with the archived sources, the pinned requirements and the Makefile. "
                    + replication.how_to_use())

def book_zip() -> Markdown:
    """The link to the whole book as one zip; its size and checksum are written in at the end of the build."""
    address, checksum = site.download_from_chapter(report.ZIP_NAME), site.download_from_chapter(report.ZIP_NAME + ".sha256")
    return Markdown(
        f'The whole book is also one zip, to read without a connection or pass on: <a href="{address}" download>'
        f"{escape(report.ZIP_NAME)}</a>. Unzip it and open `index.html` in its folder. Its size and sha256: "
        f'{edition.facts_placeholder()} (<a href="{checksum}">{escape(report.ZIP_NAME)}.sha256</a>). Inside, '
        f"`{edition.SUMS}` lists the sha256 of every file: `sha256sum -c {edition.SUMS}` in the folder checks a copy. "
        "The PDF edition is a download of its own, not in the zip.")
