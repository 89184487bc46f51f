"""Who made the report, which edition this is, and how to reach its maintainers: all from the one
citation record (``CITATION.cff``), so a new version or release date reaches every page.

Where the record gives no repository or contact, the book says so and points the reader to the
repository the copy was obtained from, never to a link that goes nowhere.
"""
from __future__ import annotations

from html import escape as escape_html

import pandas as pd
from IPython.display import Markdown

from .. import report
from ..fmt import day
from ..fmt import escape_markdown as escape
from .cite import released

NO_ADDRESS = ("This copy of the report names no repository or contact address. To report an error or reach the "
              "maintainers, use the repository or site you obtained this copy from (its issue tracker, if it has "
              "one), and give the figure's identifier.")


def edition_text(record: dict) -> str:
    """"Version 1.1.0, released 1 December 2026": the edition every page shows."""
    return f"Version {record['version']}, released {day(released(record))}"


def authors(record: dict) -> str:
    return "; ".join(author.get("name") or " ".join(filter(None, (author.get("given-names"), author.get("family-names"))))
                     for author in record["authors"])


def addresses(record: dict) -> list[tuple[str, str]]:
    """(what, address) for each way of reaching the report the record gives."""
    known = (("Repository", "repository-code"), ("Report", "url"), ("Contact", "contact"))
    found = [(label, record[key]) for label, key in known if record.get(key) and key != "contact"]
    for person in record.get("contact", []) or []:
        if person.get("email"):
            found.append(("Contact", f"mailto:{person['email']}"))
    return found


def reach(record: dict) -> str:
    """How to reach the maintainers: the record's addresses, or how to find them when it gives none."""
    found = addresses(record)
    if not found:
        return NO_ADDRESS
    return "; ".join(f"{label}: <{address}>" for label, address in found) + "."


def edition(sources: pd.DataFrame) -> Markdown:
    """The edition line at the top of the front page: version, release date and the sources' dates."""
    record = report.record()
    dates = "; ".join(f"{escape(r['publisher'])}, {day(r['published'])}" for _, r in sources.iterrows())
    return Markdown(f"*{edition_text(record)}. Built from published texts: {dates}. Who made it, and how to report "
                    "an error: [About this report](about.md).*")


def who(record: dict | None = None) -> Markdown:
    record = record or report.record()
    return Markdown(f"**Made by:** {escape(authors(record))}. **Edition:** {edition_text(record)}. "
                    f"**Reaching the maintainers:** {reach(record)}")


def source_dates(sources: pd.DataFrame) -> Markdown:
    """When each source was published, and how that date is known."""
    rows = [f"| {escape(r['publisher'])} | {escape(r['title'])} | {day(r['published'])} | {escape(r['published_note'])} |"
            for _, r in sources.iterrows()]
    return Markdown("\n".join(["| Publisher | Title | Published | How the date is known |", "|---|---|---|---|", *rows]))


def footer(record: dict | None = None) -> str:
    """The footer every page shows: the edition, the period it covers, and the licences (HTML)."""
    record = record or report.record()
    return (f"<p>{escape_html(record['title'])}. {escape_html(edition_text(record))}. Every number is computed from the evidence tables in data/, each traced to a "
            "verbatim quote in an archived source. Text and data: CC BY 4.0; code: MIT; the archived source texts "
            "remain their publishers'. See About this report and Cite and reuse.</p>")
