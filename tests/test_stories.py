"""What every story shares: results that say where they come from, glue names unique across
stories, links to a figure or to its computation, and ids checked against the data."""
from __future__ import annotations

import pytest

from prisons import stories
from prisons.evidence import DataError
from prisons.stories import base, ids


def test_results_are_non_empty_strings(figures, events):
    for story in stories.STORIES:
        values = story.results(figures, events)
        assert values, story.__name__
        for name, value in values.items():
            assert isinstance(value.text, str), (story.__name__, name)
            assert value.text.strip(), (story.__name__, name)
            assert "nan" not in value.text.lower().split(), (story.__name__, name, value.text)


def test_glue_names_unique_across_stories(figures, events):
    # chapters glue several stories together (letters | request); a clash would overwrite a number
    names = [name for story in stories.STORIES for name in story.results(figures, events)]
    assert len(names) == len(set(names))


def test_every_value_says_where_it_comes_from(figures, events):
    """A figure as stated has one input and no 'how'; anything else says how and names real inputs."""
    for name, value in stories.every_value(figures, events).items():
        assert value.inputs, name
        for input_id in value.figures:
            assert input_id in figures.index, (name, input_id)
        for input_id in value.events:
            assert input_id in events.index, (name, input_id)
        if value.how:
            assert value.target(name) == "result-" + name.replace("_", "-")
        else:
            assert len(value.inputs) == 1 and value.target(name) == value.inputs[0], name


def test_value_links_to_its_figure_or_its_computation():
    stated = stories.Value("85,000", ("amnesty-capacity",))
    computed = stories.Value("2.48", ("a", "b"), how="a divided by b")
    assert stated.target("capacity") == "amnesty-capacity"
    assert computed.target("ratio_later") == "result-ratio-later"
    assert base.markdown_link("a_b [c]", "x") == r"[a\_b \[c\]](#x)"


def test_every_value_refuses_a_name_two_stories_use(figures, events, monkeypatch):
    monkeypatch.setattr(stories.deaths, "results",
                        lambda figures, events=None: {"capacity": stories.Value("1", ("amnesty-capacity",))})
    with pytest.raises(ValueError, match="capacity"):
        stories.every_value(figures, events)


def test_figure_and_value(figures):
    assert base.value(figures, "amnesty-capacity") == 85_000.0
    assert isinstance(base.value(figures, "amnesty-capacity"), float)
    with pytest.raises(KeyError, match="no-such-figure"):
        base.figure(figures, "no-such-figure")


def test_the_real_data_holds_every_id_the_stories_read(figures, events):
    assert stories.missing_ids_in(figures, events) == []


def test_an_id_a_story_reads_that_the_data_lacks_is_one_problem_naming_it(figures, events):
    problems = stories.missing_ids_in(figures.drop(index=ids.CAPACITY), events)
    assert [str(p) for p in problems] == [
        "data/figures.csv: row amnesty-capacity: is missing, but prisons.stories.overcrowding reads it",
        "data/figures.csv: row amnesty-capacity: is missing, but prisons.stories.shortfall reads it"]


def test_a_story_refuses_to_compute_from_data_without_its_ids(figures, events):
    with pytest.raises(DataError, match="letter-2020-03-25"):
        stories.letters.results(figures, events.drop(index=ids.REQUEST_LETTER))
