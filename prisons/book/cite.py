"""Citations, all generated from the one record in ``CITATION.cff``.

BibTeX, CSL-JSON and the plain-text citations of the report and of each figure are derived
here, so a change to the record (a new version, a date, an address) reaches all of them.
"""
from __future__ import annotations

import json
import re
from datetime import date

import pandas as pd
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from ..fmt import day, figure_when, with_unit

CITATION_KEY = "covid19IranPrisons2020"
STYLE = "harvard-cite-them-right"  # the CSL style that ships with citeproc-py


def released(cff: dict) -> date:
    """The release date in the record (YAML may already have read it as a date)."""
    released = cff["date-released"]
    return released if isinstance(released, date) else date.fromisoformat(str(released))


def csl_json(cff: dict) -> list[dict]:
    """The report as one CSL-JSON item (for Zotero, pandoc and other citation managers)."""
    issued = released(cff)
    item = {"id": CITATION_KEY, "type": "dataset", "title": cff["title"],
            "author": [{"literal": author["name"]} for author in cff["authors"]],
            "issued": {"date-parts": [[issued.year, issued.month, issued.day]]},
            "version": str(cff["version"]), "abstract": cff.get("abstract", "")}
    if cff.get("url"):
        item["URL"] = cff["url"]
    return [item]


def _bibtex_text(text: str) -> str:
    """Escape the characters BibTeX and LaTeX give a meaning to."""
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def bibtex(cff: dict) -> str:
    """The report as one BibTeX entry; author names in double braces so they are not split."""
    issued = released(cff)
    fields = {"title": "{" + _bibtex_text(cff["title"]) + "}",
              "author": " and ".join("{" + _bibtex_text(a["name"]) + "}" for a in cff["authors"]),
              "year": str(issued.year), "month": str(issued.month), "version": str(cff["version"]),
              "note": "Data set and report"}
    if cff.get("url"):
        fields["url"] = cff["url"]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@misc{{{CITATION_KEY},\n{body}\n}}\n"


def plain(cff: dict, lang: str = "en") -> str:
    """The report's citation in plain text, formatted by citeproc-py from the CSL-JSON; in another
    language, the same citation in its words: «مشارکت‌کنندگان … (۲۰۲۶). «…»، نسخهٔ ۱.۱.۰.»."""
    if lang != "en":
        from ..fmt import localize
        from ..i18n import tr

        from .about import version_digits

        return tr("{authors} ({year}). “{title}”, version {version}.", lang).format(
            authors=tr(cff["authors"][0]["name"], lang), year=localize(str(released(cff).year), lang),
            title=tr(cff["title"], lang), version=version_digits(str(cff["version"]), lang))
    style = CitationStylesStyle(STYLE, validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(csl_json(cff)), formatter.plain)
    bibliography.register(Citation([CitationItem(CITATION_KEY)]))
    text = str(bibliography.bibliography()[0])
    return f"{text} Version {cff['version']}."


def figure(report: str, row: pd.Series, source: pd.Series, address: str, lang: str = "en") -> str:
    """A ready citation for one figure: what it is, who states it, where, and its permalink.
    ``report`` is the report's own citation, ``plain(record)`` (in English, as the record is)."""
    from ..i18n import cell, tr

    as_of = tr(", ", lang) + figure_when(row, lang) if row["as_of"] else ""
    return tr("{figure}: {what}{as_of} (stated by {stated_by}). Source: {publisher}, “{title}”, {published}, {url}. "
              "Quoted in: {report} Figure {figure_id}, {address}", lang).format(
        figure=with_unit(row, lang), what=cell(row["what"], lang), as_of=as_of, stated_by=cell(row["stated_by"], lang),
        publisher=cell(source["publisher"], lang), title=cell(source["title"], lang), published=day(source["published"], lang),
        original=f"\u2068“{source['title']}”\u2069",  # the title a translation names, isolated from the words around it
        url=source["url"], report=report, **_left_to_right(lang, figure_id=row.name, address=address))


def _left_to_right(lang: str, **identifiers: str) -> dict[str, str]:
    """Identifiers and addresses in a citation of another language, each isolated left to right
    (U+2066 … U+2069), so that the words around them do not reorder them."""
    return identifiers if lang == "en" else {k: f"\u2066{v}\u2069" for k, v in identifiers.items()}


def files(cff: dict) -> dict[str, str]:
    """The citation files the book offers for download, by file name."""
    return {"citation.bib": bibtex(cff), "citation.json": json.dumps(csl_json(cff), indent=2, ensure_ascii=False) + "\n"}
