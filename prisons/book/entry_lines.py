"""The lines an entry of the Figures and Methods pages ends with: where in the code its number is
computed, its permalink (or, in a copy with no published address, its identifier), and its short
citation with the button that copies it (``static/citations.js``)."""
from __future__ import annotations

from html import escape as escape_html

from ..fmt import ENGLISH, localize
from ..fmt import escape_markdown as escape
from ..i18n import tr
from ..stories import Value


def code_line(value: Value, lang: str = ENGLISH) -> str:
    """Where in the package a result is computed: the function, its file and line (in the
    replication package, as in the repository)."""
    function, file, line = value.made_in
    return f"- **{tr('Computed by:', lang)}** " + tr("`{function}`, in `{file}`, line {line}", lang).format(
        function=function, file=file, line=localize(str(line), lang))


def permalink_line(anchor: str, address: str | None, lang: str = ENGLISH) -> str:
    """The entry's permanent address to copy (a link within the page), or, in a copy that names no
    published address, its identifier and why there is no address."""
    shown = escape_html(address) if address else tr("identifier {identifier} (this copy names no published address)",
                                                    lang).format(identifier=anchor)
    return f'- **{tr("Permalink:", lang)}** <a class="prisons-permalink" href="#{anchor}">{shown}</a>'


def citation_line(citation: str, lang: str = ENGLISH) -> str:
    """The entry's short citation, and a button that copies it (``static/citations.js`` shows and wires it)."""
    copy, copied = tr("Copy", lang), tr("Copied", lang)
    return (f'- **{tr("Cite as:", lang)}** <span class="prisons-citation">{escape(citation)}</span> '
            f'<button type="button" class="prisons-copy" data-copy="{copy}" data-copied="{copied}" hidden>{copy}</button>')
