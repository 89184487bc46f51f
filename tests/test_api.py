"""The package as an analyst uses it (issue 26): the README's example runs as written and
recomputes a number the book shows; each result names the function that computes it; an
unknown chapter is refused in one line that lists the known ones."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

import prisons
from prisons import paths
from prisons.evidence import for_chapter


def readme_example() -> str:
    section = paths.ROOT.joinpath("README.md").read_text(encoding="utf-8").split("## Analyse it yourself", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def test_the_readme_example_runs_as_written_and_recomputes_the_books_number():
    example = readme_example()
    assert len(example.strip().splitlines()) <= 10
    run = subprocess.run([sys.executable, "-c", example], cwd=paths.ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    by_hand, shown, where = run.stdout.splitlines()
    result = prisons.results()["ratio_later"]
    assert by_hand == f"{result.text.removeprefix('around ').split()[0]} times the declared capacity"
    assert shown.startswith(result.text + " = ")
    assert where == "computed in ('prisons.stories.overcrowding._against_capacity', 'prisons/stories/overcrowding.py', " \
        f"{prisons.computed_in('ratio_later')[2]})"


def test_every_computed_result_names_the_line_that_makes_it():
    for name, value in prisons.results().items():
        function, file, line = value.made_in
        assert function.startswith("prisons.stories.") and not function.split(".")[-1].startswith("<"), (name, function)
        assert file.startswith("prisons/stories/") and file != "prisons/stories/base.py", (name, file)
        source = (paths.ROOT / file).read_text(encoding="utf-8").splitlines()
        assert 0 < line <= len(source), (name, line)


def test_an_unknown_result_is_refused_by_name():
    with pytest.raises(KeyError, match="no result named 'x'"):
        prisons.computed_in("x")


def test_an_unknown_chapter_is_refused_in_one_line_listing_the_known_ones():
    with pytest.raises(ValueError) as refused:
        for_chapter("x")
    message = str(refused.value)
    assert "\n" not in message and message.startswith("no chapter named 'x'; the chapters are: ")
    assert all(chapter in message for chapter in paths.CHAPTER_TABLES)


def test_the_entry_points_have_docstrings():
    for name in prisons.__all__:
        assert getattr(prisons, name).__doc__, name
