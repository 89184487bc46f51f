"""Tables shown in the book: the sources, claims, every figure with its permalink, events."""
from __future__ import annotations

from html import escape

import pandas as pd
from IPython.display import HTML

from .fmt import count, day, stated


def _html_table(rows: list[dict[str, str]], row_ids: list[str] | None = None, caption: str = "") -> HTML:
    """A plain, accessible HTML table; cells are escaped unless the key ends with ``_html``."""
    head = "".join(f'<th scope="col">{escape(key.removesuffix("_html"))}</th>' for key in rows[0])
    body = []
    for index, row in enumerate(rows):
        cells = "".join(f"<td>{value if key.endswith('_html') else escape(str(value))}</td>" for key, value in row.items())
        row_id = f' id="{escape(row_ids[index])}"' if row_ids else ""
        body.append(f"<tr{row_id}>{cells}</tr>")
    caption_html = f"<caption>{escape(caption)}</caption>" if caption else ""
    return HTML(f'<table class="table prisons-table">{caption_html}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


def sources(frame: pd.DataFrame) -> HTML:
    rows = [{"Source": sid, "Publisher": r["publisher"], "Title": r["title"], "Published": day(r["published"]),
             "Address": r["url"], "Kind": r["kind"], "sha256": r["sha256"][:16] + "..."} for sid, r in frame.iterrows()]
    return _html_table(rows, caption="The archived sources")


def audit_summary(data) -> HTML:
    audit = data.audit
    rows = [{"Numbers found in the sources": count(audit["audited"]), "In figures": count(audit["figures"]),
             "In event dates": count(audit["events"]), "Listed as non-figures": count(audit["not_figures"])}]
    return _html_table(rows, caption="The number audit")


def claims(frame: pd.DataFrame) -> HTML:
    rows = [{"Who": r["claimant"], "When": day(r["date"]) if r["date"] else "not stated", "Claim": r["claim"],
             "Quoted as": r["quote"], "What the sources give on it": r["evidence"], "Quoted as ": r["evidence_quote"]}
            for _, r in frame.iterrows()]
    return _html_table(rows, caption="Claims and what the sources give against them")


def figures(frame: pd.DataFrame, source_table: pd.DataFrame) -> HTML:
    rows = []
    for figure_id, r in frame.iterrows():
        rows.append({
            "Figure_html": f'<a href="#{escape(figure_id)}">{escape(figure_id)}</a>',
            "Stated": stated(r), "Unit": r["unit"], "What": r["what"],
            "As of": day(r["as_of"]) if r["as_of"] else "not stated", "Place": r["place"], "Stated by": r["stated_by"],
            "Quote": f"“{r['quote']}”", "Source": source_table.loc[r["source_id"], "publisher"], "Note": r["note"],
        })
    return _html_table(rows, row_ids=list(frame.index), caption="Every figure in the sources")


def events(frame: pd.DataFrame) -> HTML:
    ordered = frame.sort_values("date")
    rows = [{"Date": day(r["date"]) + (" (derived)" if r["date_basis"] == "derived" else ""), "Who": r["actor"],
             "What": r["what"], "Quote": f"“{r['quote']}”"} for _, r in ordered.iterrows()]
    return _html_table(rows, row_ids=list(ordered.index), caption="Dated events")


def not_figures(frame: pd.DataFrame) -> HTML:
    rows = [{"Source": r["source_id"], "Line": str(r["line"]), "Text": r["text"], "Why it is not a figure": r["note"]}
            for _, r in frame.iterrows()]
    return _html_table(rows, caption="Numbers in the sources that are not figures")
