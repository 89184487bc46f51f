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
"""
from __future__ import annotations

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
    """myst-nb's toggle of a hidden output, with its labels as spans: ``<p>`` may not sit in ``<summary>``."""
    self.body.append(f'<details class="admonition hide {" ".join(node["classes"])}">\n'
                     '<summary aria-label="Toggle hidden content">\n'
                     f'<span class="collapsed admonition-title">{escape(node["prompt_show"])}</span>\n'
                     f'<span class="expanded admonition-title">{escape(node["prompt_hide"])}</span>\n</summary>\n')


def depart_hidden_output(self, node) -> None:
    self.body.append("</details>\n")
