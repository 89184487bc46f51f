"""Fixtures shared by the test modules: the evidence, loaded once per run, the one build of the
book that the build, PDF and browser tests share, and the one browser they all drive."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from helpers import BOOK_STAMP, DATA, ROOT, build

from prisons import paths
from prisons.evidence import Evidence, load_evidence


@pytest.fixture(scope="session")
def evidence() -> Evidence:
    """The real data, validated once for the whole run (tests must not change it)."""
    return load_evidence()


@pytest.fixture(scope="session")
def figures(evidence) -> pd.DataFrame:
    return evidence.figures


@pytest.fixture(scope="session")
def events(evidence) -> pd.DataFrame:
    return evidence.events


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may corrupt."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


@pytest.fixture(scope="session")
def built_book() -> subprocess.CompletedProcess:
    """What `make book` does, into the real _build, once per run: check the data, build both
    editions at once, strictly (flags from prisons.report), and mark the book made so `make book`
    and `make pdf` see it is."""
    check = subprocess.run([sys.executable, "-m", "prisons", "check"], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    result = build(ROOT)
    if result.returncode == 0:
        BOOK_STAMP.touch()
    return result


@pytest.fixture(scope="session")
def book(built_book) -> Path:
    """The built html book; fails, with the build's log, if the build did."""
    assert built_book.returncode == 0, (built_book.stdout + built_book.stderr)[-3000:]
    return BOOK_STAMP.parent


@pytest.fixture(scope="session")
def chromium():
    """The test run's one Chromium (Debian's, driven by Playwright; never downloaded). Playwright's
    synchronous API runs one instance per thread, so every browser test takes this one."""
    from playwright.sync_api import sync_playwright

    from prisons.book.pdf import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=paths.CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
