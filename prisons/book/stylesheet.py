"""One stylesheet for every page, holding only the rules the book can use, and the few icons it shows.

The theme links nine stylesheets (66 KiB gzipped for the theme's alone, most of it Bootstrap the
book never uses) and draws its icons with Font Awesome's 1.4 MB script or 150 KiB webfont. Here
every stylesheet a page would link is joined, in the same order, into ``_static/styles/book.css``,
keeping a rule only when each class and id of one of its selectors is a word of some built page
or script (the test PurgeCSS makes: classes a script adds are words of that script). The icon
webfont is cut down to the glyphs the kept rules name, so the theme's icons look as they did.
"""
from __future__ import annotations

import hashlib
import io
import logging
import os
import re
from pathlib import Path

import tinycss2

BUNDLE = "_static/styles/book.css"
FONTS_DIR = "_static/styles/fonts"
# A selector's classes and ids; inside :not()/:is()/:has() and [attr] they do not decide a match.
_NAME = re.compile(r"[.#](-?[_a-zA-Z][\w-]*)")
_NESTED = re.compile(r"\([^()]*\)|\[[^\]]*\]")
_WORD = re.compile(r"[\w-]+")
# Font Awesome's icons sit in Unicode's private use area, written escaped or as the characters.
_ICON_CODEPOINT = re.compile(r"\\([ef][0-9a-f]{3})\b|([\ue000-\uf8ff])", re.I)
_GROUPING = {"media", "supports", "layer", "container"}
# The theme's icon font, cut to the icons the kept rules name; a text font (the Persian
# edition's Vazirmatn) is shipped whole, since any word may use any of its letters.
ICON_FONT = "Font Awesome"


def words(texts) -> set[str]:
    """Every word (letters, digits, _ and -) of the pages and scripts."""
    found: set[str] = set()
    for text in texts:
        found.update(_WORD.findall(text))
    return found


def _top_level_split(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += char in "([" and 1 or char in ")]" and -1 or 0
        if char == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return parts + [text[start:]]


def may_match(selector: str, used: set[str]) -> bool:
    """Whether every class and id the selector requires is a word of the book."""
    bare = selector
    while _NESTED.search(bare):
        bare = _NESTED.sub("", bare)
    return all(name in used for name in _NAME.findall(bare))


def _rewrite_urls(tokens, source_dir: Path, bundle_dir: Path) -> None:
    """Relative url()s point where they did once the rule moves into the bundle."""
    for token in tokens:
        if token.type == "url" or (token.type == "function" and token.lower_name == "url"):
            target = token if token.type == "url" else next((a for a in token.arguments if a.type == "string"), None)
            if target is None or ":" in target.value or target.value.startswith(("/", "#")):
                continue
            target.value = Path(os.path.relpath(source_dir / target.value, bundle_dir)).as_posix()
            target.representation = f"url({target.value})" if target.type == "url" else f'"{target.value}"'
        elif hasattr(token, "content") and token.content:
            _rewrite_urls(token.content, source_dir, bundle_dir)
        elif hasattr(token, "arguments"):
            _rewrite_urls(token.arguments, source_dir, bundle_dir)


def kept_rules(rules, used: set[str], source: Path, bundle_dir: Path) -> list[str]:
    """The rules of one stylesheet that may apply, serialized; ``@import``s are followed."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _top_level_split(tinycss2.serialize(rule.prelude)) if may_match(s, used)]
            if selectors:
                _rewrite_urls(rule.content, source.parent, bundle_dir)
                kept.append(",".join(s.strip() for s in selectors) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword == "import":
            imported = next(t for t in rule.prelude if t.type in ("string", "url")).value
            kept += stylesheet_rules(source.parent / imported, used, bundle_dir)
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content is not None:
            inner = kept_rules(tinycss2.parse_rule_list(rule.content, True, True), used, source, bundle_dir)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword != "charset":
            _rewrite_urls(rule.content or [], source.parent, bundle_dir)
            kept.append(tinycss2.serialize([rule]))
    return kept


def stylesheet_rules(path: Path, used: set[str], bundle_dir: Path) -> list[str]:
    rules = tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True)
    return kept_rules(rules, used, path, bundle_dir)


def _font_face_parts(rule_text: str) -> tuple[str, str]:
    """A kept ``@font-face`` rule's family and the local file its ``src`` names first."""
    rule = tinycss2.parse_one_rule(rule_text)
    declarations = {d.lower_name: d.value for d in tinycss2.parse_blocks_contents(rule.content)
                    if d.type == "declaration"}
    family = tinycss2.serialize(declarations.get("font-family", [])).strip().strip("\"'").replace("\\ ", " ")
    urls = [t.value if t.type == "url" else next(a.value for a in t.arguments if a.type == "string")
            for t in declarations.get("src", []) if t.type == "url" or (t.type == "function" and t.lower_name == "url")]
    return family, next((u for u in urls if ":" not in u), "")


def subset_font(source: Path, codepoints: set[int], target: Path) -> None:
    """A woff2 of ``source`` holding only ``codepoints`` (a few KiB for a handful of icons)."""
    from fontTools import subset

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # its INFO lines buried the build log
    options = subset.Options()
    options.flavor = "woff2"
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    target.write_bytes(buffer.getvalue())


def with_font_subsets(kept: list[str], outdir: Path) -> list[str]:
    """Drop the ``@font-face`` rules no kept rule uses; cut the icon font to the icons named."""
    others = "".join(r for r in kept if not r.lower().startswith("@font-face"))
    codepoints = {int(escaped, 16) if escaped else ord(char) for escaped, char in _ICON_CODEPOINT.findall(others)}
    bundle_dir = (outdir / BUNDLE).parent
    result = []
    for rule in kept:
        if not rule.lower().startswith("@font-face"):
            result.append(rule)
            continue
        family, src = _font_face_parts(rule)
        if not family or (family not in others and family.replace(" ", "\\ ") not in others):
            continue
        if src and family.startswith(ICON_FONT) and (bundle_dir / src).is_file():
            source = (bundle_dir / src).with_suffix(".ttf")
            target = outdir / FONTS_DIR / (source.stem + ".woff2")
            subset_font(source if source.is_file() else bundle_dir / src, codepoints, target)
            relative = Path(os.path.relpath(target, bundle_dir)).as_posix()
            rule = re.sub(r"src:[^;}]*", f'src:url({relative}) format("woff2")', rule, count=1)
        result.append(rule)
    return result


def write_bundle(outdir: Path, stylesheets: list[str], corpus: list[str]) -> Path:
    """Join ``stylesheets`` (paths relative to ``outdir``, in page order) into the bundle, keeping
    the rules ``corpus`` (the pages' and scripts' text) may use. Skipped when no input changed."""
    outdir = Path(outdir)
    target = outdir / BUNDLE
    sources = [outdir / name for name in stylesheets if (outdir / name).is_file()]
    used = words(corpus)
    key = hashlib.sha256("\0".join(sorted(used)).encode() + b"".join(p.read_bytes() for p in sources)).hexdigest()
    stamp = f"/* made by prisons/book/stylesheet.py from {len(sources)} stylesheets, inputs {key[:16]} */\n"
    if target.is_file() and target.read_text(encoding="utf-8").startswith(stamp) and (outdir / FONTS_DIR).is_dir():
        return target
    kept = [rule for source in sources for rule in stylesheet_rules(source, used, target.parent)]
    target.write_text(stamp + "\n".join(with_font_subsets(kept, outdir)) + "\n", encoding="utf-8")
    return target
