"""The replication package: one deterministic zip that, unpacked anywhere, checks and rebuilds the
report from its own files; and the note atop every offered notebook that says how to get it."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from prisons import paths, report
from prisons.book import assets, reference, replication, workbook, zips

# What the package must hold for `make check`, `make book` and `make lab` to work without git.
REQUIRED = ("README.md", "Makefile", "requirements.txt", "pyproject.toml", "_config.yml", "_toc.yml", "CITATION.cff",
            "LICENSE", "LICENSE-DATA.md", "prisons/__init__.py", "prisons/cli.py", "prisons/book/static/citations.js",
            "chapters/explore.md", "data/figures.csv", "data/datapackage.json", "_static/print.css",
            ".jupyter/jupyter_server_config.json")


def names(content: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(content)).namelist()


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("replication")
    zipfile.ZipFile(io.BytesIO(replication.package_bytes())).extractall(folder)
    return folder / report.SLUG


def test_the_package_holds_what_a_rebuild_needs_under_one_folder():
    listed = names(replication.package_bytes())
    assert all(name.startswith(f"{report.SLUG}/") for name in listed)
    inside = {name.removeprefix(f"{report.SLUG}/") for name in listed}
    assert set(REQUIRED) <= inside
    archived = {f"data/{paths.SOURCES_SUBDIR}/{p.name}" for p in (paths.DATA / paths.SOURCES_SUBDIR).glob("*.txt")}
    assert len(archived) == 2 and archived <= inside
    assert not [n for n in inside if n.startswith((".venv/", "_build/", ".git/", "tests/", ".jupyter/state/"))
                or "__pycache__" in n]


def test_the_zip_is_the_same_bytes_from_the_same_files(tmp_path):
    first, second = replication.package_bytes(), replication.package_bytes()
    assert first == second
    entries = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert [e.filename for e in entries] == sorted(e.filename for e in entries)
    assert {e.date_time for e in entries} == {zips.FIXED_TIME}
    assert {e.external_attr >> 16 for e in entries} <= {zips.FILE_MODE, zips.EXECUTABLE_MODE}
    # A file's modification time does not reach the zip; its content does.
    copy = tmp_path / "LICENSE"
    copy.write_bytes((paths.ROOT / "LICENSE").read_bytes())
    os.utime(copy, (0, 0))
    once = replication.package_bytes([copy])
    os.utime(copy, (2_000_000_000, 2_000_000_000))
    assert replication.package_bytes([copy]) == once
    copy.write_bytes(b"changed")
    assert replication.package_bytes([copy]) != once


def test_write_leaves_an_unchanged_zip_alone(tmp_path):
    target = replication.write(tmp_path)
    assert target.name == report.REPLICATION_NAME
    os.utime(target, (0, 0))
    replication.write(tmp_path)
    assert target.stat().st_mtime == 0 and target.read_bytes() == replication.package_bytes()


def check_in(folder: Path) -> subprocess.CompletedProcess:
    """`python -m prisons check` run inside ``folder``, importing that folder's package."""
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run([sys.executable, "-m", "prisons", "check"], cwd=folder, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.slow  # a check in a new process, twice (about 5 s of CPU each)
def test_the_unpacked_package_checks_its_own_data(unpacked):
    located = subprocess.run([sys.executable, "-c", "from prisons import paths; print(paths.DATA)"], cwd=unpacked,
                             env={**os.environ, "PYTHONPATH": str(unpacked)}, capture_output=True, text=True)
    assert Path(located.stdout.strip()) == unpacked / "data"
    passed = check_in(unpacked)
    assert passed.returncode == 0, passed.stderr
    assert passed.stdout.startswith("check passed:")


@pytest.mark.slow
def test_the_unpacked_package_fails_its_check_when_its_figures_are_corrupted(unpacked, tmp_path):
    corrupted = tmp_path / report.SLUG
    shutil.copytree(unpacked, corrupted)
    figures = corrupted / "data" / "figures.csv"
    header, first, *rest = figures.read_text(encoding="utf-8").split("\n")
    assert ",4,,,letters," in first  # the first figure's value, 4, in column "value"
    figures.write_text("\n".join([header, first.replace(",4,,,letters,", ",four,,,letters,", 1), *rest]), encoding="utf-8")
    failed = check_in(corrupted)
    assert failed.returncode == 1
    assert "figures.csv" in failed.stderr and "value" in failed.stderr, failed.stderr
    assert "four" in failed.stderr


def test_every_offered_notebook_starts_by_saying_how_to_get_the_package():
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "python3"}},
                "cells": [{"cell_type": "code", "id": "a", "metadata": {}, "source": "1 + 1", "outputs": [],
                           "execution_count": 1}]}
    offered = assets.with_replication_note(notebook, "explore")
    note, *cells = offered["cells"]
    assert cells == notebook["cells"] and offered["metadata"] == notebook["metadata"]
    assert note["cell_type"] == "markdown"
    for words in (report.REPLICATION_NAME, "Cite and reuse", "make book", "pip install --no-deps -r requirements.txt",
                  "pip install --no-deps -e .", "make lab", "chapters/explore.md"):
        assert words in note["source"]


def test_a_persian_notebook_says_it_in_persian_and_where_the_persian_chapter_is():
    note = assets.with_replication_note({"cells": []}, "explore", "fa")["cells"][0]["source"]
    assert "fa/chapters/explore.md" in note and report.REPLICATION_NAME in note and "make lab" in note
    assert "To run" not in note and "بستهٔ بازتولید" in note


def test_cite_and_reuse_links_the_package_in_the_downloads_folder():
    link = reference.replication_link().data
    assert f'href="../downloads/{report.REPLICATION_NAME}" download' in link
    assert "make lab" in link and "make check" in link


def test_one_zip_writer_for_the_three_zips():
    """The offline edition, the replication package and the workbook are written by zips.zip_bytes:
    its bytes depend only on the members (no clock, no file system), with one fixed time."""
    import inspect

    from prisons.book import edition

    members = [("a/b.txt", b"x", False), ("a/run.sh", b"#!/bin/sh\n", True)]
    first = zips.zip_bytes(members)
    assert first == zips.zip_bytes(iter(members))
    entries = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert [(e.filename, e.date_time, e.external_attr >> 16) for e in entries] == [
        ("a/b.txt", zips.FIXED_TIME, zips.FILE_MODE), ("a/run.sh", zips.FIXED_TIME, zips.EXECUTABLE_MODE)]
    for module in (edition, replication, workbook):
        assert "ZipInfo(" not in inspect.getsource(module), module.__name__


def test_the_package_has_its_own_readme(unpacked):
    """Its README says what is in it, the three commands and what is not there; it does not describe
    the repository's tests as if they were there."""
    text = (unpacked / "README.md").read_text(encoding="utf-8")
    assert text == replication.readme() and report.VERSION in text
    for heading in ("## What is in it", "## Three commands", "## What is not here"):
        assert heading in text
    for command in ("make check", "make book", "make lab"):
        assert command in text.split("## Three commands", 1)[1].split("## What is not here", 1)[0]
    present_tense = text.split("## What is not here", 1)[0]
    assert "make test" not in present_tense and "tests/" not in present_tense
    for folder in ("data/", "chapters/", "fa/", "prisons/"):
        assert (unpacked / folder).is_dir() and f"`{folder}`" in text


def test_make_refuses_a_venv_made_in_another_folder(unpacked, tmp_path):
    """A copied folder's .venv would run the original's code: make stops and says what to do."""
    copy = tmp_path / "copy"
    shutil.copytree(unpacked, copy)
    (copy / ".venv").mkdir()
    (copy / ".venv" / ".project-root").write_text(f"{unpacked}\n")
    refused = subprocess.run(["make", "-n", "check"], cwd=copy, capture_output=True, text=True)
    assert refused.returncode != 0
    assert f".venv was made in {unpacked}, not in this folder ({copy})" in refused.stderr
    assert "rm -rf .venv" in refused.stderr


def test_the_version_comes_from_the_citation_record():
    import importlib.metadata

    assert report.VERSION == str(report.record()["version"])
    assert importlib.metadata.version("prisons") == report.VERSION
    assert 'dynamic = ["version"]' in (paths.ROOT / "pyproject.toml").read_text(encoding="utf-8")
