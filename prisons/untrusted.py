"""Every input is data: the rules for text that comes from a file (a data cell, a translation, the
citation record, the book's settings) before any of it reaches a reader.

Such text reaches MyST and HTML only as text, escaped where it lands (``fmt.escape_markdown`` for
MyST, ``markupsafe.escape`` for HTML), and these rules keep out of the files what escaping cannot
make honest:

- Invisible format characters (Unicode category Cf: bidi overrides and isolates, zero-width spaces,
  the byte-order mark): they change how a line or a number reads without showing. The one exception
  is the zero-width non-joiner between two Persian letters, where Persian spelling needs it. A
  verbatim quote keeps what its source holds, and the page shows each such character as a visible
  marker (``shown``).
- Digits and spaces that make a number read differently from its value: a digit other than ASCII
  (and, in Persian, the Persian digits), a run of digits mixing the two, a space other than the plain
  one (a no-break or thin space inside "211 000").
- A translation carries only the markup its English carries (the same tags, links, code and
  ``{fields}``), never a directive, role or fence of its own: MyST reads the Markdown the code writes.
- YAML is read without aliases or tags and under a size limit (an alias bomb of 1.7 KB would expand
  to gigabytes).
"""
from __future__ import annotations

import re
import string
import unicodedata
from pathlib import Path

ZWNJ = "\u200c"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
YAML_LIMIT = 512 * 1024  # bytes; the largest YAML file the project reads (fa/strings.yml) is a tenth of it


class UntrustedInput(ValueError):
    """A file holds what no reader should receive; the message is one line naming the file."""


def _persian_letter(char: str) -> bool:
    return bool(char) and unicodedata.category(char).startswith("L") and (
        "\u0600" <= char <= "\u06ff" or "\ufb50" <= char <= "\ufdff" or "\ufe70" <= char <= "\ufeff")


def invisible(text: str) -> list[int]:
    """The positions of every format character (Cf) in ``text`` but a ZWNJ between Persian letters."""
    return [i for i, char in enumerate(text) if unicodedata.category(char) == "Cf"
            and not (char == ZWNJ and _persian_letter(text[i - 1:i]) and _persian_letter(text[i + 1:i + 2]))]


def marker(char: str) -> str:
    return f"⟨U+{ord(char):04X}⟩"


def shown(text: str) -> str:
    """``text`` with each invisible format character shown as a marker (⟨U+202E⟩), never silently."""
    positions = set(invisible(text))
    if not positions:
        return text
    return "".join(marker(char) if i in positions else char for i, char in enumerate(text))


def _describe(char: str) -> str:
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed')})"


def invisible_problem(text: str) -> str | None:
    """Why ``text`` may not reach a reader as it is, or None."""
    found = invisible(text)
    if found:
        return (f"contains invisible format character {_describe(text[found[0]])} at character {found[0] + 1}; "
                "it changes how the text reads without showing (only a ZWNJ between Persian letters is allowed)")
    return None


_DIGIT_RUN = re.compile(r"\d(?:[\d,.٬٫]*\d)?")


def number_problem(text: str, persian: bool = False) -> str | None:
    """A digit or space that would make a number read differently from its value, or None."""
    allowed = "0123456789" + (PERSIAN_DIGITS if persian else "")
    for i, char in enumerate(text):
        category = unicodedata.category(char)
        if category == "Nd" and char not in allowed:
            return (f"contains digit {_describe(char)} at character {i + 1}; write "
                    + ("ASCII or Persian digits" if persian else "ASCII digits"))
        if category in ("Zs", "Zl", "Zp") and char != " ":
            return f"contains space {_describe(char)} at character {i + 1}; write a plain space"
    for run in _DIGIT_RUN.finditer(text):
        digits = set(run.group())
        if digits & set("0123456789") and digits & set(PERSIAN_DIGITS):
            return f"mixes ASCII and Persian digits in {run.group()!r} at character {run.start() + 1}"
    return None


# What a translation may carry only when its English does: tags, links' targets, code spans, format
# fields. What it may never carry: a fence (``` ~~~ :::), a role or directive name ({name}`), a
# target line ((label)=), a line break that would start a block of its own.
_MARKUP = re.compile(r"<[^<>]*>?|\]\([^)]*\)?|`+[^`]*`*")
_NEVER = re.compile(r"```|~~~|:::|\{[A-Za-z][\w:.-]*\}`|^\s*\([^)]*\)=|^\s*\.\. |\{\{|\}\}", re.MULTILINE)


def _fields(text: str) -> set[str] | None:
    try:
        return {f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
                for _, name, spec, conversion in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def translation_problem(english: str, persian: str) -> str | None:
    """Why ``persian`` may not stand for ``english`` in the Persian edition, or None: the markup and
    the ``{fields}`` it carries must be the English's own."""
    if not isinstance(persian, str):
        return f"is not text ({type(persian).__name__})"
    for why in (invisible_problem(persian), number_problem(persian, persian=True)):
        if why:
            return why
    never = _NEVER.search(persian)
    if never and not _NEVER.search(english):
        return f"holds directive or role syntax {never.group().strip()!r}; a translation carries only its English's markup"
    extra = set(_MARKUP.findall(persian)) - set(_MARKUP.findall(english))
    if extra:
        return f"holds markup {sorted(extra)[0][:40]!r} that its English does not; a translation carries only its English's markup"
    if "\n" in persian.strip() and "\n" not in english.strip():
        return "breaks the line, which its English does not (a new line may start a block of its own)"
    fields, english_fields = _fields(persian), _fields(english)
    if fields is None or (english_fields is not None and fields - english_fields):
        return (f"has format fields {sorted(fields - english_fields) if fields is not None else 'that do not parse'}"
                " that its English does not")
    return None


def read_yaml(path: Path, label: str | None = None):
    """A YAML file's content, refused with one line (``UntrustedInput``) when it is over the size
    limit, or uses an alias, anchor or tag (none of the project's files needs one)."""
    import yaml

    label = label or str(path)
    data = Path(path).read_bytes()
    if len(data) > YAML_LIMIT:
        raise UntrustedInput(f"{label}: is {len(data):,} bytes, over the {YAML_LIMIT:,} a YAML file of the project may have")
    try:
        text = data.decode("utf-8")
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.AliasToken, yaml.AnchorToken, yaml.TagToken)):
                kind = type(token).__name__.removesuffix("Token").lower()
                raise UntrustedInput(f"{label}: line {token.start_mark.line + 1}: uses a YAML {kind}; write each value out")
        return yaml.safe_load(text)
    except UnicodeDecodeError as error:
        raise UntrustedInput(f"{label}: is not UTF-8 ({error.reason} at byte {error.start})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise UntrustedInput(f"{label}: {where}is not valid YAML ({getattr(error, 'problem', None) or error})") from None


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>$|#{}&])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text) -> str:
    """Text with each control character (NUL and the rest) shown as U+FFFD, as a browser would, and
    each invisible format character as a visible marker (⟨U+202E⟩: a verbatim quote keeps what its
    source has, never silently), so a page, its PDF and its notebook all hold the same visible text."""
    return shown(_CONTROL.sub("\ufffd", str(text)))


def escape_markdown(text: str) -> str:
    """Text shown as written, on one line: no Markdown, roles, entities or maths read into it."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", printable(" ".join(str(text).split())))
