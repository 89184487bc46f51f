"""The HTML tables the book shows (prisons.tables): the columns and cells each shows, and source
text rendered inert, never read as markup."""
from __future__ import annotations

import pandas as pd

from prisons import tables

HOSTILE = '<script>alert("x")</script> & <b>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;"


def test_sources_table(evidence):
    html = tables.sources(evidence.sources).data
    assert html.startswith('<table class="table prisons-table"><caption>The archived sources</caption>')
    assert "<th scope=\"col\">Published</th>" in html
    assert "<td>July 2020</td>" in html
    assert html.count("<tr>") == 1 + len(evidence.sources)


def test_audit_summary():
    class Data:
        audit = {"audited": 1234, "figures": 1000, "events": 200, "not_figures": 34}

    html = tables.audit_summary(Data()).data
    assert "<td>1,234</td><td>1,000</td><td>200</td><td>34</td>" in html
    assert '<th scope="col">Numbers found in the sources</th>' in html


def _claims(**fields) -> pd.DataFrame:
    row = {"claimant": "An official", "date": "", "claim": "A claim", "quote": "a quote", "evidence": "Evidence",
           "evidence_quote": "an evidence quote"}
    return pd.DataFrame([{**row, **fields}])


def test_claim_without_a_date_says_so():
    assert "<td>not stated</td>" in tables.claims(_claims()).data
    assert "<td>6 April 2020</td>" in tables.claims(_claims(date="2020-04-06")).data


def test_every_cell_is_escaped():
    for column in ("claimant", "claim", "quote", "evidence", "evidence_quote"):
        html = tables.claims(_claims(**{column: HOSTILE})).data
        assert f"<td>{ESCAPED}</td>" in html, column
        assert "<script>" not in html and "<b>" not in html, column


def test_not_figures_cells_are_escaped():
    frame = pd.DataFrame([{"source_id": "s", "line": 4, "text": "N95", "note": HOSTILE}])
    html = tables.not_figures(frame).data
    assert f"<td>s</td><td>4</td><td>N95</td><td>{ESCAPED}</td>" in html
    assert "<script>" not in html
