"""The one way the book writes a zip (the offline edition, the replication package, the workbook):
the same files give the same bytes, whoever builds them and when.

Entries in the order given, one fixed timestamp (``FIXED_TIME`` unless the caller names another
fixed value, such as the release date), permissions reduced to "executable or not", Unix as the
system that made them (so the permissions are read), deflated at level 9.
"""
from __future__ import annotations

import io
import zipfile
from typing import Iterable

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can store: no build time leaks into a zip
FILE_MODE, EXECUTABLE_MODE = 0o644, 0o755


def zip_bytes(members: Iterable[tuple[str, bytes, bool]], date_time: tuple[int, ...] = FIXED_TIME) -> bytes:
    """A zip of ``(name, content, executable)`` members, byte for byte reproducible."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content, executable in members:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = (EXECUTABLE_MODE if executable else FILE_MODE) << 16
            archive.writestr(info, content, compresslevel=9)
    return buffer.getvalue()


def release_time(released) -> tuple[int, ...]:
    """A day as a zip's timestamp (a zip cannot store a year before 1980)."""
    return (released.year, released.month, released.day, 0, 0, 0) if released.year >= 1980 else FIXED_TIME
