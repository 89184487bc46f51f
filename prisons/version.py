"""The report's version, read from CITATION.cff with the standard library alone and no import of the
package: pyproject.toml takes the package's version from here (``prisons.version.VERSION``) while
the package is being installed, when nothing else of it can be imported yet."""
from __future__ import annotations

import re
from pathlib import Path

CITATION = Path(__file__).resolve().parent.parent / "CITATION.cff"  # as prisons.paths.CITATION
# No version found: one nothing can mistake for a release, so that the check, not this import, says
# what is wrong with the record (``report.record_problems``).
UNKNOWN_VERSION = "0+unknown"


def version(path: Path = CITATION) -> str:
    """The ``version:`` line of CITATION.cff (read without YAML)."""
    found = re.search(r'^version:\s*["\']?([^"\'\s#]+)', Path(path).read_text(encoding="utf-8"), re.MULTILINE)
    return found.group(1) if found else UNKNOWN_VERSION


VERSION = version()
