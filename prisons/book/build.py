"""``make book``: both editions built side by side, then put together as one site.

Each edition is a jupyter-book (Sphinx) build of its own, which executes its chapters one after
the other, each in a kernel that mostly waits on the build and the build on it: run at once, the
two builds keep both cores of a two-core machine busy, and the clean build takes little more than
the longer of the two. Then, once both are done (``assemble``), the English site takes in the
Persian edition, is zipped to be passed along, and is precompressed for static hosts.
"""
from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from .. import paths, report
from . import edition, editions, hosting

JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
EDITIONS = ("fa", "en")  # both built at once; the English site then takes in the Persian one (assemble)
EDITION_NAMES = {"en": "English", "fa": "Persian"}


def command(lang: str) -> list[str]:
    """The strict jupyter-book build of one edition, run from the project's root."""
    where = ["."] if lang == "en" else [paths.relative(paths.FA), "--path-output", paths.relative(paths.FA_BUILD)]
    return [str(JUPYTER_BOOK), "build", *where, *report.BUILD_FLAGS]


def assemble(html_root: Path = paths.HTML) -> None:
    """One site for both editions, as the zip and a host serve it."""
    editions.copy_persian_edition(html_root)
    edition.write_edition(html_root)
    hosting.precompress(html_root)


def _relay(stream, prefix: str, lock: threading.Lock) -> None:
    for line in stream:
        with lock:
            sys.stdout.write(prefix + line)
            sys.stdout.flush()


def build(langs: tuple[str, ...] = EDITIONS) -> int:
    """Build ``langs`` at once, each line of their logs marked with its edition; assemble the site
    if the English edition is among them and every build succeeded. Returns the exit status."""
    lock = threading.Lock()
    running = {}
    for lang in langs:
        running[lang] = subprocess.Popen(command(lang), cwd=paths.ROOT, stdout=subprocess.PIPE,
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
    if failed:
        return 1
    if "en" in langs:
        assemble()
    return 0
