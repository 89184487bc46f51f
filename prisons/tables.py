"""Tables shown in the book: the sources, the number audit, claims, and the numbers that are not figures.
Every cell is escaped; in the Persian edition the headers and prose cells are Persian and each
quote stays in English with the report's translation beside it."""
from __future__ import annotations

import re
from html import escape

import pandas as pd
from IPython.display import HTML
from markupsafe import Markup

from .fmt import ENGLISH, count, day, localize, printable
from .i18n import cell, quote, quoted_html, tr, translated_title


LINK_REL = "noreferrer noopener"


class Link(str):
    """A cell that is a web address, shown as a link (only http and https are linked)."""


class AsWritten(str):
    """A cell of a source's own words (the number audit's line of text): English, shown as written."""


# An identifier (a figure, event or source id, a table's file, a digest) in a cell of another language.
IDENTIFIER = re.compile(r"(?<![\w.-])(?:[a-z0-9]+(?:-[a-z0-9]+)+|[a-z_]+\.csv|[0-9a-f]{16}\.\.\.)(?![\w-])")


def _cell_html(value, lang: str = ENGLISH) -> str:
    text = value if isinstance(value, Markup) else escape(printable(value))  # a Markup cell (a quote and its translation) is escaped already
    if isinstance(value, Link) and str(value).startswith(("https://", "http://")):
        text = f'<a href="{text}" rel="{LINK_REL}">{text}</a>'
    if lang == ENGLISH or isinstance(value, Markup):
        return text
    if isinstance(value, (Link, AsWritten)):  # English as written, left to right, on a page in another language
        return f'<span lang="en" dir="ltr">{text}</span>'
    return IDENTIFIER.sub(lambda m: f"<code>{m[0]}</code>", text)  # identifiers read left to right, as code


def html_table(rows: list[dict[str, str]], caption: str = "", lang: str = ENGLISH) -> HTML:
    """A plain, accessible HTML table of escaped text, its headers and caption in ``lang``. Each
    cell carries its column's name (``data-label``) so that on a phone, where a wide table reflows
    into one card per row (``_static/reader.css``), every value keeps its label."""
    head = "".join(f'<th scope="col">{escape(printable(tr(key.strip(), lang)))}</th>' for key in rows[0])
    body = []
    for row in rows:
        cells = "".join(f'<td data-label="{escape(printable(tr(str(key).strip(), lang)))}">{_cell_html(value, lang)}</td>' for key, value in row.items())
        body.append(f"<tr>{cells}</tr>")
    caption_html = f"<caption>{escape(printable(tr(caption, lang)))}</caption>" if caption else ""
    return HTML(f'<table class="table prisons-table">{caption_html}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


def _quote(table: str, key: str, column: str, english: str, lang: str):
    return english if lang == ENGLISH else quoted_html(english, quote(table, key, column, english), lang)


def sources(frame: pd.DataFrame, lang: str = ENGLISH) -> HTML:
    rows = [{"Source": sid, "Publisher": cell(r["publisher"], lang),
             "Title": r["title"] if lang == ENGLISH else Markup(translated_title(r["title"], lang)),
             "Published": day(r["published"], lang), "Address": Link(r["url"]), "Kind": cell(r["kind"], lang),
             "sha256": r["sha256"][:16] + "..."} for sid, r in frame.iterrows()]
    return html_table(rows, "The archived sources", lang)


def audit_summary(data, lang: str = ENGLISH) -> HTML:
    audit = data.audit
    rows = [{"Numbers found in the sources": count(audit["audited"], lang), "In figures": count(audit["figures"], lang),
             "In event dates": count(audit["events"], lang), "Listed as non-figures": count(audit["not_figures"], lang)}]
    return html_table(rows, "The number audit", lang)


def claims(frame: pd.DataFrame, lang: str = ENGLISH) -> HTML:
    rows = [{"Who": cell(r["claimant"], lang), "When": day(r["date"], lang) if r["date"] else tr("not stated", lang),
             "Claim": cell(r["claim"], lang), "Quoted as": _quote("claims", key, "quote", r["quote"], lang),
             "What the sources give on it": cell(r["evidence"], lang),
             "Quoted as ": _quote("claims", key, "evidence_quote", r["evidence_quote"], lang)}
            for key, r in frame.iterrows()]
    return html_table(rows, "Claims and what the sources give on the same point", lang)


def not_figures(frame: pd.DataFrame, lang: str = ENGLISH) -> HTML:
    rows = [{"Source": r["source_id"], "Line": localize(str(r["line"]), lang), "Text": AsWritten(r["text"]),
             "Why it is not a figure": cell(r["note"], lang)} for _, r in frame.iterrows()]
    return html_table(rows, "Numbers in the sources that are not figures", lang)
