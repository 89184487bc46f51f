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


_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                  "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _bibtex_text(text: str) -> str:
    r"""Escape the characters BibTeX and LaTeX give a meaning to, the backslash first of all (so
    ``\input`` reaches LaTeX as text), each in one pass; a line break becomes a space."""
    return re.sub(r"[\\{}&%$#_~^]", lambda found: _LATEX_SPECIAL[found.group()], " ".join(str(text).split()))


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


def cited_from(cff: dict, anchor: str, address: str | None, lang: str = "en") -> str:
    """Where a citation was taken from: the report, its version and the entry's published address;
    or, when the copy names no published address, that it is a local copy, with the identifier
    (never a loopback or ``file://`` address, which no one else can open)."""
    from ..i18n import tr
    from .about import version_digits

    fields = {"report": tr(cff["title"], lang), "version": version_digits(str(cff["version"]), lang),
              **_left_to_right(lang, address=address or "", identifier=anchor)}
    if address:
        return tr("Cited from: {report}, version {version}, {address}", lang).format(**fields)
    return tr("Cited from a local copy of {report}, version {version}, identifier {identifier}", lang).format(**fields)


def figure(cff: dict, row: pd.Series, source: pd.Series, address: str | None, lang: str = "en") -> str:
    """A figure's short citation, flat: the figure, who states it and who reports it, the report
    and the figure's address (``site.permalink``) or its identifier."""
    from ..i18n import cell, tr

    as_of = tr(", ", lang) + figure_when(row, lang) if row["as_of"] else ""
    return tr("{figure}: {what}{as_of}. Stated by {stated_by}. Source: {publisher}, {published}. {cited_from}", lang).format(
        figure=with_unit(row, lang), what=cell(row["what"], lang), as_of=as_of, stated_by=cell(row["stated_by"], lang),
        publisher=cell(source["publisher"], lang), published=day(source["published"], lang),
        cited_from=cited_from(cff, str(row.name), address, lang))


def event(cff: dict, row: pd.Series, source: pd.Series, anchor: str, address: str | None, lang: str = "en") -> str:
    """A dated event's short citation: when, what and who, who reports it, the report and the address."""
    from ..fmt import event_when
    from ..i18n import cell, tr

    return tr("{when}: {what}. Who: {actor}. Source: {publisher}, {published}. {cited_from}", lang).format(
        when=event_when(row, lang), what=cell(row["what"], lang), actor=cell(row["actor"], lang),
        publisher=cell(source["publisher"], lang), published=day(source["published"], lang),
        cited_from=cited_from(cff, anchor, address, lang))


def result(cff: dict, text: str, how: str, anchor: str, address: str | None, lang: str = "en") -> str:
    """A computed number's short citation: the number, that the report computed it and how, and its address."""
    from ..i18n import tr

    return tr("{text}: computed by the report ({how}). {cited_from}", lang).format(
        text=text, how=how, cited_from=cited_from(cff, anchor, address, lang))


def cff_text(text: str, cff: dict) -> str:
    """CITATION.cff as written, with the published address as its ``url`` when one is set for the
    build (``report.site_url``; ``SITE_URL`` may set it where the file does not)."""
    if not cff.get("url"):
        return text
    lines = [line for line in text.splitlines() if not line.startswith("url:")]
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("title:")), len(lines))
    return "\n".join([*lines[:at], f"url: {json.dumps(cff['url'])}", *lines[at:]]) + "\n"


def _left_to_right(lang: str, **identifiers: str) -> dict[str, str]:
    """Identifiers and addresses in a citation of another language, each isolated left to right
    (U+2066 … U+2069), so that the words around them do not reorder them."""
    return identifiers if lang == "en" else {k: f"\u2066{v}\u2069" for k, v in identifiers.items()}


def files(cff: dict) -> dict[str, str]:
    """The citation files the book offers for download, by file name, each with the published address when set."""
    from .. import paths

    return {"citation.bib": bibtex(cff), "citation.json": json.dumps(csl_json(cff), indent=2, ensure_ascii=False) + "\n",
            paths.CITATION.name: cff_text(paths.CITATION.read_text(encoding="utf-8"), cff)}
