"""Every page locks itself down: a Content-Security-Policy, no referrer, external links that cannot
reach back.

The policy allows only the book's own files (``'self'``): a future change that adds a CDN script,
font or image is blocked in the reader's browser, and the browser test counts violations. Inline
scripts run only by hash, and only the scripts the book knows it ships are hashed: the bodies that
extensions register through Sphinx (``add_js_file(None, body=...)``), the theme's template scripts
rendered for the page, and the chart loaders the chart renderer writes. A script that merely appears
in a page is never hashed, so one smuggled in by data stays blocked. Styles may be inline
(``'unsafe-inline'`` in ``style-src``): the theme, vega-embed and the charts' SVG set style
attributes, and inline CSS cannot run script, while with every fetch limited to ``'self'`` it cannot
send anything off the machine either.
"""
from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

from jinja2 import TemplateError


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL)
# Inline event handlers in the theme's templates, allowed by hash ('unsafe-hashes' lets exactly
# these run): sphinx-book-theme's "print to PDF" menu entry.
THEME_HANDLERS = ("window.print()",)
EXTERNAL_LINK = re.compile(r'<a (?![^>]*\brel=)([^>]*\bhref="https?://)')


def source_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def policy(script_hashes, handler_hashes=()) -> str:
    """The page's policy: the book's own files only, and the inline scripts given by hash."""
    scripts = " ".join(["'self'", *sorted(set(script_hashes))] +
                       (["'unsafe-hashes'", *sorted(set(handler_hashes))] if handler_hashes else []))
    return "; ".join([
        "default-src 'self'", f"script-src {scripts}", "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:", "font-src 'self'", "connect-src 'self'", "object-src 'none'",
        "base-uri 'none'", "form-action 'self'",
    ])


def head_tags(page_policy: str) -> str:
    return (f'\n    <meta http-equiv="Content-Security-Policy" content="{page_policy}" />'
            '\n    <meta name="referrer" content="no-referrer" />')


@cache
def _template_scripts(theme_dirs: tuple[str, ...]) -> tuple[str, ...]:
    """The inline script bodies written in the theme's own templates (Jinja source, unrendered)."""
    bodies = []
    for folder in theme_dirs:
        for template in sorted(Path(folder).rglob("*.html")):
            bodies += _INLINE_SCRIPT.findall(template.read_text(encoding="utf-8"))
    return tuple(dict.fromkeys(bodies))


def _theme_dirs(app) -> tuple[str, ...]:
    return tuple(str(folder) for folder in app.builder.theme.get_theme_dirs())


def known_scripts(app, context) -> list[str]:
    """The inline scripts this page may run: registered bodies and the theme's template scripts as
    rendered for this page (charts need none: their specs are JSON data blocks, their loader a file)."""
    known = [script.attributes["body"] for script in context.get("script_files", [])
             if not getattr(script, "filename", None) and "body" in getattr(script, "attributes", {})]
    for body in _template_scripts(_theme_dirs(app)):
        try:
            known.append(app.builder.templates.render_string(body, context))
        except TemplateError:  # a fragment that only renders inside its own template: nothing this page runs
            continue
    return known


def secure_page(app, pagename, templatename, context, doctree) -> None:
    """Put the policy and the referrer rule in the page's head; external links get rel=noreferrer noopener."""
    if app.builder.format != "html":
        return
    page_policy = policy([source_hash(s) for s in known_scripts(app, context)],
                         [source_hash(h) for h in THEME_HANDLERS])
    context["metatags"] = context.get("metatags", "") + head_tags(page_policy)
    if "body" in context:
        context["body"] = EXTERNAL_LINK.sub(r'<a rel="noreferrer noopener" \1', context["body"])
