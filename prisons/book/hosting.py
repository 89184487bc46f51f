"""The built book as a static host serves it: a precompressed ``.gz`` and ``.br`` beside each
text file (hosts such as nginx ``gzip_static``/``brotli_static``, Caddy ``precompressed`` or
Netlify send them as they are), and a loopback server that does the same for measurements and tests.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

import brotli

# The types a static host compresses; the rest (PDF, woff2, zip) is compressed already.
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".txt", ".csv", ".bib", ".cff", ".md", ".ipynb"}
GZIP_LEVEL = 6  # what hosts commonly use on the fly; Python's default of 9 would flatter the book
PRECOMPRESSED = {".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0),
                 ".br": lambda data: brotli.compress(data, quality=11)}
NOT_SERVED = {".built", ".buildinfo"}


def text_files(site: Path) -> list[Path]:
    """Every file of the site a host would compress."""
    return sorted(p for p in Path(site).rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES
                  and p.name not in NOT_SERVED)


def precompress(site: Path) -> int:
    """Write ``<file>.gz`` and ``<file>.br`` beside each text file that is newer than them, and
    remove those whose file is gone; return how many were written."""
    written = 0
    for path in text_files(site):
        for suffix, compress in PRECOMPRESSED.items():
            packed = path.with_name(path.name + suffix)
            if not packed.exists() or packed.stat().st_mtime_ns < path.stat().st_mtime_ns:
                packed.write_bytes(compress(path.read_bytes()))
                written += 1
    for suffix in PRECOMPRESSED:
        for packed in Path(site).rglob(f"*{suffix}"):
            if not packed.with_name(packed.name[: -len(suffix)]).is_file():
                packed.unlink()
    return written


def accepts_gzip(header: str) -> bool:
    """Whether an Accept-Encoding header allows gzip (a q of 0 refuses it)."""
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


# What a host should send for each kind of file the book holds, with ``X-Content-Type-Options:
# nosniff``, so that no browser runs a text file (a source under downloads/sources/) as a script.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".json": "application/json", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8", ".bib": "text/plain; charset=utf-8", ".cff": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8", ".ipynb": "application/x-ipynb+json", ".png": "image/png",
    ".pdf": "application/pdf", ".zip": "application/zip", ".woff2": "font/woff2", ".xlsx":
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".sha256": "text/plain; charset=utf-8",
    ".gz": "application/gzip", ".br": "application/octet-stream",
}
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff"}


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder as a careful static host does: each file with its type (``CONTENT_TYPES``)
    and ``nosniff``, nothing logged. With ``gzip`` set, text is gzipped (level 6, as on the fly)
    when the client accepts it; precompressed files are not used, so the figures do not depend on them."""

    gzip = False

    def log_message(self, format, *args):  # noqa: A002 - the signature is the base class's
        pass

    def guess_type(self, path):
        return CONTENT_TYPES.get(Path(str(path)).suffix.lower(), "application/octet-stream")

    def end_headers(self):
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def _target(self) -> Path | None:
        """The file a GET names, with a folder's index.html; None for what the base class handles."""
        url_path = unquote(urlsplit(self.path).path)
        path = Path(self.translate_path(self.path))
        if path.is_dir() and url_path.endswith("/"):
            path = path / "index.html"
        return path if path.is_file() else None

    def send_head(self):
        path = self._target()
        if path is not None and path.is_symlink():  # the site holds none; never follow one out of it
            self.send_error(404)
            return None
        if (not self.gzip or path is None or path.suffix not in TEXT_SUFFIXES
                or not accepts_gzip(self.headers.get("Accept-Encoding", ""))):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


class GzipHandler(StaticHandler):
    gzip = True


@contextmanager
def serve(folder: Path, handler: type[http.server.BaseHTTPRequestHandler] = StaticHandler) -> Iterator[str]:
    """Serve ``folder`` with ``handler`` on a free loopback port; yield its base URL. The one
    loopback server of the project: the PDF printer, the measurements and the browser tests use it."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def serve_gzipped(folder: Path):
    """Serve ``folder`` as a static host that gzips text does."""
    return serve(folder, GzipHandler)
