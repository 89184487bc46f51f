"""The two editions of the book, English and Persian, in one site: the Persian one is built from
``fa/`` into ``_build/html/fa/``. Here: each page's link to its twin in the other language (a
visible switch and ``<link rel="alternate" hreflang>``), the Persian page's direction, its
stylesheet and font (Vazirmatn, vendored from the pinned npm package into the build), and a
Persian search that finds words typed with Arabic ي and ك.
"""
from __future__ import annotations

import functools
import json
import re
import shutil
from html import escape
from pathlib import Path

from markupsafe import Markup
from sphinx.search import SearchLanguage
from sphinx.search.en import english_stopwords

from .. import paths, report
from .site import DOWNLOADS_DIR, EDITION_FOLDERS as EDITION_FOLDER

PERSIAN = "fa"
LANGUAGE_NAME = {"en": "English", PERSIAN: "فارسی"}
RTL_STYLESHEET = "rtl.css"
FONT_PACKAGE = paths.PERSIAN_FONT_PACKAGE
FONT_VERSION = "33.0.3"  # as pinned in package.json
# The Non-Latin cut (Persian and Arabic glyphs only; Latin text keeps the reader's system font), cut
# further to the characters the edition's pages use and the digits and marks numbers need: about
# 10 KB on every Persian page. One weight: the browser makes the bold. The font's own Bold, cut the
# same way, is 10.5 KB more on every page, which puts the figures, letters and explore pages over
# their budgets (issue 17: 100 KiB a text page, 400 KiB a chart page); fa/REVIEW.md records it.
FONT_FILES = ("misc/Non-Latin/fonts/webfonts/Vazirmatn-NL-Regular.woff2",)
FONT_LICENCE = "OFL.txt"
# The digits, separators and marks a number or a quotation in Persian may need, which a page may
# not happen to show but a chart drawn in the browser may (with the letters the pages use).
PERSIAN_CHARACTERS = set(range(0x6F0, 0x6FA)) | {0x60C, 0x61B, 0x61F, 0x66A, 0x66B, 0x66C, 0x200C, 0xAB, 0xBB}
ARABIC_SCRIPT = (range(0x600, 0x700), range(0xFB50, 0xFF00))
_ESCAPED = re.compile(r"\\u([0-9a-fA-F]{4})")  # a character as a chart's JSON spec writes it
FONTS_DIR = "_static/fonts"
# Arabic letters a Persian reader's keyboard may type for the Persian ones the book is written in.
ARABIC_TO_PERSIAN = {"ي": "ی", "ك": "ک", "ى": "ی"}
PERSIAN_STOPWORDS = """و در به از که این را با است برای آن یک تا بر هر یا نیز شد شده شود می کرد کرده کند
است هست بود باشد اند ای ها های هم پس اگر چه چون ولی اما نه آنها او ما من تو شما خود دیگر همه بین پیش روی زیر
پیش میان نزد بی"""


def language(app) -> str:
    return app.config.language or "en"


def twin(pagename: str, lang: str) -> tuple[str, str]:
    """The other edition's language and the address of this page's twin there, relative to this page."""
    other = "en" if lang == PERSIAN else PERSIAN
    up = "../" * (pagename.count("/") + (1 if lang == PERSIAN else 0))
    return other, f"{up}{EDITION_FOLDER[other]}{pagename}.html"


@functools.cache
def translated_pages() -> frozenset[str]:
    """The pages the Persian edition holds: those in its table of contents (a page whose English
    changed is left out of it until it is translated again)."""
    import yaml

    toc = yaml.safe_load(paths.FA_BOOK_CONFIG[1].read_text(encoding="utf-8"))
    return frozenset([toc["root"], *(entry["file"] for entry in toc.get("chapters", []))])


# The switch keeps the reader's place (issue 26): the anchor in the address, else the last entry begun
# in the top third of the window (under the theme's header), when it is one of the page's labels (``data-places``): a figure's, an event's,
# a computed result's, a section's own, which the same code and labels write in both editions. An id
# Sphinx made up from a heading's words differs between them, so it is not carried.
SWITCH_JS = """document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("p.prisons-language a[data-places]");
  if (!link) return;
  const places = new Set(link.dataset.places.split(" "));
  let place = decodeURIComponent(location.hash.slice(1));
  if (!places.has(place)) {
    place = "";
    for (const id of places) {
      const target = id && document.getElementById(id);
      if (target && target.getBoundingClientRect().top <= innerHeight / 3 && (!place || target.compareDocumentPosition(
          document.getElementById(place)) & Node.DOCUMENT_POSITION_PRECEDING)) place = id;
    }
  }
  link.hash = place ? "#" + place : "";
});"""


def page_labels(env, pagename: str) -> list[str]:
    """The labels a page defines (MyST's ``(label)=``): the anchors both editions share."""
    labels = env.domaindata.get("std", {}).get("anonlabels", {})  # every label, a section's or a paragraph's
    return sorted({labelid for docname, labelid in labels.values() if docname == pagename and labelid})


def link_twin(app, pagename, templatename, context, doctree) -> None:
    """The language switch, which keeps the reader's place, and the alternate link, both ways; the page's direction."""
    if app.builder.name != "html":
        return
    lang = language(app)
    if lang != PERSIAN and pagename not in translated_pages():
        return  # a page not (yet) in the Persian edition has no twin to link to
    other, address = twin(pagename, lang)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" hreflang="{other}" href="{escape(address)}" />')
    if "body" in context:
        places = escape(" ".join(page_labels(app.env, pagename)))
        switch = (f'<p class="prisons-language"><a href="{escape(address)}" hreflang="{other}" lang="{other}" '
                  f'rel="alternate" data-places="{places}">{LANGUAGE_NAME[other]}</a></p>\n')
        context["body"] = switch + context["body"]
    if lang == PERSIAN:
        # The theme writes <html lang="{{ language }}">; it has no setting for the direction.
        context["language"] = Markup(f'{PERSIAN}" dir="rtl')


def add_persian_assets(app) -> None:
    if language(app) == PERSIAN:
        app.add_css_file(RTL_STYLESHEET)


def font_sources() -> list[Path]:
    """The two weights of the font, then its licence."""
    sources = [FONT_PACKAGE / f for f in (*FONT_FILES, FONT_LICENCE)]
    missing = [p for p in sources if not p.exists()]
    if missing:
        raise FileNotFoundError(f"{paths.relative(missing[0])} is missing: run `npm ci` (the Makefile does)")
    return sources


def used_characters(outdir: Path) -> set[int]:
    """The Persian digits and marks, and every Arabic-script character the pages hold."""
    found = set(PERSIAN_CHARACTERS)
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        found |= {ord(c) for c in set(text)} | {int(code, 16) for code in set(_ESCAPED.findall(text))}  # charts' specs
    return {c for c in found if any(c in r for r in ARABIC_SCRIPT)} | PERSIAN_CHARACTERS


def write_font(app, exception) -> None:
    """Ship the Persian font, both weights cut to the characters the edition uses, and its licence
    inside the Persian edition (no web-font service). The OFL allows the cut (the font has no
    reserved name)."""
    if exception is None and language(app) == PERSIAN and app.builder.format == "html":
        from .stylesheet import subset_font

        folder = Path(app.outdir) / FONTS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        *fonts, licence = font_sources()
        used = used_characters(Path(app.outdir))
        for font in fonts:
            subset_font(font, used, folder / font.name)
        if not (folder / licence.name).is_file() or (folder / licence.name).read_bytes() != licence.read_bytes():
            shutil.copyfile(licence, folder / licence.name)


def copy_persian_edition(html_root: Path) -> None:
    """Put the Persian edition (``_build/fa``) into the English site's ``fa/`` folder, before the
    site is zipped and compressed, so that one zip and one host serve both. Files the Persian
    build no longer has go; its PDF, printed later by ``make pdf``, stays."""
    if not paths.FA_HTML.is_dir():
        return
    target = html_root / EDITION_FOLDER[PERSIAN]
    kept = {Path(DOWNLOADS_DIR) / report.PDF_NAMES[PERSIAN]}
    if target.is_dir():
        for path in sorted(target.rglob("*"), reverse=True):
            rel = path.relative_to(target)
            if path.is_file() and rel not in kept and not (paths.FA_HTML / rel).is_file():
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    shutil.copytree(paths.FA_HTML, target, dirs_exist_ok=True)


def normalize(word: str) -> str:
    """A word as the Persian index holds it: Persian letters for the Arabic ones."""
    return "".join(ARABIC_TO_PERSIAN.get(c, c) for c in word)


class SearchPersian(SearchLanguage):
    """Sphinx has no Persian search: index and query words alike are normalized, the index in
    Python (``stem``) and the query in the browser (the ``Stemmer`` Sphinx's search calls)."""

    lang = PERSIAN
    language_name = "Persian"
    # Words too common to find a page by (and which fill the index every Persian page downloads on
    # search): Persian function words, and English's as Sphinx lists them, for the quotes.
    stopwords = set(PERSIAN_STOPWORDS.split()) | set(english_stopwords)
    js_stemmer_code = ("var Stemmer = function() {\n  const map = " + json.dumps(ARABIC_TO_PERSIAN, ensure_ascii=False)
                       + ";\n  this.stemWord = (w) => w.replace(/[" + "".join(ARABIC_TO_PERSIAN) + "]/g, (c) => map[c]);\n}\n")

    def stem(self, word: str) -> str:
        return normalize(word.lower())

    def word_filter(self, word: str) -> bool:
        """Sphinx drops a stop word only when it starts with a Latin letter; Persian ones go too."""
        return super().word_filter(word) and word not in self.stopwords


# ------------------------------------------------------------------ English left on a Persian page

# Names the Persian text writes in Latin letters, as Persian media do: formats, tools, standards,
# licences, the groups' Latin abbreviations (so the text can be matched with the data), the disease.
LATIN_NAMES = re.compile(r"""PMOI/MEK|PMOI|MEK|NCRI|IRGC|N95|COVID-19|CC[ -]BY[ -]4\.0|MIT|SIL\ Open\ Font\ License\ 1\.1|
    Citation\ File\ Format|Frictionless\ Data\ Package|CSL-JSON|BibTeX|Zotero|pandoc|JupyterLab|Jupyter|ipywidgets|git|
    Makefile|README|Excel|PDF|CSV|PNG|SVG|JSON|HTML|UTF-8|zip|sha256|SHA256SUMS|Vazirmatn|Sphinx|
    https?://\S+|(?:[\w-]+/)*[\w.-]+\.(?:csv|json|md|ipynb|pdf|xlsx|zip|txt|cff|bib|html|sha256)\b|LICENSE|data/""", re.X)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.:/-]*")
# What stays English on purpose: code and identifiers, what is marked English (verbatim quotes, the
# corrections log as logged, the English citation), addresses shown as links, the language switch,
# scripts, and text set between Unicode isolates (a plain-text citation's original title, a figure's id).
MARKED_ENGLISH = ("script, style, code, pre, kbd, [lang='en'], a.reference.external, .prisons-permalink, "
                  "svg, .prisons-chart-spec, template, noscript")
ISOLATED = re.compile("[\u2066\u2068][^\u2069]*\u2069")
LABELS = ("aria-label", "title", "placeholder", "alt")


def english_left(html: str) -> list[str]:
    """The Latin words a Persian page shows (or reads out to a screen reader) that are neither a
    name the edition writes in Latin letters nor marked as English."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    body = soup.body or soup
    marked = set(map(id, body.select(MARKED_ENGLISH)))
    labels = [value for node in body.find_all(True) for name in LABELS
              if isinstance(value := node.get(name), str)
              and not ({id(node)} | {id(parent) for parent in node.parents}) & marked]
    for node in body.select(MARKED_ENGLISH):
        node.decompose()
    text = ISOLATED.sub(" ", " ".join([body.get_text(" "), *labels]))
    return LATIN_WORD.findall(LATIN_NAMES.sub(" ", text))


def refuse_english(app, exception) -> None:
    """Stop the Persian build on English it shows (an identifier, a sentence the code wrote, a
    label of the theme's), naming each page and what it shows."""
    if exception is not None or language(app) != PERSIAN or app.builder.name != "html":
        return
    found = {}
    for page in sorted(Path(app.outdir).rglob("*.html")):
        if page.relative_to(app.outdir).parts[0].startswith("_"):  # the theme's macros, the notebooks' sources
            continue
        words = english_left(page.read_text(encoding="utf-8"))
        if words:
            found[page.relative_to(app.outdir).as_posix()] = " ".join(dict.fromkeys(words))[:300]
    if found:
        from sphinx.errors import ExtensionError

        raise ExtensionError("English on Persian pages, without Persian in fa/ or lang=\"en\": "
                             + "; ".join(f"{page}: {words}" for page, words in found.items()))
