"""Workarounds for upstream behaviour, each named with what it works around.

- Sphinx's singlehtml builder writes its one page at the root document's path, where none of
  its own root-relative links resolve (no upstream issue found; seen with Sphinx 7.4.7).
- jupyter-book sets ``html_assets_policy = "always"`` for singlehtml (jupyter-book/jupyter-book
  PR #1774, for issue #1705), so MathJax loads from a CDN whether or not there is any maths.
- myst-nb writes the labels of a hidden output's toggle as ``<p>`` inside ``<summary>``, which
  HTML does not allow (no upstream issue found; seen with myst-nb 1.4.0). ``_static/reader.css``
  styles the spans written instead as myst-nb styles its paragraphs.
- sphinx-external-toc writes the site's root ``index.html`` as a bare ``<meta>`` redirect, with
  no doctype, ``<head>`` or ``<title>`` (seen with sphinx-external-toc 1.1.0).
- Sphinx's ``Documentation.addTranslations`` (doctools.js, Sphinx 7.4.7) compiles the catalogue's
  plural rule with ``new Function``, which the pages' policy (no 'unsafe-eval') refuses, so every
  page of a translated edition logged a CSP error and its search messages stayed untranslated.
- Sphinx writes the search index with every non-ASCII letter as a ``\\u`` escape, which makes the
  Persian index a tenth larger on the wire (1.4 KB gzipped) than the same index in UTF-8.
"""
from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from . import page_security


def singlehtml_at_root(app, exception) -> None:
    """Sphinx's singlehtml builder links its one page as if it sat at the root (``_static/``,
    ``data-content_root="./"``) but writes it at the root document's path, chapters/index.html,
    where none of those links resolve. Put it at the root; leave a redirect where it was."""
    if exception is not None or app.builder.name != "singlehtml":
        return
    outdir = Path(app.outdir)
    written = outdir / (app.config.root_doc + app.builder.out_suffix)
    if written != outdir / "index.html":
        (outdir / "index.html").write_bytes(written.read_bytes())
        up = "../" * (len(written.relative_to(outdir).parts) - 1)
        security = page_security.head_tags(page_security.policy([]))
        written.write_text(f'<meta http-equiv="Refresh" content="0; url={up}index.html" />{security}\n', encoding="utf-8")


def drop_unused_mathjax(app, pagename, templatename, context, doctree) -> None:
    """jupyter-book makes the singlehtml builder load MathJax from a CDN whether or not there is
    any maths; the book has none, and the PDF edition is printed offline. Keep it only if needed."""
    if "script_files" in context and not app.env.get_domain("math").has_equations():
        mathjax = app.config.mathjax_path
        context["script_files"][:] = [s for s in context["script_files"] if getattr(s, "filename", s) != mathjax]


def visit_hidden_output(self, node) -> None:
    """myst-nb's toggle of a hidden output, with its labels as spans: ``<p>`` may not sit in ``<summary>``;
    its screen-reader label in the edition's language (its catalogue: fa/locale)."""
    from sphinx.locale import get_translation

    label = get_translation("sphinx")("Toggle hidden content")
    self.body.append(f'<details class="admonition hide {" ".join(node["classes"])}">\n'
                     f'<summary aria-label="{escape(str(label))}">\n'
                     f'<span class="collapsed admonition-title">{escape(node["prompt_show"])}</span>\n'
                     f'<span class="expanded admonition-title">{escape(node["prompt_hide"])}</span>\n</summary>\n')


def depart_hidden_output(self, node) -> None:
    self.body.append("</details>\n")


_ADD_TRANSLATIONS = re.compile(r"^Documentation\.addTranslations\((\{.*\})\);\s*$", re.S)


def translations_without_eval(app, exception) -> None:
    """Sphinx's ``translations.js`` rewritten to fill the catalogue directly (with the messages the
    scripts use: 1.8 KB less on every page of a translated edition), its plural rule written as code in the file (the rule is Sphinx's own, from its locale), not compiled from a
    string in the browser. A file already rewritten (a build that copied no static file) stays."""
    target = Path(app.outdir) / "_static" / "translations.js"
    if exception is not None or app.builder.format != "html" or not target.is_file():
        return
    found = _ADD_TRANSLATIONS.match(target.read_text(encoding="utf-8"))
    if found:
        catalog = json.loads(found[1])
        # Only the messages a script asks for (the pages' own words are translated when written).
        scripts = "".join(p.read_text(encoding="utf-8", errors="replace") for p in target.parent.rglob("*.js") if p != target)
        catalog["messages"] = {k: _edition_words(k, v) for k, v in catalog["messages"].items()
                               if json.dumps(k)[1:-1] in scripts or k in scripts}
        plural = re.sub(r"[^n0-9<>=!&|?:%() ]", "", str(catalog.get("plural_expr") or "0"))
        target.write_text("/* Sphinx's catalogue, filled directly (see prisons/book/workarounds.py). */\n"
                          f"Object.assign(Documentation.TRANSLATIONS, {json.dumps(catalog['messages'], indent=1)});\n"
                          f"Documentation.PLURAL_EXPR = (n) => Number({plural});\n"
                          f"Documentation.LOCALE = {json.dumps(catalog['locale'])};\n", encoding="utf-8")


def _edition_words(message: str, sphinx_words: str) -> str:
    """A script's message in the edition's own catalogue (``locale_dirs``, read before Sphinx's),
    or as Sphinx's catalogue has it."""
    from sphinx.locale import get_translation

    ours = str(get_translation("sphinx")(message))
    return ours if ours != message else sphinx_words


_SET_INDEX = re.compile(r"^Search\.setIndex\((\{.*\})\)\s*$", re.S)


def search_index_in_utf8(app, exception) -> None:
    """The search index as Sphinx wrote it, its letters written as themselves (the pages and their
    scripts are UTF-8), not escaped."""
    target = Path(app.outdir) / "searchindex.js"
    if exception is not None or app.builder.name != "html" or not target.is_file():
        return
    text = target.read_text(encoding="utf-8")
    found = _SET_INDEX.match(text)
    if found and "\\u" in text:
        index = json.dumps(json.loads(found[1]), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        target.write_text(f"Search.setIndex({index})", encoding="utf-8")
