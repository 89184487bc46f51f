"""Tables shown in the book: the sources, the number audit, claims, and the numbers that are not figures."""
from __future__ import annotations

from html import escape

import pandas as pd
from IPython.display import HTML

from .fmt import count, day, printable


LINK_REL = "noreferrer noopener"


class Link(str):
    """A cell that is a web address, shown as a link (only http and https are linked)."""


def _cell_html(value) -> str:
    text = escape(printable(value))
    if isinstance(value, Link) and str(value).startswith(("https://", "http://")):
        return f'<a href="{text}" rel="{LINK_REL}">{text}</a>'
    return text


def html_table(rows: list[dict[str, str]], caption: str = "") -> HTML:
    """A plain, accessible HTML table of escaped text. Each cell carries its column's name
    (``data-label``) so that on a phone, where a wide table reflows into one card per row
    (``_static/reader.css``), every value keeps its label."""
    head = "".join(f'<th scope="col">{escape(printable(key))}</th>' for key in rows[0])
    body = []
    for row in rows:
        cells = "".join(f'<td data-label="{escape(printable(key).strip())}">{_cell_html(value)}</td>' for key, value in row.items())
        body.append(f"<tr>{cells}</tr>")
    caption_html = f"<caption>{escape(printable(caption))}</caption>" if caption else ""
    return HTML(f'<table class="table prisons-table">{caption_html}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


def sources(frame: pd.DataFrame) -> HTML:
    rows = [{"Source": sid, "Publisher": r["publisher"], "Title": r["title"], "Published": day(r["published"]),
             "Address": Link(r["url"]), "Kind": r["kind"], "sha256": r["sha256"][:16] + "..."} for sid, r in frame.iterrows()]
    return html_table(rows, caption="The archived sources")


def audit_summary(data) -> HTML:
    audit = data.audit
    rows = [{"Numbers found in the sources": count(audit["audited"]), "In figures": count(audit["figures"]),
             "In event dates": count(audit["events"]), "Listed as non-figures": count(audit["not_figures"])}]
    return html_table(rows, caption="The number audit")


def claims(frame: pd.DataFrame) -> HTML:
    rows = [{"Who": r["claimant"], "When": day(r["date"]) if r["date"] else "not stated", "Claim": r["claim"],
             "Quoted as": r["quote"], "What the sources give on it": r["evidence"], "Quoted as ": r["evidence_quote"]}
            for _, r in frame.iterrows()]
    return html_table(rows, caption="Claims and what the sources give on the same point")


def not_figures(frame: pd.DataFrame) -> HTML:
    rows = [{"Source": r["source_id"], "Line": str(r["line"]), "Text": r["text"], "Why it is not a figure": r["note"]}
            for _, r in frame.iterrows()]
    return html_table(rows, caption="Numbers in the sources that are not figures")
