"""Fixtures shared by the test modules."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import DATA


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may corrupt."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy
