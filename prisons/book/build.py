"""``make book``: both editions built side by side, printed, then put together as one site.

Each edition is a jupyter-book (Sphinx) build of its own, which executes its chapters one after
the other, each in a kernel that mostly waits on the build and the build on it: run at once, the
two builds keep both cores of a two-core machine busy, and the clean build takes little more than
the longer of the two. Then, once both are done, the English site takes in the Persian edition;
each edition's singlehtml build (from the same cache) is printed to its PDF, which every page
links; and only then (``assemble``) is the site zipped to be passed along, so the zip holds the
PDFs its pages link, and precompressed for static hosts.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

from .. import paths, report
from . import edition, editions, hosting, pdf, site

JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
EDITIONS = ("fa", "en")  # both built at once; the English site then takes in the Persian one (assemble)
EDITION_NAMES = {"en": "English", "fa": "Persian"}
PERSIAN = "fa"
# Where each edition's singlehtml build (the PDF's source) is written.
SINGLEHTML = {"en": paths.SINGLEHTML, PERSIAN: paths.FA_BUILD / "_build" / "singlehtml"}


def command(lang: str, builder: str = "html") -> list[str]:
    """The strict jupyter-book build of one edition, run from the project's root."""
    where = ["."] if lang == "en" else [paths.relative(paths.FA), "--path-output", paths.relative(paths.FA_BUILD)]
    return [str(JUPYTER_BOOK), "build", *where, *(["--builder", builder] if builder != "html" else []),
            *report.BUILD_FLAGS]


def print_editions(html_root: Path = paths.HTML) -> int:
    """Each edition's singlehtml build printed to its PDF, copied into that edition's downloads; a
    PDF newer than the page it was printed from is only copied."""
    for lang in EDITIONS:
        target = paths.BUILD / "pdf" / report.PDF_NAMES[lang]
        downloads = html_root / site.EDITION_FOLDERS[lang] / site.DOWNLOADS_DIR
        page = SINGLEHTML[lang] / "index.html"
        if target.is_file() and page.is_file() and target.stat().st_mtime_ns > page.stat().st_mtime_ns:
            downloads.mkdir(parents=True, exist_ok=True)
            shutil.copy2(target, downloads / target.name)
            print(f"[{lang}] pdf up to date: {paths.relative(target)}")
            continue
        try:
            printed = pdf.make_pdf(SINGLEHTML[lang], target, downloads)
        except pdf.PrintError as error:
            print(f"pdf failed: the {EDITION_NAMES[lang]} edition: {error}", file=sys.stderr)
            return 1
        print(f"[{lang}] {pdf.summary(printed)}")
    return 0


def assemble(html_root: Path = paths.HTML) -> None:
    """One site for both editions, as the zip and a host serve it."""
    edition.write_edition(html_root)
    hosting.precompress(html_root)


def _relay(stream, prefix: str, lock: threading.Lock) -> None:
    for line in stream:
        with lock:
            sys.stdout.write(prefix + line)
            sys.stdout.flush()


def run_at_once(langs: tuple[str, ...], builder: str = "html") -> int:
    """Build ``langs`` at once, each line of their logs marked with its edition; name each that failed.
    Returns the exit status."""
    lock = threading.Lock()
    running = {}
    for lang in langs:
        running[lang] = subprocess.Popen(command(lang, builder), cwd=paths.ROOT, stdout=subprocess.PIPE,
                                         stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace")
    relays = [threading.Thread(target=_relay, args=(process.stdout, f"[{lang}] " if len(langs) > 1 else "", lock))
              for lang, process in running.items()]
    for relay in relays:
        relay.start()
    for relay in relays:
        relay.join()
    failed = [lang for lang, process in running.items() if process.wait() != 0]
    for lang in failed:
        marked = f", its lines marked [{lang}]" if len(langs) > 1 else ""
        print(f"build failed: the {EDITION_NAMES[lang]} edition (its log is above{marked})", file=sys.stderr)
    return 1 if failed else 0


def build(langs: tuple[str, ...] = EDITIONS, with_pdf: bool = True) -> int:
    """``make book``: the html builds of ``langs``; when both editions are built, their PDFs too
    (unless ``with_pdf`` is false); then, if the English edition is among them, the site put together.
    Returns the exit status."""
    if run_at_once(langs):
        return 1
    if "en" not in langs:
        return 0
    editions.copy_persian_edition(paths.HTML)
    if with_pdf and set(langs) == set(EDITIONS) and (run_at_once(langs, "singlehtml") or print_editions()):
        return 1
    assemble()
    return 0
