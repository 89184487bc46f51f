"""The HTML tables the book shows (prisons.tables): the columns and cells each shows, and source
text rendered inert, never read as markup."""
from __future__ import annotations

import re

import pandas as pd

from prisons import tables

HOSTILE = '<script>alert("x")</script> & <b>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;"


def cells(table) -> str:
    """The table's HTML without the column names each cell carries for the phone's cards."""
    return re.sub(r' data-label="[^"]*"', "", table.data)


def test_sources_table(evidence):
    html = cells(tables.sources(evidence.sources))
    assert html.startswith('<table class="table prisons-table"><caption>The archived sources</caption>')
    assert "<th scope=\"col\">Published</th>" in html
    assert "<td>July 2020</td>" in html
    assert html.count("<tr>") == 1 + len(evidence.sources)


def test_audit_summary():
    class Data:
        audit = {"audited": 1234, "figures": 1000, "events": 200, "not_figures": 34}

    html = cells(tables.audit_summary(Data()))
    assert "<td>1,234</td><td>1,000</td><td>200</td><td>34</td>" in html
    assert '<th scope="col">Numbers found in the sources</th>' in html


def _claims(**fields) -> pd.DataFrame:
    row = {"claimant": "An official", "date": "", "claim": "A claim", "quote": "a quote", "evidence": "Evidence",
           "evidence_quote": "an evidence quote"}
    return pd.DataFrame([{**row, **fields}])


def test_claim_without_a_date_says_so():
    assert "<td>not stated</td>" in cells(tables.claims(_claims()))
    assert "<td>6 April 2020</td>" in cells(tables.claims(_claims(date="2020-04-06")))


def test_every_cell_is_escaped():
    for column in ("claimant", "claim", "quote", "evidence", "evidence_quote"):
        html = cells(tables.claims(_claims(**{column: HOSTILE})))
        assert f"<td>{ESCAPED}</td>" in html, column
        assert "<script>" not in html and "<b>" not in html, column


def test_not_figures_cells_are_escaped():
    frame = pd.DataFrame([{"source_id": "s", "line": 4, "text": "N95", "note": HOSTILE}])
    html = cells(tables.not_figures(frame))
    assert f"<td>s</td><td>4</td><td>N95</td><td>{ESCAPED}</td>" in html
    assert "<script>" not in html


def test_every_cell_carries_its_column_name_and_addresses_are_links(evidence):
    """On a phone each row is a card: every value keeps its label (data-label); addresses link out
    without sending the book's address (rel="noreferrer noopener")."""
    html = tables.sources(evidence.sources).data
    assert html.count('data-label="Publisher"') == len(evidence.sources)
    url = evidence.sources["url"].iloc[0]
    assert f'<a href="{url}" rel="noreferrer noopener">{url}</a>' in html


def test_only_web_addresses_become_links():
    html = tables.html_table([{"Address": tables.Link("javascript:alert(1)")}]).data
    assert "<a " not in html and "javascript:alert(1)" in html
