"""Every page carries a Content-Security-Policy that allows the book's own files only, a no-referrer
rule, and external links that send no referrer; the browser reports no violation of the policy on
any page, served over loopback or opened from file://.

The fast tests check the policy as the extension writes it; the slow ones read and drive the built
book (``make book`` when it is missing).
"""
from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from prisons import paths
from prisons.book import page_security

HTML = paths.HTML
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')
SETTLE_MS = 1500


class _Head(HTMLParser):
    """The page's inline scripts, its meta tags, and its external links."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.inline_scripts, self.metas, self.external, self._script = [], [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type", "text/javascript") in ("text/javascript", "module"):
            self._script = []
        if tag == "meta":
            self.metas.append(attrs)
        if tag == "a" and re.match(r"https?://", attrs.get("href") or ""):
            self.external.append(attrs)

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.inline_scripts.append("".join(self._script))
            self._script = None


def fake_app(theme_dirs=()):
    templates = SimpleNamespace(render_string=lambda source, context: source)
    theme = SimpleNamespace(get_theme_dirs=lambda: list(theme_dirs))
    return SimpleNamespace(builder=SimpleNamespace(format="html", theme=theme, templates=templates))


# ------------------------------------------------------------------------------ the policy itself


def test_the_policy_names_no_remote_origin_and_no_unsafe_script():
    written = page_security.policy(["'sha256-abc'"], ["'sha256-def'"])
    directives = dict(d.split(" ", 1) for d in written.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self' 'sha256-abc' 'unsafe-hashes' 'sha256-def'"
    assert not re.search(r"https?:|\*|'unsafe-inline'|'unsafe-eval'", directives["script-src"])
    assert not re.search(r"https?:|\*", written)


def test_only_known_scripts_are_hashed():
    """A script registered by an extension is hashed; one that merely appears in the page body is not."""
    registered = SimpleNamespace(filename=None, attributes={"body": "var known = 1;"})
    context = {"script_files": [registered], "metatags": "",
               "body": '<p>x</p><script>alert(1)</script><script type="module">alert(2)</script>'}
    page_security.secure_page(fake_app(), "chapters/x", "page.html", context, None)
    [written] = CSP_META.findall(context["metatags"])
    assert page_security.source_hash("var known = 1;") in written
    assert page_security.source_hash("alert(1)") not in written and page_security.source_hash("alert(2)") not in written
    assert '<meta name="referrer" content="no-referrer" />' in context["metatags"]


def test_external_links_in_the_body_send_no_referrer():
    context = {"metatags": "", "body": '<a class="reference external" href="https://example.org/">x</a>'
                                       '<a href="#local">y</a><a rel="noreferrer noopener" href="https://a.example/">z</a>'}
    page_security.secure_page(fake_app(), "chapters/x", "page.html", context, None)
    assert context["body"].count('rel="noreferrer noopener"') == 2 and '<a href="#local">' in context["body"]


# ---------------------------------------------------------------------------------- the built book


@pytest.fixture(scope="module")
def book() -> Path:
    if not (HTML / "chapters" / "index.html").exists():
        subprocess.run(["make", "book"], cwd=paths.ROOT, check=True)
    return HTML


def pages(html: Path) -> list[Path]:
    return sorted(p for p in html.rglob("*.html") if not {"_static", "_sources", "_vendor"} & set(p.relative_to(html).parts))


@pytest.mark.slow
def test_every_page_has_the_policy_and_runs_only_hashed_scripts(book):
    for page in pages(book):
        text = page.read_text(encoding="utf-8")
        head = _Head(text)
        [policy] = CSP_META.findall(text) or [""]
        directives = dict(d.split(" ", 1) for d in policy.split("; ") if d)
        assert directives.get("default-src") == "'self'", page
        assert not re.search(r"https?:|\*|'unsafe-eval'", policy) and "'unsafe-inline'" not in directives["script-src"], page
        first_script = text.find("<script")
        assert first_script == -1 or text.index("Content-Security-Policy") < first_script, page
        assert {"name": "referrer", "content": "no-referrer"} in head.metas, page
        for script in head.inline_scripts:
            assert page_security.source_hash(script) in policy, f"{page}: an inline script the policy does not allow"
        for link in head.external:
            assert "noreferrer" in (link.get("rel") or "") and "noopener" in (link.get("rel") or ""), (page, link)
        assert "thebe" not in text and "unpkg.com" not in text, page
