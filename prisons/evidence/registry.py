"""The archived sources the sources table names: the registry that downloads, fingerprints and the
check read, never a glob of ``sources/`` (a file the table does not name is neither audited nor
published, and the check fails on it)."""
from __future__ import annotations

import csv
from pathlib import Path

from .. import paths


def registered_sources(data_dir: Path = paths.DATA) -> list[Path]:
    """The files sources.csv names, in its order; read without validation (the check validates),
    so that fingerprints can be taken of data that does not yet pass."""
    try:
        with (Path(data_dir) / paths.TABLE_FILES["sources"]).open(encoding="utf-8", newline="") as handle:
            names = [row.get("file") or "" for row in csv.DictReader(handle)]
    except (OSError, UnicodeDecodeError, csv.Error):
        return []
    found = [Path(data_dir) / paths.SOURCES_SUBDIR / name for name in names if name.strip()]
    return [path for path in found if not path.is_symlink()]  # never followed: the check refuses one
