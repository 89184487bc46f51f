"""A right-to-left chart's words in their order: the static picture's Persian lines as right-to-left
paragraphs, the PNG's lines one text each (for resvg), and the spec's words placed from the right."""
from __future__ import annotations

import re

# SVG lays a <text> out as a left-to-right paragraph whatever its letters, so a Persian line's
# leading number and closing punctuation land at the wrong end ("... ظرفیت ۱۳" for "۱۳ ژوئن ..."),
# and a line of Persian with a Latin name in it reads its runs in the wrong order. Each Persian
# <text> is made a right-to-left paragraph (``direction="rtl"``), its anchor swapped (start is now
# the right end) so that it stays where Vega placed it, and a right-to-left mark at each end of its
# lines; the interactive chart gets the same from the stylesheet and the loader
# (``book/static/charts.css``, ``charts.js``).
RIGHT_TO_LEFT_MARK = "\u200f"
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_TEXT = re.compile(r"<text([^>]*)>(.*?)</text>", re.DOTALL)
_LINE = re.compile(r"<tspan([^>]*)>([^<]*)</tspan>")
_AT = re.compile(r'transform="translate\(([-\d.e]+),([-\d.e]+)\)"')


def _marked(line: str) -> str:
    return RIGHT_TO_LEFT_MARK + line + RIGHT_TO_LEFT_MARK if ARABIC_SCRIPT.search(line) else line


_ANCHOR = re.compile(r'\stext-anchor="(\w+)"')
_SWAPPED = {"start": "end", "end": "start", "middle": "middle"}


def _right_to_left_paragraph(attributes: str) -> str:
    anchor = _ANCHOR.search(attributes)
    swapped = _SWAPPED[anchor.group(1) if anchor else "start"]
    return f' direction="rtl" text-anchor="{swapped}"' + _ANCHOR.sub("", attributes)


def _marked_text(match: re.Match) -> str:
    attributes, body = match.groups()
    lines = _LINE.findall(body)
    marked = "".join(f"<tspan{a}>{_marked(line)}</tspan>" for a, line in lines) if lines else _marked(body)
    if ARABIC_SCRIPT.search(body):
        attributes = _right_to_left_paragraph(attributes)
    return f"<text{attributes}>{marked}</text>"


def right_to_left(svg_text: str) -> str:
    """The picture with every line of Persian text in right-to-left order."""
    return _TEXT.sub(_marked_text, svg_text)


def _text_per_line(match: re.Match) -> str:
    attributes, body = match.groups()
    lines, at = _LINE.findall(body), _AT.search(attributes)
    if not lines or at is None:  # one line, or rotated: as it is
        return match.group(0)
    x, y, out = at.group(1), float(at.group(2)), []
    for line_attributes, line in lines:
        step = re.search(r'dy="([-\d.e]+)"', line_attributes)
        y += float(step.group(1)) if step else 0
        placed = _AT.sub(f'transform="translate({x},{y:g})"', attributes)
        out.append(f"<text{placed}>{line}</text>")
    return "".join(out)


def one_text_per_line(svg_text: str) -> str:
    """Each line of a multi-line right-to-left <text> as a <text> of its own, for resvg, which draws
    the PNG and would mix the letters of such a text across its lines. (Browsers need no such
    help; the page keeps the lighter picture.)"""
    return _TEXT.sub(_text_per_line, svg_text) if ARABIC_SCRIPT.search(svg_text) else svg_text



def mirrored(node):
    """A right-to-left chart's words and marks placed from the right: a mark at a fixed ``x`` (a
    label's start, the timeline's spine) is as far from the right edge, and left-aligned text is
    right-aligned. The axes keep their direction: a bar still grows from zero on the left."""
    if isinstance(node, list):
        return [mirrored(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: mirrored(value) for key, value in node.items()}
    x = (node.get("encoding") or {}).get("x")
    if "mark" in node and isinstance(x, dict) and set(x) == {"value"} and isinstance(x["value"], (int, float)):
        node["encoding"] = {**node["encoding"], "x": {"value": {"expr": f"width - {x['value']}"}}}
        mark = node["mark"] if isinstance(node["mark"], dict) else {"type": node["mark"]}
        if mark.get("type") == "text" and mark.get("align", "left") == "left":
            node["mark"] = {**mark, "align": "right"}
    return node


_PARAGRAPH = re.compile(r' direction="rtl" text-anchor="(\w+)"')


def left_to_right_anchors(svg_text: str) -> str:
    """The picture as resvg (the PNG's renderer) places it: resvg keeps a start anchor at the left
    even in a right-to-left paragraph, so each Persian text gets its anchor as Vega placed it back."""
    return _PARAGRAPH.sub(lambda m: f' text-anchor="{_SWAPPED[m.group(1)]}"', svg_text)
