"""How a verbatim quote reads in each language: in its edition's quotation marks (unless it is one
quotation already), and, in another language, the report's translation in the sentence with the
English it translates after it, as plain text, MyST Markdown or HTML."""
from __future__ import annotations

ENGLISH = "en"


def _tr(english: str, lang: str) -> str:
    from .i18n import tr  # the words are looked up where they are kept (i18n imports this module)

    return tr(english, lang)


# A verbatim quote in the Persian edition: the report's translation in the sentence, so that the
# sentence reads without its English, and the English it translates after it.
TRANSLATION_OF = "{translation} (the report’s translation of {quote})"
QUOTATION_MARKS = {"en": ("“", "”"), "fa": ("«", "»")}


def in_quotes(words: str, lang: str = ENGLISH) -> str:
    """``words`` in quotation marks, unless they are one quotation already (a source that quotes a
    speaker verbatim keeps its own marks: the governor's "There is no number yet …")."""
    opening, closing = QUOTATION_MARKS[lang]
    inner = words[1:-1]
    whole = words.startswith(opening) and words.endswith(closing) and len(words) > 1
    if whole and inner.count(opening) == inner.count(closing) and not _closes_early(inner, opening, closing):
        return words
    return f"{opening}{words}{closing}"


def _closes_early(inner: str, opening: str, closing: str) -> bool:
    """Whether the marks inside close one that the first mark opened (“a” and “b” is two quotations)."""
    depth = 0
    for char in inner:
        depth += (char == opening) - (char == closing)
        if depth < 0:
            return True
    return False


def quoted_text(english: str, persian: str, lang: str) -> str:
    """The same as plain text, for a chart's text alternative (escaped where it is shown)."""
    return _tr(TRANSLATION_OF, lang).format(translation=in_quotes(persian, lang), quote=in_quotes(english))


def quoted_markdown(english: str, persian: str, lang: str) -> str:
    """A verbatim quote: the report's own translation, marked as such, with the English it translates."""
    from .fmt import escape_markdown

    return _tr(TRANSLATION_OF, lang).format(translation=escape_markdown(in_quotes(persian, lang)),
                                           quote=f'<span lang="en" dir="ltr">{escape_markdown(in_quotes(english))}</span>')


def quoted_html(english: str, persian: str, lang: str):
    """The same, as HTML for a table cell (escaped; ``Markup`` so the table does not escape it twice):
    the translation first, the English it translates on the line below."""
    from markupsafe import Markup, escape

    from .fmt import printable

    return Markup(_tr(TRANSLATION_OF, lang).format(translation=f"{escape(printable(in_quotes(persian, lang)))}<br>",
                                                  quote=f'<span lang="en" dir="ltr">{escape(printable(in_quotes(english)))}</span>'))
