"""The evidence layer: the only code that reads ``data/``.

The data dictionary (``schema``), reading and validation (``read``, ``checks``), the number
audit (``audit``, ``numbers``), dates, qualifiers and the data package. Everything else gets
validated frames from ``load_evidence`` or ``for_chapter``.
"""
from .problems import DataError, Problem
from .read import ChapterData, Evidence, for_chapter, load_evidence

__all__ = ["ChapterData", "DataError", "Evidence", "Problem", "for_chapter", "load_evidence"]
