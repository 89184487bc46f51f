"""The whole html book as one zip, to pass from hand to hand and open from disk (issue 17).

``downloads/<ZIP_NAME>`` holds one folder with the built book and a ``SHA256SUMS`` of every file
in it (``sha256sum -c SHA256SUMS`` checks a copy). It holds everything its pages link (both PDF
editions and the replication package among them) but itself, its checksum file and the
precompressed copies.

The zip's own checksum cannot be inside it: the page that showed it would be in the zip, and the
hash would have to cover itself. So ``downloads/<ZIP_NAME>.sha256`` sits beside the zip, and the
published Cite and reuse page shows the sha256 and size in the element ``ZIP_FACTS`` marks; the
copy of that page inside the zip keeps the element's build-time text, which points to the
``.sha256`` file. The zip is the same bytes for the same book: entries sorted, one timestamp (the
release date from CITATION.cff), fixed permissions.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from .. import report
from . import hosting, site, zips

FOLDER = report.ZIP_NAME.removesuffix(".zip")
SUMS = "SHA256SUMS"
ZIP_FACTS = "prisons-zip-facts"
LEFT_OUT = {f"{site.DOWNLOADS_DIR}/{name}" for name in (report.ZIP_NAME, report.ZIP_NAME + ".sha256")}
_FACTS = re.compile(rf'(<span class="{ZIP_FACTS}">)(.*?)(</span>)', re.S)
# A link to the zip or its checksum file, which the copy inside the zip cannot hold.
_TO_ITSELF = re.compile(rf'<a\b[^>]*\bhref="[^"]*/{re.escape(report.ZIP_NAME)}(?:\.sha256)?"[^>]*>(.*?)</a>', re.S)
PLACEHOLDER = "on the published Cite and reuse page, and in {name}.sha256 beside the zip"


def facts_placeholder(lang: str = "en") -> str:
    """The element the Cite and reuse page shows the zip's size and checksum in."""
    from ..i18n import tr

    return f'<span class="{ZIP_FACTS}">{tr(PLACEHOLDER, lang).format(name=report.ZIP_NAME)}</span>'


def page_language(rel: str) -> str:
    """The edition a page of the site belongs to, by its folder."""
    return next((lang for lang, folder in site.EDITION_FOLDERS.items() if folder and rel.startswith(folder)), "en")


def members(html_root: Path) -> list[tuple[str, bytes]]:
    """Every file of the book that goes in the zip, by path inside its folder, in sorted order;
    the zip facts of a page are put back to their build-time text, so the zip never depends on
    itself, and its links to the zip and its checksum, which the copy cannot hold, are plain words."""
    found = []
    for path in sorted(Path(html_root).rglob("*")):
        rel = path.relative_to(html_root).as_posix()
        if not path.is_file() or path.is_symlink() or rel in LEFT_OUT or path.name in hosting.NOT_SERVED or path.suffix in hosting.PRECOMPRESSED:
            continue
        content = path.read_bytes()
        if path.suffix == ".html" and ZIP_FACTS.encode() in content:
            content = _FACTS.sub(lambda m: facts_placeholder(page_language(rel)), content.decode("utf-8"))
            content = _TO_ITSELF.sub(r"\1", content).encode("utf-8")
        found.append((rel, content))
    return found


def sha256sums(files: list[tuple[str, bytes]]) -> bytes:
    """``sha256sum -c`` format: one line per file."""
    return "".join(f"{hashlib.sha256(content).hexdigest()}  {name}\n" for name, content in files).encode()


def write_zip(html_root: Path, target: Path, released: date) -> bytes:
    """The zip's bytes, written to ``target`` when they changed."""
    files = members(html_root)
    files = sorted(files + [(SUMS, sha256sums(files))])
    data = zips.zip_bytes(((f"{FOLDER}/{name}", content, False) for name, content in files), zips.release_time(released))
    if not (target.is_file() and target.read_bytes() == data):
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(data)
        partial.replace(target)
    return data


def show_facts(html_root: Path, size: int, digest: str) -> None:
    """Write the zip's size and sha256 into the published pages that show them."""
    from ..fmt import count, decimal
    from ..i18n import tr

    for page in Path(html_root).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if ZIP_FACTS in text:
            lang = page_language(page.relative_to(html_root).as_posix())
            facts = tr("{megabytes} MB ({bytes} bytes), sha256 <code>{digest}</code>", lang).format(
                megabytes=decimal(size / 1024 / 1024, 1, lang), bytes=count(size, lang), digest=digest)
            shown = _FACTS.sub(lambda m: m[1] + facts + m[3], text)
            if shown != text:
                page.write_text(shown, encoding="utf-8")


def write_edition(html_root: Path) -> None:
    """The zip of the whole site, both editions, and its checksum beside it."""
    target = html_root / site.DOWNLOADS_DIR / report.ZIP_NAME
    released = date.fromisoformat(str(report.record()["date-released"]))
    data = write_zip(html_root, target, released)
    digest = hashlib.sha256(data).hexdigest()
    checksum = target.with_name(target.name + ".sha256")
    line = f"{digest}  {report.ZIP_NAME}\n"
    if not checksum.is_file() or checksum.read_text(encoding="utf-8") != line:
        checksum.write_text(line, encoding="utf-8")
    show_facts(html_root, len(data), digest)
