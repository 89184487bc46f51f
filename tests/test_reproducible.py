"""Byte-reproducible builds (issue 26): what made two builds of the same files differ is gone.
The explorers' ipywidgets state (random model ids, and so a different policy hash each build) is
not in the Explore page, which loads no widget code; the offered notebook numbers its model ids in
order, so the same chapter gives the same notebook."""
from __future__ import annotations

import json
import re
import uuid

import pytest

from prisons.book import assets, site

MODEL_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")


def notebook_with_widgets(ids: list[str]) -> str:
    state = {i: {"model_name": "IntSliderModel", "state": {"layout": f"IPY_MODEL_{ids[-1]}"}} for i in ids}
    outputs = [{"output_type": "display_data", "data": {"application/vnd.jupyter.widget-view+json": {"model_id": i}}}
               for i in ids[:1]]
    return json.dumps({"metadata": {"widgets": {"application/vnd.jupyter.widget-state+json": {"state": state}}},
                       "cells": [{"cell_type": "code", "source": "x", "outputs": outputs,
                                  "metadata": {"sha": "0123456789abcdef0123456789abcdef"}}]})


def test_two_runs_with_different_model_ids_give_the_same_notebook():
    first = assets.stable_widget_ids(notebook_with_widgets([uuid.uuid4().hex for _ in range(3)]))
    second = assets.stable_widget_ids(notebook_with_widgets([uuid.uuid4().hex for _ in range(3)]))
    assert first == second
    loaded = json.loads(first)
    view = loaded["cells"][0]["outputs"][0]["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
    assert view in loaded["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert loaded["cells"][0]["metadata"]["sha"] == "0123456789abcdef0123456789abcdef"  # not a model id: kept


@pytest.mark.slow
def test_the_built_explore_page_and_notebook_hold_no_random_model_id(book):
    page = (book / site.CHAPTERS_FOLDER / "explore.html").read_text(encoding="utf-8")
    assert "widget-state+json" not in page
    assert "model_id" not in page and "IPY_MODEL_" not in page  # (the charts' data names are content hashes)
    notebook = json.loads((book / "_sources" / site.CHAPTERS_FOLDER / "explore.ipynb").read_text(encoding="utf-8"))
    state = notebook["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert state and sorted(state) == [f"{i:032x}" for i in range(1, len(state) + 1)]
