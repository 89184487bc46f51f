"""The lines of an entry of the Figures and Methods pages: its note, its corrections, where in the
code its number is computed, its permalink (or, in a copy with no published address, its
identifier), and its short citation with the button that copies it (``static/citations.js``)."""
from __future__ import annotations

import re
from html import escape as escape_html

import pandas as pd

from ..fmt import ENGLISH, day, localize
from ..fmt import escape_markdown as escape
from ..i18n import cell, in_quotes, tr
from ..stories import Value
from . import words


def code_line(value: Value, lang: str = ENGLISH) -> str:
    """Where in the package a result is computed: the function, its file and line (in the
    replication package, as in the repository)."""
    function, file, line = value.made_in
    return f"- **{tr('Computed by:', lang)}** " + tr("`{function}`, in `{file}`, line {line}", lang).format(
        function=function, file=file, line=localize(str(line), lang))


def permalink_line(anchor: str, address: str | None, lang: str = ENGLISH) -> str:
    """The entry's permanent address to copy (a link within the page), or, in a copy that names no
    published address, its identifier and why there is no address."""
    identifier = anchor if lang == ENGLISH else f'<span lang="en" dir="ltr">{anchor}</span>'
    shown = escape_html(address) if address else tr("identifier {identifier} (this copy names no published address)",
                                                    lang).format(identifier=identifier)
    return f'- **{tr("Permalink:", lang)}** <a class="prisons-permalink" href="#{anchor}">{shown}</a>'


# A Persian citation's own left-to-right isolates (``cite._left_to_right``: an identifier or address
# kept left to right), which escaping would show as markers, as it shows every other invisible
# character (the check refuses them in every input). Only these two, which can reorder nothing but
# keep a run left to right, and only in another language: an English citation has none of its own.
_ISOLATES = {"\u2066": "PRISONSISOLATEOPEN", "\u2069": "PRISONSISOLATECLOSE"}


def _escaped_keeping_isolates(text: str, lang: str) -> str:
    if lang == ENGLISH:
        return escape(text)
    for mark, word in _ISOLATES.items():
        text = text.replace(mark, word)
    text = escape(text)
    for mark, word in _ISOLATES.items():
        text = text.replace(word, mark)
    return text


def citation_line(citation: str, lang: str = ENGLISH) -> str:
    """The entry's short citation, and a button that copies it (``static/citations.js`` shows and wires it)."""
    copy, copied = tr("Copy", lang), tr("Copied", lang)
    return (f'- **{tr("Cite as:", lang)}** <span class="prisons-citation">{_escaped_keeping_isolates(citation, lang)}</span> '
            f'<button type="button" class="prisons-copy" data-copy="{copy}" data-copied="{copied}" hidden>{copy}</button>')


def as_logged(text: str, lang: str = ENGLISH) -> str:
    """A corrected cell's old or new value as it was logged, in English: marked as such on a page in
    another language (the values are a record, like the quotes; the reason is the report's own words,
    translated)."""
    return escape(text) if lang == ENGLISH else f'<span lang="en" dir="ltr">{escape(text)}</span>'


def corrections_line(figure_id: str, corrections: pd.DataFrame, lang: str = ENGLISH) -> str:
    """A figure's corrections, oldest first, in one line: when, what changed, from what to what, why."""
    rows = corrections[corrections["figure_id"] == figure_id].sort_values("date")
    if rows.empty:
        return tr("none", lang)
    quoted = str if lang == ENGLISH else in_quotes  # in another language, the English marks inside its span
    return tr("; ", lang).join(tr("{date}, {column} changed from “{old}” to “{new}”: {reason}", lang).format(
        date=day(r["date"], lang), column=escape(words.column(r["column"], lang)), old=as_logged(quoted(r["old_value"]), lang),
        new=as_logged(quoted(r["new_value"]), lang), reason=escape(cell(r["reason"], lang))) for _, r in rows.iterrows())


_ID_IN_WORDS, _ENGLISH_QUOTED = re.compile(r"(?<![\w\\-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])"), re.compile(r"«([A-Za-z][^«»]*)»")


def note(note: str, lang: str) -> str:
    """A note, escaped; in another language the ids it names are code, the source's English it quotes marked English."""
    text = escape(cell(note, lang))
    if lang != ENGLISH:
        text = _ENGLISH_QUOTED.sub(r'«<span lang="en" dir="ltr">\1</span>»', _ID_IN_WORDS.sub(lambda m: f"`{m[0]}`", text))
    return text
