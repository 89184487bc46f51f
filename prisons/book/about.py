"""Who made the report, which edition this is, and how to reach its maintainers: all from the one
citation record (``CITATION.cff``), so a new version or release date reaches every page.

Where the record gives no repository or contact, the book says so and points the reader to the
repository the copy was obtained from, never to a link that goes nowhere, and tells a publisher how
to set them; it names no one the record does not.
"""
from __future__ import annotations

import re
from html import escape as escape_html

import pandas as pd
from IPython.display import Markdown

from .. import report
from ..fmt import ENGLISH, day, style
from ..fmt import escape_markdown as escape
from ..i18n import as_named, cell, tr, translated_title
from .cite import released

# An address the page links as <address>: https or mailto, nothing that ends the link or adds markup
# (the record check refuses any other; this keeps the page safe whatever reached it).
_SAFE_ADDRESS = re.compile(r"(?:https://|mailto:)[A-Za-z0-9._~%/+@:-]+")
NO_ADDRESS = ("This copy of the report names no repository or contact address. To report an error or reach the "
              "maintainers, use the repository or site you obtained this copy from (its issue tracker, if it has "
              "one), and give the figure's identifier.")


FOR_A_PUBLISHER = ("**For a publisher:** set the report's published address (`url`) and a contact for corrections "
                   "(`contact`, with a name and an e-mail address) in `CITATION.cff`, then rebuild; the address can also "
                   "be given to one build, as `make book SITE_URL=https://…`. They then appear on this page, on the PDF "
                   "edition's cover and in every citation.")


def edition_text(record: dict, lang: str = ENGLISH) -> str:
    """"Version 1.1.0, released 1 December 2026": the edition every page shows."""
    return tr("Version {version}, released {date}", lang).format(
        version=version_digits(str(record["version"]), lang), date=day(released(record), lang))


def version_digits(version: str, lang: str) -> str:
    """1.1.0 in the edition's digits, the dots kept (a decimal sign would read as a number)."""
    return version.translate(str.maketrans("0123456789", style(lang).digits))


def authors(record: dict) -> str:
    return "; ".join(author.get("name") or " ".join(filter(None, (author.get("given-names"), author.get("family-names"))))
                     for author in record["authors"])


def addresses(record: dict, lang: str = ENGLISH) -> list[tuple[str, str]]:
    """(what, address) for each way of reaching the report the record gives."""
    known = (("Repository", "repository-code"), ("Report", "url"))
    found = [(tr(label, lang), record[key]) for label, key in known if record.get(key)]
    found += [(tr("Contact", lang), f"mailto:{email}") for email in report.contacts(record)]
    return [(label, address) for label, address in found if _SAFE_ADDRESS.fullmatch(str(address))]


def reach(record: dict, lang: str = ENGLISH) -> str:
    """How to reach the maintainers: the record's addresses, or how to find them when it gives none."""
    found = addresses(record, lang)
    if not found:
        return tr(NO_ADDRESS, lang)
    return tr("; ", lang).join(f"{label}: <{address}>" for label, address in found) + "."


def edition(sources: pd.DataFrame, lang: str = ENGLISH) -> Markdown:
    """The edition line at the top of the front page: version, release date and the sources' dates."""
    record = report.record()
    dates = tr("; ", lang).join(f"{escape(cell(r['publisher'], lang))}{tr(', ', lang)}{day(r['published'], lang)}"
                                for _, r in sources.iterrows())
    return Markdown("*" + tr("{edition}. Built from published texts: {dates}. Who made it, and how to report "
                             "an error: [About this report](about.md).", lang).format(edition=escape(edition_text(record, lang)), dates=dates) + "*")


def who(record: dict | None = None, lang: str = ENGLISH) -> Markdown:
    """Who made and who publishes the report, its edition, how to reach its maintainers; and, while
    the record leaves the address or the contact unset, how a publisher sets them."""
    record = record or report.record()
    text = tr("**Made by:** {authors}. **Edition:** {edition}. **Reaching the maintainers:** {reach}", lang).format(
        authors=escape(as_named(authors(record), lang)), edition=escape(edition_text(record, lang)), reach=reach(record, lang))
    if report.publisher(record):
        text = tr("**Published by:** {publisher}.", lang).format(publisher=escape(report.publisher(record))) + " " + text
    if report.unset_accountability(record):
        text += "\n\n" + tr(FOR_A_PUBLISHER, lang)
    return Markdown(text)


def source_dates(sources: pd.DataFrame, lang: str = ENGLISH) -> Markdown:
    """When each source was published, and how that date is known."""
    rows = [f"| {escape(cell(r['publisher'], lang))} | {escape(r['title']) if lang == ENGLISH else translated_title(r['title'], lang, escape)} | {day(r['published'], lang)} "
            f"| {escape(cell(r['published_note'], lang))} |" for _, r in sources.iterrows()]
    header = tr("| Publisher | Title | Published | How the date is known |", lang)
    return Markdown("\n".join([header, "|---|---|---|---|", *rows]))


def footer(record: dict | None = None, lang: str = ENGLISH) -> str:
    """The footer every page shows: the edition, the period it covers, and the licences (HTML)."""
    record = record or report.record()
    return "<p>" + escape_html(tr(
        "{title}. {edition}. Every figure is traced to a verbatim quote in an archived source; every other number is "
        "computed from the figures, and this report's own readings and assumptions are marked as such. Text and data: "
        "CC BY 4.0; code: MIT; the archived source texts remain their publishers'. See About this report and Cite and "
        "reuse.", lang).format(
        title=tr(record["title"], lang), edition=edition_text(record, lang))) + "</p>"
